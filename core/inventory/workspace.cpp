#include "inventory/workspace.h"

#include "boot/intentresolver.h"

#include "boot/kernelargs.h"
#include "model/machineevent.h"
#include "protocol/dhcp/leasepool.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>

#include <yaml-cpp/yaml.h>

namespace Nbc {

namespace {

// A scalar as serialize() writes it. yaml-cpp writes a string with edge spaces or control
// characters as a plain scalar, which reads back trimmed (a trailing "  \r" before the next
// line is gone): such text is written double-quoted, where every character survives.
struct YamlText
{
    std::string text;
};

bool needsQuotes(const std::string &text)
{
    if (text.empty())
        return false;
    auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
    if (isSpace(text.front()) || isSpace(text.back()))
        return true;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f)
            return true;
    }
    return false;
}

YAML::Emitter &operator<<(YAML::Emitter &out, const YamlText &scalar)
{
    if (needsQuotes(scalar.text))
        out << YAML::DoubleQuoted;
    return out << scalar.text;
}

QString qstr(const YAML::Node &node)
{
    return QString::fromStdString(node.as<std::string>());
}

// Reads a scalar field; reports a wrong type with its line.
bool readString(const YAML::Node &map, const char *key, QString *out, WorkspaceError *error)
{
    const YAML::Node node = map[key];
    if (!node)
        return true;
    if (node.IsNull()) {
        out->clear();
        return true;
    }
    if (!node.IsScalar()) {
        error->line = node.Mark().line + 1;
        error->message = Workspace::tr("'%1' must be a single value").arg(QLatin1String(key));
        return false;
    }
    *out = qstr(node);
    return true;
}

// `patches: [a.yaml, b.yaml]` of a machine or a rule.
bool readPatches(const YAML::Node &map, QStringList *out, WorkspaceError *error)
{
    const YAML::Node patches = map["patches"];
    if (!patches)
        return true;
    if (!patches.IsSequence()) {
        error->line = patches.Mark().line + 1;
        error->message = Workspace::tr("'patches' must be a list of patch files, like [patches/disk.yaml]");
        return false;
    }
    for (const YAML::Node &patch : patches) {
        if (!patch.IsScalar()) {
            error->line = patch.Mark().line + 1;
            error->message = Workspace::tr("each patch must be a file path");
            return false;
        }
        *out << qstr(patch);
    }
    return true;
}

bool readPort(const YAML::Node &map, const char *key, quint16 *out, WorkspaceError *error)
{
    QString text;
    if (!readString(map, key, &text, error))
        return false;
    if (text.isEmpty())
        return true;
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port > 65535) {
        error->line = map[key].Mark().line + 1;
        error->message = Workspace::tr("port '%1' must be a number from 0 to 65535, not '%2'")
                             .arg(QLatin1String(key), text);
        return false;
    }
    *out = static_cast<quint16>(port);
    return true;
}

template<typename Enum>
bool readEnum(const YAML::Node &map, const char *key, const QList<QPair<QString, Enum>> &values,
              Enum *out, WorkspaceError *error)
{
    QString text;
    if (!readString(map, key, &text, error))
        return false;
    if (text.isEmpty())
        return true;
    QStringList names;
    for (const auto &value : values) {
        if (value.first == text) {
            *out = value.second;
            return true;
        }
        names.append(value.first);
    }
    error->line = map[key].Mark().line + 1;
    error->message = Workspace::tr("'%1' must be one of %2, not '%3'")
                         .arg(QLatin1String(key), names.join(QLatin1String(", ")), text);
    return false;
}

const QList<QPair<QString, DhcpMode>> kModes = {
    {QStringLiteral("proxy"), DhcpMode::Proxy}, {QStringLiteral("dhcp"), DhcpMode::Full}};
const QList<QPair<QString, UnassignedPolicy>> kUnassigned = {
    {QStringLiteral("wait"), UnassignedPolicy::Wait},
    {QStringLiteral("maintenance"), UnassignedPolicy::Maintenance}};
const QList<QPair<QString, AfterInstallPolicy>> kAfterInstall = {
    {QStringLiteral("exit"), AfterInstallPolicy::Exit},
    {QStringLiteral("sanboot"), AfterInstallPolicy::Sanboot},
    {QStringLiteral("http-404"), AfterInstallPolicy::Http404},
    {QStringLiteral("always-pxe"), AfterInstallPolicy::AlwaysPxe}};
