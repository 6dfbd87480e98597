#include "boot/setupimport.h"
#include "engine/servicehost.h"
#include "inventory/workspace.h"
#include "session/consolesession.h"
#include "sim/fleetplan.h"
#include "sim/httpfetch.h"
#include "sim/simulatedmachine.h"
#include "model/mac.h"
#include "talos/configlibrary.h"
#include "talos/yamlwriter.h"

#include "testutil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace Nbc;

namespace {

using Level = SetupImportNote::Level;

QString seed(const QString &name = {})
{
    return TestUtil::dataPath(QStringLiteral("seed-setup") + (name.isEmpty() ? QString() : u'/' + name));
}

const SetupImportMachine *machineOf(const SetupImportPlan &plan, const QString &mac)
{
    for (const SetupImportMachine &m : plan.machines) {
        if (m.mac == mac)
            return &m;
    }
    return nullptr;
}

// The note about file:line, or null.
const SetupImportNote *noteAt(const SetupImportPlan &plan, const QString &file, int line)
{
    for (const SetupImportNote &n : plan.notes) {
        if (n.file == file && n.line == line)
            return &n;
    }
    return nullptr;
}

QString allNotes(const SetupImportPlan &plan)
{
    QStringList lines;
    for (const SetupImportNote &n : plan.notes)
        lines << SetupImport::levelName(n.level) + QStringLiteral(": ") + n.toString();
    return lines.join(u'\n');
}

// A copy of the seed folder a test may change.
QString copySeed(const QString &to)
{
    const QDir from(seed());
    QDirIterator it(seed(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + u'/' + from.relativeFilePath(path);
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile::copy(path, target);
    }
    return to;
}

bool isMap(const YAML::Node &node)
{
    return node && node.IsMap();
}

// A config as Talos reads it, minus what the console adds to every config it serves (its
// log sink: the KmsgLogConfig "netboot-console" and a machine.logging destination) and
// the static hostname it writes from the machine's entry (the seed's came from DHCP or
// the config itself).
std::vector<YAML::Node> meaning(const QByteArray &bytes)
{
    std::vector<YAML::Node> docs;
    QString sink;
    for (const YAML::Node &doc : YAML::LoadAll(bytes.toStdString())) {
        if (!doc || doc.IsNull())
            continue;
        if (isMap(doc) && doc["kind"] && doc["kind"].as<std::string>() == "KmsgLogConfig" && doc["name"]
            && doc["name"].as<std::string>() == "netboot-console") {
            sink = QString::fromStdString(doc["url"].as<std::string>());
            continue;
        }
        docs.push_back(doc);
    }
    for (YAML::Node &doc : docs) {
        if (isMap(doc) && doc["kind"] && doc["kind"].as<std::string>() == "HostnameConfig") {
            doc.remove("auto");
            doc.remove("hostname");
        }
        if (!isMap(doc) || !doc["version"] || !isMap(doc["machine"]))
            continue;
        YAML::Node machine = doc["machine"];
        if (isMap(machine["network"]))
            machine["network"].remove("hostname");
        if (isMap(machine["logging"]) && machine["logging"]["destinations"]) {
            YAML::Node kept(YAML::NodeType::Sequence);
            for (const YAML::Node &d : machine["logging"]["destinations"]) {
                if (!(d["endpoint"] && QString::fromStdString(d["endpoint"].as<std::string>()) == sink))
                    kept.push_back(d);
            }
            if (kept.size() == 0)
                machine["logging"].remove("destinations");
            else
                machine["logging"]["destinations"] = kept;
            if (machine["logging"].size() == 0)
                machine.remove("logging");
        }
    }
    return docs;
}

bool sameMeaning(const QByteArray &served, const QByteArray &seedBytes, QString *why)
{
    const std::vector<YAML::Node> a = meaning(served);
    const std::vector<YAML::Node> b = meaning(seedBytes);
    if (a.size() != b.size()) {
        *why = QStringLiteral("%1 documents served, %2 in the seed's file").arg(a.size()).arg(b.size());
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!Talos::YamlWriter::sameTree(a[i], b[i])) {
            *why = QStringLiteral("document %1 differs").arg(i + 1);
            return false;
        }
    }
    return true;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// One GET as a machine sends it, from its own address.
QByteArray httpGet(const QHostAddress &source, const QString &url, int *status)
{
    Sim::HttpFetch::Request request;
    request.source = source;
    request.url = QUrl(url);
    request.userAgent = "Talos/v1.12.0";
    Sim::HttpFetch fetch(request);
    QSignalSpy done(&fetch, &Sim::HttpFetch::finished);
    fetch.start();
    if (!done.wait(10000) || !done.constFirst().constFirst().toBool()) {
        *status = 0;
        return {};
    }
    *status = fetch.status();
    return fetch.body();
}

} // namespace

class tst_SetupImport : public QObject
{
    Q_OBJECT
private:
    // The console on loopback, every port free, services running.
    static SessionOverrides loopback()
    {
        SessionOverrides o;
        o.serverAddress = QStringLiteral("127.0.0.1");
        o.mode = DhcpMode::Proxy;
        o.ports.dhcp = TestUtil::freeUdpPort();
        o.ports.proxy = TestUtil::freeUdpPort();
        o.ports.tftp = TestUtil::freeUdpPort();
        o.ports.http = TestUtil::freeUdpPort();
        o.ports.logs = TestUtil::freeUdpPort();
        return o;
    }

