// The export for dnsmasq + nginx and for Matchbox: dnsmasq.conf in proxy and full mode,
// the static tree's scripts per machine (by MAC, UUID, serial, and for machines a rule
// gave their config), configs byte for byte as the console serves them, the writer's
// refusals (paths out of the folder, a folder that is not empty, symlinks), modes, and
// the Matchbox files checked key by key against the shapes of Matchbox's own examples
// (tests/data/matchbox, README there says where they come from).

#include "boot/httproute.h"
#include "boot/intentresolver.h"
#include "boot/setupexport.h"
#include "model/mac.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Nbc;
using Nbc::Boot::SetupExport;
using Nbc::Boot::SetupExportPlan;
using Nbc::Boot::SetupFormat;

namespace {

const QByteArray kConfig = "version: v1alpha1\n"
                           "machine:\n"
                           "  type: worker\n"
                           "  token: secret-token\n"
                           "  install:\n"
                           "    disk: /dev/sda\n"
                           "cluster:\n"
                           "  controlPlane:\n"
                           "    endpoint: https://10.77.0.10:6443\n"
                           "  clusterName: test\n";

const QString kMac = QStringLiteral("52:54:00:12:34:56");
const QString kUuid = QStringLiteral("4c4c4544-0042-3510-8052-b2c04f4e3132");
const QString kRuleMac1 = QStringLiteral("52:54:00:aa:00:01");
const QString kRuleMac2 = QStringLiteral("52:54:00:aa:00:02");
const QString kRuleUuid = QStringLiteral("11111111-2222-4333-8444-555555555555");

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QJsonObject readJson(const QByteArray &bytes)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    return doc.object();
}

QJsonObject readJsonFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return readJson(f.readAll());
}

// What `value` breaks of `shape` (tests/data/matchbox/schema.json), one line per key.
QStringList shapeProblems(const QJsonObject &value, const QJsonObject &shape, const QString &where = {})
{
    QStringList problems;
    for (auto it = value.constBegin(); it != value.constEnd(); ++it) {
        const QString key = where + it.key();
        if (!shape.contains(it.key())) {
            problems << key + QStringLiteral(": not a key Matchbox reads");
            continue;
        }
        const QJsonValue type = shape.value(it.key());
        const QJsonValue v = it.value();
        if (type.isObject()) {
            if (!v.isObject())
                problems << key + QStringLiteral(": not an object");
            else
                problems << shapeProblems(v.toObject(), type.toObject(), key + u'.');
        } else if (type.toString() == QLatin1String("string")) {
            if (!v.isString())
                problems << key + QStringLiteral(": not a string");
        } else if (type.toString() == QLatin1String("string-array")) {
            const QJsonArray array = v.toArray();
            if (!v.isArray())
                problems << key + QStringLiteral(": not an array");
            for (const QJsonValue &item : array) {
                if (!item.isString())
                    problems << key + QStringLiteral(": an item is not a string");
            }
        } else if (type.toString() == QLatin1String("string-map")) {
            if (!v.isObject())
                problems << key + QStringLiteral(": not an object");
            const QJsonObject map = v.toObject();
            for (auto m = map.constBegin(); m != map.constEnd(); ++m) {
                if (!m.value().isString())
                    problems << key + u'.' + m.key() + QStringLiteral(": not a string");
            }
        } else if (type.toString() == QLatin1String("object")) {
            if (!v.isObject())
                problems << key + QStringLiteral(": not an object");
        }
    }
    return problems;
}

QJsonObject schema()
{
    return readJsonFile(QStringLiteral(NBC_TEST_DATA_DIR "/matchbox/schema.json"));
}

} // namespace

