// The network doctor (core/doctor): interfaces from a made-up sysfs tree and from a real
// veth, the DHCP probe against real dnsmasq servers, port owners, the bind permission,
// the nftables heuristic (a fake nft printing a ruleset, and the real nft in a namespace),
// the report and its recommendation, and NetworkDoctor end to end.
//
// Network checks run in two network namespaces the test creates (nbc-dp<pid>a/b, joined
// by a veth pair): dnsmasq serves in b, the probe's socket is made in a by switching this
// thread there with setns() (a socket stays in the namespace it was created in). They
// need root; CI runs as root. Only the processes started here are stopped, by PID; the
// namespaces are deleted by a guard object, also when a check fails.

#include "doctor/bindpermission.h"
#include "doctor/dhcpanswer.h"
#include "doctor/dhcpprobe.h"
#include "doctor/doctorreport.h"
#include "doctor/firewallcheck.h"
#include "doctor/interfaceinfo.h"
#include "doctor/networkdoctor.h"
#include "doctor/portowner.h"
#include "testutil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QNetworkInterface>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <fcntl.h>
#include <sched.h>
#include <signal.h>

#include <functional>
#include <memory>

using namespace Nbc;
using namespace Nbc::Doctor;

namespace {

const QString kServer = QStringLiteral("10.99.0.1");
const QString kClient = QStringLiteral("10.99.0.2");

QString runCommand(const QStringList &command, int *exitCode = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(command.constFirst(), command.mid(1));
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished(2000);
    }
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromLocal8Bit(p.readAll());
}

// The calling thread is in the named network namespace until this is destroyed.
class EnterNetns
{
public:
    explicit EnterNetns(const QString &name)
    {
        m_saved = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
        const int fd = ::open(QFile::encodeName(QStringLiteral("/run/netns/") + name).constData(), O_RDONLY | O_CLOEXEC);
        m_ok = m_saved >= 0 && fd >= 0 && ::setns(fd, CLONE_NEWNET) == 0;
        if (fd >= 0)
            ::close(fd);
    }
    ~EnterNetns()
    {
        if (m_ok && ::setns(m_saved, CLONE_NEWNET) != 0)
            qFatal("cannot return to the test's own network namespace");
        if (m_saved >= 0)
            ::close(m_saved);
    }
    bool ok() const { return m_ok; }

private:
    int m_saved = -1;
    bool m_ok = false;
};

// Two namespaces joined by a veth pair: a (10.99.0.2/24, the doctor's side) and b
// (10.99.0.1/24, where servers run). The destructor stops what it started and deletes
// the namespaces.
class NetnsLab
{
public:
    NetnsLab()
    {
        const QString pid = QString::number(::getpid());
        nsA = QStringLiteral("nbc-dp%1a").arg(pid);
        nsB = QStringLiteral("nbc-dp%1b").arg(pid);
        // Interface names are at most 15 characters.
        vethA = QStringLiteral("nbcdp%1a").arg(pid);
        vethB = QStringLiteral("nbcdp%1b").arg(pid);
    }
    ~NetnsLab()
    {
        for (const auto &process : std::as_const(m_processes))
            stop(process.get());
        m_processes.clear();
        for (const QString &ns : std::as_const(m_namespaces))
            runCommand({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("del"), ns});
    }