    // Boots `mac` through the session's engines as a simulated machine (firmware DHCP,
    // TFTP of iPXE, iPXE's DHCP, the scripts, kernel and initramfs, then its config), then
    // asks again as that machine for its script and config: the config it is served.
    static bool bootAndFetch(const SessionOverrides &o, const QString &mac, int index,
                             QByteArray *script, QByteArray *config, QString *why)
    {
        Sim::FleetOptions options;
        options.serverAddress = QHostAddress(QHostAddress::LocalHost);
        options.ports.dhcp = quint16(o.ports.dhcp);
        options.ports.proxy = quint16(o.ports.proxy);
        options.ports.tftp = quint16(o.ports.tftp);
        options.ports.http = quint16(o.ports.http);
        options.ports.logs = quint16(o.ports.logs);
        options.bytesPerSecond = 0;
        // Talos boots in 0.3 s and stays in its config stage for 2 s (install after 22 s of
        // its own): the test asks for the script and config again in that time.
        options.logDelaysScale = 0.1;
        options.machineTimeoutMs = 30000;
        Sim::MachinePlan plan;
        plan.index = index;
        plan.mac = mac;
        plan.address = Sim::machineAddress(index);
        plan.firmware = index % 2 ? Sim::Firmware::Uefi : Sim::Firmware::Bios;
        plan.guid = QByteArray(16, char(index + 1));
        plan.serial = QStringLiteral("SEED%1").arg(index);
        plan.manufacturer = QStringLiteral("QEMU");
        plan.product = QStringLiteral("Standard PC");
        Sim::FleetCounters counters;
        Sim::SimulatedMachine machine(plan, options, &counters);
        QSignalSpy fetched(&machine, &Sim::SimulatedMachine::configFetched);
        QSignalSpy finished(&machine, &Sim::SimulatedMachine::finished);
        machine.start();
        if (!fetched.wait(30000)) {
            *why = QStringLiteral("no config fetched: %1 (DHCP %2/%3, TFTP %4, scripts %5, waits %6)")
                       .arg(finished.isEmpty() ? QStringLiteral("timeout") : finished.constFirst().at(2).toString())
                       .arg(counters.dhcpReplies).arg(counters.dhcpSent).arg(counters.tftpTransfers)
                       .arg(counters.scriptsFetched).arg(counters.waits);
            return false;
        }
        const QString base = QStringLiteral("http://127.0.0.1:%1/m/%2").arg(o.ports.http).arg(Mac::parse(mac).toDashed());
        int status = 0;
        *script = httpGet(plan.address, base + QStringLiteral("/script.ipxe"), &status);
        if (status != 200) {
            *why = QStringLiteral("script: HTTP %1").arg(status);
            return false;
        }
        const QString url = TestUtil::configUrlOf(*script);
        if (url.isEmpty()) {
            *why = QStringLiteral("the script names no config:\n") + QString::fromUtf8(*script);
            return false;
        }
        *config = httpGet(plan.address, url, &status);
        if (status != 200) {
            *why = QStringLiteral("config: HTTP %1").arg(status);
            return false;
        }
        return true;
    }

private Q_SLOTS:
    // dnsmasq as a proxy next to the router, iPXE sent to boot.ipxe, which chains to a
    // per-machine script or boots Talos with the config named after the MAC.
    void readsTheProxySetup()
    {
        const SetupImportPlan plan = SetupImport::read(seed());
        QVERIFY2(plan.ok, qPrintable(plan.error));
        QCOMPARE(plan.dnsmasqConf, QStringLiteral("dnsmasq.conf"));
        QCOMPARE(plan.mode, DhcpMode::Proxy);
        QVERIFY(plan.dhcpRange.isEmpty());
        QCOMPARE(plan.interfaceName, QStringLiteral("enp3s0"));
        QCOMPARE(plan.httpPort, quint16(8080));
        // pxe-service's basename "undionly" is fetched as undionly.0 (dnsmasq adds the layer).
        QCOMPARE(QFileInfo(plan.ipxeBios).fileName(), QStringLiteral("undionly.0"));
        QCOMPARE(QFileInfo(plan.ipxeUefi).fileName(), QStringLiteral("ipxe.efi"));
        QVERIFY(plan.kernel.endsWith(QLatin1String("/www/talos/vmlinuz-amd64")));
        QVERIFY(plan.initramfs.endsWith(QLatin1String("/www/talos/initramfs-amd64.xz")));
        QCOMPARE(plan.talosVersion, QStringLiteral("1.12"));
        // What the seed's line adds to Talos's own; initrd= and talos.config= are the console's.
        QCOMPARE(plan.extraKernelArgs,
                 QStringLiteral("console=tty0 console=ttyS0,115200n8 ima_template=ima-ng ima_appraise=fix "
                                "ima_hash=sha512 net.ifnames=0"));
        QVERIFY(plan.defaultConfig.isEmpty());

        QCOMPARE(plan.machines.size(), 2);
        const SetupImportMachine *cp = machineOf(plan, QStringLiteral("52:54:00:ab:cd:ef"));
        QVERIFY(cp);
        QCOMPARE(cp->config, QStringLiteral("configs/controlplane.yaml"));
        QVERIFY2(cp->origin.contains(QLatin1String("machines/52-54-00-ab-cd-ef.ipxe")), qPrintable(cp->origin));
        const SetupImportMachine *w1 = machineOf(plan, QStringLiteral("52:54:00:12:34:56"));
        QVERIFY(w1);
        QCOMPARE(w1->config, QStringLiteral("configs/52-54-00-12-34-56.yaml"));
        QCOMPARE(w1->hostname, QStringLiteral("worker-1"));   // the config's own
        // Named with colons while the script asks for hyphens: the seed never served it.
        QVERIFY(!machineOf(plan, QStringLiteral("52:54:00:12:34:57")));
        // Its config is one Talos refuses: not imported, the machine not assigned.
        QVERIFY(!machineOf(plan, QStringLiteral("52:54:00:12:34:58")));

        QStringList ids;
        for (const SetupImportConfig &c : plan.configs)
            ids << c.id;
        ids.sort();
        QCOMPARE(ids, (QStringList{QStringLiteral("configs/52-54-00-12-34-56.yaml"),
                                   QStringLiteral("configs/52-54-00-12-34-57.yaml"),
                                   QStringLiteral("configs/controlplane.yaml"), QStringLiteral("configs/worker-2.yaml"),
                                   QStringLiteral("configs/worker.yaml")}));

        const QString notes = allNotes(plan);
        const SetupImportNote *tftpRoot = noteAt(plan, QStringLiteral("dnsmasq.conf"), 16);
        QVERIFY2(tftpRoot && tftpRoot->level == Level::Refused, qPrintable(notes));
        QVERIFY2(tftpRoot->message.contains(QLatin1String("/srv/netboot/tftp")), qPrintable(tftpRoot->message));
        const SetupImportNote *broken = nullptr;
        for (const SetupImportNote &n : plan.notes) {
            if (n.file == QLatin1String("www/configs/52-54-00-12-34-58.yaml") && n.line == 1)
                broken = &n;
        }
        QVERIFY2(broken && broken->level == Level::Refused, qPrintable(notes));
        bool secretNoted = false;
        for (const SetupImportNote &n : plan.notes)
            secretNoted = secretNoted || (n.file == QLatin1String("www/configs/talosconfig") && n.level == Level::Refused);
        QVERIFY2(secretNoted, qPrintable(notes));
    }

