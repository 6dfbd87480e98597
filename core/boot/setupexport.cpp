#include "boot/setupexport.h"

#include "boot/kernelargs.h"
#include "boot/ipxescript.h"
#include "boot/safepath.h"
#include "inventory/machineregistry.h"
#include "model/mac.h"
#include "session/consolesession.h"
#include "talos/configrenderer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Nbc::Boot {

namespace {

// One machine (or one entry of the workspace) as the export serves it: every identifier
// that leads to it, and what it is given.
struct Exported {
    QString id;               // "mac-52-54-00-12-34-56", "uuid-…", "serial-…": file names
    QString label;            // its hostname, else the identifier
    QStringList macs;         // normalized
    QStringList uuids;        // lower case, both byte orders
    QStringList serials;      // as SMBIOS reports them
    MachineIntent intent;
};

constexpr int kSecretMode = 0600;
constexpr int kPublicMode = 0644;

// A serial becomes a file name that nginx finds from iPXE's ${serial:uristring}: only
// characters that survive percent-decoding as themselves and cannot name a folder.
bool serialFitsFileName(const QString &serial)
{
    if (serial.isEmpty() || serial.size() > 64 || serial.startsWith(u'.') || serial.startsWith(u' '))
        return false;
    for (const QChar c : serial) {
        const char16_t u = c.unicode();
        const bool fits = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'.'
            || u == u'_' || u == u'-' || u == u' ';
        if (!fits)
            return false;
    }
    return true;
}

// Artefact set names become folder names: anything but letters, digits, '.', '_' and '-'
// is replaced, and a name of dots is not one.
QString folderName(const QString &name)
{
    QString out;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool keep = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'.'
            || u == u'_' || u == u'-';
        out += keep ? c : QChar(u'-');
    }
    if (out.isEmpty() || out.startsWith(u'.'))
        out.prepend(QStringLiteral("set-"));
    return out;
}

const ArtifactSet *setFor(const BootSnapshot &snapshot, const MachineIntent &intent)
{
    const QString name = intent.artifacts.isEmpty() ? snapshot.defaultArtifacts : intent.artifacts;
    const auto it = snapshot.artifacts.constFind(name);
    if (it != snapshot.artifacts.constEnd())
        return &it.value();
    if (snapshot.artifacts.size() == 1)
        return &snapshot.artifacts.constBegin().value();
    return nullptr;
}

bool bootsTalos(const BootSnapshot &snapshot, const MachineIntent &intent)
{
    return !intent.configPath.isEmpty()
        && !(intent.installed && snapshot.afterInstall != AfterInstallPolicy::AlwaysPxe);
}

// The Talos kernel command line the console gives (IpxeScripts::talosCommandLine), with
// talos.config= pointing at the export's copy and no talos.logging.kernel=: no console
// listens for logs where the export runs.
QStringList talosArgs(const ArtifactSet &set, const QString &configUrl)
{
    QStringList args = IpxeScripts::talosKernelArgs(&set);
    if (!configUrl.isEmpty())
        args << QStringLiteral("talos.config=") + configUrl;
    return args;
}

QString assetDir(const ArtifactSet &set)
{
    return QStringLiteral("assets/") + folderName(set.name);
}

// Matchbox serves -assets-path under /assets/.
QString assetUrl(const ArtifactSet &set, const QString &leaf)
{
    return QStringLiteral("/") + assetDir(set) + u'/' + leaf;
}

// Everything the export serves, one Exported per machine or entry, in a stable order:
// the machines seen first (what the console resolved for them, under all their
// identifiers), then the workspace's entries by MAC, then its entries by UUID or serial.
QList<Exported> collect(const BootSnapshot &snapshot, const QList<MachineFacts> &seen, QStringList *notes)
{
    QList<Exported> out;
    QSet<QString> macsTaken, uuidsTaken, serialsTaken;
    auto wanted = [&snapshot](const MachineIntent &intent) {
        return !intent.configPath.isEmpty() || (intent.installed && snapshot.afterInstall != AfterInstallPolicy::AlwaysPxe);
    };

    QStringList macs = snapshot.machines.keys();
    std::sort(macs.begin(), macs.end());
    // The machines seen: each MAC keeps its own resolution (an entry of its own stands for
    // that NIC); the UUID and serial lead to what the machine's first MAC resolved to.
    QHash<QString, const MachineFacts *> factsByPrimary;
    for (const MachineFacts &facts : seen) {
        if (!facts.macs.isEmpty())
            factsByPrimary.insert(facts.macs.constFirst(), &facts);
    }
    for (const QString &mac : std::as_const(macs)) {
        const MachineIntent intent = snapshot.machines.value(mac);
        if (!wanted(intent))
            continue;
        Exported e;
        e.id = QStringLiteral("mac-") + Mac::parse(mac).toDashed();
        e.label = intent.hostname.isEmpty() ? mac : intent.hostname;
        e.macs = {mac};
        e.intent = intent;
        e.intent.mac = mac;
        if (const MachineFacts *facts = factsByPrimary.value(mac)) {
            if (meaningfulUuid(facts->uuid)) {
                for (const QString &spelling : uuidSpellings(facts->uuid)) {
                    if (!uuidsTaken.contains(spelling)) {
                        e.uuids << spelling;
                        uuidsTaken.insert(spelling);
                    }
                }
            }
            if (meaningfulSerial(facts->serial) && serialFitsFileName(facts->serial)
                && !serialsTaken.contains(facts->serial)) {
                e.serials << facts->serial;
                serialsTaken.insert(facts->serial);
            }
        }
        macsTaken.insert(mac);
        out << e;
    }

    for (const MachineIntent &entry : snapshot.identityEntries) {
        if (!wanted(entry))
            continue;
        Exported e;
        e.intent = entry;
        if (meaningfulUuid(entry.uuid)) {
            const QStringList spellings = uuidSpellings(entry.uuid);
            e.id = QStringLiteral("uuid-") + spellings.constFirst();
            for (const QString &spelling : spellings) {
                // A machine seen with this UUID was served what the console resolved for it.
                if (!uuidsTaken.contains(spelling)) {
                    e.uuids << spelling;
                    uuidsTaken.insert(spelling);
                }
            }
        } else if (meaningfulSerial(entry.serial)) {
            const QString serial = entry.serial.trimmed();
            if (!serialFitsFileName(serial)) {
                notes->append(SetupExport::tr("The entry for serial “%1” is left out: a serial with other characters than "
                                              "letters, digits, spaces, '.', '_' and '-' cannot be matched by a file name.")
                                  .arg(serial));
                continue;
            }
            e.id = QStringLiteral("serial-") + serial.toLower().replace(u' ', u'_');
            if (!serialsTaken.contains(serial)) {
                e.serials << serial;
                serialsTaken.insert(serial);
            }
        } else {
            continue;
        }
        if (e.uuids.isEmpty() && e.serials.isEmpty())
            continue;   // every identifier already leads to a machine seen
        e.label = entry.hostname.isEmpty() ? e.id : entry.hostname;
        out << e;
    }
    return out;
}

