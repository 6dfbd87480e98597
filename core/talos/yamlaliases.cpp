#include "talos/yamlaliases.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>

namespace Nbc::Talos {

namespace {

// Reads the event stream only: no node is built, so nothing is expanded.
class Screen : public YAML::EventHandler
{
public:
    YamlRefusal refusal;

    void OnDocumentStart(const YAML::Mark &mark) override
    {
        // Every real document begins past the one before it; one that begins where the
        // last one did is the parser going round on a token it cannot place.
        if (m_documents++ > 0 && mark.pos == m_lastStart && !refusal)
            refusal = {YamlRefusal::Kind::Stuck, mark.line + 1};
        m_lastStart = mark.pos;
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t) override
    {
        if (!refusal)
            refusal = {YamlRefusal::Kind::Alias, mark.line + 1};
    }
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override {}
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}

private:
    int m_documents = 0;
    int m_lastStart = -1;
};

} // namespace

YamlRefusal refusalBeforeLoading(const QByteArray &yaml)
{
    std::istringstream stream(yaml.toStdString());
    Screen screen;
    try {
        YAML::Parser parser(stream);
        while (!screen.refusal && parser.HandleNextDocument(screen)) {
        }
    } catch (const YAML::Exception &) {
        // Not YAML: the loader says where; a refusal before the error still stands.
    }
    return screen.refusal;
}

} // namespace Nbc::Talos
