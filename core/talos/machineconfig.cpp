#include "talos/machineconfig.h"

#include "talos/yamlaliases.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace Nbc::Talos {

namespace {

QString qstr(const std::string &text)
{
    return QString::fromStdString(text);
}

int lineOf(const YAML::Node &node)
{
    if (!node.IsDefined())
        return 0;
    const YAML::Mark mark = node.Mark();
    return mark.line >= 0 ? mark.line + 1 : 0;
}

// The text of a scalar child; empty when missing, null or not a scalar.
QString scalar(const YAML::Node &map, const char *key)
{
    if (!map.IsMap())
        return {};
    const YAML::Node child = map[key];
    if (!child.IsDefined() || !child.IsScalar())
        return {};
    return qstr(child.Scalar());
}

YAML::Node child(const YAML::Node &map, const char *key)
{
    if (!map.IsMap())
        return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node node = map[key];
    return node.IsDefined() ? node : YAML::Node(YAML::NodeType::Undefined);
}

// The line of `key:` itself: a block map's own mark is its first key, one line below.
int keyLine(const YAML::Node &map, const char *key)
{
    if (!map.IsMap())
        return 0;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == key)
            return lineOf(it->first);
    }
    return 0;
}

bool isV1alpha1Document(const YAML::Node &doc)
{
    return doc.IsMap() && doc["version"].IsDefined() && !doc["kind"].IsDefined();
}

} // namespace

QString ConfigProblem::toString(const QString &fileName) const
{
    QString where = fileName;
    if (line > 0)
        where += (where.isEmpty() ? QString() : QStringLiteral(":")) + QString::number(line);
    return where.isEmpty() ? message : where + QStringLiteral(": ") + message;
}

QString MachineConfig::roleName(MachineRole role)
{
    switch (role) {
    case MachineRole::ControlPlane: return QStringLiteral("controlplane");
    case MachineRole::Worker: return QStringLiteral("worker");
    case MachineRole::Unknown: break;
    }
    return {};
}

QString MachineConfig::versionFromInstallerImage(const QString &image)
{
    static const QRegularExpression tag(QStringLiteral(":v?(\\d+)\\.(\\d+)(?:\\.\\d+)?(?:[-+@][^/]*)?$"));
    const QRegularExpressionMatch m = tag.match(image);
    if (!m.hasMatch())
        return {};
    return m.captured(1) + u'.' + m.captured(2);
}

MachineConfig MachineConfig::parse(const QByteArray &bytes, const QString &fileName)
{
    MachineConfig config;
    config.m_fileName = fileName;
    if (bytes.trimmed().isEmpty()) {
        ConfigProblem p;
        p.kind = ConfigProblem::Kind::Syntax;
        p.message = tr("the file is empty: copy a config made by 'talosctl gen config' here");
        config.m_problems.append(p);
        return config;
    }
    if (const YamlRefusal refusal = refusalBeforeLoading(bytes)) {
        ConfigProblem p;
        p.kind = ConfigProblem::Kind::Syntax;
        p.line = refusal.line;
        if (refusal.kind == YamlRefusal::Kind::Alias)
            p.message = tr("YAML aliases (*name) are not accepted: Talos configs never need them, and nested ones "
                           "multiply a small file into gigabytes. Write the values out");
        else
            p.message = tr("this is not valid YAML (a ',' outside [ ] or { }): check the punctuation on this line");
        config.m_problems.append(p);
        return config;
    }
    try {
        const std::vector<YAML::Node> all = YAML::LoadAll(bytes.toStdString());
        for (const YAML::Node &doc : all) {
            // An empty document (a trailing '---' or only comments) is no document.
            if (doc.IsNull())
                continue;
            config.m_documents.push_back(doc);
        }
    } catch (const YAML::Exception &e) {
        ConfigProblem p;
        p.kind = ConfigProblem::Kind::Syntax;
        p.line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
        p.message = tr("this is not valid YAML (%1): check the indentation around this line")
                        .arg(qstr(e.msg));
        config.m_problems.append(p);
        config.m_documents.clear();
        return config;
    }
    if (config.m_documents.empty()) {
        ConfigProblem p;
        p.kind = ConfigProblem::Kind::Syntax;
        p.message = tr("the file holds only comments: copy a config made by 'talosctl gen config' here");
        config.m_problems.append(p);
        return config;
    }
    config.m_parsed = true;
    config.validate();
    return config;
}