QString header(const QString &comment)
{
    return QStringLiteral("#!ipxe\n# Netboot Console export: ") + comment + u'\n';
}

QByteArray machineScript(const BootSnapshot &snapshot, const Exported &e, const ArtifactSet *set, const QString &base,
                         const QString &configUrl)
{
    if (e.intent.installed && snapshot.afterInstall != AfterInstallPolicy::AlwaysPxe) {
        // Talos is on the disk: hand the machine back to it (the console's afterInstall; a
        // static server cannot answer 404 for one machine only, so http-404 exits too).
        if (snapshot.afterInstall == AfterInstallPolicy::Sanboot)
            return (header(e.label + QStringLiteral(" is installed: boot the first disk"))
                    + QLatin1String(IpxeScripts::kSanbootFirstDisk)).toUtf8();
        return (header(e.label + QStringLiteral(" is installed: boot from the next device"))
                + QLatin1String(IpxeScripts::kExitToNextDevice)).toUtf8();
    }
    const QString version = set->talosVersion.isEmpty() ? QString() : QString(QStringLiteral(" ") + set->talosVersion);
    return (header(e.label + QStringLiteral(": Talos") + version + QStringLiteral(" (") + set->name + u')')
            + QStringLiteral("imgfree\nkernel ") + base + u'/' + assetDir(*set) + QStringLiteral("/vmlinuz ")
            + talosArgs(*set, configUrl).join(u' ') + QStringLiteral("\ninitrd ") + base + u'/' + assetDir(*set)
            + QStringLiteral("/initramfs.xz\nboot\n"))
        .toUtf8();
}

// /boot.ipxe of the static tree: the console's entry (an address first, then the chain),
// asking for the machine's own script by UUID, serial and MAC in the order Matchbox
// prefers its selectors (the most specific group sorts last: uuid, serial, mac), then
// for what an unknown machine gets.
QByteArray entryScript(const QString &base)
{
    return (header(QStringLiteral("generic entry (static)"))
            + QStringLiteral(":address\n"
                             "isset ${net0/ip} && goto chain ||\n"
                             "echo Netboot Console export: no IPv4 address on net0 yet, asking DHCP again\n"
                             "dhcp net0 || sleep 2\n"
                             "goto address\n"
                             ":chain\n"
                             "chain --replace --autofree %1/uuid/${uuid}.ipxe ||\n"
                             "chain --replace --autofree %1/serial/${serial:uristring}.ipxe ||\n"
                             "chain --replace --autofree %1/mac/${net0/mac:hexhyp}.ipxe ||\n"
                             "chain --replace --autofree %1/default.ipxe || goto retry\n"
                             ":retry\n"
                             "echo Netboot Console export: the boot server did not answer, retrying in 5 s\n"
                             "sleep 5\n"
                             "goto chain\n")
                  .arg(base))
        .toUtf8();
}

QByteArray defaultScript(const BootSnapshot &snapshot, const ArtifactSet *set, const QString &base)
{
    if (snapshot.unassigned == UnassignedPolicy::Maintenance && set) {
        Exported e;
        e.label = QStringLiteral("a machine with no config (maintenance mode)");
        return machineScript(snapshot, e, set, base, {});
    }
    const QByteArray wait = QByteArray::number(IpxeScripts::kWaitSeconds);
    return (header(QStringLiteral("a machine with no config in this export waits"))
            + QStringLiteral("echo Netboot Console export: no machine config for ${net0/mac} (uuid ${uuid}, serial ${serial}).\n"
                             "echo Assign one in the workspace and export again; this machine asks again every %1 s.\n"
                             ":wait\n"
                             "sleep %1\n"
                             "chain --replace --autofree %2/boot.ipxe || goto wait\n")
                  .arg(QString::fromLatin1(wait), base))
        .toUtf8();
}

QString networkAddress(const BootSnapshot &snapshot)
{
    if (snapshot.netmask.isNull())
        return snapshot.serverAddress.toString();
    return QHostAddress(snapshot.serverAddress.toIPv4Address() & snapshot.netmask.toIPv4Address()).toString();
}

QString biosName(const BootSnapshot &snapshot)
{
    const QString name = QFileInfo(snapshot.ipxeBios).fileName();
    return name.isEmpty() ? QStringLiteral("undionly.kpxe") : name;
}

QString uefiName(const BootSnapshot &snapshot)
{
    const QString name = QFileInfo(snapshot.ipxeUefi).fileName();
    return name.isEmpty() ? QStringLiteral("ipxe.efi") : name;
}

