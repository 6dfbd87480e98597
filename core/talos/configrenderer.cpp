#include "talos/configrenderer.h"

#include "boot/kernelargs.h"

#include "talos/yamlaliases.h"

#include "talos/yamlwriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>

#include <algorithm>

namespace Nbc::Talos {

namespace {

const char *const kPatchKey = "$patch";

std::string text(const YAML::Node &map, const char *key)
{
    if (!map.IsMap())
        return {};
    const YAML::Node child = map[key];
    return child.IsDefined() && child.IsScalar() ? child.Scalar() : std::string();
}

bool isDelete(const YAML::Node &node)
{
    return node.IsMap() && text(node, kPatchKey) == "delete";
}

bool hasKey(const YAML::Node &map, const std::string &key)
{
    if (!map.IsMap())
        return false;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == key)
            return true;
    }
    return false;
}

// A copy of a patch value with its `$patch` directives removed, for places with nothing
// to merge into.
YAML::Node stripDirectives(const YAML::Node &node)
{
    if (node.IsMap()) {
        YAML::Node out(YAML::NodeType::Map);
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (it->first.IsScalar() && it->first.Scalar() == kPatchKey)
                continue;
            if (isDelete(it->second))
                continue;
            out[YAML::Clone(it->first)] = stripDirectives(it->second);
        }
        return out;
    }
    if (node.IsSequence()) {
        YAML::Node out(YAML::NodeType::Sequence);
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (!isDelete(*it))
                out.push_back(stripDirectives(*it));
        }
        return out;
    }
    return YAML::Clone(node);
}

enum class ListRule { Append, Replace, MergeByKey };

struct ListMerge {
    ListRule rule = ListRule::Append;
    QList<const char *> keys;         // MergeByKey: item fields that identify an item
};

ListMerge listRuleFor(const std::string &key)
{
    if (key == "podSubnets" || key == "serviceSubnets")
        return {ListRule::Replace, {}};
    if (key == "interfaces")
        return {ListRule::MergeByKey, {"interface", "deviceSelector"}};
    if (key == "vlans")
        return {ListRule::MergeByKey, {"vlanId"}};
    // By name, so a patch adjusts the generated PodSecurity plugin instead of adding a
    // second one the API server would refuse.
    if (key == "admissionControl")
        return {ListRule::MergeByKey, {"name"}};
    return {};
}

void mergeMap(YAML::Node target, const YAML::Node &patch);

void mergeList(YAML::Node target, const YAML::Node &patch, const ListMerge &rule)
{
    if (rule.rule == ListRule::Replace) {
        target = stripDirectives(patch);
        return;
    }
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        const YAML::Node item = *it;
        if (rule.rule == ListRule::MergeByKey && item.IsMap()) {
            bool matched = false;
            for (std::size_t i = 0; i < target.size() && !matched; ++i) {
                YAML::Node existing = target[i];
                const YAML::Node &lookup = existing;     // const: a lookup must not add keys
                for (const char *key : rule.keys) {
                    const YAML::Node a = item[key];
                    const YAML::Node b = lookup.IsMap() ? lookup[key] : YAML::Node();
                    if (a.IsDefined() && !a.IsNull() && b.IsDefined() && YamlWriter::sameTree(a, b)) {
                        matched = true;
                        if (isDelete(item))
                            target.remove(i);
                        else
                            mergeMap(existing, item);
                        break;
                    }
                }
            }
            if (matched || isDelete(item))
                continue;
        }
        target.push_back(stripDirectives(item));
    }
}

void mergeMap(YAML::Node target, const YAML::Node &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (!it->first.IsScalar())
            continue;
        const std::string key = it->first.Scalar();
        const YAML::Node value = it->second;
        if (key == kPatchKey)
            continue;
        if (isDelete(value)) {
            target.remove(key);
            continue;
        }
        if (!hasKey(target, key)) {
            target[YAML::Clone(it->first)] = stripDirectives(value);
            continue;
        }
        if (value.IsNull())
            continue;                 // an empty patch value changes nothing
        YAML::Node current = target[key];
        if (value.IsMap() && current.IsMap() && key != "auditPolicy") {
            mergeMap(current, value);
        } else if (value.IsSequence() && current.IsSequence()) {
            mergeList(current, value, listRuleFor(key));
        } else {
            target[key] = stripDirectives(value);
        }
    }
}

bool isV1alpha1(const YAML::Node &doc)
{
    return doc.IsMap() && !hasKey(doc, "kind");
}