MachineConfig MachineConfig::fromDocuments(const std::vector<YAML::Node> &documents, const QString &fileName)
{
    MachineConfig config;
    config.m_fileName = fileName;
    config.m_documents = documents;
    config.m_parsed = !documents.empty();
    config.validate();
    return config;
}

bool MachineConfig::valid() const
{
    if (!m_parsed)
        return false;
    for (const ConfigProblem &p : m_problems) {
        if (p.isError())
            return false;
    }
    return true;
}

bool MachineConfig::assignable() const
{
    if (!m_parsed)
        return false;
    for (const ConfigProblem &p : m_problems) {
        if (p.isError() && p.kind != ConfigProblem::Kind::InstallDiskMissing)
            return false;
    }
    return true;
}

QStringList MachineConfig::errorMessages() const
{
    QStringList out;
    for (const ConfigProblem &p : m_problems) {
        if (p.isError())
            out.append(p.toString(m_fileName));
    }
    return out;
}

YAML::Node MachineConfig::v1alpha1() const
{
    for (const YAML::Node &doc : m_documents) {
        if (isV1alpha1Document(doc))
            return doc;
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node MachineConfig::document(const QString &kind, const QString &name) const
{
    for (const YAML::Node &doc : m_documents) {
        if (!doc.IsMap() || scalar(doc, "kind") != kind)
            continue;
        if (name.isEmpty() || scalar(doc, "name") == name)
            return doc;
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

void MachineConfig::validate()
{
    auto error = [this](int line, const QString &message,
                        ConfigProblem::Kind kind = ConfigProblem::Kind::Other) {
        ConfigProblem p;
        p.kind = kind;
        p.line = line;
        p.message = message;
        m_problems.append(p);
    };
    auto warning = [this](int line, const QString &message) {
        ConfigProblem p;
        p.severity = ConfigProblem::Severity::Warning;
        p.line = line;
        p.message = message;
        m_problems.append(p);
    };

    // Documents (reference §4.2): one v1alpha1 document, the others apiVersion + kind.
    YAML::Node main(YAML::NodeType::Undefined);
    QSet<QString> seen;
    bool mainRefused = false;         // already explained: no second message about it
    int index = 0;
    for (const YAML::Node &doc : m_documents) {
        ++index;
        if (!doc.IsMap()) {
            error(lineOf(doc), tr("document %1 is not a set of 'key: value' lines; a Talos config "
                                  "document starts with 'version: v1alpha1' or 'kind:'").arg(index));
            continue;
        }
        if (doc["version"].IsDefined() && !doc["kind"].IsDefined()) {
            const QString version = scalar(doc, "version");
            if (version != QLatin1String("v1alpha1")) {
                error(lineOf(doc["version"]),
                      tr("'version: %1' is not a version Talos reads: the main document must say "
                         "'version: v1alpha1'").arg(version));
                mainRefused = true;
                continue;
            }
            if (main.IsDefined()) {
                error(lineOf(doc), tr("a second 'version: v1alpha1' document: keep only one"));
                continue;
            }
            main = doc;
            continue;
        }
        const QString kind = scalar(doc, "kind");
        if (kind.isEmpty()) {
            if (doc["machine"].IsDefined() || doc["cluster"].IsDefined())
                error(lineOf(doc), tr("this document has machine/cluster sections but no "
                                      "'version: v1alpha1' line: add it at the top (a patch belongs "
                                      "with the machine, not in the configs folder)"));
            else
                error(lineOf(doc), tr("document %1 has neither 'version: v1alpha1' nor 'kind:': "
                                      "Talos cannot tell what it is").arg(index));
            mainRefused = true;
            continue;
        }
        if (!doc["apiVersion"].IsDefined())
            error(lineOf(doc), tr("the %1 document has no 'apiVersion': add 'apiVersion: v1alpha1'").arg(kind));
        const QString key = kind + u'/' + scalar(doc, "name");
        if (seen.contains(key))
            error(lineOf(doc), tr("a second %1 document with the same name: keep only one").arg(kind));
        seen.insert(key);
    }

    // HostnameConfig (Talos 1.12+, reference §4.2): hostname or auto, never both, and
    // never together with machine.network.hostname.
    const YAML::Node hostnameDoc = document(QStringLiteral("HostnameConfig"));
    if (hostnameDoc.IsDefined()) {
        m_facts.hasHostnameConfig = true;
        m_facts.hostname = scalar(hostnameDoc, "hostname");
        // Talos refuses `auto` next to a hostname unless it is `off` (its own static-hostname
        // patch writes `auto: off` + `hostname`), and a document with neither.
        const QString automatic = scalar(hostnameDoc, "auto");
        if (!m_facts.hostname.isEmpty() && !automatic.isEmpty() && automatic != QLatin1String("off"))
            error(lineOf(hostnameDoc["auto"]), tr("HostnameConfig sets 'hostname' and 'auto: %1', which Talos "
                                                  "refuses: remove 'auto' or set it to 'off'").arg(automatic));
        if (m_facts.hostname.isEmpty() && automatic.isEmpty())
            error(lineOf(hostnameDoc), tr("HostnameConfig sets neither 'hostname' nor 'auto', which Talos "
                                          "refuses: set one"));
        if (!automatic.isEmpty() && automatic != QLatin1String("off") && automatic != QLatin1String("stable"))
            error(lineOf(hostnameDoc["auto"]), tr("HostnameConfig 'auto: %1' is not a value Talos knows: use "
                                                  "'stable' or 'off'").arg(automatic));
    }

    // UnattendedInstallConfig (Talos 1.14, reference §8.4): the installer image and the
    // install disk's selector live here, and machine.install next to it is refused.
    const YAML::Node unattended = document(QStringLiteral("UnattendedInstallConfig"));
    QString unattendedMatch;
    if (unattended.IsDefined()) {
        m_facts.hasUnattendedInstall = true;
        unattendedMatch = scalar(child(child(unattended, "provisioning"), "diskSelector"), "match");
        static const QRegularExpression devPath(QStringLiteral("^\\s*disk\\.dev_path\\s*==\\s*\"([^\"]+)\"\\s*$"));
        static const QRegularExpression symlink(QStringLiteral("^\\s*\"([^\"]+)\"\\s+in\\s+disk\\.symlinks\\s*$"));
        QRegularExpressionMatch m = devPath.match(unattendedMatch);
        if (!m.hasMatch())
            m = symlink.match(unattendedMatch);
        if (m.hasMatch())
            m_facts.installDisk = m.captured(1);
        m_facts.hasDiskSelector = !unattendedMatch.trimmed().isEmpty() && m_facts.installDisk.isEmpty();
        m_facts.installImage = scalar(child(unattended, "installer"), "image");
    }

    if (!main.IsDefined()) {
        if (!mainRefused)
            error(0, tr("there is no 'version: v1alpha1' document: Talos would stop in maintenance "
                        "mode; use a config made by 'talosctl gen config'"));
        return;
    }

    const YAML::Node machine = child(main, "machine");
    if (!machine.IsMap()) {
        error(machine.IsDefined() ? keyLine(main, "machine") : lineOf(main), tr("the 'machine:' section is missing: use a config made by 'talosctl gen config'"));
    } else {
        const QString type = scalar(machine, "type");
        const int typeLine = machine["type"].IsDefined() ? lineOf(machine["type"]) : keyLine(main, "machine");
        if (type == QLatin1String("controlplane")) {
            m_facts.role = MachineRole::ControlPlane;
        } else if (type == QLatin1String("worker") || type == QLatin1String("join")) {
            m_facts.role = MachineRole::Worker;
        } else if (type == QLatin1String("init")) {
            m_facts.role = MachineRole::ControlPlane;
            warning(typeLine, tr("'type: init' is deprecated: use 'type: controlplane' and run "
                                 "'talosctl bootstrap' once"));
        } else if (type.isEmpty()) {
            error(typeLine, tr("machine.type is missing: set it to controlplane or worker"));
        } else {
            error(typeLine, tr("machine.type '%1' is unknown: set it to controlplane or worker").arg(type));
        }

        const YAML::Node install = child(machine, "install");
        if (m_facts.hasUnattendedInstall) {
            if (install.IsDefined())
                error(keyLine(machine, "install"),
                      tr("machine.install is set next to an UnattendedInstallConfig document, which Talos 1.14 "
                         "refuses: remove machine.install (the install disk goes in the document's "
                         "provisioning.diskSelector)"));
        } else {
            m_facts.installDisk = scalar(install, "disk");
            m_facts.installImage = scalar(install, "image");
            m_facts.hasDiskSelector = child(install, "diskSelector").IsMap();
        }
        m_facts.talosVersion = versionFromInstallerImage(m_facts.installImage);
        if (m_facts.hasUnattendedInstall && unattendedMatch.trimmed().isEmpty()) {
            error(lineOf(unattended),
                  tr("the UnattendedInstallConfig has no provisioning.diskSelector.match, and Talos needs it to "
                     "install: set it (e.g. disk.dev_path == \"/dev/sda\"), or give each machine using this "
                     "config an install disk"),
                  ConfigProblem::Kind::InstallDiskMissing);
        } else if (!m_facts.hasUnattendedInstall && m_facts.installDisk.isEmpty() && !m_facts.hasDiskSelector) {
            error(install.IsDefined() ? keyLine(machine, "install") : keyLine(main, "machine"),
                  tr("machine.install.disk is missing, and Talos needs it to install on metal: set it "
                     "(e.g. /dev/sda) or a diskSelector, or give each machine using this config an "
                     "install disk"),
                  ConfigProblem::Kind::InstallDiskMissing);
        }

        const QString legacyHostname = scalar(child(machine, "network"), "hostname");
        if (!legacyHostname.isEmpty()) {
            if (m_facts.hasHostnameConfig)
                error(lineOf(machine["network"]["hostname"]),
                      tr("machine.network.hostname is set and there is a HostnameConfig document, "
                         "which Talos refuses (static hostname is already set): keep one"));
            else
                m_facts.hostname = legacyHostname;
        }
        // Talos refuses a HostnameConfig next to the legacy stable-hostname feature.
        const YAML::Node stable = child(child(machine, "features"), "stableHostname");
        if (m_facts.hasHostnameConfig && stable.IsScalar() && stable.as<std::string>() == "true")
            error(lineOf(stable), tr("machine.features.stableHostname is on and there is a HostnameConfig "
                                     "document, which Talos refuses (stable hostname is already set): remove "
                                     "stableHostname and use 'auto: stable' in the HostnameConfig"));
    }

    const YAML::Node cluster = child(main, "cluster");
    m_facts.clusterName = scalar(cluster, "clusterName");
    const YAML::Node controlPlane = child(cluster, "controlPlane");
    m_facts.endpoint = scalar(controlPlane, "endpoint");
    if (m_facts.endpoint.isEmpty()) {
        const int line = controlPlane.IsDefined() ? keyLine(cluster, "controlPlane")
                         : cluster.IsDefined()    ? keyLine(main, "cluster")
                                                  : lineOf(main);
        error(line, tr("cluster.controlPlane.endpoint is missing: set it to the Kubernetes API "
                                "address, e.g. https://10.0.0.10:6443"));
    } else {
        const QUrl url(m_facts.endpoint, QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty()
            || (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
            error(lineOf(controlPlane["endpoint"]),
                  tr("cluster.controlPlane.endpoint '%1' is not a URL: write it like "
                     "https://10.0.0.10:6443").arg(m_facts.endpoint));
        }
    }
    if (m_facts.clusterName.isEmpty() && cluster.IsMap())
        warning(keyLine(main, "cluster"), tr("cluster.clusterName is missing: set the cluster's name"));
}

} // namespace Nbc::Talos