class tst_SetupExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_ws;

    // A workspace's snapshot as ConsoleSession::snapshot() gives it: an entry by MAC (with
    // a patch), one by UUID, one by serial, and a machine seen with two NICs that a rule
    // gave its config (resolved under both MACs).
    BootSnapshot snapshot(DhcpMode mode = DhcpMode::Proxy) const
    {
        BootSnapshot s;
        s.interfaceName = QStringLiteral("eth1");
        s.serverAddress = QHostAddress(QStringLiteral("10.77.0.1"));
        s.netmask = QHostAddress(QStringLiteral("255.255.255.0"));
        s.mode = mode;
        s.dhcpRange = QStringLiteral("10.77.0.100-10.77.0.199");
        s.workspaceDir = m_ws;
        s.ipxeBios = m_ws + QStringLiteral("/ipxe/undionly.kpxe");
        s.ipxeUefi = m_ws + QStringLiteral("/ipxe/ipxe.efi");
        ArtifactSet set;
        set.name = QStringLiteral("talos-1.9");
        set.kernelPath = m_ws + QStringLiteral("/artifacts/vmlinuz");
        set.initramfsPath = m_ws + QStringLiteral("/artifacts/initramfs.xz");
        set.talosVersion = QStringLiteral("1.9");
        set.extraKernelArgs = QStringLiteral("console=ttyS0");
        s.artifacts.insert(set.name, set);
        s.defaultArtifacts = set.name;

        MachineIntent byMac;
        byMac.mac = kMac;
        byMac.configPath = m_ws + QStringLiteral("/configs/worker.yaml");
        byMac.hostname = QStringLiteral("worker-1");
        byMac.installDisk = QStringLiteral("/dev/nvme0n1");
        byMac.patches = {m_ws + QStringLiteral("/patches/labels.yaml")};
        s.machines.insert(kMac, byMac);

        MachineIntent byRule;
        byRule.configPath = m_ws + QStringLiteral("/configs/worker.yaml");
        byRule.hostname = QStringLiteral("rack-01");
        byRule.rule = QStringLiteral("optiplex");
        for (const QString &mac : {kRuleMac1, kRuleMac2}) {
            byRule.mac = mac;
            s.machines.insert(mac, byRule);
        }
        MachineRule rule;
        rule.name = QStringLiteral("optiplex");
        rule.match.manufacturer = QStringLiteral("Dell*");
        rule.configPath = byRule.configPath;
        MachineRule unused;
        unused.name = QStringLiteral("never-seen");
        unused.match.macPrefix = QStringLiteral("00:11:22");
        unused.configPath = byRule.configPath;
        s.rules = {rule, unused};

        MachineIntent byUuid;
        byUuid.uuid = kUuid;
        byUuid.configPath = m_ws + QStringLiteral("/configs/worker.yaml");
        byUuid.hostname = QStringLiteral("by-uuid");
        MachineIntent bySerial;
        bySerial.serial = QStringLiteral("5CG1234XYZ");
        bySerial.configPath = m_ws + QStringLiteral("/configs/worker.yaml");
        bySerial.hostname = QStringLiteral("by-serial");
        MachineIntent badSerial;
        badSerial.serial = QStringLiteral("AB/../CD");
        badSerial.configPath = bySerial.configPath;
        s.identityEntries = {byUuid, bySerial, badSerial};
        return s;
    }

    QList<Boot::MachineFacts> seen() const
    {
        Boot::MachineFacts facts;
        facts.macs = {kRuleMac1, kRuleMac2};
        facts.uuid = kRuleUuid;
        facts.serial = QStringLiteral("RACK0001");
        facts.manufacturer = QStringLiteral("Dell Inc.");
        return {facts};
    }

    QString out(const QString &name) const { return m_dir.filePath(QStringLiteral("out-") + name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("ws"));
        writeFile(m_ws + QStringLiteral("/configs/worker.yaml"), kConfig);
        writeFile(m_ws + QStringLiteral("/patches/labels.yaml"),
                  "machine:\n  nodeLabels:\n    rack: r1\n");
        writeFile(m_ws + QStringLiteral("/artifacts/vmlinuz"), QByteArray(4096, 'k'));
        writeFile(m_ws + QStringLiteral("/artifacts/initramfs.xz"), QByteArray(4096, 'i'));
        writeFile(m_ws + QStringLiteral("/ipxe/undionly.kpxe"), "bios");
        writeFile(m_ws + QStringLiteral("/ipxe/ipxe.efi"), "uefi");
    }

    void formatNames()
    {
        QCOMPARE(SetupExport::formatFromName(QStringLiteral("dnsmasq-nginx")), SetupFormat::DnsmasqNginx);
        QCOMPARE(SetupExport::formatFromName(QStringLiteral("matchbox")), SetupFormat::Matchbox);
        QVERIFY(!SetupExport::formatFromName(QStringLiteral("nginx")));
        QCOMPARE(SetupExport::formatName(SetupFormat::Matchbox), QStringLiteral("matchbox"));
    }

    void dnsmasqProxy()
    {
        const SetupExportPlan plan = SetupExport::plan(snapshot(), seen(), SetupFormat::DnsmasqNginx, QStringLiteral("/srv/boot"));
        QVERIFY2(plan.ok(), qPrintable(plan.errors.join(u'\n')));
        const QStringList lines = QString::fromUtf8(plan.file(QStringLiteral("dnsmasq.conf"))->bytes).split(u'\n');
        for (const char *line : {"port=0", "interface=eth1", "bind-interfaces", "dhcp-range=10.77.0.0,proxy,255.255.255.0",
                                 "dhcp-userclass=set:ipxe,iPXE", "dhcp-match=set:ipxe,175",
                                 "dhcp-boot=tag:ipxe,http://10.77.0.1:8080/boot.ipxe,,10.77.0.1",
                                 "pxe-service=tag:!ipxe,x86PC,\"Netboot (BIOS)\",undionly.kpxe",
                                 "pxe-service=tag:!ipxe,x86-64_EFI,\"Netboot (UEFI)\",ipxe.efi",
                                 "pxe-service=tag:!ipxe,BC_EFI,\"Netboot (UEFI)\",ipxe.efi", "enable-tftp",
                                 "tftp-root=/srv/boot/tftp"})
            QVERIFY2(lines.contains(QLatin1String(line)), line);
        // Proxy mode never hands out an address.
        QVERIFY(!lines.filter(QRegularExpression(QStringLiteral("^dhcp-range=10\\.77\\.0\\.100"))).size());
        QVERIFY(!lines.contains(QStringLiteral("dhcp-authoritative")));
        // nginx listens where the console would, on the HTTP port, with the tree as root.
        const QString nginx = QString::fromUtf8(plan.file(QStringLiteral("nginx-netboot.conf"))->bytes);
        QVERIFY(nginx.contains(QLatin1String("listen 10.77.0.1:8080;")));
        QVERIFY(nginx.contains(QLatin1String("root /srv/boot/www;")));
        QVERIFY(nginx.contains(QLatin1String("#allow 10.77.0.0/24;")));
    }

    void dnsmasqFull()
    {
        const SetupExportPlan plan = SetupExport::plan(snapshot(DhcpMode::Full), seen(), SetupFormat::DnsmasqNginx,
                                                       QStringLiteral("/srv/boot"));
        QVERIFY2(plan.ok(), qPrintable(plan.errors.join(u'\n')));
        const QStringList lines = QString::fromUtf8(plan.file(QStringLiteral("dnsmasq.conf"))->bytes).split(u'\n');
        for (const char *line : {"dhcp-range=10.77.0.100,10.77.0.199,255.255.255.0,1h", "dhcp-authoritative",
                                 "dhcp-option=option:router", "dhcp-userclass=set:ipxe,iPXE", "dhcp-match=set:ipxe,175",
                                 "dhcp-boot=tag:ipxe,http://10.77.0.1:8080/boot.ipxe,,10.77.0.1",
                                 "dhcp-match=set:efi64,option:client-arch,7", "dhcp-match=set:efi64,option:client-arch,9",
                                 "dhcp-boot=tag:!ipxe,tag:efi64,ipxe.efi,,10.77.0.1",
                                 "dhcp-boot=tag:!ipxe,tag:!efi64,undionly.kpxe,,10.77.0.1"})
            QVERIFY2(lines.contains(QLatin1String(line)), line);
        QVERIFY(lines.filter(QStringLiteral("pxe-service")).isEmpty());
        QVERIFY(lines.filter(QStringLiteral(",proxy")).isEmpty());

        BootSnapshot noRange = snapshot(DhcpMode::Full);
        noRange.dhcpRange.clear();
        QVERIFY(!SetupExport::plan(noRange, {}, SetupFormat::DnsmasqNginx, QStringLiteral("/srv")).ok());
    }

    void refusesWithoutAddressOrInterface()
    {
        BootSnapshot s = snapshot();
        s.serverAddress = QHostAddress();
        QVERIFY(!SetupExport::plan(s, {}, SetupFormat::DnsmasqNginx, QStringLiteral("/srv")).ok());
        s = snapshot();
        s.interfaceName.clear();
        QVERIFY(!SetupExport::plan(s, {}, SetupFormat::Matchbox, QStringLiteral("/srv")).ok());
        s = snapshot();
        s.artifacts.clear();
        QVERIFY(!SetupExport::plan(s, {}, SetupFormat::DnsmasqNginx, QStringLiteral("/srv")).ok());
    }

    void scriptsPerMachine()
    {
        const SetupExportPlan plan = SetupExport::plan(snapshot(), seen(), SetupFormat::DnsmasqNginx, QStringLiteral("/srv/boot"));
        QVERIFY2(plan.ok(), qPrintable(plan.errors.join(u'\n')));
        // The entry: an address first (the console's guard), then uuid, serial, MAC, default.
        const QString entry = QString::fromUtf8(plan.file(QStringLiteral("www/boot.ipxe"))->bytes);
        QVERIFY(entry.startsWith(QLatin1String("#!ipxe\n")));
        QVERIFY(entry.contains(QLatin1String("isset ${net0/ip} && goto chain ||")));
        const qsizetype uuid = entry.indexOf(QLatin1String("/uuid/${uuid}.ipxe ||"));
        const qsizetype serial = entry.indexOf(QLatin1String("/serial/${serial:uristring}.ipxe ||"));
        const qsizetype mac = entry.indexOf(QLatin1String("/mac/${net0/mac:hexhyp}.ipxe ||"));
        const qsizetype fallback = entry.indexOf(QLatin1String("/default.ipxe || goto retry"));
        QVERIFY(uuid > 0 && uuid < serial && serial < mac && mac < fallback);
        // Wait (the workspace's unassigned policy): sleep and ask the entry again.
        const QString wait = QString::fromUtf8(plan.file(QStringLiteral("www/default.ipxe"))->bytes);
        QVERIFY(wait.contains(QLatin1String("sleep 5\nchain --replace --autofree http://10.77.0.1:8080/boot.ipxe || goto wait")));

        // By MAC: its own script boots Talos with its own config's URL.
        const QString own = QString::fromUtf8(plan.file(QStringLiteral("www/mac/52-54-00-12-34-56.ipxe"))->bytes);
        QVERIFY(own.contains(QLatin1String("\nkernel http://10.77.0.1:8080/assets/talos-1.9/vmlinuz initrd=initramfs.xz "
                                           "talos.platform=metal console=ttyS0 ")));
        QVERIFY(own.contains(QLatin1String(" talos.config=http://10.77.0.1:8080/configs/mac-52-54-00-12-34-56.yaml\n")));
        QVERIFY(own.contains(QLatin1String("\ninitrd http://10.77.0.1:8080/assets/talos-1.9/initramfs.xz\nboot\n")));
        QVERIFY(!own.contains(QLatin1String("talos.logging.kernel")));
        QVERIFY(plan.file(QStringLiteral("www/configs/mac-52-54-00-12-34-56.yaml")));

        // By UUID: both byte orders lead to it.
        const QStringList spellings = Boot::uuidSpellings(kUuid);
        QCOMPARE(spellings.size(), 2);
        for (const QString &spelling : spellings) {
            const Boot::SetupFile *f = plan.file(QStringLiteral("www/uuid/") + spelling + QStringLiteral(".ipxe"));
            QVERIFY2(f, qPrintable(spelling));
            QVERIFY(f->bytes.contains(QByteArray("talos.config=http://10.77.0.1:8080/configs/uuid-" + kUuid.toUtf8() + ".yaml")));
        }
        // By serial, and a serial that cannot be a file name is left out with a note.
        QVERIFY(plan.file(QStringLiteral("www/serial/5CG1234XYZ.ipxe")));
        QVERIFY(!plan.notes.filter(QStringLiteral("AB/../CD")).isEmpty());
        for (const Boot::SetupFile &f : plan.files)
            QVERIFY2(!f.path.contains(QLatin1String("..")), qPrintable(f.path));

        // The machine a rule gave its config: under both MACs, its UUID and its serial, one script.
        const QByteArray ruled = plan.file(QStringLiteral("www/mac/52-54-00-aa-00-01.ipxe"))->bytes;
        QVERIFY(ruled.contains("talos.config=http://10.77.0.1:8080/configs/mac-52-54-00-aa-00-01.yaml"));
        for (const QString &path : QStringList{QStringLiteral("www/uuid/") + kRuleUuid + QStringLiteral(".ipxe"),
                                               QStringLiteral("www/serial/RACK0001.ipxe")}) {
            QVERIFY2(plan.file(path), qPrintable(path));
            QCOMPARE(plan.file(path)->bytes, ruled);
        }
        QVERIFY(plan.file(QStringLiteral("www/mac/52-54-00-aa-00-02.ipxe")));
        // A rule that reached no machine seen is named as left out; the README says why.
        QVERIFY(!plan.notes.filter(QStringLiteral("never-seen")).isEmpty());
        const QString readme = QString::fromUtf8(plan.file(QStringLiteral("README.md"))->bytes);
        QVERIFY(readme.contains(QLatin1String("exported only for the machines the console has already seen")));
        QVERIFY(readme.contains(QLatin1String("Anyone who can reach this web server can fetch any of them")));
        QVERIFY(readme.contains(QLatin1String("sudo chgrp -R www-data /srv/boot/www/configs")));
        QVERIFY(readme.contains(QStringLiteral("from rule “optiplex”")));
    }

    void installedAndMaintenance()
    {
        BootSnapshot s = snapshot();
        s.machines[kMac].installed = true;
        s.afterInstall = AfterInstallPolicy::Sanboot;
        s.unassigned = UnassignedPolicy::Maintenance;
        const SetupExportPlan plan = SetupExport::plan(s, {}, SetupFormat::DnsmasqNginx, QStringLiteral("/srv"));
        QVERIFY(plan.ok());
        QVERIFY(plan.file(QStringLiteral("www/mac/52-54-00-12-34-56.ipxe"))->bytes.endsWith("sanboot --no-describe --drive 0x80 || exit 1\n"));
        QVERIFY(!plan.file(QStringLiteral("www/configs/mac-52-54-00-12-34-56.yaml")));
        const QByteArray maintenance = plan.file(QStringLiteral("www/default.ipxe"))->bytes;
        QVERIFY(maintenance.contains("kernel http://10.77.0.1:8080/assets/talos-1.9/vmlinuz"));
        QVERIFY(!maintenance.contains("talos.config="));
    }

    // The config each machine gets is the one the console serves it (routeHttp, from its
    // own address with its token); a console with no server address injects no log sink,
    // which is the export's case: nobody listens for logs there.
    void configsEqualTheConsoles()
    {
        const BootSnapshot s = snapshot();
        const SetupExportPlan plan = SetupExport::plan(s, seen(), SetupFormat::DnsmasqNginx, QStringLiteral("/srv"));
        QVERIFY(plan.ok());
        BootSnapshot console = s;
        console.serverAddress = QHostAddress();
        for (const QString &mac : {kMac, kRuleMac1, kRuleMac2}) {
            Boot::HttpRequestInfo request;
            request.method = "GET";
            request.path = QStringLiteral("/m/") + Mac::parse(mac).toDashed() + QStringLiteral("/config.yaml");
            request.peer = QHostAddress(QStringLiteral("10.77.0.150"));
            request.machineAddress = request.peer;
            request.tokenCheck = Boot::ConfigTokens::Check::Valid;
            const Boot::HttpResponsePlan served = Boot::routeHttp(console, request);
            QCOMPARE(served.status, 200);
            const Boot::SetupFile *exported =
                plan.file(QStringLiteral("www/configs/mac-") + Mac::parse(mac).toDashed() + QStringLiteral(".yaml"));
            QVERIFY(exported);
            QCOMPARE(exported->bytes, served.body);
            QCOMPARE(exported->mode, 0600);
        }
        const QByteArray own = plan.file(QStringLiteral("www/configs/mac-52-54-00-12-34-56.yaml"))->bytes;
        QVERIFY(own.contains("hostname: worker-1"));
        QVERIFY(own.contains("disk: /dev/nvme0n1"));
        QVERIFY(own.contains("rack: r1"));
        QVERIFY(own.contains("token: secret-token"));
        QVERIFY(!own.contains("KmsgLogConfig"));
    }

    void targetPaths_data()
    {
        QTest::addColumn<QString>("relative");
        QTest::addColumn<bool>("inside");
        QTest::newRow("plain") << QStringLiteral("www/boot.ipxe") << true;
        QTest::newRow("parent") << QStringLiteral("../x") << false;
        QTest::newRow("parent-inside") << QStringLiteral("www/../../x") << false;
        QTest::newRow("back-in") << QStringLiteral("www/../www/x") << false;
        QTest::newRow("absolute") << QStringLiteral("/etc/passwd") << false;
        QTest::newRow("backslash") << QStringLiteral("www\\..\\x") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("empty-part") << QStringLiteral("www//x") << false;
        QTest::newRow("dot") << QStringLiteral("./x") << false;
        QTest::newRow("control") << QStringLiteral("www/a\nb") << false;
        QTest::newRow("nul") << QStringLiteral("www/a") + QChar(0) << false;
    }

    void targetPaths()
    {
        QFETCH(QString, relative);
        QFETCH(bool, inside);
        const QString path = SetupExport::targetPath(QStringLiteral("/srv/boot"), relative);
        QCOMPARE(!path.isEmpty(), inside);
        if (inside)
            QVERIFY(path.startsWith(QLatin1String("/srv/boot/")));
    }

    void writerRefusesEscapes()
    {
        SetupExportPlan plan;
        plan.files = {{QStringLiteral("fine.txt"), "a", 0644}, {QStringLiteral("../escape.txt"), "b", 0644}};
        const QString dir = out(QStringLiteral("escape"));
        const Boot::SetupWriteResult result = SetupExport::write(plan, dir);
        QCOMPARE(result.error, Boot::SetupWriteResult::Error::UnsafePath);
        // Every name is checked before anything is written.
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/fine.txt")));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("escape.txt"))));

        // A symlink already in the folder (told to write into it) does not lead outside.
        const QString linked = out(QStringLiteral("linked"));
        const QString outside = out(QStringLiteral("outside"));
        QVERIFY(QDir().mkpath(linked) && QDir().mkpath(outside));
        QVERIFY(QFile::link(outside, linked + QStringLiteral("/www")));
        SetupExportPlan viaLink;
        viaLink.files = {{QStringLiteral("www/boot.ipxe"), "x", 0644}};
        QCOMPARE(SetupExport::write(viaLink, linked, true).error, Boot::SetupWriteResult::Error::UnsafePath);
        QVERIFY(QDir(outside).isEmpty());
    }

    void writerRefusesNonEmpty()
    {
        const QString dir = out(QStringLiteral("busy"));
        writeFile(dir + QStringLiteral("/notes.txt"), "mine");
        const SetupExportPlan plan = SetupExport::plan(snapshot(), seen(), SetupFormat::DnsmasqNginx, dir);
        QVERIFY(!SetupExport::isEmptyFolder(dir));
        const Boot::SetupWriteResult refused = SetupExport::write(plan, dir);
        QCOMPARE(refused.error, Boot::SetupWriteResult::Error::NotEmpty);
        QVERIFY(refused.message.contains(QLatin1String("not empty")));
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/dnsmasq.conf")));
        // Told to (the window asks first): written, and written again over itself.
        QVERIFY(SetupExport::write(plan, dir, true).ok());
        QVERIFY(SetupExport::write(plan, dir, true).ok());
        QCOMPARE(QFile(dir + QStringLiteral("/notes.txt")).size(), 4);
    }

    void writerModesAndArtifacts()
    {
        const QString dir = out(QStringLiteral("modes"));
        const SetupExportPlan plan = SetupExport::plan(snapshot(), seen(), SetupFormat::DnsmasqNginx, dir);
        const Boot::SetupWriteResult result = SetupExport::write(plan, dir);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.written.size(), plan.files.size() + plan.artifacts.size());
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(dir + QStringLiteral("/www/configs/mac-52-54-00-12-34-56.yaml")).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        QCOMPARE(::stat(QFile::encodeName(dir + QStringLiteral("/www/configs")).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0700);
        QCOMPARE(::stat(QFile::encodeName(dir + QStringLiteral("/www/boot.ipxe")).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0644);
        // Artefacts are the workspace's own bytes, hard-linked on the same filesystem.
        struct stat source {};
        QCOMPARE(::stat(QFile::encodeName(m_ws + QStringLiteral("/artifacts/vmlinuz")).constData(), &source), 0);
        QCOMPARE(::stat(QFile::encodeName(dir + QStringLiteral("/www/assets/talos-1.9/vmlinuz")).constData(), &st), 0);
        QCOMPARE(st.st_ino, source.st_ino);
        QVERIFY(QFileInfo(dir + QStringLiteral("/tftp/undionly.kpxe")).isFile());
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/www/configs/mac-52-54-00-12-34-56.yaml.export-tmp")));
    }

    // The fixtures are Matchbox's own examples: the schema we check against must hold them.
    void matchboxFixturesFitTheSchema()
    {
        const QJsonObject shapes = schema();
        QVERIFY(!shapes.isEmpty());
        const QDir data(QStringLiteral(NBC_TEST_DATA_DIR "/matchbox"));
        int checked = 0;
        for (const QString &kind : {QStringLiteral("profiles"), QStringLiteral("groups")}) {
            const QJsonObject shape = shapes.value(kind == QLatin1String("profiles") ? QStringLiteral("profile")
                                                                                      : QStringLiteral("group")).toObject();
            for (const QFileInfo &file : QDir(data.filePath(kind)).entryInfoList({QStringLiteral("*.json")}, QDir::Files)) {
                const QJsonObject value = readJsonFile(file.filePath());
                QVERIFY2(!value.isEmpty(), qPrintable(file.fileName()));
                const QStringList problems = shapeProblems(value, shape);
                QVERIFY2(problems.isEmpty(), qPrintable(file.fileName() + u' ' + problems.join(u';')));
                ++checked;
            }
        }
        QCOMPARE(checked, 5);
    }

    void matchboxExportFitsTheSchema()
    {
        BootSnapshot s = snapshot();
        s.unassigned = UnassignedPolicy::Maintenance;
        const QString dir = out(QStringLiteral("matchbox"));
        const SetupExportPlan plan = SetupExport::plan(s, seen(), SetupFormat::Matchbox, dir);
        QVERIFY2(plan.ok(), qPrintable(plan.errors.join(u'\n')));
        const Boot::SetupWriteResult result = SetupExport::write(plan, dir);
        QVERIFY2(result.ok(), qPrintable(result.message));

        const QJsonObject shapes = schema();
        const QJsonArray reserved = shapes.value(QStringLiteral("reservedSelectors")).toArray();
        QSet<QString> profileIds;
        int profiles = 0;
        for (const QFileInfo &file : QDir(dir + QStringLiteral("/profiles")).entryInfoList(QDir::Files)) {
            const QJsonObject profile = readJsonFile(file.filePath());
            const QStringList problems = shapeProblems(profile, shapes.value(QStringLiteral("profile")).toObject());
            QVERIFY2(problems.isEmpty(), qPrintable(file.fileName() + u' ' + problems.join(u';')));
            // Matchbox reads profiles/<id>.json, generic/<generic_id>, assets under /assets/.
            const QString id = profile.value(QStringLiteral("id")).toString();
            QCOMPARE(file.fileName(), id + QStringLiteral(".json"));
            profileIds.insert(id);
            const QJsonObject boot = profile.value(QStringLiteral("boot")).toObject();
            const QString kernel = boot.value(QStringLiteral("kernel")).toString();
            QVERIFY(kernel.startsWith(QLatin1String("/assets/")));
            QVERIFY(QFileInfo(dir + kernel).isFile());
            for (const QJsonValue &initrd : boot.value(QStringLiteral("initrd")).toArray())
                QVERIFY(QFileInfo(dir + initrd.toString()).isFile());
            const QStringList args = boot.value(QStringLiteral("args")).toVariant().toStringList();
            QCOMPARE(args.value(0), QStringLiteral("initrd=initramfs.xz"));
            if (profile.contains(QStringLiteral("generic_id"))) {
                const QString generic = dir + QStringLiteral("/generic/") + profile.value(QStringLiteral("generic_id")).toString();
                QVERIFY(QFileInfo(generic).isFile());
                QCOMPARE(int(QFileInfo(generic).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup)), 0);
                QCOMPARE(args.constLast(), QStringLiteral("talos.config=http://10.77.0.1:8080/generic?uuid=${uuid}"
                                                          "&mac=${mac:hexhyp}&serial=${serial:uristring}"));
            } else {
                QCOMPARE(id, QStringLiteral("maintenance"));
                QVERIFY(args.filter(QStringLiteral("talos.config")).isEmpty());
            }
            ++profiles;
        }
        QCOMPARE(profiles, 6);   // the MAC entry, the rule's two NICs, the UUID and serial entries, maintenance

        QSet<QString> selected;
        int groups = 0;
        for (const QFileInfo &file : QDir(dir + QStringLiteral("/groups")).entryInfoList(QDir::Files)) {
            const QJsonObject group = readJsonFile(file.filePath());
            const QStringList problems = shapeProblems(group, shapes.value(QStringLiteral("group")).toObject());
            QVERIFY2(problems.isEmpty(), qPrintable(file.fileName() + u' ' + problems.join(u';')));
            QCOMPARE(file.fileName(), group.value(QStringLiteral("id")).toString() + QStringLiteral(".json"));
            QVERIFY2(profileIds.contains(group.value(QStringLiteral("profile")).toString()), qPrintable(file.fileName()));
            const QJsonObject selector = group.value(QStringLiteral("selector")).toObject();
            for (auto it = selector.constBegin(); it != selector.constEnd(); ++it) {
                QVERIFY2(reserved.contains(it.key()), qPrintable(it.key()));
                const QString value = it.value().toString();
                if (it.key() == QLatin1String("mac"))
                    // Go's net.ParseMAC(...).String(): lower case, colons.
                    QVERIFY(QRegularExpression(QStringLiteral("^([0-9a-f]{2}:){5}[0-9a-f]{2}$")).match(value).hasMatch());
                if (it.key() == QLatin1String("uuid"))
                    QCOMPARE(value, value.toLower());   // as iPXE's ${uuid} prints it
                selected.insert(it.key() + u'=' + value);
            }
            ++groups;
        }
        for (const QString &want : QStringList{QStringLiteral("mac=") + kMac, QStringLiteral("mac=") + kRuleMac1,
                                    QStringLiteral("mac=") + kRuleMac2, QStringLiteral("uuid=") + kUuid,
                                    QStringLiteral("uuid=") + kRuleUuid, QStringLiteral("serial=5CG1234XYZ"),
                                    QStringLiteral("serial=RACK0001")})
            QVERIFY2(selected.contains(want), qPrintable(want));
        QVERIFY(QFileInfo(dir + QStringLiteral("/groups/default.json")).isFile());   // maintenance: no selector
        QVERIFY(!readJsonFile(dir + QStringLiteral("/groups/default.json")).contains(QStringLiteral("selector")));
        QVERIFY(groups >= 9);
        QVERIFY(QFileInfo(dir + QStringLiteral("/dnsmasq.conf")).isFile());
        QVERIFY(QFileInfo(dir + QStringLiteral("/tftp/ipxe.efi")).isFile());
        QVERIFY(QFileInfo(dir + QStringLiteral("/README.md")).isFile());
    }

    // Matchbox renders generic configs as Go templates: a config's own "{{" survives.
    void matchboxEscapesTemplates()
    {
        const QString ws = m_dir.filePath(QStringLiteral("ws-braces"));
        writeFile(ws + QStringLiteral("/node.yaml"),
                  kConfig + "  inlineManifests:\n    - name: x\n      contents: \"a {{ .Values.b }} c\"\n");
        BootSnapshot s = snapshot();
        s.identityEntries.clear();
        s.machines.remove(kRuleMac1);
        s.machines.remove(kRuleMac2);
        s.machines[kMac].configPath = ws + QStringLiteral("/node.yaml");
        s.machines[kMac].patches.clear();
        const SetupExportPlan plan = SetupExport::plan(s, {}, SetupFormat::Matchbox, QStringLiteral("/var/lib/matchbox"));
        QVERIFY2(plan.ok(), qPrintable(plan.errors.join(u'\n')));
        const Boot::SetupFile *generic = plan.file(QStringLiteral("generic/mac-52-54-00-12-34-56.yaml"));
        QVERIFY(generic);
        QVERIFY(generic->bytes.contains("a {{\"{{\"}} .Values.b }} c"));
        QVERIFY(!generic->bytes.contains("a {{ .Values"));
    }
};

QTEST_GUILESS_MAIN(tst_SetupExport)
#include "tst_setupexport.moc"