// dnsmasq's part, the same in both formats: DHCP (proxy next to the LAN's server, or
// full on an isolated network) and TFTP for the iPXE binaries; iPXE itself is sent to
// bootUrl. The loop guard is the console's: a client that is already iPXE (user class
// "iPXE", or its own option 175) gets the script URL, never iPXE again.
QByteArray dnsmasqConf(const BootSnapshot &snapshot, const QString &targetDir, const QString &bootUrl)
{
    const bool full = snapshot.mode == DhcpMode::Full;
    const QString tftpRoot = QDir(targetDir).filePath(QStringLiteral("tftp"));
    QString text = QStringLiteral("# dnsmasq for network-booting Talos, written by Netboot Console's export (%1 mode).\n"
                                  "# Start: dnsmasq --no-daemon --conf-file=%2 (see README.md).\n"
                                  "# No DNS: this dnsmasq only does DHCP for network boots and TFTP.\n"
                                  "port=0\n"
                                  "interface=%3\n"
                                  "bind-interfaces\n")
                       .arg(full ? QStringLiteral("full DHCP") : QStringLiteral("proxy DHCP"),
                            QDir(targetDir).filePath(QStringLiteral("dnsmasq.conf")), snapshot.interfaceName);
    if (full) {
        const QStringList range = snapshot.dhcpRange.split(u'-');
        text += QStringLiteral("# Full DHCP on an isolated network: addresses from the workspace's dhcpRange.\n"
                               "dhcp-range=%1,%2%3,1h\n"
                               "dhcp-authoritative\n")
                    .arg(range.value(0).trimmed(), range.value(1).trimmed(),
                         snapshot.netmask.isNull() ? QString() : QString(QStringLiteral(",") + snapshot.netmask.toString()));
        if (snapshot.router.isNull())
            text += QStringLiteral("# No router on the bring-up network, as the console offers none.\n"
                                   "dhcp-option=option:router\n");
        else
            text += QStringLiteral("dhcp-option=option:router,%1\n").arg(snapshot.router.toString());
    } else {
        text += QStringLiteral("# Proxy DHCP next to the LAN's own DHCP server: boot information only, never an address.\n"
                               "dhcp-range=%1,proxy%2\n")
                    .arg(networkAddress(snapshot),
                         snapshot.netmask.isNull() ? QString() : QString(QStringLiteral(",") + snapshot.netmask.toString()));
    }
    // With the server as next-server (siaddr) next to the URL, iPXE takes a proxy offer as
    // it is; without it, iPXE asks again on 4011 and a reply it misses leaves it with
    // "Nothing to boot" (DESIGN.md, proxy reply shapes).
    const QString server = snapshot.serverAddress.toString();
    text += QStringLiteral("# The loop guard: iPXE says so by its user class and by its own options (175); it gets\n"
                           "# the boot script over HTTP, never iPXE again.\n"
                           "dhcp-userclass=set:ipxe,iPXE\n"
                           "dhcp-match=set:ipxe,175\n"
                           "dhcp-boot=tag:ipxe,%1,,%2\n")
                .arg(bootUrl, server);
    if (full) {
        text += QStringLiteral("# Firmware PXE loads iPXE over TFTP: UEFI x64 (client arch 7 and 9), else BIOS.\n"
                               "dhcp-match=set:efi64,option:client-arch,7\n"
                               "dhcp-match=set:efi64,option:client-arch,9\n"
                               "dhcp-boot=tag:!ipxe,tag:efi64,%1,,%3\n"
                               "dhcp-boot=tag:!ipxe,tag:!efi64,%2,,%3\n")
                    .arg(uefiName(snapshot), biosName(snapshot), server);
    } else {
        // One service per client type and no prompt: dnsmasq boots it at once, and for
        // UEFI answers on 4011 with the file and no menu. iPXE matches no service here,
        // so it gets no PXE menu (iPXE EFI stops at one) and boots dhcp-boot's URL.
        text += QStringLiteral("# Firmware PXE loads iPXE over TFTP from this dnsmasq.\n"
                               "pxe-service=tag:!ipxe,x86PC,\"Netboot (BIOS)\",%1\n"
                               "pxe-service=tag:!ipxe,BC_EFI,\"Netboot (UEFI)\",%2\n"
                               "pxe-service=tag:!ipxe,x86-64_EFI,\"Netboot (UEFI)\",%2\n")
                    .arg(biosName(snapshot), uefiName(snapshot));
    }
    text += QStringLiteral("enable-tftp\n"
                           "tftp-root=%1\n"
                           "# Uncomment to see every DHCP exchange in the log.\n"
                           "#log-dhcp\n")
                .arg(tftpRoot);
    return text.toUtf8();
}

QByteArray nginxConf(const BootSnapshot &snapshot, const QString &targetDir)
{
    const QString root = QDir(targetDir).filePath(QStringLiteral("www"));
    const QString subnet = snapshot.netmask.isNull()
        ? QHostAddress(snapshot.serverAddress.toIPv4Address() & 0xffffff00u).toString() + QStringLiteral("/24")
        : QStringLiteral("%1/%2").arg(networkAddress(snapshot)).arg(
              QHostAddress::parseSubnet(QStringLiteral("0.0.0.0/") + snapshot.netmask.toString()).second);
    return QStringLiteral(
               "# nginx server block for the static tree of Netboot Console's export: put it in the http\n"
               "# block (e.g. as /etc/nginx/conf.d/netboot.conf) and reload nginx. See README.md.\n"
               "server {\n"
               "    listen %1:%2;\n"
               "    root %3;\n"
               "    autoindex off;\n"
               "    sendfile on;\n"
               "    default_type application/octet-stream;\n"
               "\n"
               "    # iPXE scripts: a new export changes them, so nothing keeps an old one.\n"
               "    location ~ \\.ipxe$ {\n"
               "        default_type text/plain;\n"
               "        add_header Cache-Control no-store;\n"
               "    }\n"
               "\n"
               "    # The machine configs hold the cluster's secrets, and anyone who can reach this\n"
               "    # server can read them. To serve them to the boot network only, uncomment:\n"
               "    location /configs/ {\n"
               "        default_type application/yaml;\n"
               "        add_header Cache-Control no-store;\n"
               "        #allow %4;\n"
               "        #deny all;\n"
               "    }\n"
               "}\n")
        .arg(snapshot.serverAddress.toString())
        .arg(snapshot.ports.http)
        .arg(root, subnet)
        .toUtf8();
}