    // dnsmasq hands out the addresses itself, names the machines with dhcp-host (in a
    // conf-dir), and Talos fetches its config by that name.
    void readsTheFullSetup()
    {
        const SetupImportPlan plan = SetupImport::read(seed(QStringLiteral("dnsmasq-full.conf")));
        QVERIFY2(plan.ok, qPrintable(plan.error));
        QCOMPARE(plan.mode, DhcpMode::Full);
        QCOMPARE(plan.dhcpRange, QStringLiteral("10.77.0.100-10.77.0.199"));
        QCOMPARE(plan.interfaceName, QStringLiteral("eth1"));
        QCOMPARE(plan.httpPort, quint16(80));
        QCOMPARE(QFileInfo(plan.ipxeBios).fileName(), QStringLiteral("undionly.kpxe"));
        QCOMPARE(QFileInfo(plan.ipxeUefi).fileName(), QStringLiteral("ipxe.efi"));
        QCOMPARE(plan.machines.size(), 1);
        const SetupImportMachine *w2 = machineOf(plan, QStringLiteral("52:54:00:00:00:21"));
        QVERIFY2(w2, qPrintable(allNotes(plan)));
        QCOMPARE(w2->config, QStringLiteral("configs/worker-2.yaml"));
        QCOMPARE(w2->hostname, QStringLiteral("worker-2"));
        // worker-3 has a dhcp-host line and no config file: said, not assigned.
        const SetupImportNote *w3 = noteAt(plan, QStringLiteral("dnsmasq.d/rack7.conf"), 3);
        QVERIFY2(w3 && w3->message.contains(QLatin1String("worker-3")), qPrintable(allNotes(plan)));
        // conf-dir=dnsmasq.d,*.conf: rack7.conf.bak is not read.
        for (const SetupImportNote &n : plan.notes)
            QVERIFY2(!n.file.endsWith(QLatin1String(".bak")), qPrintable(n.toString()));
        QVERIFY(!machineOf(plan, QStringLiteral("52:54:00:00:00:99")));
    }