const QList<QPair<QString, RogueDhcpPolicy>> kRogueDhcp = {
    {QStringLiteral("warn"), RogueDhcpPolicy::Warn}, {QStringLiteral("pxe-only"), RogueDhcpPolicy::PxeOnly}};

template<typename Enum>
QString enumName(const QList<QPair<QString, Enum>> &values, Enum value)
{
    for (const auto &pair : values) {
        if (pair.second == value)
            return pair.first;
    }
    return {};
}

} // namespace

QString dhcpModeName(DhcpMode mode) { return enumName(kModes, mode); }
QString afterInstallName(AfterInstallPolicy policy) { return enumName(kAfterInstall, policy); }
QString unassignedName(UnassignedPolicy policy) { return enumName(kUnassigned, policy); }
QString rogueDhcpPolicyName(RogueDhcpPolicy policy) { return enumName(kRogueDhcp, policy); }

QString WorkspaceError::toString() const
{
    if (line > 0)
        return QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(message);
    return file.isEmpty() ? message : QStringLiteral("%1: %2").arg(file, message);
}

QString Workspace::defaultDirectory()
{
    // ~/.local/share/netboot-console/workspace. Earlier builds used the application data
    // folder (…/netboot-console/netboot-console/workspace): a workspace there is kept.
    const QString home = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    const QString current = home + QStringLiteral("/netboot-console/workspace");
    const QString earlier = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/workspace");
    if (!QFileInfo::exists(current) && QFileInfo::exists(earlier + QStringLiteral("/netboot.yaml")))
        return earlier;
    return current;
}

QString Workspace::settingsPath() const
{
    return m_dir + u'/' + settingsFileName();
}