// Matchbox renders generic configs as Go templates: "{{" in a config (an inline manifest
// may hold one) must come out as itself.
QByteArray escapeGoTemplate(const QByteArray &text)
{
    QByteArray out = text;
    return out.replace("{{", "{{\"{{\"}}");
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QString listing(const QStringList &lines)
{
    QString out;
    for (const QString &line : lines)
        out += QStringLiteral("- ") + line + u'\n';
    return out;
}

// What the README says about the machines, the rules and the notes, in both formats.
QString limitsSection(const BootSnapshot &snapshot, const QList<Exported> &machines, const QStringList &notes,
                      bool matchbox)
{
    QString text = QStringLiteral("## Machines in this export\n\n");
    if (machines.isEmpty())
        text += QStringLiteral("None: no machine has a config yet.\n");
    for (const Exported &e : machines) {
        QStringList ids;
        for (const QString &mac : e.macs)
            ids << QStringLiteral("MAC ") + mac;
        for (const QString &uuid : e.uuids)
            ids << QStringLiteral("UUID ") + uuid;
        for (const QString &serial : e.serials)
            ids << QStringLiteral("serial ") + serial;
        QString what = bootsTalos(snapshot, e.intent)
            ? QStringLiteral("boots Talos with ") + QFileInfo(e.intent.configPath).fileName()
            : QStringLiteral("is installed: sent to its disk");
        if (!e.intent.rule.isEmpty())
            what += QStringLiteral(" (from rule “") + e.intent.rule + QStringLiteral("”)");
        text += QStringLiteral("- %1 (%2): %3\n").arg(e.label, ids.join(QStringLiteral(", ")), what);
    }
    text += QStringLiteral(
        "\n## What a static setup cannot do\n\n"
        "- **Rules** (`rules:` in netboot.yaml) are exported only for the machines the console has already "
        "seen: those are written under their own MACs, UUID and serial. A new machine that a rule would match "
        "(by MAC prefix or range, manufacturer, product, serial pattern or firmware) is unknown here and gets "
        "what an unknown machine gets%1. Boot it once with the console, or give it an entry of its own, and "
        "export again.\n"
        "- A machine is looked up by its SMBIOS UUID, then its serial, then its MAC%2. A machine named by two "
        "different entries (one by MAC, one by UUID) gets the UUID's here; the console gives it the MAC's.\n"
        "- Nothing learns from the wire: installs are not recorded, so a machine that network-boots again after "
        "installing boots Talos again. Set its firmware to boot from disk first, or mark it installed in the "
        "console and export again. Machines the console knew as installed are sent to their disk.\n"
        "- Talos's logs are not received: the configs and kernel arguments carry no log destination.\n"
        "- Any change in the workspace (a config, an assignment, a rule) needs a new export.\n")
                .arg(matchbox ? (snapshot.unassigned == UnassignedPolicy::Maintenance
                                     ? QStringLiteral(" (the default group: Talos in maintenance mode)")
                                     : QStringLiteral(" (no group matches: Matchbox answers 404 and the machine "
                                                      "goes on to its next boot device)"))
                              : (snapshot.unassigned == UnassignedPolicy::Maintenance
                                     ? QStringLiteral(" (default.ipxe: Talos in maintenance mode)")
                                     : QStringLiteral(" (default.ipxe: it waits and asks again)")),
                     matchbox ? QStringLiteral(" (Matchbox prefers the group whose selector sorts last)")
                              : QStringLiteral(" (boot.ipxe tries uuid/, serial/ and mac/ in that order)"));
    if (!notes.isEmpty())
        text += QStringLiteral("\n## Left out of this export\n\n") + listing(notes);
    return text;
}

void addArtifacts(SetupExportPlan &plan, const BootSnapshot &snapshot, const QString &assetsPrefix,
                  const QList<const ArtifactSet *> &sets)
{
    QSet<QString> done;
    for (const ArtifactSet *set : sets) {
        if (!set || done.contains(set->name))
            continue;
        done.insert(set->name);
        for (const auto &[path, leaf] : {std::pair{set->kernelPath, QStringLiteral("vmlinuz")},
                                         std::pair{set->initramfsPath, QStringLiteral("initramfs.xz")}}) {
            if (!QFileInfo(path).isFile()) {
                plan.errors << SetupExport::tr("The artefact set “%1” names %2, which is not there.")
                                   .arg(set->name, QDir::toNativeSeparators(path));
                continue;
            }
            plan.artifacts.append({assetsPrefix + assetDir(*set) + u'/' + leaf, path});
        }
    }
    for (const auto &[path, name] : {std::pair{snapshot.ipxeBios, biosName(snapshot)},
                                     std::pair{snapshot.ipxeUefi, uefiName(snapshot)}}) {
        if (QFileInfo(path).isFile())
            plan.artifacts.append({QStringLiteral("tftp/") + name, path});
        else
            plan.notes << SetupExport::tr("The iPXE binary %1 is not on this computer: put %2 into tftp/ yourself.")
                              .arg(QDir::toNativeSeparators(path), name);
    }
}

} // namespace

const SetupFile *SetupExportPlan::file(const QString &path) const
{
    for (const SetupFile &f : files) {
        if (f.path == path)
            return &f;
    }
    return nullptr;
}

std::optional<SetupFormat> SetupExport::formatFromName(const QString &name)
{
    if (name == QLatin1String("dnsmasq-nginx"))
        return SetupFormat::DnsmasqNginx;
    if (name == QLatin1String("matchbox"))
        return SetupFormat::Matchbox;
    return std::nullopt;
}