    bool create(QString *error)
    {
        const QList<QStringList> steps = {
            {QStringLiteral("netns"), QStringLiteral("add"), nsA},
            {QStringLiteral("netns"), QStringLiteral("add"), nsB},
            {QStringLiteral("-n"), nsA, QStringLiteral("link"), QStringLiteral("add"), vethA, QStringLiteral("type"),
             QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"), vethB, QStringLiteral("netns"), nsB},
            {QStringLiteral("-n"), nsA, QStringLiteral("addr"), QStringLiteral("add"), kClient + QStringLiteral("/24"),
             QStringLiteral("dev"), vethA},
            {QStringLiteral("-n"), nsB, QStringLiteral("addr"), QStringLiteral("add"), kServer + QStringLiteral("/24"),
             QStringLiteral("dev"), vethB},
            {QStringLiteral("-n"), nsA, QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"), QStringLiteral("up")},
            {QStringLiteral("-n"), nsB, QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"), QStringLiteral("up")},
            {QStringLiteral("-n"), nsA, QStringLiteral("link"), QStringLiteral("set"), vethA, QStringLiteral("up")},
            {QStringLiteral("-n"), nsB, QStringLiteral("link"), QStringLiteral("set"), vethB, QStringLiteral("up")},
        };
        for (const QStringList &step : steps) {
            int code = 0;
            const QString out = runCommand(QStringList{QStringLiteral("ip")} + step, &code);
            if (code != 0) {
                *error = QStringLiteral("ip %1: %2").arg(step.join(QLatin1Char(' ')), out);
                return false;
            }
            if (step.size() == 3 && step.at(1) == QLatin1String("add"))
                m_namespaces << step.at(2);
        }
        // The veth's carrier comes once both ends are up.
        for (int i = 0; i < 50 && !carrierUp(); ++i)
            QTest::qWait(50);
        return true;
    }

    // Runs command in namespace ns (ip netns exec replaces itself with the command, so
    // the pid returned is the command's own). -1 when it cannot start.
    qint64 start(const QString &ns, const QStringList &command)
    {
        auto process = std::make_unique<QProcess>();
        // Their logs (dnsmasq's DHCPDISCOVER/DHCPOFFER lines) go to the lab's folder.
        process->setProcessChannelMode(QProcess::MergedChannels);
        process->setStandardOutputFile(m_dir.filePath(QStringLiteral("process-%1.log").arg(m_processes.size())));
        process->start(QStringLiteral("ip"), QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns} + command);
        if (!process->waitForStarted(5000))
            return -1;
        const qint64 pid = process->processId();
        m_processes.push_back(std::move(process));
        return pid;
    }

    // dnsmasq serving DHCP only (no DNS) on b's end, with extra options; its pid once
    // it holds UDP 67, else -1.
    qint64 startDnsmasq(const QStringList &extra)
    {
        const QString pidFile = m_dir.filePath(QStringLiteral("dnsmasq-%1.pid").arg(m_processes.size()));
        QStringList command = {QStringLiteral("dnsmasq"), QStringLiteral("--keep-in-foreground"),
                               QStringLiteral("--no-daemon"), QStringLiteral("--port=0"),
                               QStringLiteral("--interface=") + vethB, QStringLiteral("--bind-interfaces"),
                               QStringLiteral("--pid-file=") + pidFile, QStringLiteral("--conf-file=/dev/null"),
                               QStringLiteral("--leasefile-ro"), QStringLiteral("--log-facility=-")};
        command += extra;
        const qint64 pid = start(nsB, command);
        for (int i = 0; pid > 0 && i < 100; ++i) {
            if (holdsUdpPort(pid, 67))
                return pid;
            QTest::qWait(50);
        }
        return -1;
    }

    // --no-ping: dnsmasq otherwise pings an address for 3 s before offering it (the
    // end-to-end test of --doctor keeps that delay, which the default 4 s wait covers).
    qint64 startDhcpServer(const QStringList &extra = {})
    {
        return startDnsmasq(QStringList{QStringLiteral("--dhcp-range=10.99.0.100,10.99.0.150,255.255.255.0,10m"),
                                        QStringLiteral("--no-ping")}
                            + extra);
    }

    // A process that only sits in namespace ns: ip netns exec mounted its /sys for it, so
    // /proc/<pid>/root/sys/class/net shows that namespace's interfaces, and
    // /proc/<pid>/net its sockets.
    qint64 startSleeper(const QString &ns) { return start(ns, {QStringLiteral("sleep"), QStringLiteral("120")}); }

    void stopProcess(qint64 pid)
    {
        for (auto it = m_processes.begin(); it != m_processes.end(); ++it) {
            if ((*it)->processId() == pid) {
                stop(it->get());
                m_processes.erase(it);
                return;
            }
        }
    }

    QString vethAMac() const
    {
        // From the kernel of namespace a, through its own netlink: what the probe must use.
        EnterNetns in(nsA);
        return QNetworkInterface::interfaceFromName(vethA).hardwareAddress().toLower();
    }

    QString nsA, nsB, vethA, vethB;

private:
    static bool holdsUdpPort(qint64 pid, quint16 port)
    {
        QFile table(QStringLiteral("/proc/%1/net/udp").arg(pid));
        if (!table.open(QIODevice::ReadOnly))
            return false;
        const QByteArray needle = ':' + QByteArray::number(port, 16).toUpper().rightJustified(4, '0') + ' ';
        return table.readAll().contains(needle);
    }

    bool carrierUp() const
    {
        EnterNetns in(nsA);
        const QNetworkInterface iface = QNetworkInterface::interfaceFromName(vethA);
        return iface.isValid() && (iface.flags() & QNetworkInterface::IsRunning);
    }

    static void stop(QProcess *process)
    {
        const qint64 pid = process->processId();
        if (pid > 0 && process->state() != QProcess::NotRunning) {
            ::kill(pid_t(pid), SIGTERM);
            if (!process->waitForFinished(5000)) {
                ::kill(pid_t(pid), SIGKILL);
                process->waitForFinished(5000);
            }
        }
    }

    QTemporaryDir m_dir;
    QStringList m_namespaces;
    std::vector<std::unique_ptr<QProcess>> m_processes;
};

#define NBC_REQUIRE_NETNS(lab)                                                                   \
    if (!TestUtil::isRoot())                                                                     \
        QSKIP("needs root to create network namespaces (CI runs as root)");                      \
    NBC_REQUIRE_PROGRAM(ipProgram, "ip");                                                        \
    NetnsLab lab;                                                                                \
    {                                                                                            \
        QString labError;                                                                        \
        QVERIFY2(lab.create(&labError), qPrintable(labError));                                   \
    }

#define NBC_REQUIRE_DNSMASQ() NBC_REQUIRE_PROGRAM(dnsmasqProgram, "dnsmasq")

// Runs the probe from namespace a and waits for it to finish.
struct ProbeRun {
    QList<DhcpAnswer> answers;
    int answerSignals = 0;
    int finishedSignals = 0;
    qint64 elapsedMs = 0;
};

void mkdirs(const QString &path)
{
    if (!QDir().mkpath(path))
        qFatal("cannot make %s", qPrintable(path));
}

void touchFile(const QString &path, const QByteArray &content)
{
    TestUtil::writeFile(QFileInfo(path).absolutePath(), QFileInfo(path).fileName(), content);
}

QString portsText(const PortList &ports)
{
    QStringList out;
    for (const auto &p : ports)
        out << transportName(p.first) + QLatin1Char('/') + QString::number(p.second);
    return out.join(QLatin1Char(' '));
}

// --- nft JSON, as `nft -j list ruleset` prints it -------------------------------------

QJsonObject dport(const QString &protocol, const QJsonValue &right, const QString &op = QStringLiteral("=="))
{
    QJsonObject payload{{QStringLiteral("protocol"), protocol}, {QStringLiteral("field"), QStringLiteral("dport")}};
    return {{QStringLiteral("match"), QJsonObject{{QStringLiteral("op"), op},
                                                  {QStringLiteral("left"), QJsonObject{{QStringLiteral("payload"), payload}}},
                                                  {QStringLiteral("right"), right}}}};
}

QJsonObject matchOn(const QJsonObject &left, const QJsonValue &right)
{
    return {{QStringLiteral("match"),
             QJsonObject{{QStringLiteral("op"), QStringLiteral("==")}, {QStringLiteral("left"), left}, {QStringLiteral("right"), right}}}};
}

QJsonObject verdict(const QString &kind, const QString &target = QString())
{
    if (target.isEmpty())
        return {{kind, QJsonValue::Null}};
    return {{kind, QJsonObject{{QStringLiteral("target"), target}}}};
}

QJsonObject setOf(const QJsonArray &items)
{
    return {{QStringLiteral("set"), items}};
}

QJsonObject rangeOf(int from, int to)
{
    return {{QStringLiteral("range"), QJsonArray{from, to}}};
}

// Builds a ruleset of one table (family, "filter") with chains and rules.
class Ruleset
{
public:
    explicit Ruleset(const QString &family = QStringLiteral("inet")) : m_family(family)
    {
        m_items.append(QJsonObject{{QStringLiteral("metainfo"), QJsonObject{{QStringLiteral("json_schema_version"), 1}}}});
        m_items.append(QJsonObject{{QStringLiteral("table"), QJsonObject{{QStringLiteral("family"), family},
                                                                          {QStringLiteral("name"), QStringLiteral("filter")}}}});
    }
    Ruleset &baseChain(const QString &name, const QString &hook, const QString &policy)
    {
        m_items.append(QJsonObject{{QStringLiteral("chain"),
                                    QJsonObject{{QStringLiteral("family"), m_family}, {QStringLiteral("table"), QStringLiteral("filter")},
                                                {QStringLiteral("name"), name}, {QStringLiteral("type"), QStringLiteral("filter")},
                                                {QStringLiteral("hook"), hook}, {QStringLiteral("prio"), 0},
                                                {QStringLiteral("policy"), policy}}}});
        return *this;
    }
    Ruleset &chain(const QString &name)
    {
        m_items.append(QJsonObject{{QStringLiteral("chain"), QJsonObject{{QStringLiteral("family"), m_family},
                                                                          {QStringLiteral("table"), QStringLiteral("filter")},
                                                                          {QStringLiteral("name"), name}}}});
        return *this;
    }
    Ruleset &namedSet(const QString &name, const QJsonArray &elements)
    {
        m_items.append(QJsonObject{{QStringLiteral("set"),
                                    QJsonObject{{QStringLiteral("family"), m_family}, {QStringLiteral("table"), QStringLiteral("filter")},
                                                {QStringLiteral("name"), name}, {QStringLiteral("type"), QStringLiteral("inet_service")},
                                                {QStringLiteral("elem"), elements}}}});
        return *this;
    }
    Ruleset &rule(const QString &chainName, const QJsonArray &expr)
    {
        m_items.append(QJsonObject{{QStringLiteral("rule"),
                                    QJsonObject{{QStringLiteral("family"), m_family}, {QStringLiteral("table"), QStringLiteral("filter")},
                                                {QStringLiteral("chain"), chainName}, {QStringLiteral("expr"), expr}}}});
        return *this;
    }
    QByteArray json() const
    {
        return QJsonDocument(QJsonObject{{QStringLiteral("nftables"), m_items}}).toJson(QJsonDocument::Compact);
    }

private:
    QString m_family;
    QJsonArray m_items;
};

// The ordinary first rules of a desktop firewall: they must not count as letting the
// console's new packets in.
Ruleset &withUsualRules(Ruleset &r)
{
    r.rule(QStringLiteral("input"), {matchOn(QJsonObject{{QStringLiteral("ct"), QJsonObject{{QStringLiteral("key"), QStringLiteral("state")}}}},
                                             QJsonArray{QStringLiteral("established"), QStringLiteral("related")}),
                                     verdict(QStringLiteral("accept"))});
    r.rule(QStringLiteral("input"), {matchOn(QJsonObject{{QStringLiteral("meta"), QJsonObject{{QStringLiteral("key"), QStringLiteral("iif")}}}},
                                             QStringLiteral("lo")),
                                     verdict(QStringLiteral("accept"))});
    return r;
}

QString writeFakeNft(const QString &dir, const QByteArray &stdoutText, int exitCode = 0)
{
    const QString path = TestUtil::writeFile(dir, QStringLiteral("nft"),
                                             "#!/bin/sh\ncat <<'NBC_EOF'\n" + stdoutText + "\nNBC_EOF\nexit "
                                                 + QByteArray::number(exitCode) + "\n");
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

const PortList kFourPorts = {{Transport::Udp, 67}, {Transport::Udp, 69}, {Transport::Udp, 4011}, {Transport::Tcp, 8080}};

DhcpAnswer dhcpServerAnswer()
{
    DhcpAnswer a;
    a.server = a.source = QHostAddress(QStringLiteral("192.168.1.1"));
    a.offered = QHostAddress(QStringLiteral("192.168.1.57"));
    a.subnetMask = QHostAddress(QStringLiteral("255.255.255.0"));
    a.router = QHostAddress(QStringLiteral("192.168.1.1"));
    a.subnet = QStringLiteral("192.168.1.0/24");
    return a;
}

DhcpAnswer proxyAnswer()
{
    DhcpAnswer a;
    a.server = a.source = QHostAddress(QStringLiteral("192.168.1.5"));
    a.nextServer = QHostAddress(QStringLiteral("192.168.1.5"));
    a.bootFile = QStringLiteral("pxelinux.0");
    a.vendorClass = QStringLiteral("PXEClient");
    a.pxeVendor = true;
    return a;
}

DoctorReport baseReport(const QStringList &ipv4)
{
    DoctorReport r;
    r.time = QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);
    r.interfaceName = QStringLiteral("eth1");
    r.interfaceFound = true;
    r.interface.name = QStringLiteral("eth1");
    r.interface.kind = InterfaceKind::Ethernet;
    r.interface.up = r.interface.carrier = true;
    r.interface.ipv4 = ipv4;
    r.interface.mac = QStringLiteral("52:54:00:aa:bb:cc");
    r.probed = true;
    r.ports = servicePorts(Ports{});
    r.permission = BindPermission::evaluate(true, 0, 1024, 67);
    r.firewall.checked = true;
    return r;
}

QList<QJsonObject> linesOf(const QList<QJsonObject> &lines, const QString &event)
{
    QList<QJsonObject> out;
    for (const QJsonObject &o : lines) {
        if (o.value(QLatin1String("event")).toString() == event)
            out << o;
    }
    return out;
}

} // namespace

class TestNetworkDoctor : public QObject
{
    Q_OBJECT

private:
    // Empty when the probe ran; else why it did not start.
    QString runProbe(NetnsLab &lab, int timeoutMs, ProbeRun *out, const std::function<void()> &whileRunning = {})
    {
        ProbeRun &result = *out;
        DhcpProbe probe;
        QSignalSpy answers(&probe, &DhcpProbe::answerReceived);
        QSignalSpy finished(&probe, &DhcpProbe::finished);
        QElapsedTimer clock;
        clock.start();
        {
            EnterNetns in(lab.nsA);
            if (!in.ok())
                return QStringLiteral("cannot enter ") + lab.nsA;
            QString error;
            if (!probe.start(lab.vethA, timeoutMs, &error))
                return QStringLiteral("the probe did not start: ") + error;
        }
        m_lastMac = probe.clientMac();
        if (whileRunning)
            whileRunning();
        if (finished.isEmpty())
            finished.wait(timeoutMs + 5000);
        result.elapsedMs = clock.elapsed();
        result.answers = probe.answers();
        result.answerSignals = int(answers.size());
        result.finishedSignals = int(finished.size());
        m_lastMalformed = probe.malformedReplies();
        m_lastSent = probe.discoversSent();
        return {};
    }

