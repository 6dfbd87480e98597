#include "talos/yamlaliases.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>

namespace Nbc::Talos {

namespace {

// Reads the event stream only: no node is built, so nothing is expanded.
class AliasFinder : public YAML::EventHandler
{
public:
    int line = 0;

    void OnDocumentStart(const YAML::Mark &) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t) override
    {
        if (line == 0)
            line = mark.line + 1;
    }
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override {}
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

} // namespace

int firstAliasLine(const QByteArray &yaml)
{
    std::istringstream stream(yaml.toStdString());
    AliasFinder finder;
    try {
        YAML::Parser parser(stream);
        while (finder.line == 0 && parser.HandleNextDocument(finder)) {
        }
    } catch (const YAML::Exception &) {
        // Not YAML: the loader says where; an alias before the error is still found.
    }
    return finder.line;
}

} // namespace Nbc::Talos