QString SetupExport::formatName(SetupFormat format)
{
    return format == SetupFormat::Matchbox ? QStringLiteral("matchbox") : QStringLiteral("dnsmasq-nginx");
}

QByteArray SetupExport::renderedConfig(const MachineIntent &machine, QString *error)
{
    // The same files and the same rendering as the console's (routeHttp), without the
    // console's log sink: nothing receives Talos's logs where the export runs.
    const QString name = QFileInfo(machine.configPath).fileName();
    const Talos::ConfigFiles files = Talos::ConfigFiles::read(machine.configPath, machine.patches);
    if (!files.ok()) {
        *error = files.problem == Talos::ConfigFiles::Problem::PatchUnreadable
            ? tr("The patch %1 cannot be read.").arg(QDir::toNativeSeparators(files.file))
            : tr("%1 cannot be read as a machine config.").arg(QDir::toNativeSeparators(machine.configPath));
        return {};
    }
    Talos::RenderInput input;
    input.patches = files.patches;
    input.hostname = machine.hostname;
    input.installDisk = machine.installDisk;
    const Talos::RenderResult rendered = Talos::ConfigRenderer::render(files.config, input, name);
    if (!rendered.ok()) {
        *error = rendered.errorText(name);
        return {};
    }
    return rendered.bytes;
}