bool sameDocument(const YAML::Node &a, const YAML::Node &b)
{
    if (isV1alpha1(a) || isV1alpha1(b))
        return isV1alpha1(a) && isV1alpha1(b);
    return text(a, "kind") == text(b, "kind") && text(a, "name") == text(b, "name")
        && (text(a, "apiVersion") == text(b, "apiVersion") || text(b, "apiVersion").empty());
}

// The v1alpha1 section at `path`, created as maps where missing.
YAML::Node section(YAML::Node doc, std::initializer_list<const char *> path)
{
    YAML::Node node = doc;
    for (const char *key : path) {
        if (!hasKey(node, key) || !node[key].IsMap())
            node[key] = YAML::Node(YAML::NodeType::Map);
        // reset(), not '=': assigning a yaml-cpp handle overwrites the node it points to.
        node.reset(node[key]);
    }
    return node;
}

YAML::Node *findDocument(std::vector<YAML::Node> &docs, const char *kind, const std::string &name = {})
{
    for (YAML::Node &doc : docs) {
        if (doc.IsMap() && text(doc, "kind") == kind && (name.empty() || text(doc, "name") == name))
            return &doc;
    }
    return nullptr;
}

void setHostname(std::vector<YAML::Node> &docs, const QString &hostname)
{
    YAML::Node v1 = docs.front();
    // Talos 1.12+ refuses a hostname in both places (reference §8.4): put it where the
    // config already keeps it, the way Talos's own static-hostname patch writes it
    // (`auto: off` + `hostname`; `auto: stable` next to a hostname is refused).
    if (YAML::Node *doc = findDocument(docs, "HostnameConfig")) {
        (*doc)["auto"] = YamlWriter::stringNode(QStringLiteral("off"));
        (*doc)["hostname"] = YamlWriter::stringNode(hostname);
        if (hasKey(v1, "machine") && hasKey(v1["machine"], "network") && v1["machine"]["network"].IsMap())
            v1["machine"]["network"].remove("hostname");
        return;
    }
    section(v1, {"machine", "network"})["hostname"] = YamlWriter::stringNode(hostname);
}

// The CEL selector Talos 1.14 matches the install disk with: by its path, or for a
// /dev/disk/by-* link by the disk's symlinks (such a link is never a dev_path).
QString diskSelectorFor(const QString &disk)
{
    QString quoted = disk;
    quoted.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    if (disk.startsWith(QLatin1String("/dev/disk/")))
        return QStringLiteral("\"%1\" in disk.symlinks").arg(quoted);
    return QStringLiteral("disk.dev_path == \"%1\"").arg(quoted);
}

void setInstallDisk(std::vector<YAML::Node> &docs, const QString &disk)
{
    // Talos 1.14 (reference §8.4): with an UnattendedInstallConfig the disk goes in its
    // selector, and any machine.install next to it is refused.
    if (YAML::Node *doc = findDocument(docs, "UnattendedInstallConfig")) {
        YAML::Node selector = section(*doc, {"provisioning", "diskSelector"});
        selector["match"] = YamlWriter::stringNode(diskSelectorFor(disk));
        YAML::Node v1 = docs.front();
        if (hasKey(v1, "machine") && v1["machine"].IsMap())
            v1["machine"].remove("install");
        return;
    }
    YAML::Node install = section(docs.front(), {"machine", "install"});
    // The machine's own disk wins over a selector shared by every machine of the config.
    install.remove("diskSelector");
    install["disk"] = YamlWriter::stringNode(disk);
}

// Reference §3.1/§3.2: a KmsgLogConfig document (kernel and [talos] lines, kept in STATE
// so they survive install) and a machine.logging destination (service logs).
void injectLogging(std::vector<YAML::Node> &docs, const QString &url, bool kmsgSupported)
{
    if (kmsgSupported) {
        const std::string name = ConfigRenderer::logConfigName().toStdString();
        if (YAML::Node *doc = findDocument(docs, "KmsgLogConfig", name)) {
            (*doc)["url"] = YamlWriter::stringNode(url);
        } else {
            YAML::Node added(YAML::NodeType::Map);
            added["apiVersion"] = YamlWriter::stringNode(QStringLiteral("v1alpha1"));
            added["kind"] = YamlWriter::stringNode(QStringLiteral("KmsgLogConfig"));
            added["name"] = YamlWriter::stringNode(ConfigRenderer::logConfigName());
            added["url"] = YamlWriter::stringNode(url);
            docs.push_back(added);
        }
    }
    YAML::Node logging = section(docs.front(), {"machine", "logging"});
    if (!hasKey(logging, "destinations") || !logging["destinations"].IsSequence())
        logging["destinations"] = YAML::Node(YAML::NodeType::Sequence);
    YAML::Node destinations = logging["destinations"];
    for (auto it = destinations.begin(); it != destinations.end(); ++it) {
        if (text(*it, "endpoint") == url.toStdString())
            return;
    }
    YAML::Node entry(YAML::NodeType::Map);
    entry["endpoint"] = YamlWriter::stringNode(url);
    entry["format"] = YamlWriter::stringNode(QStringLiteral("json_lines"));
    destinations.push_back(entry);
}