Workspace Workspace::open(const QString &dir)
{
    Workspace ws;
    ws.m_dir = QDir(dir.isEmpty() ? defaultDirectory() : dir).absolutePath();
    ws.m_error.file = ws.settingsPath();
    QDir folder(ws.m_dir);
    if (!folder.exists() && !QDir().mkpath(ws.m_dir)) {
        ws.m_error.message = tr("cannot create the workspace folder; check its parent's permissions");
        return ws;
    }
    QFile file(ws.settingsPath());
    const bool fresh = !file.exists() || file.size() == 0;
    if (fresh) {
        QDir().mkpath(ws.m_dir + QStringLiteral("/configs"));
        QDir().mkpath(ws.m_dir + QStringLiteral("/artifacts"));
        // Configs hold cluster secrets: their folder is private (DESIGN.md).
        QFile::setPermissions(ws.m_dir + QStringLiteral("/configs"),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QString saveError;
        if (!ws.save(&saveError))
            ws.m_error.message = saveError;
        return ws;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        ws.m_error.message = tr("cannot be read (%1); it was left untouched").arg(file.errorString());
        return ws;
    }
    WorkspaceError error;
    error.file = ws.settingsPath();
    if (!parse(file.readAll(), ws.settingsPath(), &ws.m_settings, &error)) {
        ws.m_error = error;
        return ws;
    }
    ws.m_error = WorkspaceError{};
    return ws;
}

bool Workspace::reload(WorkspaceError *error)
{
    QFile file(settingsPath());
    WorkspaceError local;
    local.file = settingsPath();
    if (!file.open(QIODevice::ReadOnly)) {
        local.message = tr("cannot be read (%1)").arg(file.errorString());
        if (error)
            *error = local;
        return false;
    }
    WorkspaceSettings settings;
    if (!parse(file.readAll(), settingsPath(), &settings, &local)) {
        if (error)
            *error = local;
        return false;
    }
    m_settings = settings;
    m_error = WorkspaceError{};
    return true;
}

bool Workspace::parse(const QByteArray &yaml, const QString &fileName, WorkspaceSettings *out,
                      WorkspaceError *error)
{
    error->file = fileName;
    WorkspaceSettings s;
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        error->line = e.mark.line + 1;
        error->message = QString::fromStdString(e.msg);
        return false;
    }
    if (root.IsNull()) {
        *out = s;
        return true;
    }
    if (!root.IsMap()) {
        error->line = root.Mark().line + 1;
        error->message = tr("the file must be a mapping of settings (network:, ports:, machines: ...)");
        return false;
    }
    try {
        if (const YAML::Node net = root["network"]) {
            if (!net.IsMap()) {
                error->line = net.Mark().line + 1;
                error->message = tr("'network' must be a mapping");
                return false;
            }
            if (!readString(net, "interface", &s.interfaceName, error)
                || !readEnum(net, "mode", kModes, &s.mode, error)
                || !readString(net, "serverAddress", &s.serverAddress, error)
                || !readString(net, "dhcpRange", &s.dhcpRange, error))
                return false;
            if (!s.serverAddress.isEmpty() && QHostAddress(s.serverAddress).protocol() != QAbstractSocket::IPv4Protocol) {
                error->line = net["serverAddress"].Mark().line + 1;
                error->message = tr("serverAddress '%1' is not an IPv4 address").arg(s.serverAddress);
                return false;
            }
            QString rangeError;
            if (!s.dhcpRange.isEmpty() && !Dhcp::AddressRange::parse(s.dhcpRange, &rangeError)) {
                error->line = net["dhcpRange"].Mark().line + 1;
                error->message = tr("dhcpRange: %1").arg(rangeError);
                return false;
            }
            QString probeSeconds;
            if (!readEnum(net, "onRogueDhcp", kRogueDhcp, &s.onRogueDhcp, error)
                || !readString(net, "rogueProbeSeconds", &probeSeconds, error))
                return false;
            if (!probeSeconds.isEmpty()) {
                bool ok = false;
                const int value = probeSeconds.toInt(&ok);
                if (!ok || value < 0 || value > 86400) {
                    error->line = net["rogueProbeSeconds"].Mark().line + 1;
                    error->message = tr("rogueProbeSeconds '%1' must be a number of seconds from 0 (never probe) to "
                                        "86400").arg(probeSeconds);
                    return false;
                }
                s.rogueProbeSeconds = value;
            }
        }
        if (const YAML::Node ports = root["ports"]) {
            if (!ports.IsMap()) {
                error->line = ports.Mark().line + 1;
                error->message = tr("'ports' must be a mapping like {dhcp: 67, proxy: 4011, tftp: 69, http: 8080, logs: 4050}");
                return false;
            }
            bool portsOk = true;
            for (const PortInfo &info : allPorts()) {
                quint16 port = s.ports.value(info.which);
                portsOk = portsOk && readPort(ports, info.yamlKey, &port, error);
                s.ports.set(info.which, port);
            }
            if (!portsOk)
                return false;
        }
        if (const YAML::Node pi = root["piBoot"]) {
            if (!pi.IsMap() && !pi.IsNull()) {
                error->line = pi.Mark().line + 1;
                error->message = tr("'piBoot' must be a mapping like {folder: pi/}");
                return false;
            }
            for (auto it = pi.begin(); it != pi.end(); ++it) {
                if (qstr(it->first) != QLatin1String("folder")) {
                    error->line = it->first.Mark().line + 1;
                    error->message = tr("piBoot: unknown key '%1' (use folder)").arg(qstr(it->first));
                    return false;
                }
            }
            if (pi.IsMap() && !readString(pi, "folder", &s.piBootDir, error))
                return false;
        }
        if (!readString(root, "tftpRoot", &s.tftpRoot, error) || !readString(root, "httpRoot", &s.httpRoot, error)
            || !readString(root, "defaultArtifacts", &s.defaultArtifacts, error)
            || !readEnum(root, "unassigned", kUnassigned, &s.unassigned, error)
            || !readEnum(root, "afterInstall", kAfterInstall, &s.afterInstall, error))
            return false;
        if (const YAML::Node limits = root["limits"]) {
            if (!limits.IsMap()) {
                error->line = limits.Mark().line + 1;
                error->message = tr("'limits' must be a mapping like {maxMachines: 10000}");
                return false;
            }
            QString text;
            if (!readString(limits, "maxMachines", &text, error))
                return false;
            if (!text.isEmpty()) {
                bool ok = false;
                const int value = text.toInt(&ok);
                if (!ok || value < 1 || value > 1000000) {
                    error->line = limits["maxMachines"].Mark().line + 1;
                    error->message = tr("limits: maxMachines '%1' must be a number from 1 to 1000000").arg(text);
                    return false;
                }
                s.maxMachines = value;
            }
        }
        if (const YAML::Node ipxe = root["ipxe"]) {
            if (!ipxe.IsMap()) {
                error->line = ipxe.Mark().line + 1;
                error->message = tr("'ipxe' must be a mapping {bios: PATH, uefi: PATH}");
                return false;
            }
            if (!readString(ipxe, "bios", &s.ipxeBios, error) || !readString(ipxe, "uefi", &s.ipxeUefi, error))
                return false;
        }
        if (const YAML::Node sets = root["artifacts"]) {
            if (!sets.IsMap() && !sets.IsNull()) {
                error->line = sets.Mark().line + 1;
                error->message = tr("'artifacts' must be a mapping of named artefact sets");
                return false;
            }
            for (auto it = sets.begin(); it != sets.end(); ++it) {
                ArtifactSet set;
                set.name = qstr(it->first);
                const YAML::Node node = it->second;
                if (!node.IsMap()) {
                    error->line = node.Mark().line + 1;
                    error->message = tr("artefact set '%1' must be a mapping with kernel: and initramfs:").arg(set.name);
                    return false;
                }
                if (!readString(node, "kernel", &set.kernelPath, error)
                    || !readString(node, "initramfs", &set.initramfsPath, error)
                    || !readString(node, "talosVersion", &set.talosVersion, error)
                    || !readString(node, "extraKernelArgs", &set.extraKernelArgs, error)
                    || !readString(node, "arch", &set.arch, error)
                    || !readString(node, "cmdline", &set.cmdlinePath, error))
                    return false;
                if (!set.arch.isEmpty() && set.arch != QLatin1String("amd64") && set.arch != QLatin1String("arm64")) {
                    error->line = node["arch"].Mark().line + 1;
                    error->message = tr("artefact set '%1': arch '%2' is not one Talos is built for: use amd64 or arm64")
                                         .arg(set.name, set.arch);
                    return false;
                }
                if (set.kernelPath.isEmpty() || set.initramfsPath.isEmpty()) {
                    error->line = node.Mark().line + 1;
                    error->message = tr("artefact set '%1' needs both kernel: and initramfs:").arg(set.name);
                    return false;
                }
                s.artifacts.insert(set.name, set);
            }
        }
        if (const YAML::Node machines = root["machines"]) {
            if (!machines.IsSequence() && !machines.IsNull()) {
                error->line = machines.Mark().line + 1;
                error->message = tr("'machines' must be a list of entries starting with '- mac:'");
                return false;
            }
            QSet<QString> seen;
            for (const YAML::Node &node : machines) {
                if (!node.IsMap()) {
                    error->line = node.Mark().line + 1;
                    error->message = tr("each machine must be a mapping with at least 'mac:'");
                    return false;
                }
                MachineIntent m;
                QString mac;
                QString installed;
                if (!readString(node, "mac", &mac, error) || !readString(node, "uuid", &m.uuid, error)
                    || !readString(node, "serial", &m.serial, error)
                    || !readString(node, "config", &m.configPath, error)
                    || !readString(node, "hostname", &m.hostname, error)
                    || !readString(node, "installDisk", &m.installDisk, error)
                    || !readString(node, "artifacts", &m.artifacts, error)
                    || !readString(node, "installed", &installed, error)
                    || !readString(node, "piFolder", &m.piFolder, error))
                    return false;
                if (const QString problem = piFolderProblem(m.piFolder); !m.piFolder.isEmpty() && !problem.isEmpty()) {
                    error->line = node["piFolder"].Mark().line + 1;
                    error->message = tr("piFolder '%1': %2").arg(m.piFolder, problem);
                    return false;
                }
                if (!readPatches(node, &m.patches, error))
                    return false;
                m.mac = normalizeMac(mac);
                if (!mac.isEmpty() && m.mac.isEmpty()) {
                    error->line = node.Mark().line + 1;
                    error->message = tr("'%1' is not a MAC address (write it like 52:54:00:12:34:56)").arg(mac);
                    return false;
                }
                if (m.mac.isEmpty() && m.uuid.isEmpty() && m.serial.isEmpty()) {
                    error->line = node.Mark().line + 1;
                    error->message = tr("each machine needs 'mac:', 'uuid:' or 'serial:'");
                    return false;
                }
                if (m.mac.isEmpty() && !m.uuid.isEmpty() && !Boot::meaningfulUuid(m.uuid)) {
                    error->line = node["uuid"].Mark().line + 1;
                    error->message = tr("uuid '%1' is not an SMBIOS UUID (write it like 4c4c4544-0042-3510-8050-b4c04f4e4a31)")
                                         .arg(m.uuid);
                    return false;
                }
                if (m.mac.isEmpty() && m.uuid.isEmpty() && !Boot::meaningfulSerial(m.serial)) {
                    error->line = node["serial"].Mark().line + 1;
                    error->message = tr("serial '%1' identifies no machine (vendors leave it in many boards)").arg(m.serial);
                    return false;
                }
                const QString key = !m.mac.isEmpty() ? m.mac
                                    : !m.uuid.isEmpty() ? QStringLiteral("uuid:") + Boot::uuidSpellings(m.uuid).value(0)
                                                        : QStringLiteral("serial:") + m.serial.trimmed().toLower();
                if (seen.contains(key)) {
                    error->line = node.Mark().line + 1;
                    error->message = tr("machine %1 is listed twice").arg(!m.mac.isEmpty() ? m.mac : !m.uuid.isEmpty() ? m.uuid : m.serial);
                    return false;
                }
                seen.insert(key);
                m.installed = installed == QLatin1String("true");
                s.machines.append(m);
            }
        }
        if (const YAML::Node rules = root["rules"]) {
            if (!rules.IsSequence() && !rules.IsNull()) {
                error->line = rules.Mark().line + 1;
                error->message = tr("'rules' must be a list of entries starting with '- name:'");
                return false;
            }
            QSet<QString> names;
            for (const YAML::Node &node : rules) {
                if (!node.IsMap()) {
                    error->line = node.Mark().line + 1;
                    error->message = tr("each rule must be a mapping with name:, match: and config:");
                    return false;
                }
                MachineRule rule;
                if (!readString(node, "name", &rule.name, error) || !readString(node, "config", &rule.configPath, error)
                    || !readString(node, "artifacts", &rule.artifacts, error)
                    || !readString(node, "installDisk", &rule.installDisk, error)
                    || !readString(node, "hostname", &rule.hostname, error))
                    return false;
                if (rule.name.isEmpty()) {
                    error->line = node.Mark().line + 1;
                    error->message = tr("a rule needs a name (name: optiplex-workers)");
                    return false;
                }
                if (names.contains(rule.name)) {
                    error->line = node.Mark().line + 1;
                    error->message = tr("rule '%1' is listed twice").arg(rule.name);
                    return false;
                }
                names.insert(rule.name);
                if (const YAML::Node match = node["match"]) {
                    if (!match.IsMap() && !match.IsNull()) {
                        error->line = match.Mark().line + 1;
                        error->message = tr("rule '%1': 'match' must be a mapping like {macPrefix: \"52:54:00\", firmware: uefi}")
                                             .arg(rule.name);
                        return false;
                    }
                    for (auto it = match.begin(); it != match.end(); ++it) {
                        const QString key = qstr(it->first);
                        static const QStringList known{QStringLiteral("macPrefix"), QStringLiteral("macRange"),
                                                       QStringLiteral("manufacturer"), QStringLiteral("product"),
                                                       QStringLiteral("serial"), QStringLiteral("firmware")};
                        if (!known.contains(key)) {
                            error->line = it->first.Mark().line + 1;
                            error->message = tr("rule '%1': unknown match key '%2' (use %3)")
                                                 .arg(rule.name, key, known.join(QStringLiteral(", ")));
                            return false;
                        }
                    }
                    RuleMatch &m = rule.match;
                    if (!readString(match, "macPrefix", &m.macPrefix, error) || !readString(match, "macRange", &m.macRange, error)
                        || !readString(match, "manufacturer", &m.manufacturer, error)
                        || !readString(match, "product", &m.product, error) || !readString(match, "serial", &m.serial, error)
                        || !readString(match, "firmware", &m.firmware, error))
                        return false;
                    m.firmware = m.firmware.toLower();
                    if (!m.firmware.isEmpty() && m.firmware != QLatin1String("bios") && m.firmware != QLatin1String("uefi")) {
                        error->line = match["firmware"].Mark().line + 1;
                        error->message = tr("rule '%1': firmware '%2' must be bios or uefi").arg(rule.name, m.firmware);
                        return false;
                    }
                }
                if (!readPatches(node, &rule.patches, error))
                    return false;
                s.rules.append(rule);
            }
        }
    } catch (const YAML::Exception &e) {
        error->line = e.mark.line + 1;
        error->message = QString::fromStdString(e.msg);
        return false;
    }
    if (!s.defaultArtifacts.isEmpty() && !s.artifacts.contains(s.defaultArtifacts)) {
        error->line = 0;
        error->message = tr("defaultArtifacts names '%1', which is not under artifacts:").arg(s.defaultArtifacts);
        return false;
    }
    *out = s;
    return true;
}