SetupExportPlan SetupExport::plan(const BootSnapshot &snapshot, const QList<MachineFacts> &seen, SetupFormat format,
                                  const QString &targetDir)
{
    SetupExportPlan plan;
    plan.format = format;
    const bool matchbox = format == SetupFormat::Matchbox;
    if (snapshot.serverAddress.isNull() || snapshot.serverAddress.protocol() != QAbstractSocket::IPv4Protocol)
        plan.errors << tr("The export needs the IPv4 address the machines reach the server on: set network: "
                          "serverAddress in netboot.yaml, or export where interface %1 is up.")
                           .arg(snapshot.interfaceName.isEmpty() ? tr("(none named)") : snapshot.interfaceName);
    if (snapshot.interfaceName.isEmpty())
        plan.errors << tr("The workspace names no network interface for dnsmasq to serve on: set network: interface "
                          "in netboot.yaml or give --interface NAME.");
    if (snapshot.mode == DhcpMode::Full && snapshot.dhcpRange.split(u'-').size() != 2)
        plan.errors << tr("Full DHCP mode needs network: dhcpRange in netboot.yaml (e.g. 10.77.0.100-10.77.0.199).");
    if (snapshot.artifacts.isEmpty())
        plan.errors << tr("The workspace has no artefact set (Talos kernel and initramfs): there is nothing to boot.");
    if (!plan.ok())
        return plan;

    const QString base = snapshot.httpBaseUrl();
    const QList<Exported> machines = collect(snapshot, seen, &plan.notes);
    const ArtifactSet *defaultSet = setFor(snapshot, MachineIntent{});
    QList<const ArtifactSet *> sets;
    if (snapshot.unassigned == UnassignedPolicy::Maintenance)
        sets << defaultSet;

    // Rules reach only the machines seen; say which rules reached none.
    QSet<QString> rulesUsed;
    for (const MachineIntent &intent : snapshot.machines)
        rulesUsed.insert(intent.rule);
    for (const MachineRule &rule : snapshot.rules) {
        if (!rulesUsed.contains(rule.name))
            plan.notes << tr("Rule “%1” matches no machine the console has seen: it is not in this export.").arg(rule.name);
    }

    for (const Exported &e : machines) {
        const ArtifactSet *set = setFor(snapshot, e.intent);
        const bool boots = bootsTalos(snapshot, e.intent);
        if (boots && !set) {
            plan.errors << tr("%1 has no artefact set to boot (“%2” is not in the workspace).")
                               .arg(e.label, e.intent.artifacts);
            continue;
        }
        QByteArray config;
        if (boots) {
            QString error;
            config = renderedConfig(e.intent, &error);
            if (config.isEmpty()) {
                plan.errors << tr("The config of %1 cannot be exported: %2").arg(e.label, error);
                continue;
            }
            sets << set;
        }
        if (!matchbox) {
            const QString configUrl = base + QStringLiteral("/configs/") + e.id + QStringLiteral(".yaml");
            const QByteArray script = machineScript(snapshot, e, set, base, boots ? configUrl : QString());
            for (const QString &mac : e.macs)
                plan.files.append({QStringLiteral("www/mac/") + Mac::parse(mac).toDashed() + QStringLiteral(".ipxe"),
                                   script, kPublicMode});
            for (const QString &uuid : e.uuids)
                plan.files.append({QStringLiteral("www/uuid/") + uuid + QStringLiteral(".ipxe"), script, kPublicMode});
            for (const QString &serial : e.serials)
                plan.files.append({QStringLiteral("www/serial/") + serial + QStringLiteral(".ipxe"), script, kPublicMode});
            if (boots)
                plan.files.append({QStringLiteral("www/configs/") + e.id + QStringLiteral(".yaml"), config, kSecretMode});
            continue;
        }
        if (!boots) {
            plan.notes << tr("%1 is installed: Matchbox has no group for it, so it gets no answer and goes on to its "
                             "next boot device.").arg(e.label);
            continue;
        }
        // Matchbox: one profile per machine (its kernel line and its config as a generic
        // template), one group per identifier, with Matchbox's reserved selector keys.
        const QString configUrl = base + QStringLiteral("/generic?uuid=${uuid}&mac=${mac:hexhyp}&serial=${serial:uristring}");
        QJsonObject boot{{QStringLiteral("kernel"), assetUrl(*set, QStringLiteral("vmlinuz"))},
                         {QStringLiteral("initrd"), QJsonArray{assetUrl(*set, QStringLiteral("initramfs.xz"))}},
                         {QStringLiteral("args"), QJsonArray::fromStringList(talosArgs(*set, configUrl))}};
        const QJsonObject profile{{QStringLiteral("id"), e.id},
                                  {QStringLiteral("name"), e.label},
                                  {QStringLiteral("boot"), boot},
                                  {QStringLiteral("generic_id"), QString(e.id + QStringLiteral(".yaml"))}};
        plan.files.append({QStringLiteral("profiles/") + e.id + QStringLiteral(".json"), json(profile), kPublicMode});
        plan.files.append({QStringLiteral("generic/") + e.id + QStringLiteral(".yaml"), escapeGoTemplate(config), kSecretMode});
        auto group = [&](const QString &id, const QString &key, const QString &value) {
            const QJsonObject object{{QStringLiteral("id"), id},
                                     {QStringLiteral("name"), e.label},
                                     {QStringLiteral("profile"), e.id},
                                     {QStringLiteral("selector"), QJsonObject{{key, value}}}};
            plan.files.append({QStringLiteral("groups/") + id + QStringLiteral(".json"), json(object), kPublicMode});
        };
        for (const QString &mac : e.macs)
            group(QStringLiteral("mac-") + Mac::parse(mac).toDashed(), QStringLiteral("mac"), mac);
        for (const QString &uuid : e.uuids)
            group(QStringLiteral("uuid-") + uuid, QStringLiteral("uuid"), uuid);
        for (const QString &serial : e.serials)
            group(QStringLiteral("serial-") + QString(serial).replace(u' ', u'_'), QStringLiteral("serial"), serial);
    }
    if (!plan.ok())
        return plan;

    const QString assetsPrefix = matchbox ? QString() : QStringLiteral("www/");
    if (!matchbox) {
        plan.files.append({QStringLiteral("www/boot.ipxe"), entryScript(base), kPublicMode});
        plan.files.append({QStringLiteral("www/default.ipxe"), defaultScript(snapshot, defaultSet, base), kPublicMode});
        plan.files.append({QStringLiteral("dnsmasq.conf"),
                           dnsmasqConf(snapshot, targetDir, base + QStringLiteral("/boot.ipxe")), kPublicMode});
        plan.files.append({QStringLiteral("nginx-netboot.conf"), nginxConf(snapshot, targetDir), kPublicMode});
    } else {
        if (snapshot.unassigned == UnassignedPolicy::Maintenance && defaultSet) {
            const QJsonObject boot{
                {QStringLiteral("kernel"), assetUrl(*defaultSet, QStringLiteral("vmlinuz"))},
                {QStringLiteral("initrd"), QJsonArray{assetUrl(*defaultSet, QStringLiteral("initramfs.xz"))}},
                {QStringLiteral("args"), QJsonArray::fromStringList(talosArgs(*defaultSet, {}))}};
            plan.files.append({QStringLiteral("profiles/maintenance.json"),
                               json({{QStringLiteral("id"), QStringLiteral("maintenance")},
                                     {QStringLiteral("name"), QStringLiteral("Talos maintenance mode (no config)")},
                                     {QStringLiteral("boot"), boot}}),
                               kPublicMode});
            plan.files.append({QStringLiteral("groups/default.json"),
                               json({{QStringLiteral("id"), QStringLiteral("default")},
                                     {QStringLiteral("name"), QStringLiteral("Machines with no config")},
                                     {QStringLiteral("profile"), QStringLiteral("maintenance")}}),
                               kPublicMode});
        }
        // Matchbox serves its own /boot.ipxe, which chains to /ipxe with the machine's labels.
        plan.files.append({QStringLiteral("dnsmasq.conf"),
                           dnsmasqConf(snapshot, targetDir, base + QStringLiteral("/boot.ipxe")), kPublicMode});
    }
    addArtifacts(plan, snapshot, assetsPrefix, sets);

    // The README last: it lists everything above.
    const QString dir = QDir::cleanPath(targetDir);
    const QString secretFolder = matchbox ? QStringLiteral("generic") : QStringLiteral("www/configs");
    const QString webUser = matchbox ? QStringLiteral("matchbox") : QStringLiteral("www-data");
    QString readme;
    if (!matchbox) {
        readme = QStringLiteral(
                     "# Network boot with dnsmasq and nginx\n\n"
                     "Written by Netboot Console's export from the workspace %1, for %2 (%3 mode).\n"
                     "It boots the same machines the same way with no console running.\n\n"
                     "## What is here\n\n"
                     "- `dnsmasq.conf`: %4 on interface %5, and TFTP for the iPXE binaries in `tftp/`.\n"
                     "- `nginx-netboot.conf`: an nginx server block serving `www/` on %6.\n"
                     "- `www/boot.ipxe`: where dnsmasq sends iPXE. It asks for `uuid/<uuid>.ipxe`, then "
                     "`serial/<serial>.ipxe`, then `mac/<mac>.ipxe`, then `default.ipxe`.\n"
                     "- `www/uuid/`, `www/serial/`, `www/mac/`: one script per machine and identifier.\n"
                     "- `www/configs/`: each machine's rendered Talos config (hostname, install disk, patches), "
                     "exactly as the console serves it, without the console's log destination.\n"
                     "- `www/assets/`: the Talos kernels and initramfs files.\n\n"
                     "## Start\n\n"
                     "```\n"
                     "sudo dnsmasq --no-daemon --conf-file=%7/dnsmasq.conf\n"
                     "sudo cp %7/nginx-netboot.conf /etc/nginx/conf.d/netboot.conf && sudo nginx -s reload\n"
                     "```\n\n"
                     "dnsmasq runs as its own user after it starts: it must be able to read `tftp/`, so every "
                     "folder above it must be searchable by everyone (mode o+x). The same goes for nginx's user "
                     "and `www/`. If the folder moves, change `tftp-root` in dnsmasq.conf and `root` in the "
                     "server block.\n\n"
                     "## Secrets: who can read the configs\n\n"
                     "The machine configs in `www/configs/` hold the cluster's secrets (certificates, keys, "
                     "tokens). **Anyone who can reach this web server can fetch any of them**: the console gives "
                     "a config only to its machine's address, with a short-lived token; a static server cannot. "
                     "Serve them on an isolated boot network, and restrict them to it: uncomment the `allow` and "
                     "`deny` lines in the server block's `location /configs/`.\n\n"
                     "The export writes them readable by you alone (0600, in a folder of mode 0700). nginx reads "
                     "them as its worker user (www-data on Debian): give that group read access, and no one else:\n\n"
                     "```\n"
                     "sudo chgrp -R %8 %7/%9\n"
                     "sudo chmod 0750 %7/%9 && sudo chmod 0640 %7/%9/*\n"
                     "```\n\n"
                     "Until then nginx answers 403 for them.\n\n")
                     .arg(QDir::toNativeSeparators(snapshot.workspaceDir), snapshot.serverAddress.toString(),
                          snapshot.mode == DhcpMode::Full ? QStringLiteral("full DHCP") : QStringLiteral("proxy DHCP"),
                          snapshot.mode == DhcpMode::Full
                              ? QStringLiteral("full DHCP (addresses %1)").arg(snapshot.dhcpRange)
                              : QStringLiteral("proxy DHCP next to the LAN's DHCP server"),
                          snapshot.interfaceName, base, dir, webUser, secretFolder);
    } else {
        readme = QStringLiteral(
                     "# Network boot with Matchbox and dnsmasq\n\n"
                     "Written by Netboot Console's export from the workspace %1, for %2 (%3 mode).\n\n"
                     "## What is here\n\n"
                     "This folder is a Matchbox data folder (`-data-path`) with its assets (`-assets-path`):\n\n"
                     "- `profiles/*.json`: one profile per machine: its Talos kernel, initramfs and kernel "
                     "arguments; `talos.config=` asks Matchbox's `/generic` endpoint with the machine's uuid, "
                     "mac and serial.\n"
                     "- `groups/*.json`: one group per identifier of a machine, with Matchbox's selectors "
                     "`mac`, `uuid` or `serial`.\n"
                     "- `generic/*.yaml`: each machine's rendered Talos config (hostname, install disk, "
                     "patches), as the console serves it, without the console's log destination. Matchbox "
                     "renders them as Go templates: a `{{` in a config is written as `{{\"{{\"}}`.\n"
                     "- `assets/`: the Talos kernels and initramfs files.\n"
                     "- `dnsmasq.conf` and `tftp/`: %4 on interface %5, and TFTP for the iPXE binaries; "
                     "iPXE is sent to Matchbox's `/boot.ipxe`.\n\n"
                     "## Start\n\n"
                     "```\n"
                     "matchbox -address=%6 -data-path=%7 -assets-path=%7/assets\n"
                     "sudo dnsmasq --no-daemon --conf-file=%7/dnsmasq.conf\n"
                     "```\n\n"
                     "## Secrets: who can read the configs\n\n"
                     "The configs in `generic/` hold the cluster's secrets. **Anyone who can reach Matchbox's "
                     "HTTP port can fetch any of them** by asking with a machine's MAC, UUID or serial: keep "
                     "Matchbox on an isolated boot network or behind a firewall that lets only that network in.\n\n"
                     "The export writes them readable by you alone (0600, in a folder of mode 0700). If Matchbox "
                     "runs as its own user (matchbox), give that group read access:\n\n"
                     "```\n"
                     "sudo chgrp -R %8 %7/%9\n"
                     "sudo chmod 0750 %7/%9 && sudo chmod 0640 %7/%9/*\n"
                     "```\n\n")
                     .arg(QDir::toNativeSeparators(snapshot.workspaceDir), snapshot.serverAddress.toString(),
                          snapshot.mode == DhcpMode::Full ? QStringLiteral("full DHCP") : QStringLiteral("proxy DHCP"),
                          snapshot.mode == DhcpMode::Full
                              ? QStringLiteral("full DHCP (addresses %1)").arg(snapshot.dhcpRange)
                              : QStringLiteral("proxy DHCP next to the LAN's DHCP server"),
                          snapshot.interfaceName,
                          QStringLiteral("%1:%2").arg(snapshot.serverAddress.toString()).arg(snapshot.ports.http), dir,
                          webUser, secretFolder);
    }
    readme += limitsSection(snapshot, machines, plan.notes, matchbox);
    plan.files.append({QStringLiteral("README.md"), readme.toUtf8(), kPublicMode});
    return plan;
}