bool versionAtLeast(const QString &version, int major, int minor)
{
    const QStringList parts = version.split(u'.');
    if (parts.size() < 2)
        return true;                  // unknown: assume a current Talos
    const int ma = parts.at(0).toInt();
    const int mi = parts.at(1).toInt();
    return ma > major || (ma == major && mi >= minor);
}

std::vector<YAML::Node> cloneAll(const std::vector<YAML::Node> &docs)
{
    std::vector<YAML::Node> out;
    out.reserve(docs.size());
    for (const YAML::Node &doc : docs)
        out.push_back(YAML::Clone(doc));
    return out;
}

} // namespace

ConfigFiles ConfigFiles::read(const QString &configPath, const QStringList &patchPaths)
{
    ConfigFiles files;
    QFile file(configPath);
    if (!file.open(QIODevice::ReadOnly)) {
        files.problem = Problem::ConfigUnreadable;
        files.file = configPath;
        return files;
    }
    if (file.size() > kMaxSize) {
        files.problem = Problem::ConfigTooLarge;
        files.file = configPath;
        return files;
    }
    files.config = file.readAll();
    for (const QString &patchPath : patchPaths) {
        QFile patch(patchPath);
        if (!patch.open(QIODevice::ReadOnly) || patch.size() > kMaxSize) {
            files.problem = Problem::PatchUnreadable;
            files.file = patchPath;
            files.patches.clear();
            return files;
        }
        files.patches.append(patch.readAll());
    }
    return files;
}

QString RenderResult::errorText(const QString &fileName) const
{
    QStringList lines;
    for (const ConfigProblem &p : problems) {
        if (p.isError())
            lines.append(p.toString(fileName));
    }
    return lines.join(u'\n');
}

void ConfigRenderer::applyPatch(std::vector<YAML::Node> &documents, const std::vector<YAML::Node> &patch)
{
    for (const YAML::Node &piece : patch) {
        if (!piece.IsMap())
            continue;
        auto match = std::find_if(documents.begin(), documents.end(),
                                  [&](const YAML::Node &doc) { return sameDocument(doc, piece); });
        if (match == documents.end()) {
            if (!isDelete(piece))
                documents.push_back(stripDirectives(piece));
            continue;
        }
        if (isDelete(piece) && !isV1alpha1(*match)) {
            // Rebuilt rather than erase(): shifting yaml-cpp handles assigns through them.
            std::vector<YAML::Node> kept;
            for (auto it = documents.begin(); it != documents.end(); ++it) {
                if (it != match)
                    kept.push_back(*it);
            }
            documents.swap(kept);
            continue;
        }
        mergeMap(*match, piece);
    }
}

QByteArray ConfigRenderer::normalize(const QByteArray &source)
{
    const MachineConfig config = MachineConfig::parse(source);
    if (!config.parsed())
        return {};
    try {
        return YamlWriter::write(config.documents());
    } catch (const YAML::Exception &) {
        return {};
    }
}

QList<ConfigProblem> ConfigRenderer::checkMachineValues(const QString &hostname, const QString &installDisk)
{
    QList<ConfigProblem> problems;
    auto add = [&problems](const QString &message) {
        ConfigProblem p;
        p.message = message;
        problems.append(p);
    };
    // Talos refuses a hostname that is not a DNS name.
    static const QRegularExpression dnsName(QStringLiteral(
        "^(?=.{1,253}$)[A-Za-z0-9](?:[-A-Za-z0-9]{0,61}[A-Za-z0-9])?"
        "(?:\\.[A-Za-z0-9](?:[-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$"));
    if (!hostname.isEmpty() && !dnsName.match(hostname).hasMatch())
        add(tr("the hostname '%1' is not a valid host name: use letters, digits and '-' (e.g. worker-1)")
                .arg(hostname));
    if (!installDisk.isEmpty() && !installDisk.startsWith(u'/'))
        add(tr("the install disk '%1' is not a device path: write it like /dev/sda or /dev/disk/by-id/...")
                .arg(installDisk));
    return problems;
}