    // Every line outside the supported subset is reported with its file and line; none
    // stops the import.
    void reportsWhatItDoesNotUnderstand_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("level");
        QTest::newRow("unknown dnsmasq option") << QStringLiteral("dnsmasq.conf") << 31 << int(Level::NotUnderstood);
        QTest::newRow("made-up option") << QStringLiteral("dnsmasq.conf") << 32 << int(Level::NotUnderstood);
        QTest::newRow("PXE menu prompt") << QStringLiteral("dnsmasq.conf") << 23 << int(Level::NotCarried);
        QTest::newRow("not needed") << QStringLiteral("dnsmasq.conf") << 6 << int(Level::Ignored);
        QTest::newRow("iPXE menu") << QStringLiteral("www/boot.ipxe") << 11 << int(Level::NotCarried);
    }
    void reportsWhatItDoesNotUnderstand()
    {
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(int, level);
        const SetupImportPlan plan = SetupImport::read(seed());
        const SetupImportNote *n = noteAt(plan, file, line);
        QVERIFY2(n, qPrintable(allNotes(plan)));
        QCOMPARE(int(n->level), level);
        QVERIFY(!n->text.isEmpty());
        QVERIFY(n->toString().startsWith(file + u':' + QString::number(line) + QStringLiteral(": ")));
    }