QByteArray Workspace::serialize(const WorkspaceSettings &s)
{
    YAML::Emitter out;
    auto str = [](const QString &text) { return YamlText{text.toStdString()}; };
    out << YAML::BeginMap;
    out << YAML::Key << "network" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "interface" << YAML::Value << str(s.interfaceName);
    out << YAML::Key << "mode" << YAML::Value << str(dhcpModeName(s.mode));
    if (!s.serverAddress.isEmpty())
        out << YAML::Key << "serverAddress" << YAML::Value << str(s.serverAddress);
    if (!s.dhcpRange.isEmpty())
        out << YAML::Key << "dhcpRange" << YAML::Value << str(s.dhcpRange);
    if (s.onRogueDhcp != WorkspaceSettings().onRogueDhcp)
        out << YAML::Key << "onRogueDhcp" << YAML::Value << str(rogueDhcpPolicyName(s.onRogueDhcp));
    if (s.rogueProbeSeconds != WorkspaceSettings().rogueProbeSeconds)
        out << YAML::Key << "rogueProbeSeconds" << YAML::Value << s.rogueProbeSeconds;
    out << YAML::EndMap;
    out << YAML::Key << "ports" << YAML::Value << YAML::Flow << YAML::BeginMap;
    for (const PortInfo &info : allPorts())
        out << YAML::Key << info.yamlKey << YAML::Value << s.ports.value(info.which);
    out << YAML::EndMap;
    if (!s.tftpRoot.isEmpty())
        out << YAML::Key << "tftpRoot" << YAML::Value << str(s.tftpRoot);
    if (!s.httpRoot.isEmpty())
        out << YAML::Key << "httpRoot" << YAML::Value << str(s.httpRoot);
    if (!s.piBootDir.isEmpty()) {
        out << YAML::Key << "piBoot" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "folder"
            << YAML::Value << str(s.piBootDir) << YAML::EndMap;
    }
    out << YAML::Key << "ipxe" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "bios"
        << YAML::Value << str(s.ipxeBios) << YAML::Key << "uefi" << YAML::Value << str(s.ipxeUefi) << YAML::EndMap;
    out << YAML::Key << "artifacts" << YAML::Value << YAML::BeginMap;
    for (const ArtifactSet &set : s.artifacts) {
        out << YAML::Key << str(set.name) << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "kernel" << YAML::Value << str(set.kernelPath);
        out << YAML::Key << "initramfs" << YAML::Value << str(set.initramfsPath);
        if (!set.talosVersion.isEmpty())
            out << YAML::Key << "talosVersion" << YAML::Value << YAML::DoubleQuoted << str(set.talosVersion);
        if (!set.extraKernelArgs.isEmpty())
            out << YAML::Key << "extraKernelArgs" << YAML::Value << YAML::DoubleQuoted << str(set.extraKernelArgs);
        if (!set.arch.isEmpty())
            out << YAML::Key << "arch" << YAML::Value << str(set.arch);
        if (!set.cmdlinePath.isEmpty())
            out << YAML::Key << "cmdline" << YAML::Value << str(set.cmdlinePath);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    if (!s.defaultArtifacts.isEmpty())
        out << YAML::Key << "defaultArtifacts" << YAML::Value << str(s.defaultArtifacts);
    out << YAML::Key << "unassigned" << YAML::Value << str(unassignedName(s.unassigned));
    out << YAML::Key << "afterInstall" << YAML::Value << str(afterInstallName(s.afterInstall));
    if (s.maxMachines > 0) {
        out << YAML::Key << "limits" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "maxMachines"
            << YAML::Value << s.maxMachines << YAML::EndMap;
    }
    out << YAML::Key << "machines" << YAML::Value << YAML::BeginSeq;
    for (const MachineIntent &m : s.machines) {
        out << YAML::BeginMap;
        if (!m.mac.isEmpty())
            out << YAML::Key << "mac" << YAML::Value << str(m.mac);
        if (!m.uuid.isEmpty())
            out << YAML::Key << "uuid" << YAML::Value << str(m.uuid);
        if (!m.serial.isEmpty())
            out << YAML::Key << "serial" << YAML::Value << YAML::DoubleQuoted << str(m.serial);
        if (!m.configPath.isEmpty())
            out << YAML::Key << "config" << YAML::Value << str(m.configPath);
        if (!m.hostname.isEmpty())
            out << YAML::Key << "hostname" << YAML::Value << str(m.hostname);
        if (!m.installDisk.isEmpty())
            out << YAML::Key << "installDisk" << YAML::Value << str(m.installDisk);
        if (!m.artifacts.isEmpty())
            out << YAML::Key << "artifacts" << YAML::Value << str(m.artifacts);
        if (!m.piFolder.isEmpty())
            out << YAML::Key << "piFolder" << YAML::Value << str(m.piFolder);
        if (!m.patches.isEmpty()) {
            out << YAML::Key << "patches" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const QString &patch : m.patches)
                out << str(patch);
            out << YAML::EndSeq;
        }
        if (m.installed)
            out << YAML::Key << "installed" << YAML::Value << true;
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    if (!s.rules.isEmpty()) {
        out << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
        for (const MachineRule &rule : s.rules) {
            out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << str(rule.name);
            out << YAML::Key << "match" << YAML::Value << YAML::Flow << YAML::BeginMap;
            const RuleMatch &m = rule.match;
            const QList<QPair<const char *, QString>> fields{{"macPrefix", m.macPrefix}, {"macRange", m.macRange},
                                                            {"manufacturer", m.manufacturer}, {"product", m.product},
                                                            {"serial", m.serial}, {"firmware", m.firmware}};
            for (const auto &[key, value] : fields) {
                if (!value.isEmpty())
                    out << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << str(value);
            }
            out << YAML::EndMap;
            if (!rule.configPath.isEmpty())
                out << YAML::Key << "config" << YAML::Value << str(rule.configPath);
            if (!rule.artifacts.isEmpty())
                out << YAML::Key << "artifacts" << YAML::Value << str(rule.artifacts);
            if (!rule.hostname.isEmpty())
                out << YAML::Key << "hostname" << YAML::Value << YAML::DoubleQuoted << str(rule.hostname);
            if (!rule.installDisk.isEmpty())
                out << YAML::Key << "installDisk" << YAML::Value << str(rule.installDisk);
            if (!rule.patches.isEmpty()) {
                out << YAML::Key << "patches" << YAML::Value << YAML::Flow << YAML::BeginSeq;
                for (const QString &patch : rule.patches)
                    out << str(patch);
                out << YAML::EndSeq;
            }
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
}

QByteArray Workspace::fileBytes(const WorkspaceSettings &settings)
{
    return QByteArrayLiteral("# Netboot Console workspace: settings and machine assignments.\n"
                             "# Hand-editable; the console reloads it when it changes.\n")
        + serialize(settings);
}

bool Workspace::save(QString *error) const
{
    if (!ok()) {
        if (error)
            *error = tr("netboot.yaml has an error and is not overwritten: %1").arg(m_error.toString());
        return false;
    }
    QSaveFile file(settingsPath());
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("cannot write %1: %2").arg(settingsPath(), file.errorString());
        return false;
    }
    file.write(fileBytes(m_settings));
    if (!file.commit()) {
        if (error)
            *error = tr("cannot write %1: %2").arg(settingsPath(), file.errorString());
        return false;
    }
    return true;
}

QString Workspace::absolutePath(const QString &path) const
{
    if (path.isEmpty())
        return {};
    // What QDir(m_dir).absoluteFilePath() gives, without building a QDir: this runs for
    // every machine's config whenever a snapshot is made.
    if (QDir::isAbsolutePath(path))
        return QDir::cleanPath(path);
    return QDir::cleanPath(m_dir + u'/' + path);
}

MachineIntent *Workspace::machine(const QString &mac)
{
    const QString key = normalizeMac(mac);
    for (MachineIntent &m : m_settings.machines) {
        if (m.mac == key)
            return &m;
    }
    return nullptr;
}

void Workspace::setAssignment(const QString &mac, const QString &configPath)
{
    MachineIntent *m = machine(mac);
    if (!m) {
        MachineIntent intent;
        intent.mac = normalizeMac(mac);
        m_settings.machines.append(intent);
        m = &m_settings.machines.last();
    }
    m->configPath = configPath;
}

void Workspace::setPiFolder(const QString &mac, const QString &folder)
{
    MachineIntent *m = machine(mac);
    if (!m) {
        setAssignment(mac, QString());
        m = machine(mac);
    }
    m->piFolder = folder;
}

QString Workspace::piFolderProblem(const QString &folder)
{
    if (folder.trimmed().isEmpty())
        return tr("name a folder inside the piBoot folder, like uefi-rpi4");
    if (folder.startsWith(u'/') || folder.startsWith(u'~'))
        return tr("name it relative to the piBoot folder, like uefi-rpi4, not as an absolute path");
    for (const QChar c : folder) {
        if (c.unicode() < 0x20 || c == u'\\' || c.unicode() == 0x7f)
            return tr("a folder name holds no backslashes or control characters");
    }
    if (folder.split(u'/').contains(QStringLiteral("..")))
        return tr("it must stay inside the piBoot folder ('..' leads out of it)");
    return {};
}

BootSnapshot Workspace::toSnapshot() const
{
    BootSnapshot snap;
    const WorkspaceSettings &s = m_settings;
    snap.interfaceName = s.interfaceName;
    if (!s.serverAddress.isEmpty())
        snap.serverAddress = QHostAddress(s.serverAddress);
    snap.mode = s.mode;
    snap.dhcpRange = s.dhcpRange;
    snap.ports = s.ports;
    snap.ipxeBios = absolutePath(s.ipxeBios);
    snap.ipxeUefi = absolutePath(s.ipxeUefi);
    snap.tftpRoot = absolutePath(s.tftpRoot);
    snap.httpRoot = absolutePath(s.httpRoot);
    snap.piBootDir = absolutePath(s.piBootDir);
    snap.workspaceDir = m_dir;
    for (ArtifactSet set : s.artifacts) {
        set.kernelPath = absolutePath(set.kernelPath);
        set.initramfsPath = absolutePath(set.initramfsPath);
        if (!set.cmdlinePath.isEmpty()) {
            set.cmdlinePath = absolutePath(set.cmdlinePath);
            set.cmdline = Boot::readTalosCmdline(set.cmdlinePath);
        }
        snap.artifacts.insert(set.name, set);
    }
    snap.defaultArtifacts = s.defaultArtifacts;
    snap.unassigned = s.unassigned;
    snap.afterInstall = s.afterInstall;
    // What the extra roots must never serve (canonical, so a symlink or "a/../b" does
    // not get around it); a folder that does not exist yet is kept by its plain path.
    // Each path once: a thousand machines share a few configs, and resolving a path costs
    // system calls (this runs on the main thread whenever the engines learn something).
    QSet<QString> added;
    auto addPrivate = [&snap, &added](const QString &path, bool folder) {
        if (added.contains(path))
            return;
        added.insert(path);
        const QFileInfo info(path);
        const QString canonical = info.exists() ? info.canonicalFilePath() : QDir::cleanPath(info.absoluteFilePath());
        snap.privatePaths.append(folder ? canonical + u'/' : canonical);
    };
    for (const char *name : {"netboot.yaml", "leases.json", "installed.json"})
        addPrivate(absolutePath(QLatin1String(name)), false);
    for (const char *name : {"configs", "patches"})
        addPrivate(absolutePath(QLatin1String(name)), true);
    // inventory.sqlite and its -wal / -shm companions.
    addPrivate(absolutePath(QStringLiteral("inventory.sqlite")), false);
    addPrivate(absolutePath(QStringLiteral("inventory.sqlite-wal")), false);
    addPrivate(absolutePath(QStringLiteral("inventory.sqlite-shm")), false);
    for (MachineIntent m : s.machines) {
        m.configPath = absolutePath(m.configPath);
        for (QString &patch : m.patches)
            patch = absolutePath(patch);
        if (!m.configPath.isEmpty())
            addPrivate(m.configPath, false);
        for (const QString &patch : std::as_const(m.patches))
            addPrivate(patch, false);
        if (!m.mac.isEmpty())
            snap.machines.insert(m.mac, m);
        else
            snap.identityEntries.append(m);
    }
    for (MachineRule rule : s.rules) {
        rule.configPath = absolutePath(rule.configPath);
        for (QString &patch : rule.patches)
            patch = absolutePath(patch);
        if (!rule.configPath.isEmpty())
            addPrivate(rule.configPath, false);
        snap.rules.append(rule);
    }
    return snap;
}

} // namespace Nbc