RenderResult ConfigRenderer::render(const QByteArray &source, const RenderInput &input,
                                    const QString &sourceName)
{
    RenderResult result;
    auto fail = [&](int line, const QString &message) {
        ConfigProblem p;
        p.line = line;
        p.message = message;
        result.problems.append(p);
        return result;
    };

    const MachineConfig config = MachineConfig::parse(source, sourceName);
    if (!config.assignable()) {
        for (const ConfigProblem &p : config.problems()) {
            if (p.isError() && p.kind != ConfigProblem::Kind::InstallDiskMissing)
                result.problems.append(p);
        }
        return result;
    }

    const QList<ConfigProblem> valueProblems = checkMachineValues(input.hostname, input.installDisk);
    if (!valueProblems.isEmpty()) {
        result.problems = valueProblems;
        return result;
    }

    try {
        // The v1alpha1 document first, the others in their order: patches and the
        // per-machine values below address it as docs.front().
        std::vector<YAML::Node> docs;
        docs.push_back(YAML::Clone(config.v1alpha1()));
        for (const YAML::Node &doc : cloneAll(config.documents())) {
            if (hasKey(doc, "kind"))
                docs.push_back(doc);
        }

        int index = 0;
        for (const QByteArray &patchBytes : input.patches) {
            ++index;
            std::vector<YAML::Node> patch;
            if (const YamlRefusal refusal = refusalBeforeLoading(patchBytes)) {
                if (refusal.kind == YamlRefusal::Kind::Alias)
                    return fail(refusal.line, tr("patch %1 uses a YAML alias (*name), which is not accepted: write "
                                                 "the values out").arg(index));
                return fail(refusal.line, tr("patch %1 is not valid YAML (a ',' outside [ ] or { }): fix the patch "
                                             "file").arg(index));
            }
            try {
                for (const YAML::Node &doc : YAML::LoadAll(patchBytes.toStdString())) {
                    if (!doc.IsNull())
                        patch.push_back(doc);
                }
            } catch (const YAML::Exception &e) {
                return fail(e.mark.line >= 0 ? e.mark.line + 1 : 0,
                            tr("patch %1 is not valid YAML (%2): fix the patch file")
                                .arg(index).arg(QString::fromStdString(e.msg)));
            }
            for (const YAML::Node &doc : patch) {
                if (!doc.IsMap())
                    return fail(0, tr("patch %1 is not a set of 'key: value' lines: fix the patch file").arg(index));
            }
            applyPatch(docs, patch);
            if (docs.empty() || !isV1alpha1(docs.front()))
                return fail(0, tr("patch %1 removes the v1alpha1 document: fix the patch file").arg(index));
        }

        // The machine's own values come last: they are the most specific intent.
        if (!input.hostname.isEmpty())
            setHostname(docs, input.hostname);
        if (!input.installDisk.isEmpty())
            setInstallDisk(docs, input.installDisk);
        if (!input.logSinkHost.isEmpty() && input.logSinkPort != 0) {
            const QString version = MachineConfig::fromDocuments(docs).facts().talosVersion;
            // KmsgLogConfig documents exist since Talos 1.5 (reference §3.1).
            injectLogging(docs, Boot::talosLogUrl(input.logSinkHost, input.logSinkPort), versionAtLeast(version, 1, 5));
        }

        const MachineConfig rendered = MachineConfig::fromDocuments(docs, sourceName);
        result.problems.append(rendered.problems());
        result.role = rendered.facts().role;
        if (!rendered.valid())
            return result;

        const QByteArray bytes = YamlWriter::write(docs);
        // What is served must read back as exactly what was built: the secrets depend on it.
        const std::vector<YAML::Node> back = YAML::LoadAll(bytes.toStdString());
        bool same = back.size() == docs.size();
        for (std::size_t i = 0; same && i < docs.size(); ++i)
            same = YamlWriter::sameTree(docs[i], back[i]);
        if (!same)
            return fail(0, tr("the rendered config does not read back as written; please report "
                              "this with the config's structure (not its secrets)"));
        result.bytes = bytes;
    } catch (const YAML::Exception &e) {
        return fail(0, tr("the config cannot be rendered (%1): check its structure")
                           .arg(QString::fromStdString(e.msg)));
    }
    return result;
}

} // namespace Nbc::Talos