SetupExportPlan SetupExport::plan(const ConsoleSession &session, SetupFormat format, const QString &targetDir)
{
    QList<MachineFacts> seen;
    for (const Machine &m : session.registry()->machines())
        seen << ConsoleSession::factsOf(m);
    std::sort(seen.begin(), seen.end(),
              [](const MachineFacts &a, const MachineFacts &b) { return a.macs.constFirst() < b.macs.constFirst(); });
    return plan(session.snapshot(), seen, format, targetDir);
}

bool SetupExport::isEmptyFolder(const QString &dir)
{
    const QFileInfo info(dir);
    if (!info.exists())
        return true;
    return info.isDir() && QDir(dir).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

QString SetupExport::targetPath(const QString &dir, const QString &relative)
{
    if (relative.isEmpty() || relative.startsWith(u'/'))
        return {};
    // The same name checks the engines apply to names from the wire (resolveUnderRoot):
    // control characters, backslashes, "..": only "not-found" means the name itself is fine.
    const SafePathResult check = resolveUnderRoot(QStringLiteral("/nonexistent-root-for-name-checks"), relative);
    if (check.refusal != QLatin1String("not-found"))
        return {};
    const QStringList parts = relative.split(u'/');
    for (const QString &part : parts) {
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String(".."))
            return {};
    }
    const QString root = QDir::cleanPath(QDir(dir).absolutePath());
    const QString path = QDir::cleanPath(root + u'/' + relative);
    if (!path.startsWith(root + u'/'))
        return {};
    return path;
}