    // Odd lines of both languages in one small setup: each said at its line, the rest read.
    void oddLinesAreReportedAndTheRestRead()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        copySeed(dir.path());
        TestUtil::writeFile(dir.path(), QStringLiteral("dnsmasq.conf"),
                            "# odd lines\n"
                            "dhcp-range=192.168.1.0,proxy\n"
                            "pxe-service=\"x86PC, Unclosed\n"
                            "dhcp-range=fd00::,proxy\n"
                            "enable-tftp\n"
                            "tftp-root=tftp\n"
                            "dhcp-userclass=set:ipxe,iPXE\n"
                            "dhcp-boot=tag:ipxe,\"http://10.0.0.1:8081/boot.ipxe\"  # the script\n"
                            "dhcp-boot=tag:!ipxe,undionly.kpxe\n"
                            "dhcp-host=id:01:02:03,cp-9\n"
                            "dhcp-boot=tag:ipxe,http://10.0.0.1:8081/other.ipxe\n");
        TestUtil::writeFile(dir.path(), QStringLiteral("www/boot.ipxe"),
                            "#!ipxe\n"
                            "dhcp\n"
                            "imgtrust --permanent\n"
                            "frobnicate now\n"
                            "chain --autofree http://10.0.0.1:8081/machines/${mac:hexhyp}.ipxe || goto talos\n"
                            ":talos\n"
                            "kernel http://10.0.0.1:8081/talos/vmlinuz-amd64 talos.platform=metal console=tty0 "
                            "talos.config=http://10.0.0.1:8081/configs/${mac:hexhyp}.yaml\n"
                            "initrd http://10.0.0.1:8081/talos/initramfs-amd64.xz\n"
                            "boot\n");
        const SetupImportPlan plan = SetupImport::read(dir.path());
        QVERIFY2(plan.ok, qPrintable(plan.error));
        const QString notes = allNotes(plan);
        struct Expected {
            const char *file;
            int line;
            Level level;
        } expected[] = {
            {"dnsmasq.conf", 3, Level::NotUnderstood},   // a quote not closed
            {"dnsmasq.conf", 4, Level::NotCarried},      // IPv6
            {"dnsmasq.conf", 10, Level::NotCarried},     // client id
            {"dnsmasq.conf", 11, Level::NotCarried},     // a second entry script
            {"www/boot.ipxe", 4, Level::NotUnderstood},  // frobnicate
        };
        for (const Expected &e : expected) {
            const SetupImportNote *n = noteAt(plan, QLatin1String(e.file), e.line);
            QVERIFY2(n, qPrintable(QStringLiteral("%1:%2 not noted in\n%3").arg(QLatin1String(e.file)).arg(e.line).arg(notes)));
            QCOMPARE(n->level, e.level);
        }
        // The rest was read: port from the URL (the inline comment dropped), machines, kernel.
        QCOMPARE(plan.httpPort, quint16(8081));
        QCOMPARE(plan.extraKernelArgs, QString());
        QVERIFY(machineOf(plan, QStringLiteral("52:54:00:ab:cd:ef")));
        QVERIFY(machineOf(plan, QStringLiteral("52:54:00:12:34:56")));
        QVERIFY(!plan.kernel.isEmpty());
    }

    // Hostile or broken input costs a note, never a crash or a hang: binary junk, a line
    // of a megabyte, quotes left open, includes that include each other, a script that
    // chains to itself.
    void brokenInputIsNoted()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QByteArray junk;
        for (int i = 0; i < 4096; ++i)
            junk += char((i * 131 + 7) & 0xff);
        junk.replace('\n', ' ').replace('\r', ' ');
        TestUtil::writeFile(dir.path(), QStringLiteral("dnsmasq.conf"),
                            "dhcp-range=10.0.0.1,proxy\n" + junk + "\n" + QByteArray(512 * 1024, 'x') + "\n"
                            "dhcp-boot=\"unclosed\n"
                            "conf-file=a.conf\n"
                            "dhcp-userclass=set:ipxe,iPXE\n"
                            "dhcp-boot=tag:ipxe,http://h/loop.ipxe\n");
        TestUtil::writeFile(dir.path(), QStringLiteral("a.conf"), "conf-file=b.conf\n");
        TestUtil::writeFile(dir.path(), QStringLiteral("b.conf"), "conf-file=a.conf\nconf-file=dnsmasq.conf\n");
        TestUtil::writeFile(dir.path(), QStringLiteral("www/loop.ipxe"), "#!ipxe\nchain loop.ipxe\nchain /loop.ipxe\n");
        const SetupImportPlan plan = SetupImport::read(dir.path());
        QVERIFY(plan.ok);
        QCOMPARE(plan.mode, DhcpMode::Proxy);
        QVERIFY(plan.machines.isEmpty());
        const SetupImportNote *unclosed = noteAt(plan, QStringLiteral("dnsmasq.conf"), 4);
        QVERIFY2(unclosed && unclosed->level == Level::NotUnderstood, qPrintable(allNotes(plan)));
        // The script that chains to itself was read once and said to have no kernel.
        QVERIFY(plan.kernel.isEmpty());
        // A file too large for a dnsmasq.conf is refused whole.
        TestUtil::writeFile(dir.path(), QStringLiteral("dnsmasq.conf"), QByteArray(2 * 1024 * 1024, '#'));
        const SetupImportPlan big = SetupImport::read(dir.path());
        QVERIFY(!big.notesOf(Level::Refused).isEmpty());
        QVERIFY(!big.hasAnything());
        QCOMPARE(SetupImport::apply(big, dir.filePath(QStringLiteral("ws"))).code, SetupImportError::NothingToImport);
    }

    // Includes, roots and URLs that lead out of the folder are refused and never read,
    // whether by "..", an absolute path or a symbolic link.
    void pathsOutOfTheFolderAreRefused()
    {
        const SetupImportPlan full = SetupImport::read(seed(QStringLiteral("dnsmasq-full.conf")));
        for (int line : {20, 21}) {
            const SetupImportNote *n = noteAt(full, QStringLiteral("dnsmasq-full.conf"), line);
            QVERIFY2(n && n->level == Level::Refused, qPrintable(allNotes(full)));
        }

        QTemporaryDir outside;
        QVERIFY(outside.isValid());
        TestUtil::writeFile(outside.path(), QStringLiteral("hosts.conf"), "dhcp-host=52:54:00:66:66:66,evil\n");
        TestUtil::writeFile(outside.path(), QStringLiteral("52-54-00-77-77-77.yaml"),
                            TestUtil::readData(QStringLiteral("talos/talos-1.12-worker.yaml")));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        copySeed(dir.path());
        QFile conf(dir.filePath(QStringLiteral("dnsmasq.conf")));
        QVERIFY(conf.open(QIODevice::Append));
        conf.write("conf-file=" + outside.filePath(QStringLiteral("hosts.conf")).toUtf8() + "\n"
                   "conf-file=dnsmasq.d/../../" + QFileInfo(outside.path()).fileName().toUtf8() + "/hosts.conf\n"
                   "conf-file=linked.conf\n");
        conf.close();
        QVERIFY(QFile::link(outside.filePath(QStringLiteral("hosts.conf")), dir.filePath(QStringLiteral("linked.conf"))));
        QVERIFY(QFile::link(outside.filePath(QStringLiteral("52-54-00-77-77-77.yaml")),
                            dir.filePath(QStringLiteral("www/configs/52-54-00-77-77-77.yaml"))));
        const SetupImportPlan plan = SetupImport::read(dir.path());
        QVERIFY2(plan.ok, qPrintable(plan.error));
        const QString notes = allNotes(plan);
        for (int line : {33, 34, 35}) {
            const SetupImportNote *n = noteAt(plan, QStringLiteral("dnsmasq.conf"), line);
            QVERIFY2(n && n->level == Level::Refused, qPrintable(QStringLiteral("line %1:\n%2").arg(line).arg(notes)));
        }
        QVERIFY(!machineOf(plan, QStringLiteral("52:54:00:66:66:66")));
        QVERIFY(!machineOf(plan, QStringLiteral("52:54:00:77:77:77")));
        bool linkRefused = false;
        for (const SetupImportNote &n : plan.notes)
            linkRefused = linkRefused || (n.level == Level::Refused && n.file.contains(QLatin1String("52-54-00-77-77-77")));
        QVERIFY2(linkRefused, qPrintable(notes));
        for (const SetupImportConfig &c : plan.configs)
            QVERIFY2(!c.source.startsWith(outside.path()), qPrintable(c.source));
    }

    // Into an empty workspace: artefacts, iPXE, configs (0600) and netboot.yaml.
    void importsIntoAnEmptyWorkspace()
    {
        QTemporaryDir ws;
        QVERIFY(ws.isValid());
        const SetupImportPlan plan = SetupImport::read(seed());
        const SetupImportResult result = SetupImport::apply(plan, ws.path());
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.machines, 2);
        QCOMPARE(result.artifactSet, QStringLiteral("talos-1.12"));

        Workspace w = Workspace::open(ws.path());
        QVERIFY2(w.ok(), qPrintable(w.error().toString()));
        const WorkspaceSettings &s = w.settings();
        QCOMPARE(s.interfaceName, QStringLiteral("enp3s0"));
        QCOMPARE(s.mode, DhcpMode::Proxy);
        QCOMPARE(s.ports.http, quint16(8080));
        QCOMPARE(s.ipxeBios, QStringLiteral("artifacts/ipxe/undionly.0"));
        QCOMPARE(s.ipxeUefi, QStringLiteral("artifacts/ipxe/ipxe.efi"));
        QCOMPARE(s.defaultArtifacts, QStringLiteral("talos-1.12"));
        const ArtifactSet set = s.artifacts.value(QStringLiteral("talos-1.12"));
        QCOMPARE(set.extraKernelArgs, plan.extraKernelArgs);
        QVERIFY(QFileInfo(w.absolutePath(set.kernelPath)).isFile());
        QVERIFY(QFileInfo(w.absolutePath(set.initramfsPath)).isFile());
        QCOMPARE(s.machines.size(), 2);
        for (const MachineIntent &m : s.machines) {
            const SetupImportMachine *p = machineOf(plan, m.mac);
            QVERIFY(p);
            QCOMPARE(m.configPath, p->config);
            QCOMPARE(m.hostname, p->hostname);
        }
        for (const SetupImportConfig &c : plan.configs) {
            const QString path = w.absolutePath(c.id);
            QCOMPARE(readFile(path), readFile(c.source));
            QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther
                                                      | QFileDevice::WriteGroup | QFileDevice::WriteOther),
                     QFileDevice::Permissions());
        }
        QVERIFY(!QFile::exists(ws.filePath(QStringLiteral("configs/talosconfig"))));
    }

    void refusesANonEmptyWorkspaceUnlessAskedTo()
    {
        QTemporaryDir ws;
        QVERIFY(ws.isValid());
        const SetupImportPlan plan = SetupImport::read(seed());
        QVERIFY(SetupImport::apply(plan, ws.path()).ok());
        // A hand edit after the first import must survive a refused second one.
        const QByteArray before = readFile(ws.filePath(QStringLiteral("netboot.yaml")));
        TestUtil::writeFile(ws.path(), QStringLiteral("configs/controlplane.yaml"), "# mine\n");
        const SetupImportResult refused = SetupImport::apply(plan, ws.path());
        QCOMPARE(refused.code, SetupImportError::NotEmpty);
        QVERIFY(!refused.error.isEmpty());
        QCOMPARE(readFile(ws.filePath(QStringLiteral("netboot.yaml"))), before);
        QCOMPARE(readFile(ws.filePath(QStringLiteral("configs/controlplane.yaml"))), QByteArray("# mine\n"));

        SetupImportOptions replace;
        replace.overwrite = true;
        const SetupImportResult forced = SetupImport::apply(plan, ws.path(), replace);
        QVERIFY2(forced.ok(), qPrintable(forced.error));
        QCOMPARE(readFile(ws.filePath(QStringLiteral("configs/controlplane.yaml"))),
                 readFile(seed(QStringLiteral("www/configs/controlplane.yaml"))));
        Workspace w = Workspace::open(ws.path());
        QCOMPARE(w.settings().machines.size(), 2);   // replaced by MAC, not doubled

        // A workspace whose netboot.yaml does not parse is never written over.
        QTemporaryDir broken;
        TestUtil::writeFile(broken.path(), QStringLiteral("netboot.yaml"), "network: [unclosed\n");
        const SetupImportResult no = SetupImport::apply(plan, broken.path(), replace);
        QVERIFY(!no.ok());
        QCOMPARE(readFile(broken.filePath(QStringLiteral("netboot.yaml"))), QByteArray("network: [unclosed\n"));
    }

    // The acceptance: each machine of the seed is served, by the console's engines, the
    // config the seed gave it; the machines the seed gave none wait.
    void machinesGetTheSameConfigsThroughTheEngines_data()
    {
        QTest::addColumn<QString>("conf");
        QTest::addColumn<QStringList>("macs");
        QTest::addColumn<QStringList>("seedConfigs");
        QTest::addColumn<QStringList>("hostnames");   // in the served config; empty: Talos picks one
        QTest::newRow("proxy: per-machine script, config by MAC")
            << QString() << QStringList{QStringLiteral("52:54:00:ab:cd:ef"), QStringLiteral("52:54:00:12:34:56")}
            << QStringList{QStringLiteral("www/configs/controlplane.yaml"), QStringLiteral("www/configs/52-54-00-12-34-56.yaml")}
            << QStringList{QString(), QStringLiteral("worker-1")};
        QTest::newRow("full: config by dhcp-host name")
            << QStringLiteral("dnsmasq-full.conf") << QStringList{QStringLiteral("52:54:00:00:00:21")}
            << QStringList{QStringLiteral("www/configs/worker-2.yaml")} << QStringList{QStringLiteral("worker-2")};
    }
    void machinesGetTheSameConfigsThroughTheEngines()
    {
        QFETCH(QString, conf);
        QFETCH(QStringList, macs);
        QFETCH(QStringList, seedConfigs);
        QFETCH(QStringList, hostnames);
        QTemporaryDir ws;
        QVERIFY(ws.isValid());
        SetupImportPlan plan = SetupImport::read(seed(conf));
        QVERIFY2(plan.ok, qPrintable(plan.error));
        // This computer has no enp3s0 / eth1: the console serves loopback here.
        plan.interfaceName.clear();
        const SetupImportResult result = SetupImport::apply(plan, ws.path());
        QVERIFY2(result.ok(), qPrintable(result.error));

        ConsoleSession session;
        const SessionOverrides o = loopback();
        QVERIFY2(session.open(ws.path(), o), qPrintable(session.error()));
        session.startServices();
        QTRY_VERIFY(session.services()->isRunning());
        for (int i = 0; i < macs.size(); ++i) {
            QByteArray script, config;
            QString why;
            QVERIFY2(bootAndFetch(o, macs.at(i), i + 1, &script, &config, &why),
                     qPrintable(macs.at(i) + QStringLiteral(": ") + why));
            QVERIFY2(sameMeaning(config, readFile(seed(seedConfigs.at(i))), &why),
                     qPrintable(macs.at(i) + QStringLiteral(": ") + why));
            QCOMPARE(Talos::MachineConfig::parse(config).facts().hostname, hostnames.at(i));
            // Not a comparison that anything passes: a config of the other role differs.
            const QString other = config.contains("type: controlplane") ? QStringLiteral("www/configs/worker.yaml")
                                                                        : QStringLiteral("www/configs/controlplane.yaml");
            QVERIFY(!sameMeaning(config, readFile(seed(other)), &why));
            // The seed's own kernel arguments come along.
            QVERIFY2(script.contains("console=ttyS0,115200n8") && script.contains("net.ifnames=0"), script.constData());
        }
        // The seed served no config to these: here they wait for one.
        for (const QString &mac : {QStringLiteral("52:54:00:12:34:57"), QStringLiteral("52:54:00:12:34:58")}) {
            int status = 0;
            const QByteArray script = httpGet(QHostAddress(QStringLiteral("127.0.0.1")),
                                              QStringLiteral("http://127.0.0.1:%1/m/%2/script.ipxe")
                                                  .arg(o.ports.http).arg(Mac::parse(mac).toDashed()),
                                              &status);
            QCOMPARE(status, 200);
            QVERIFY2(!script.contains("talos.config="), script.constData());
        }
        session.stopServices();
    }

    // Through the session: the services stop, the files are written, the workspace is
    // opened again with what was imported.
    void sessionReopensTheImportedWorkspace()
    {
        QTemporaryDir ws;
        QVERIFY(ws.isValid());
        ConsoleSession session;
        QVERIFY2(session.open(ws.path(), loopback()), qPrintable(session.error()));
        QVERIFY(SetupImport::notEmptyReason(ws.path()).isEmpty());
        SetupImportPlan plan = SetupImport::read(seed());
        plan.interfaceName.clear();
        QSignalSpy reloaded(&session, &ConsoleSession::workspaceReloaded);
        SetupImportResult result;
        QVERIFY(session.rewriteWorkspace([&](const QString &dir) {
            result = SetupImport::apply(plan, dir);
            return result.ok();
        }));
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(reloaded.size(), 1);
        QCOMPARE(session.assignment(QStringLiteral("52:54:00:ab:cd:ef")), QStringLiteral("configs/controlplane.yaml"));
        QCOMPARE(session.defaultArtifacts(), QStringLiteral("talos-1.12"));
        QTRY_VERIFY(session.configs()->entry(QStringLiteral("configs/controlplane.yaml")));
        QVERIFY(!SetupImport::notEmptyReason(ws.path()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_SetupImport)
#include "tst_setupimport.moc"