    QString m_lastMac;
    int m_lastMalformed = 0;
    int m_lastSent = 0;

private Q_SLOTS:
    // --- interfaces ---------------------------------------------------------------------

    void interfacesFromFakeSysfs()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString root = dir.path();
        // name, has device link, type, flags, carrier (empty: unreadable), extra folder
        struct Fake {
            const char *name;
            bool device;
            const char *type;
            const char *flags;
            const char *carrier;
            const char *extra;
        };
        const Fake fakes[] = {
            {"eth0", true, "1", "0x1003", "1", nullptr},          // wired, up, link, no address
            {"eth1", true, "1", "0x1003", "1", nullptr},          // wired, up, link, address
            {"eth2", true, "1", "0x1002", nullptr, nullptr},      // down: carrier unreadable
            {"eth3", true, "1", "0x1003", "0", nullptr},          // up, no cable
            {"wlan0", true, "1", "0x1003", "1", "wireless"},
            {"wlp2s0", true, "1", "0x1003", "1", "phy80211"},
            {"br0", false, "1", "0x1003", "1", "bridge"},
            {"veth7", false, "1", "0x1003", "1", nullptr},
            {"lo", false, "772", "0x9", "1", nullptr},
            {"ib0", true, "32", "0x1003", "1", nullptr},
        };
        for (const Fake &f : fakes) {
            const QString d = root + QLatin1Char('/') + QLatin1String(f.name);
            mkdirs(d);
            if (f.device)
                mkdirs(d + QStringLiteral("/device"));
            if (f.extra)
                mkdirs(d + QLatin1Char('/') + QLatin1String(f.extra));
            touchFile(d + QStringLiteral("/type"), QByteArray(f.type) + '\n');
            touchFile(d + QStringLiteral("/flags"), QByteArray(f.flags) + '\n');
            if (f.carrier)
                touchFile(d + QStringLiteral("/carrier"), QByteArray(f.carrier) + '\n');
            touchFile(d + QStringLiteral("/address"), "52:54:00:AA:BB:0" + QByteArray::number(int(&f - fakes)) + '\n');
        }
        const QHash<QString, QStringList> ipv4 = {{QStringLiteral("eth1"), {QStringLiteral("10.77.0.1/24")}},
                                                  {QStringLiteral("wlan0"), {QStringLiteral("192.168.1.20/24")}},
                                                  {QStringLiteral("lo"), {QStringLiteral("127.0.0.1/8")}}};
        const QList<InterfaceInfo> list = listInterfaces(root, ipv4);
        QCOMPARE(list.size(), qsizetype(std::size(fakes)));
        QHash<QString, InterfaceInfo> by;
        for (const InterfaceInfo &i : list)
            by.insert(i.name, i);

        QCOMPARE(by[QStringLiteral("eth0")].kind, InterfaceKind::Ethernet);
        QVERIFY(by[QStringLiteral("eth0")].up);
        QVERIFY(by[QStringLiteral("eth0")].carrier);
        QCOMPARE(by[QStringLiteral("eth0")].flags, QList<InterfaceFlag>{InterfaceFlag::NoAddress});
        QCOMPARE(by[QStringLiteral("eth0")].mac, QStringLiteral("52:54:00:aa:bb:00"));
        // The first wired interface with a link, but one with an address is preferred.
        QVERIFY(!by[QStringLiteral("eth0")].recommended);
        QVERIFY(by[QStringLiteral("eth1")].recommended);
        QVERIFY(by[QStringLiteral("eth1")].flags.isEmpty());
        QCOMPARE(by[QStringLiteral("eth1")].ipv4, QStringList{QStringLiteral("10.77.0.1/24")});

        QVERIFY(!by[QStringLiteral("eth2")].up);
        QVERIFY(!by[QStringLiteral("eth2")].carrier);
        QVERIFY(by[QStringLiteral("eth2")].hasFlag(InterfaceFlag::Down));
        QVERIFY(by[QStringLiteral("eth3")].up);
        QVERIFY(!by[QStringLiteral("eth3")].carrier);
        QVERIFY(by[QStringLiteral("eth3")].hasFlag(InterfaceFlag::NoCarrier));
        QVERIFY(!by[QStringLiteral("eth3")].hasFlag(InterfaceFlag::Down));

        QCOMPARE(by[QStringLiteral("wlan0")].kind, InterfaceKind::Wifi);
        QVERIFY(by[QStringLiteral("wlan0")].hasFlag(InterfaceFlag::Wireless));
        QVERIFY(!by[QStringLiteral("wlan0")].recommended);   // up, linked, addressed: still Wi-Fi
        QCOMPARE(by[QStringLiteral("wlp2s0")].kind, InterfaceKind::Wifi);
        QCOMPARE(by[QStringLiteral("br0")].kind, InterfaceKind::Bridge);
        QVERIFY(by[QStringLiteral("br0")].hasFlag(InterfaceFlag::Bridge));
        QVERIFY(!by[QStringLiteral("br0")].hasFlag(InterfaceFlag::Virtual));
        QCOMPARE(by[QStringLiteral("veth7")].kind, InterfaceKind::Virtual);
        QVERIFY(by[QStringLiteral("veth7")].hasFlag(InterfaceFlag::Virtual));
        QCOMPARE(by[QStringLiteral("lo")].kind, InterfaceKind::Loopback);
        QVERIFY(by[QStringLiteral("lo")].hasFlag(InterfaceFlag::Loopback));
        QCOMPARE(by[QStringLiteral("ib0")].kind, InterfaceKind::Other);

        int recommended = 0;
        for (const InterfaceInfo &i : list)
            recommended += i.recommended ? 1 : 0;
        QCOMPARE(recommended, 1);
        QVERIFY(by[QStringLiteral("eth1")].describe().startsWith(QLatin1String("eth1: ")));
        QVERIFY(by[QStringLiteral("eth1")].describe().contains(QLatin1String("10.77.0.1/24")));
        QVERIFY(by[QStringLiteral("eth1")].describe() != by[QStringLiteral("eth0")].describe());

        // Without addresses the first wired one with a link is chosen; with no wired link, none.
        const QList<InterfaceInfo> bare = listInterfaces(root, {});
        for (const InterfaceInfo &i : bare)
            QCOMPARE(i.recommended, i.name == QLatin1String("eth0"));
        QDir(root + QStringLiteral("/eth0")).removeRecursively();
        QDir(root + QStringLiteral("/eth1")).removeRecursively();
        for (const InterfaceInfo &i : listInterfaces(root, ipv4))
            QVERIFY2(!i.recommended, qPrintable(i.name));
    }

    void interfaceWordsAndKeys()
    {
        const QList<InterfaceKind> kinds = {InterfaceKind::Ethernet, InterfaceKind::Wifi, InterfaceKind::Bridge,
                                            InterfaceKind::Virtual, InterfaceKind::Loopback, InterfaceKind::Other};
        QSet<QString> keys;
        for (InterfaceKind k : kinds) {
            QVERIFY(!interfaceKindName(k).isEmpty());
            keys.insert(interfaceKindKey(k));
        }
        QCOMPARE(keys.size(), kinds.size());
        const QList<InterfaceFlag> flags = {InterfaceFlag::Wireless, InterfaceFlag::Virtual, InterfaceFlag::Bridge,
                                            InterfaceFlag::Down, InterfaceFlag::NoCarrier, InterfaceFlag::NoAddress,
                                            InterfaceFlag::Loopback};
        QSet<QString> texts;
        keys.clear();
        for (InterfaceFlag f : flags) {
            texts.insert(flagText(f));
            keys.insert(flagKey(f));
        }
        QCOMPARE(texts.size(), flags.size());
        QCOMPARE(keys.size(), flags.size());
        QVERIFY(!texts.contains(QString()));
    }