namespace {

// No part of `path` below `root` may already be a symlink: it could lead anywhere.
bool symlinkOnTheWay(const QString &root, const QString &path)
{
    QString at = root;
    for (const QString &part : path.mid(root.size() + 1).split(u'/')) {
        at += u'/' + part;
        struct stat st {};
        if (::lstat(QFile::encodeName(at).constData(), &st) != 0)
            return false;   // nothing there yet, nor below
        if (S_ISLNK(st.st_mode))
            return true;
    }
    return false;
}

bool makeFolders(const QString &root, const QString &path, int mode)
{
    QString at = root;
    const QStringList parts = path.mid(root.size() + 1).split(u'/');
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        at += u'/' + parts.at(i);
        const QByteArray name = QFile::encodeName(at);
        if (::mkdir(name.constData(), 0755) != 0 && errno != EEXIST)
            return false;
        if (i + 2 == parts.size() && mode == kSecretMode && ::chmod(name.constData(), 0700) != 0)
            return false;
    }
    return true;
}

// The bytes go to a new temporary file made with the final mode (a secret is never
// readable by others, not even for a moment), then replace the target in one rename.
bool writeBytes(const QString &path, const QByteArray &bytes, int mode, QString *error)
{
    const QByteArray name = QFile::encodeName(path);
    const QByteArray temp = name + ".export-tmp";
    ::unlink(temp.constData());
    const int fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    bool ok = ::fchmod(fd, mode_t(mode)) == 0;
    qsizetype done = 0;
    while (ok && done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        done += ok ? n : 0;
    }
    if (!ok)
        *error = QString::fromLocal8Bit(std::strerror(errno));
    ok = ::close(fd) == 0 && ok;
    if (ok && ::rename(temp.constData(), name.constData()) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        ok = false;
    }
    if (!ok)
        ::unlink(temp.constData());
    return ok;
}

// A hard link keeps the folder self-contained at no cost in space; across filesystems
// (or where the kernel refuses a link to another user's file) the file is copied.
bool placeArtifact(const QString &path, const QString &source, QString *error)
{
    const QString canonical = QFileInfo(source).canonicalFilePath();
    if (canonical.isEmpty()) {
        *error = SetupExport::tr("%1 is not there").arg(QDir::toNativeSeparators(source));
        return false;
    }
    const QByteArray name = QFile::encodeName(path);
    ::unlink(name.constData());
    if (::link(QFile::encodeName(canonical).constData(), name.constData()) == 0)
        return true;
    const QString temp = path + QStringLiteral(".export-tmp");
    QFile::remove(temp);
    if (!QFile::copy(canonical, temp)) {
        *error = SetupExport::tr("%1 cannot be copied").arg(QDir::toNativeSeparators(canonical));
        return false;
    }
    QFile::setPermissions(temp, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                    | QFileDevice::ReadOther);
    if (::rename(QFile::encodeName(temp).constData(), name.constData()) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(temp);
        return false;
    }
    return true;
}

} // namespace

SetupWriteResult SetupExport::write(const SetupExportPlan &plan, const QString &dir, bool intoNonEmpty)
{
    SetupWriteResult result;
    auto fail = [&result](SetupWriteResult::Error error, const QString &message) {
        result.error = error;
        result.message = message;
        return result;
    };
    const QString root = QDir::cleanPath(QDir(dir).absolutePath());
    const QFileInfo info(root);
    if (info.exists() && !info.isDir())
        return fail(SetupWriteResult::Error::NotAFolder, tr("%1 is not a folder.").arg(QDir::toNativeSeparators(root)));
    if (!isEmptyFolder(root) && !intoNonEmpty)
        return fail(SetupWriteResult::Error::NotEmpty,
                    tr("%1 is not empty: choose an empty or new folder, so the export's files are not mixed with "
                       "others.").arg(QDir::toNativeSeparators(root)));
    // Every name is checked before the first byte is written.
    struct Item {
        QString relative;
        QString path;
        const SetupFile *file = nullptr;
        const SetupArtifact *artifact = nullptr;
    };
    QList<Item> items;
    for (const SetupFile &f : plan.files)
        items.append({f.path, targetPath(root, f.path), &f, nullptr});
    for (const SetupArtifact &a : plan.artifacts)
        items.append({a.path, targetPath(root, a.path), nullptr, &a});
    for (const Item &item : std::as_const(items)) {
        if (item.path.isEmpty())
            return fail(SetupWriteResult::Error::UnsafePath,
                        tr("The export refused the name “%1”: it would be written outside the folder.").arg(item.relative));
    }
    if (!QDir().mkpath(root))
        return fail(SetupWriteResult::Error::WriteFailed,
                    tr("%1 cannot be made: choose a folder you may write to.").arg(QDir::toNativeSeparators(root)));
    for (const Item &item : std::as_const(items)) {
        if (symlinkOnTheWay(root, item.path))
            return fail(SetupWriteResult::Error::UnsafePath,
                        tr("The export refused to write %1: a symbolic link in the folder leads there.")
                            .arg(QDir::toNativeSeparators(item.path)));
        const int mode = item.file ? item.file->mode : kPublicMode;
        if (!makeFolders(root, item.path, mode))
            return fail(SetupWriteResult::Error::WriteFailed,
                        tr("The folder for %1 cannot be made: %2").arg(QDir::toNativeSeparators(item.path),
                                                                        QString::fromLocal8Bit(std::strerror(errno))));
        QString error;
        const bool ok = item.file ? writeBytes(item.path, item.file->bytes, item.file->mode, &error)
                                  : placeArtifact(item.path, item.artifact->source, &error);
        if (!ok)
            return fail(SetupWriteResult::Error::WriteFailed,
                        tr("%1 was not written: %2").arg(QDir::toNativeSeparators(item.path), error));
        result.written << item.relative;
    }
    return result;
}

} // namespace Nbc::Boot