    void interfacesRealVeth()
    {
        NBC_REQUIRE_NETNS(lab);
        const qint64 sleeper = lab.startSleeper(lab.nsA);
        QVERIFY(sleeper > 0);
        const QString sys = QStringLiteral("/proc/%1/root/sys/class/net").arg(sleeper);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(sys + QLatin1Char('/') + lab.vethA), 5000);
        QList<InterfaceInfo> list;
        {
            EnterNetns in(lab.nsA);
            QVERIFY(in.ok());
            list = listInterfaces(sys);
        }
        QHash<QString, InterfaceInfo> by;
        for (const InterfaceInfo &i : list)
            by.insert(i.name, i);
        QCOMPARE(by.size(), 2);   // lo and the veth: nothing of the test's own namespace
        const InterfaceInfo veth = by.value(lab.vethA);
        QCOMPARE(veth.kind, InterfaceKind::Virtual);
        QVERIFY(veth.up);
        QVERIFY(veth.carrier);
        QCOMPARE(veth.ipv4, QStringList{kClient + QStringLiteral("/24")});
        QCOMPARE(veth.mac, lab.vethAMac());
        QCOMPARE(veth.flags, QList<InterfaceFlag>{InterfaceFlag::Virtual});
        QVERIFY(!veth.recommended);
        QCOMPARE(by.value(QStringLiteral("lo")).kind, InterfaceKind::Loopback);
    }

    // --- DHCP probe ---------------------------------------------------------------------

    void probeFindsDhcpServer()
    {
        NBC_REQUIRE_DNSMASQ();
        NBC_REQUIRE_NETNS(lab);
        QVERIFY(lab.startDhcpServer() > 0);
        // While it listens, garbage arrives on port 68 from b: counted, skipped.
        ProbeRun run;
        const QString error = runProbe(lab, 2500, &run, [&lab] {
            EnterNetns in(lab.nsB);
            const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            const int one = 1;
            ::setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof one);
            const QByteArray device = lab.vethB.toLocal8Bit();
            ::setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, device.constData(), socklen_t(device.size()));
            sockaddr_in to{};
            to.sin_family = AF_INET;
            to.sin_port = htons(68);
            to.sin_addr.s_addr = htonl(INADDR_BROADCAST);
            const char junk[] = "not a DHCP message";
            ::sendto(fd, junk, sizeof junk, 0, reinterpret_cast<const sockaddr *>(&to), sizeof to);
            ::close(fd);
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(run.finishedSignals, 1);
        QCOMPARE(run.answers.size(), 1);
        QCOMPARE(run.answerSignals, 1);   // the answer to the second DISCOVER is the same one
        QCOMPARE(m_lastSent, 2);
        QCOMPARE(m_lastMalformed, 1);
        QCOMPARE(m_lastMac, lab.vethAMac());
        const DhcpAnswer a = run.answers.constFirst();
        QCOMPARE(a.server, QHostAddress(kServer));
        QCOMPARE(a.source, QHostAddress(kServer));
        QVERIFY2(a.offered.isInSubnet(QHostAddress(QStringLiteral("10.99.0.0")), 24), qPrintable(a.offered.toString()));
        const quint32 last = a.offered.toIPv4Address() & 0xff;
        QVERIFY(last >= 100 && last <= 150);
        QCOMPARE(a.router, QHostAddress(kServer));
        QCOMPARE(a.subnetMask, QHostAddress(QStringLiteral("255.255.255.0")));
        QCOMPARE(a.subnet, QStringLiteral("10.99.0.0/24"));
        QVERIFY(!a.isProxy());
        QVERIFY2(!a.sendsBootOptions(), qPrintable(a.describe()));
        QVERIFY(!a.isNetbootServer());
        QVERIFY(a.bootFile.isEmpty());
        QVERIFY(!a.fromThisHost);
        QVERIFY(!a.describe().contains(QLatin1String("netboot")));
    }

    void probeReportsBootOptions()
    {
        NBC_REQUIRE_DNSMASQ();
        NBC_REQUIRE_NETNS(lab);
        QVERIFY(lab.startDhcpServer({QStringLiteral("--dhcp-boot=undionly.kpxe,,") + kServer,
                                     QStringLiteral("--dhcp-option=66,") + kServer}) > 0);
        ProbeRun run;
        const QString error = runProbe(lab, 2500, &run);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(run.answers.size(), 1);
        const DhcpAnswer a = run.answers.constFirst();
        QCOMPARE(a.server, QHostAddress(kServer));
        QVERIFY(!a.offered.isNull());
        QCOMPARE(a.bootFile, QStringLiteral("undionly.kpxe"));
        QCOMPARE(a.nextServer, QHostAddress(kServer));
        QCOMPARE(a.tftpServerName, kServer);
        QVERIFY(a.sendsBootOptions());
        QVERIFY(a.isNetbootServer());
        QVERIFY(a.describe().contains(QLatin1String("a second netboot server")));
    }

    void probeSeesProxyDhcp()
    {
        NBC_REQUIRE_DNSMASQ();
        NBC_REQUIRE_NETNS(lab);
        // dnsmasq as a proxy DHCP: boot options for PXE clients, no addresses.
        QVERIFY(lab.startDnsmasq({QStringLiteral("--dhcp-range=10.99.0.0,proxy"),
                                  QStringLiteral("--pxe-service=x86PC,Network boot,undionly")}) > 0);
        ProbeRun run;
        const QString error = runProbe(lab, 2500, &run);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(run.answers.size(), 1);
        const DhcpAnswer a = run.answers.constFirst();
        QCOMPARE(a.server, QHostAddress(kServer));
        QVERIFY(a.offered.isNull());
        QVERIFY(a.isProxy());
        QVERIFY(a.pxeVendor);
        QVERIFY(a.isNetbootServer());
    }

    void probeOnEmptySegment()
    {
        NBC_REQUIRE_NETNS(lab);
        ProbeRun run;
        const QString error = runProbe(lab, 1500, &run);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(run.finishedSignals, 1);
        QVERIFY(run.answers.isEmpty());
        QCOMPARE(run.answerSignals, 0);
        QVERIFY2(run.elapsedMs >= 1400, qPrintable(QString::number(run.elapsedMs)));
        QCOMPARE(m_lastSent, 2);
    }

    void probeCancel()
    {
        NBC_REQUIRE_NETNS(lab);
        DhcpProbe probe;
        QSignalSpy finished(&probe, &DhcpProbe::finished);
        {
            EnterNetns in(lab.nsA);
            QVERIFY(probe.start(lab.vethA, 60000));
        }
        QVERIFY(probe.isRunning());
        QString error;
        QVERIFY(!probe.start(lab.vethA, 1000, &error));   // one run at a time
        QVERIFY(!error.isEmpty());
        QVERIFY(probe.isRunning());
        probe.cancel();
        QCOMPARE(finished.size(), 1);
        QVERIFY(!probe.isRunning());
        probe.cancel();
        QCOMPARE(finished.size(), 1);
    }

    void probeWithoutInterface()
    {
        DhcpProbe probe;
        QSignalSpy finished(&probe, &DhcpProbe::finished);
        QString error;
        QVERIFY(!probe.start(QStringLiteral("nbc-no-such0"), 1000, &error));
        QCOMPARE(probe.failure(), DhcpProbe::Failure::NoInterface);
        QVERIFY(error.contains(QLatin1String("nbc-no-such0")));
        QVERIFY(!probe.isRunning());
        QTest::qWait(50);
        QCOMPARE(finished.size(), 0);
    }

    // --- port owners --------------------------------------------------------------------

    void portOwnersNamesDnsmasq()
    {
        NBC_REQUIRE_DNSMASQ();
        NBC_REQUIRE_NETNS(lab);
        const qint64 pid = lab.startDhcpServer();
        QVERIFY(pid > 0);
        const QList<PortOwner> owners = portOwners({{Transport::Udp, 67}, {Transport::Udp, 4011}, {Transport::Tcp, 67}},
                                                   QStringLiteral("/proc"), QString::number(pid));
        QVERIFY(!owners.isEmpty());
        for (const PortOwner &o : owners) {
            QCOMPARE(o.transport, Transport::Udp);
            QCOMPARE(o.port, quint16(67));
            QCOMPARE(o.pid, pid);
            QCOMPARE(o.program, QStringLiteral("dnsmasq"));
            QVERIFY(o.describe().contains(QLatin1String("dnsmasq")));
            QVERIFY(!o.isThisProcess());
        }
        // Once it is gone, nobody holds the port there.
        const QString sleeper = QString::number(lab.startSleeper(lab.nsB));
        lab.stopProcess(pid);
        QTRY_VERIFY_WITH_TIMEOUT(portOwners({{Transport::Udp, 67}}, QStringLiteral("/proc"), sleeper).isEmpty(), 5000);
    }

    void portOwnersOfThisProcess()
    {
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        QUdpSocket udp;
        QVERIFY(udp.bind(QHostAddress::LocalHost, 0));
        const quint16 free = TestUtil::freeUdpPort();
        const QList<PortOwner> owners = portOwners({{Transport::Tcp, tcp.serverPort()}, {Transport::Udp, udp.localPort()},
                                                    {Transport::Udp, free}});
        QCOMPARE(owners.size(), 2);
        for (const PortOwner &o : owners) {
            QVERIFY(o.isThisProcess());
            QVERIFY(!o.program.isEmpty());
            QCOMPARE(o.pid, QCoreApplication::applicationPid());
            QCOMPARE(o.localAddress, QStringLiteral("127.0.0.1"));
            QVERIFY(QStringLiteral("tst_networkdoctor").startsWith(o.program));   // comm: 15 characters
            QVERIFY(o.port != free);
        }
        // A TCP connection's own socket does not hold the port for others: only LISTEN counts.
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, tcp.serverPort());
        QVERIFY(client.waitForConnected(3000));
        QVERIFY(tcp.waitForNewConnection(3000));
        const QList<PortOwner> afterConnect = portOwners({{Transport::Tcp, tcp.serverPort()}});
        QCOMPARE(afterConnect.size(), 1);
        QCOMPARE(afterConnect.constFirst().transport, Transport::Tcp);
    }

    void portOwnersFromFakeProc()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString proc = dir.path();
        const QByteArray header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
        touchFile(proc + QStringLiteral("/77/net/udp"),
                  header + "  1: 0100007F:0043 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4242 2 0 0\n"
                         + "  2: 00000000:0045 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4343 2 0 0\n");
        touchFile(proc + QStringLiteral("/77/net/udp6"),
                  header + "  3: 00000000000000000000000000000000:0FD2 00000000000000000000000000000000:0000 07 "
                           "00000000:00000000 00:00000000 00000000     0        0 7272 2 0 0\n");
        touchFile(proc + QStringLiteral("/77/net/tcp"),
                  header + "  0: 01004D0A:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5151 1 0\n"
                         + "  1: 01004D0A:1F90 64004D0A:C350 01 00000000:00000000 00:00000000 00000000     0        0 6161 1 0\n");
        touchFile(proc + QStringLiteral("/100/comm"), "dnsmasq\n");
        touchFile(proc + QStringLiteral("/200/comm"), "nginx\n");
        mkdirs(proc + QStringLiteral("/100/fd"));
        mkdirs(proc + QStringLiteral("/200/fd"));
        mkdirs(proc + QStringLiteral("/300/fd"));
        QVERIFY(QFile::link(QStringLiteral("socket:[4242]"), proc + QStringLiteral("/100/fd/3")));
        QVERIFY(QFile::link(QStringLiteral("/dev/null"), proc + QStringLiteral("/100/fd/0")));
        QVERIFY(QFile::link(QStringLiteral("socket:[5151]"), proc + QStringLiteral("/200/fd/7")));
        QVERIFY(QFile::link(QStringLiteral("socket:[6161]"), proc + QStringLiteral("/200/fd/8")));
        QVERIFY(QFile::link(QStringLiteral("socket:[9999]"), proc + QStringLiteral("/300/fd/1")));

        const QList<PortOwner> owners = portOwners(
            {{Transport::Udp, 67}, {Transport::Udp, 4050}, {Transport::Tcp, 8080}, {Transport::Udp, 4011}}, proc,
            QStringLiteral("77"));
        QCOMPARE(owners.size(), 3);
        QHash<quint64, PortOwner> by;
        for (const PortOwner &o : owners)
            by.insert(o.inode, o);
        QCOMPARE(by[4242].port, quint16(67));
        QCOMPARE(by[4242].transport, Transport::Udp);
        QCOMPARE(by[4242].localAddress, QStringLiteral("127.0.0.1"));
        QCOMPARE(by[4242].pid, qint64(100));
        QCOMPARE(by[4242].program, QStringLiteral("dnsmasq"));
        QCOMPARE(by[5151].transport, Transport::Tcp);
        QCOMPARE(by[5151].localAddress, QStringLiteral("10.77.0.1"));
        QCOMPARE(by[5151].program, QStringLiteral("nginx"));
        QVERIFY(!by.contains(6161));   // established, not listening
        QCOMPARE(by[7272].port, quint16(4050));
        QCOMPARE(by[7272].localAddress, QStringLiteral("::"));
        QCOMPARE(by[7272].pid, qint64(-1));   // its owner is not visible
        QVERIFY(by[7272].describe().contains(QLatin1String("ss -ulpn")));
        QVERIFY(portOwners({{Transport::Udp, 4011}}, proc, QStringLiteral("77")).isEmpty());
        QVERIFY(portOwners({{Transport::Udp, 67}}, proc, QStringLiteral("no-such-pid")).isEmpty());
    }

    // --- permission ---------------------------------------------------------------------

    void bindPermissionOfThisProcess()
    {
        const BindPermission p = bindPermission();
        if (TestUtil::isRoot()) {
            QVERIFY(p.allowed);
            QCOMPARE(p.reason, BindPermission::Reason::Root);
        } else {
            QVERIFY(p.reason != BindPermission::Reason::Root);
        }
        QVERIFY(!p.explain().isEmpty());
        QCOMPARE(p.lowestPort, quint16(67));
    }

    void bindPermissionDecision_data()
    {
        QTest::addColumn<bool>("root");
        QTest::addColumn<quint64>("caps");
        QTest::addColumn<int>("start");
        QTest::addColumn<int>("port");
        QTest::addColumn<int>("reason");
        QTest::newRow("root") << true << quint64(0) << 1024 << 67 << int(BindPermission::Reason::Root);
        QTest::newRow("cap_net_bind_service") << false << (quint64(1) << 10) << 1024 << 67
                                              << int(BindPermission::Reason::Capability);
        QTest::newRow("other caps only") << false << quint64(0x3ff) << 1024 << 67 << int(BindPermission::Reason::Missing);
        QTest::newRow("unprivileged start 0") << false << quint64(0) << 0 << 67
                                              << int(BindPermission::Reason::UnprivilegedPortStart);
        QTest::newRow("start 60") << false << quint64(0) << 60 << 67 << int(BindPermission::Reason::UnprivilegedPortStart);
        QTest::newRow("start 68") << false << quint64(0) << 68 << 67 << int(BindPermission::Reason::Missing);
        QTest::newRow("high ports only") << false << quint64(0) << 1024 << 6767
                                         << int(BindPermission::Reason::UnprivilegedPortStart);
    }

    void bindPermissionDecision()
    {
        QFETCH(bool, root);
        QFETCH(quint64, caps);
        QFETCH(int, start);
        QFETCH(int, port);
        QFETCH(int, reason);
        const BindPermission p = BindPermission::evaluate(root, caps, start, quint16(port));
        QCOMPARE(int(p.reason), reason);
        QCOMPARE(p.allowed, p.reason != BindPermission::Reason::Missing);
        QVERIFY(!p.explain().isEmpty());
        QVERIFY(!reasonKey(p.reason).isEmpty());
    }

    void bindPermissionFromProcFiles()
    {
        QTemporaryDir dir;
        touchFile(dir.filePath(QStringLiteral("self/status")), "Name:\tx\nCapInh:\t0000000000000000\nCapEff:\t0000000000000400\n");
        touchFile(dir.filePath(QStringLiteral("sys/net/ipv4/ip_unprivileged_port_start")), "80\n");
        QCOMPARE(effectiveCapabilities(dir.path()), quint64(0x400));
        const BindPermission p = bindPermission(67, dir.path());
        QVERIFY(p.allowed);
        QCOMPARE(p.unprivilegedPortStart, 80);
        QCOMPARE(p.reason, TestUtil::isRoot() ? BindPermission::Reason::Root : BindPermission::Reason::Capability);
    }

    void bindPermissionCommands()
    {
        QCOMPARE(BindPermission::grantCommand(QStringLiteral("/usr/bin/netboot-console")),
                 QStringLiteral("pkexec setcap cap_net_bind_service,cap_net_raw=+ep /usr/bin/netboot-console"));
        QCOMPARE(BindPermission::terminalCommand(QStringLiteral("/usr/bin/netboot-console")),
                 QStringLiteral("sudo setcap cap_net_bind_service,cap_net_raw=+ep /usr/bin/netboot-console"));
        QCOMPARE(BindPermission::terminalCommand(QStringLiteral("/home/me/my build/netboot-console")),
                 QStringLiteral("sudo setcap cap_net_bind_service,cap_net_raw=+ep '/home/me/my build/netboot-console'"));
    }

    // --- firewall -----------------------------------------------------------------------

    void firewallHeuristic_data()
    {
        QTest::addColumn<QByteArray>("ruleset");
        QTest::addColumn<QString>("dropped");
        const QString in = QStringLiteral("input");
        const QString udp = QStringLiteral("udp"), tcp = QStringLiteral("tcp"), th = QStringLiteral("th");
        const QJsonObject accept = verdict(QStringLiteral("accept")), drop = verdict(QStringLiteral("drop"));
        const QJsonObject saddr = matchOn(
            QJsonObject{{QStringLiteral("payload"), QJsonObject{{QStringLiteral("protocol"), QStringLiteral("ip")},
                                                                {QStringLiteral("field"), QStringLiteral("saddr")}}}},
            QJsonObject{{QStringLiteral("prefix"), QJsonObject{{QStringLiteral("addr"), QStringLiteral("10.0.0.0")},
                                                               {QStringLiteral("len"), 8}}}});
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("drop"));
            withUsualRules(r).rule(in, {dport(udp, 67), accept});
            QTest::newRow("policy drop, udp 67 accepted") << r.json() << QStringLiteral("udp/69 udp/4011 tcp/8080");
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("accept"));
            withUsualRules(r);
            QTest::newRow("policy accept") << r.json() << QString();
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("drop"));
            withUsualRules(r).rule(in, {dport(udp, setOf({69, 4011})), accept}).rule(in, {dport(tcp, rangeOf(8000, 8100)), accept});
            QTest::newRow("set and range") << r.json() << QStringLiteral("udp/67");
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("drop"));
            r.rule(in, {dport(udp, setOf({rangeOf(60, 70), 4011})), accept});
            QTest::newRow("range inside a set") << r.json() << QStringLiteral("tcp/8080");
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("accept"));
            r.rule(in, {dport(th, 69), QJsonObject{{QStringLiteral("counter"), QJsonObject()}}, drop});
            QTest::newRow("explicit drop of th 69") << r.json() << QStringLiteral("udp/69");
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("accept"));
            r.rule(in, {dport(tcp, 8080), QJsonObject{{QStringLiteral("reject"), QJsonObject{{QStringLiteral("type"), QStringLiteral("tcp reset")}}}}});
            QTest::newRow("reject tcp 8080") << r.json() << QStringLiteral("tcp/8080");
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("accept"));
            r.rule(in, {dport(udp, 67), accept}).rule(in, {dport(udp, setOf({67, 69})), drop});
            QTest::newRow("accept before drop") << r.json() << QStringLiteral("udp/69");
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("drop"));
            r.rule(in, {saddr, dport(udp, 67), accept});
            QTest::newRow("accept from some sources counts as accept") << r.json() << QStringLiteral("udp/69 udp/4011 tcp/8080");
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("accept"));
            r.rule(in, {saddr, dport(udp, 67), drop});
            QTest::newRow("drop from some sources is not counted") << r.json() << QString();
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("drop")).chain(QStringLiteral("services"));
            withUsualRules(r).rule(in, {verdict(QStringLiteral("jump"), QStringLiteral("services"))});
            r.rule(QStringLiteral("services"), {dport(udp, 67), accept});
            QTest::newRow("jump to a chain that accepts") << r.json() << QStringLiteral("udp/69 udp/4011 tcp/8080");
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("accept")).chain(QStringLiteral("blocked"));
            r.rule(in, {dport(udp, 69), verdict(QStringLiteral("goto"), QStringLiteral("blocked"))});
            r.rule(QStringLiteral("blocked"), {drop});
            QTest::newRow("goto a chain that drops") << r.json() << QStringLiteral("udp/69");
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("drop"));
            r.rule(in, {dport(tcp, 67), accept});
            QTest::newRow("tcp rule does not accept udp") << r.json() << QStringLiteral("udp/67 udp/69 udp/4011 tcp/8080");
        }
        {
            Ruleset r(QStringLiteral("ip6"));
            r.baseChain(in, in, QStringLiteral("drop"));
            QTest::newRow("ip6 chains do not see IPv4") << r.json() << QString();
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("drop")).namedSet(QStringLiteral("netboot"), {67, 69});
            r.rule(in, {dport(udp, QStringLiteral("@netboot")), accept});
            QTest::newRow("named set") << r.json() << QStringLiteral("udp/4011 tcp/8080");
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("drop"));
            const QJsonObject vmap{{QStringLiteral("vmap"),
                                    QJsonObject{{QStringLiteral("key"), QJsonObject{{QStringLiteral("payload"),
                                                                                    QJsonObject{{QStringLiteral("protocol"), udp},
                                                                                                {QStringLiteral("field"), QStringLiteral("dport")}}}}},
                                                {QStringLiteral("data"), setOf({QJsonArray{67, accept}, QJsonArray{4011, drop}})}}}};
            r.rule(in, {vmap});
            QTest::newRow("verdict map") << r.json() << QStringLiteral("udp/69 udp/4011 tcp/8080");
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("drop"));
            r.rule(in, {dport(udp, 9000, QStringLiteral("!=")), accept});
            QTest::newRow("!= accepts the others") << r.json() << QStringLiteral("tcp/8080");
        }
        {
            Ruleset r;
            r.baseChain(in, in, QStringLiteral("drop"));
            // iptables-nft: matches nft cannot show as native expressions.
            r.rule(in, {QJsonObject{{QStringLiteral("xt"), QJsonObject{{QStringLiteral("type"), QStringLiteral("match")},
                                                                        {QStringLiteral("name"), QStringLiteral("conntrack")}}}},
                        accept});
            QTest::newRow("iptables-nft match") << r.json() << QString();
        }
        {
            Ruleset r;
            r.baseChain(in, QStringLiteral("forward"), QStringLiteral("drop"));
            QTest::newRow("forward hook is not input") << r.json() << QString();
        }
    }

    void firewallHeuristic()
    {
        QFETCH(QByteArray, ruleset);
        QFETCH(QString, dropped);
        const FirewallFinding f = judgeRuleset(ruleset, kFourPorts);
        QVERIFY(f.checked);
        QCOMPARE(portsText(f.dropped), dropped);
        if (!dropped.isEmpty()) {
            QCOMPARE(f.droppingChain, QStringLiteral("inet filter input"));
            QVERIFY(f.describe().contains(QLatin1String("nft insert rule inet filter input")));
        }
    }

    void firewallWithFakeNft()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Ruleset drops;
        drops.baseChain(QStringLiteral("input"), QStringLiteral("input"), QStringLiteral("drop"));
        withUsualRules(drops).rule(QStringLiteral("input"), {dport(QStringLiteral("udp"), 67), verdict(QStringLiteral("accept"))});
        const PortList ports = {{Transport::Udp, 67}, {Transport::Udp, 69}, {Transport::Udp, 4011}};

        FirewallFinding f = checkFirewall(ports, writeFakeNft(dir.path(), drops.json()));
        QVERIFY(f.checked);
        QCOMPARE(f.unchecked, FirewallFinding::Unchecked::None);
        QVERIFY(f.drops(Transport::Udp, 69));
        QVERIFY(f.drops(Transport::Udp, 4011));
        QVERIFY(!f.drops(Transport::Udp, 67));
        QCOMPARE(f.dropped.size(), 2);
        QVERIFY(f.describe().contains(QLatin1String("{ 69, 4011 }")));

        Ruleset open;
        open.baseChain(QStringLiteral("input"), QStringLiteral("input"), QStringLiteral("accept"));
        f = checkFirewall(ports, writeFakeNft(dir.path(), open.json()));
        QVERIFY(f.checked);
        QVERIFY(f.dropped.isEmpty());
        QCOMPARE(f.chains, QStringList{QStringLiteral("inet filter input")});

        f = checkFirewall(ports, dir.filePath(QStringLiteral("missing/nft")));
        QVERIFY(!f.checked);
        QCOMPARE(f.unchecked, FirewallFinding::Unchecked::NftMissing);
        QVERIFY(!f.why.isEmpty());
        QCOMPARE(f.describe(), f.why);
        f = checkFirewall(ports, QStringLiteral("nbc-no-such-nft-program"));
        QCOMPARE(f.unchecked, FirewallFinding::Unchecked::NftMissing);

        f = checkFirewall(ports, writeFakeNft(dir.path(), "this is not json"));
        QVERIFY(!f.checked);
        QCOMPARE(f.unchecked, FirewallFinding::Unchecked::Unreadable);

        f = checkFirewall(ports, writeFakeNft(dir.path(), "", 1));
        QVERIFY(!f.checked);
        QCOMPARE(f.unchecked, TestUtil::isRoot() ? FirewallFinding::Unchecked::NftFailed
                                                 : FirewallFinding::Unchecked::NoPermission);
        QVERIFY(!f.why.isEmpty());
    }

    void firewallWithRealNft()
    {
        NBC_REQUIRE_PROGRAM(nft, "nft");
        NBC_REQUIRE_NETNS(lab);
        QTemporaryDir dir;
        const QString rules = TestUtil::writeFile(dir.path(), QStringLiteral("rules.nft"),
            "table inet filter {\n"
            "  set netboot { type inet_service; elements = { 4011 } }\n"
            "  chain input {\n"
            "    type filter hook input priority 0; policy drop;\n"
            "    ct state established,related accept\n"
            "    iif lo accept\n"
            "    udp dport 67 accept\n"
            "    udp dport @netboot accept\n"
            "    tcp dport { 8000-8100 } accept\n"
            "  }\n"
            "}\n");
        int code = 0;
        const QString out = runCommand({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), lab.nsA, nft,
                                        QStringLiteral("-f"), rules}, &code);
        QVERIFY2(code == 0, qPrintable(out));
        // nft run inside namespace a; checkFirewall takes one program, so a wrapper.
        const QString wrapper = TestUtil::writeFile(dir.path(), QStringLiteral("nft-in-a"),
            "#!/bin/sh\nexec ip netns exec " + lab.nsA.toLocal8Bit() + " " + nft.toLocal8Bit() + " \"$@\"\n");
        QFile::setPermissions(wrapper, QFile::ReadOwner | QFile::ExeOwner);
        const FirewallFinding f = checkFirewall(
            {{Transport::Udp, 67}, {Transport::Udp, 69}, {Transport::Udp, 4011}, {Transport::Tcp, 8080}, {Transport::Tcp, 4050}},
            wrapper);
        QVERIFY2(f.checked, qPrintable(f.why));
        QCOMPARE(portsText(f.dropped), QStringLiteral("udp/69 tcp/4050"));
        QCOMPARE(f.chains, QStringList{QStringLiteral("inet filter input")});
    }

    // --- report -------------------------------------------------------------------------

    void suggestRange_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("prefix");
        QTest::addColumn<QString>("range");
        QTest::newRow("/24") << QStringLiteral("10.77.0.1") << 24 << QStringLiteral("10.77.0.100-10.77.0.199");
        QTest::newRow("/24, address in the range") << QStringLiteral("10.77.0.150") << 24 << QStringLiteral("10.77.0.20-10.77.0.99");
        QTest::newRow("/16") << QStringLiteral("172.16.5.1") << 16 << QStringLiteral("172.16.5.100-172.16.5.199");
        QTest::newRow("/28 low") << QStringLiteral("192.168.9.17") << 28 << QStringLiteral("192.168.9.24-192.168.9.30");
        QTest::newRow("/28 high") << QStringLiteral("192.168.9.30") << 28 << QStringLiteral("192.168.9.17-192.168.9.23");
        QTest::newRow("/31") << QStringLiteral("10.0.0.0") << 31 << QString();
        QTest::newRow("IPv6") << QStringLiteral("fd00::1") << 64 << QString();
    }

    void suggestRange()
    {
        QFETCH(QString, address);
        QFETCH(int, prefix);
        QFETCH(QString, range);
        QCOMPARE(suggestDhcpRange(QHostAddress(address), prefix), range);
    }

    void reportWithDhcpServerAndSecondNetbootServer()
    {
        DoctorReport r = baseReport({QStringLiteral("10.0.0.9/8"), QStringLiteral("192.168.1.10/24")});
        r.answers = {dhcpServerAnswer(), proxyAnswer()};
        r.owners = {PortOwner{Transport::Udp, 67, QStringLiteral("0.0.0.0"), 4242, 812, QStringLiteral("dnsmasq")}};
        r.recommend();
        QCOMPARE(r.recommendation.mode, DhcpMode::Proxy);
        QCOMPARE(r.recommendation.basis, Recommendation::Basis::DhcpServerAnswered);
        QVERIFY(r.recommendation.secondNetbootServer);
        QVERIFY(r.recommendation.dhcpRange.isEmpty());
        // The address in the DHCP server's subnet, not the interface's first one.
        QCOMPARE(r.recommendation.serverAddress, QHostAddress(QStringLiteral("192.168.1.10")));
        QCOMPARE(r.dhcpServers().size(), 1);
        QCOMPARE(r.netbootServers().size(), 1);

        const QString text = r.toText();
        QVERIFY(text.contains(QLatin1String("192.168.1.1 offers 192.168.1.57")));
        QVERIFY(text.contains(QLatin1String("192.168.1.5")));
        QVERIFY(text.contains(QLatin1String("a second netboot server")));
        QVERIFY(text.contains(QLatin1String("Mode: proxy")));
        QVERIFY(text.contains(QLatin1String("dnsmasq (pid 812)")));
        QVERIFY(text.contains(QLatin1String("UDP 69 (tftp): free")));
        QVERIFY(!text.contains(QLatin1String("Address range")));

        const QList<QJsonObject> lines = r.toJsonLines();
        for (const QJsonObject &o : lines) {
            QVERIFY(o.value(QLatin1String("event")).toString().startsWith(QLatin1String("doctor-")));
            QCOMPARE(o.value(QLatin1String("time")).toString(), QStringLiteral("2025-03-01T12:00:00.000Z"));
            QCOMPARE(o.value(QLatin1String("interface")).toString(), QStringLiteral("eth1"));
        }
        QCOMPARE(linesOf(lines, QStringLiteral("doctor-interface")).size(), 1);
        QCOMPARE(linesOf(lines, QStringLiteral("doctor-permission")).size(), 1);
        QCOMPARE(linesOf(lines, QStringLiteral("doctor-firewall")).size(), 1);
        QCOMPARE(linesOf(lines, QStringLiteral("doctor-port")).size(), servicePorts(Ports{}).size());
        const QList<QJsonObject> servers = linesOf(lines, QStringLiteral("doctor-dhcp-server"));
        QCOMPARE(servers.size(), 2);
        QCOMPARE(servers[0].value(QLatin1String("ip")).toString(), QStringLiteral("192.168.1.1"));
        QCOMPARE(servers[0].value(QLatin1String("offered")).toString(), QStringLiteral("192.168.1.57"));
        QCOMPARE(servers[0].value(QLatin1String("subnet")).toString(), QStringLiteral("192.168.1.0/24"));
        QCOMPARE(servers[0].value(QLatin1String("roles")).toArray(), QJsonArray{QStringLiteral("dhcp-server")});
        QCOMPARE(servers[0].value(QLatin1String("secondNetbootServer")).toBool(), false);
        QCOMPARE(servers[1].value(QLatin1String("ip")).toString(), QStringLiteral("192.168.1.5"));
        QCOMPARE(servers[1].value(QLatin1String("proxy")).toBool(), true);
        QCOMPARE(servers[1].value(QLatin1String("bootFile")).toString(), QStringLiteral("pxelinux.0"));
        QCOMPARE(servers[1].value(QLatin1String("roles")).toArray(), QJsonArray{QStringLiteral("netboot-server")});
        QCOMPARE(servers[1].value(QLatin1String("secondNetbootServer")).toBool(), true);
        QVERIFY(servers[1].value(QLatin1String("detail")).toString().contains(QLatin1String("a second netboot server")));
        const QList<QJsonObject> held = linesOf(lines, QStringLiteral("doctor-port"));
        QCOMPARE(held[0].value(QLatin1String("port")).toInt(), 67);
        QCOMPARE(held[0].value(QLatin1String("free")).toBool(), false);
        QCOMPARE(held[0].value(QLatin1String("program")).toString(), QStringLiteral("dnsmasq"));
        QCOMPARE(held[0].value(QLatin1String("pid")).toInteger(), 812);
        QCOMPARE(held[1].value(QLatin1String("free")).toBool(), true);
        const QJsonObject rec = linesOf(lines, QStringLiteral("doctor-recommendation")).constFirst();
        QCOMPARE(rec.value(QLatin1String("mode")).toString(), QStringLiteral("proxy"));
        QCOMPARE(rec.value(QLatin1String("basis")).toString(), QStringLiteral("dhcp-server-answered"));
        QCOMPARE(rec.value(QLatin1String("serverAddress")).toString(), QStringLiteral("192.168.1.10"));
        QCOMPARE(rec.value(QLatin1String("secondNetbootServer")).toBool(), true);
        QVERIFY(rec.value(QLatin1String("detail")).toString().contains(QLatin1String("A second netboot server (192.168.1.5)")));
        QVERIFY(!rec.contains(QLatin1String("dhcpRange")));

        // Without an address of its own the console cannot serve: the why says to get one.
        DoctorReport bare = baseReport({});
        bare.answers = {dhcpServerAnswer()};
        bare.recommend();
        QCOMPARE(bare.recommendation.mode, DhcpMode::Proxy);
        QVERIFY(bare.recommendation.serverAddress.isNull());
        QVERIFY(bare.recommendation.why.contains(QLatin1String("no IPv4 address yet")));
        QVERIFY(bare.recommendation.why.contains(QLatin1String("192.168.1.0/24")));
    }

    void reportOnIsolatedSwitch()
    {
        DoctorReport r = baseReport({QStringLiteral("10.77.0.1/24")});
        r.recommend();
        QCOMPARE(r.recommendation.mode, DhcpMode::Full);
        QCOMPARE(r.recommendation.basis, Recommendation::Basis::NoDhcpServer);
        QCOMPARE(r.recommendation.dhcpRange, QStringLiteral("10.77.0.100-10.77.0.199"));
        QCOMPARE(r.recommendation.serverAddress, QHostAddress(QStringLiteral("10.77.0.1")));
        QVERIFY(!r.recommendation.secondNetbootServer);
        QVERIFY(r.toText().contains(QLatin1String("Mode: dhcp")));
        QVERIFY(r.toText().contains(QLatin1String("Address range: 10.77.0.100-10.77.0.199")));
        QVERIFY(!r.toText().contains(QLatin1String("netboot server")));
        const QJsonObject rec = linesOf(r.toJsonLines(), QStringLiteral("doctor-recommendation")).constFirst();
        QCOMPARE(rec.value(QLatin1String("mode")).toString(), QStringLiteral("dhcp"));
        QCOMPARE(rec.value(QLatin1String("dhcpRange")).toString(), QStringLiteral("10.77.0.100-10.77.0.199"));
        const QJsonObject probe = linesOf(r.toJsonLines(), QStringLiteral("doctor-dhcp-probe")).constFirst();
        QCOMPARE(probe.value(QLatin1String("answers")).toInt(), 0);

        // Only a proxy answers: still nobody gives out addresses, so full mode, with a warning.
        r.answers = {proxyAnswer()};
        r.recommend();
        QCOMPARE(r.recommendation.mode, DhcpMode::Full);
        QVERIFY(r.recommendation.secondNetbootServer);

        // Without an address there is no range to suggest, and the why says what to do.
        DoctorReport bare = baseReport({});
        bare.recommend();
        QCOMPARE(bare.recommendation.mode, DhcpMode::Full);
        QVERIFY(bare.recommendation.dhcpRange.isEmpty());
        QVERIFY(bare.recommendation.serverAddress.isNull());
        QVERIFY(bare.recommendation.why.contains(QLatin1String("ip addr add")));

        // Our own console answering (full mode already running here) is not another server.
        DhcpAnswer own = dhcpServerAnswer();
        own.fromThisHost = true;
        r.answers = {own};
        r.recommend();
        QCOMPARE(r.recommendation.mode, DhcpMode::Full);
    }

    void reportWhenNotProbed()
    {
        DoctorReport r = baseReport({QStringLiteral("10.77.0.1/24")});
        r.probed = false;
        r.probeFailure = DhcpProbe::Failure::NoPermission;
        r.probeError = QStringLiteral("needs root");
        r.permission = BindPermission::evaluate(false, 0, 1024, 67);
        r.firewall.checked = false;
        r.firewall.unchecked = FirewallFinding::Unchecked::NoPermission;
        r.firewall.why = QStringLiteral("needs root too");
        r.recommend();
        QCOMPARE(r.recommendation.mode, DhcpMode::Proxy);   // the mode that cannot harm a LAN
        QCOMPARE(r.recommendation.basis, Recommendation::Basis::NotProbed);
        const QList<QJsonObject> lines = r.toJsonLines();
        const QJsonObject probe = linesOf(lines, QStringLiteral("doctor-dhcp-probe")).constFirst();
        QCOMPARE(probe.value(QLatin1String("reason")).toString(), QStringLiteral("no-permission"));
        QCOMPARE(probe.value(QLatin1String("probed")).toBool(), false);
        const QJsonObject perm = linesOf(lines, QStringLiteral("doctor-permission")).constFirst();
        QCOMPARE(perm.value(QLatin1String("allowed")).toBool(), false);
        QCOMPARE(perm.value(QLatin1String("reason")).toString(), QStringLiteral("missing"));
        QVERIFY(perm.value(QLatin1String("fix")).toString().startsWith(QLatin1String("sudo setcap ")));
        const QJsonObject fw = linesOf(lines, QStringLiteral("doctor-firewall")).constFirst();
        QCOMPARE(fw.value(QLatin1String("checked")).toBool(), false);
        QCOMPARE(fw.value(QLatin1String("reason")).toString(), QStringLiteral("no-permission"));
        QVERIFY(r.toText().contains(QLatin1String("Not checked: needs root")));

        DoctorReport missing = baseReport({});
        missing.interfaceFound = false;
        missing.probed = false;
        missing.recommend();
        QCOMPARE(missing.recommendation.basis, Recommendation::Basis::NoInterface);
        QCOMPARE(linesOf(missing.toJsonLines(), QStringLiteral("doctor-interface")).constFirst().value(QLatin1String("found")).toBool(),
                 false);
    }

    // --- the doctor end to end ----------------------------------------------------------

    void networkDoctorInNamespaces()
    {
        NBC_REQUIRE_DNSMASQ();
        NBC_REQUIRE_NETNS(lab);
        QVERIFY(lab.startDhcpServer({QStringLiteral("--dhcp-boot=undionly.kpxe,,") + kServer}) > 0);
        const qint64 sleeper = lab.startSleeper(lab.nsA);
        QVERIFY(sleeper > 0);
        const QString sys = QStringLiteral("/proc/%1/root/sys/class/net").arg(sleeper);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(sys + QLatin1Char('/') + lab.vethA), 5000);

        NetworkDoctor doctor;
        doctor.setSysClassNet(sys);
        doctor.setNetPid(QString::number(sleeper));
        QSignalSpy finished(&doctor, &NetworkDoctor::finished);
        QSignalSpy answers(&doctor, &NetworkDoctor::answerReceived);
        {
            EnterNetns in(lab.nsA);
            QVERIFY(in.ok());
            doctor.run(lab.vethA, Ports{}, 2000);
        }
        QVERIFY(doctor.isRunning());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        QVERIFY(!doctor.isRunning());
        const DoctorReport r = finished.constFirst().constFirst().value<DoctorReport>();
        QVERIFY(r.interfaceFound);
        QCOMPARE(r.interface.kind, InterfaceKind::Virtual);
        QVERIFY(r.probed);
        QCOMPARE(r.answers.size(), 1);
        QCOMPARE(answers.size(), 1);
        QCOMPARE(r.answers.constFirst().server, QHostAddress(kServer));
        QCOMPARE(r.answers.constFirst().bootFile, QStringLiteral("undionly.kpxe"));
        QVERIFY(r.owners.isEmpty());   // dnsmasq holds 67 in b, not in a
        QCOMPARE(r.ports.size(), servicePorts(Ports{}).size());
        QVERIFY(r.permission.allowed);
        if (!QStandardPaths::findExecutable(QStringLiteral("nft")).isEmpty()) {
            QVERIFY2(r.firewall.checked, qPrintable(r.firewall.why));
            QVERIFY(r.firewall.dropped.isEmpty());   // a's ruleset is empty
        }
        QCOMPARE(r.recommendation.mode, DhcpMode::Proxy);
        QCOMPARE(r.recommendation.basis, Recommendation::Basis::DhcpServerAnswered);
        QVERIFY(r.recommendation.secondNetbootServer);
        QCOMPARE(r.recommendation.serverAddress, QHostAddress(kClient));
        QVERIFY(doctor.report().answers == r.answers);

        // An interface that is not there: finished still comes, with the reason.
        QSignalSpy again(&doctor, &NetworkDoctor::finished);
        doctor.run(QStringLiteral("nbc-no-such0"), Ports{}, 1000);
        QVERIFY(again.wait(10000));
        const DoctorReport none = again.constFirst().constFirst().value<DoctorReport>();
        QVERIFY(!none.interfaceFound);
        QVERIFY(!none.probed);
        QCOMPARE(none.probeFailure, DhcpProbe::Failure::NoInterface);
        QCOMPARE(none.recommendation.basis, Recommendation::Basis::NoInterface);
    }
};

QTEST_GUILESS_MAIN(TestNetworkDoctor)
#include "tst_networkdoctor.moc"
