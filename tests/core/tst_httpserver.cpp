#include "boot/bootpolicy.h"
#include "boot/httproute.h"
#include "engine/httpserver.h"
#include "engine/servicehost.h"
#include "testutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QThread>

#include <memory>
#include <vector>

using namespace Nbc;

namespace {

constexpr qint64 kDataBytes = 4 * 1024 * 1024;
constexpr qint64 kSparseBytes = qint64(1) << 30;

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

int openDescriptors()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System).size());
}

QByteArray sha256(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

// A response read from a raw socket until the server closes it.
struct RawExchange {
    QByteArray received;
    bool closedByServer = false;
};

} // namespace

class tst_HttpServer : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_root;
    QString m_curl;
    QThread *m_thread = nullptr;
    HttpServer *m_server = nullptr;
    quint16 m_port = 0;
    QList<MachineEvent> m_events;
    EngineStatus m_status;
    QByteArray m_dataHash;
    QString m_ipxeUefi;   // the UEFI iPXE binary of the next server; empty: the test's own link

    BootSnapshot snapshot(quint16 port) const
    {
        BootSnapshot snap;
        snap.serverAddress = QHostAddress(QHostAddress::LocalHost);
        snap.bindAddress = QHostAddress(QHostAddress::LocalHost);
        snap.ports.http = port;
        snap.httpRoot = m_root;
        MachineIntent assigned;
        assigned.mac = QStringLiteral("52:54:00:12:34:56");
        assigned.configPath = m_dir.filePath(QStringLiteral("worker.yaml"));
        assigned.installDisk = QStringLiteral("/dev/sda");
        snap.machines.insert(assigned.mac, assigned);
        ArtifactSet set;
        set.name = QStringLiteral("t");
        set.kernelPath = m_dir.filePath(QStringLiteral("vmlinuz"));
        set.initramfsPath = m_dir.filePath(QStringLiteral("initramfs.xz"));
        snap.artifacts.insert(set.name, set);
        snap.defaultArtifacts = set.name;
        // Debian's /usr/lib/ipxe/ipxe.efi is a symlink, like this one.
        snap.ipxeUefi = m_ipxeUefi.isEmpty() ? m_dir.filePath(QStringLiteral("ipxe-link.efi")) : m_ipxeUefi;
        snap.privatePaths = {QFileInfo(m_root + QStringLiteral("/netboot.yaml")).canonicalFilePath()};
        return snap;
    }

    // The tests' curl runs at 127.0.0.1, known as this machine's address (as a machine's
    // DHCP makes it known), so its /files/ downloads are reported as a machine's;
    // anonymous: a stranger's, counted only.
    static QString filesMachine() { return QStringLiteral("52:54:00:f1:1e:50"); }

    bool startServer(const HttpServer::Limits &limits = {}, bool zeroCopy = true, quint16 port = 0,
                     bool anonymous = false)
    {
        m_events.clear();
        m_status = EngineStatus();
        m_server = new HttpServer;
        m_server->setLimits(limits);
        m_server->setZeroCopy(zeroCopy);
        m_thread = new QThread;
        m_thread->setObjectName(QStringLiteral("nbc-http"));
        m_server->moveToThread(m_thread);
        connect(m_thread, &QThread::finished, m_server, &QObject::deleteLater);
        connect(m_server, &Engine::machineEvent, this,
                [this](const MachineEvent &event) { m_events.append(event); }, Qt::QueuedConnection);
        connect(m_server, &Engine::statusChanged, this,
                [this](const EngineStatus &status) { m_status = status; }, Qt::QueuedConnection);
        m_thread->start();
        QMetaObject::invokeMethod(m_server, "setSnapshot", Qt::QueuedConnection,
                                  Q_ARG(Nbc::BootSnapshot, snapshot(port)));
        if (!anonymous) {
            QMetaObject::invokeMethod(m_server, "learnAddress", Qt::QueuedConnection, Q_ARG(QString, filesMachine()),
                                      Q_ARG(QHostAddress, QHostAddress(QHostAddress::LocalHost)));
        }
        QMetaObject::invokeMethod(m_server, "start", Qt::QueuedConnection);
        QElapsedTimer waited;
        waited.start();
        while (m_status.state == EngineStatus::State::Stopped && waited.elapsed() < 5000)
            QTest::qWait(10);
        if (m_status.state != EngineStatus::State::Running)
            return false;
        m_port = quint16(m_status.address.section(u':', -1).toUInt());
        return m_port != 0;
    }

    void stopServer()
    {
        if (!m_thread)
            return;
        QMetaObject::invokeMethod(m_server, "stop", Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
        m_server = nullptr;
        // Queued events and statuses of this server must not leak into the next test.
        QCoreApplication::sendPostedEvents(this);
        m_events.clear();
        m_status = EngineStatus();
    }

    const MachineEvent *doneWithBytes(qint64 bytes) const
    {
        for (const MachineEvent &event : m_events) {
            if (event.kind == EventKind::HttpDone && event.bytes == bytes)
                return &event;
        }
        return nullptr;
    }

    QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path);
    }

    struct CurlResult {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    CurlResult curl(const QStringList &args, int timeoutMs = 120000)
    {
        QProcess process;
        process.start(m_curl, QStringList{QStringLiteral("-s"), QStringLiteral("--max-time"), QStringLiteral("100")} + args);
        CurlResult result;
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    // Status code of the response whose head is in `headers` (curl -D).
    static int statusOf(const QByteArray &headers)
    {
        return headers.left(headers.indexOf('\r')).split(' ').value(1).toInt();
    }

    RawExchange exchange(const QByteArray &request, int waitMs = 5000)
    {
        RawExchange result;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (!socket.waitForConnected(3000))
            return result;
        socket.write(request);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < waitMs) {
            if (socket.state() != QAbstractSocket::ConnectedState) {
                result.closedByServer = true;
                break;
            }
            socket.waitForReadyRead(50);
            result.received += socket.readAll();
        }
        result.received += socket.readAll();
        return result;
    }

    QList<MachineEvent> eventsOf(quint64 transferId) const
    {
        return TestUtil::filterEvents(m_events, [transferId](const MachineEvent &e) { return e.transferId == transferId; });
    }

    const MachineEvent *lastEvent(EventKind kind) const
    {
        for (auto it = m_events.crbegin(); it != m_events.crend(); ++it) {
            if (it->kind == kind)
                return &*it;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        registerMetaTypes();
        QVERIFY(m_dir.isValid());
        m_root = m_dir.filePath(QStringLiteral("root"));
        QVERIFY(QDir().mkpath(m_root + QStringLiteral("/sub")));

        QFile small(m_root + QStringLiteral("/small.txt"));
        QVERIFY(small.open(QIODevice::WriteOnly));
        small.write("hello world\n");
        small.close();
        QFile empty(m_root + QStringLiteral("/empty"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();

        QFile data(m_root + QStringLiteral("/data.bin"));
        QVERIFY(data.open(QIODevice::WriteOnly));
        QRandomGenerator random(42);
        QByteArray block(64 * 1024, Qt::Uninitialized);
        for (qint64 written = 0; written < kDataBytes; written += block.size()) {
            random.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
            data.write(block);
        }
        data.close();
        m_dataHash = sha256(data.fileName());

        // 1 GiB that takes no disk space: only holes.
        QFile sparse(m_root + QStringLiteral("/sparse.img"));
        QVERIFY(sparse.open(QIODevice::WriteOnly));
        QVERIFY(sparse.resize(kSparseBytes));
        sparse.close();

        QFile secret(m_dir.filePath(QStringLiteral("secret.txt")));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("TOP-SECRET\n");
        secret.close();
        QVERIFY(QFile::link(QStringLiteral("../secret.txt"), m_root + QStringLiteral("/escape")));
        QVERIFY(QFile::link(QStringLiteral("../small.txt"), m_root + QStringLiteral("/sub/inside")));

        QFile config(m_dir.filePath(QStringLiteral("worker.yaml")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("version: v1alpha1\nmachine:\n  type: worker\ncluster:\n  controlPlane:\n    endpoint: https://10.0.0.10:6443\n");
        config.close();

        QByteArray kernel(4096, '\0');
        kernel[0x1fe] = char(0x55);
        kernel[0x1ff] = char(0xaa);
        kernel.replace(0x202, 4, "HdrS");
        TestUtil::writeFile(m_dir.path(), QStringLiteral("vmlinuz"), kernel);
        TestUtil::writeFile(m_dir.path(), QStringLiteral("initramfs.xz"), QByteArray::fromHex("fd377a585a00") + "rest");
        QFile ipxe(m_dir.filePath(QStringLiteral("ipxe-real.efi")));
        QVERIFY(ipxe.open(QIODevice::WriteOnly));
        ipxe.write("MZ-real-ipxe");
        ipxe.close();
        QVERIFY(QFile::link(QStringLiteral("ipxe-real.efi"), m_dir.filePath(QStringLiteral("ipxe-link.efi"))));
        // The workspace's own file in a root pointed at it, and a file only its owner reads.
        TestUtil::writeFile(m_root, QStringLiteral("netboot.yaml"), "machines: []\n");
        const QString ownerOnly = TestUtil::writeFile(m_root, QStringLiteral("owner-only.txt"), "mine\n");
        QVERIFY(QFile::setPermissions(ownerOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner));

        m_curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    }

    void configOnlyToItsMachineWithItsToken()
    {
        HttpServer::Limits limits;
        limits.configTokenLifetime = std::chrono::milliseconds(1500);
        QVERIFY(startServer(limits));
        const QString mac = QStringLiteral("52:54:00:12:34:56");
        // Its DHCP exchange was seen: it is 127.0.0.1. 127.0.0.2 is another host on the LAN.
        QMetaObject::invokeMethod(m_server, "learnAddress", Qt::QueuedConnection, Q_ARG(QString, mac),
                                  Q_ARG(QHostAddress, QHostAddress(QHostAddress::LocalHost)));
        const QStringList stranger = {QStringLiteral("--interface"), QStringLiteral("127.0.0.2")};
        const QString script = url(QStringLiteral("/m/52-54-00-12-34-56/script.ipxe"));

        // The stranger naming the MAC gets a script that waits: no config URL, no token.
        const CurlResult strangers = curl(stranger + QStringList{script + QStringLiteral("?uuid=0000-evil")});
        QCOMPARE(strangers.exitCode, 0);
        QVERIFY2(strangers.out.contains("address not confirmed") && !strangers.out.contains("talos.config"),
                 strangers.out.constData());

        // The machine gets its script with a token, and its config with it.
        // (The script names the snapshot's port; this server listens on one the system chose.)
        const QUrl named(TestUtil::configUrlOf(curl({script}).out));
        const QString config = url(named.path() + u'?' + named.query());
        QVERIFY2(config.contains(QLatin1String("/m/52-54-00-12-34-56/config.yaml?t=")), qPrintable(config));
        const CurlResult mine = curl({QStringLiteral("-D"), QStringLiteral("-"), config});
        QCOMPARE(statusOf(mine.out), 200);
        QVERIFY(mine.out.contains("type: worker"));

        // The same URL from the stranger, the machine without the token or with a made-up
        // one, and the token tried on other MACs: 403 each, and no secret in the body.
        const QString bare = config.section(u'?', 0, 0);
        QList<CurlResult> refused{curl(stranger + QStringList{QStringLiteral("-D"), QStringLiteral("-"), config}),
                                  curl({QStringLiteral("-D"), QStringLiteral("-"), bare}),
                                  curl({QStringLiteral("-D"), QStringLiteral("-"), bare + QStringLiteral("?t=AAAAAAAAAAAAAAAAAAAAAA")})};
        const QString token = config.section(QStringLiteral("?t="), 1);
        for (int i = 0; i < 20; ++i) {
            refused << curl({QStringLiteral("-D"), QStringLiteral("-"),
                             url(QStringLiteral("/m/52-54-00-12-35-%1/config.yaml?t=%2").arg(i, 2, 10, QLatin1Char('0')).arg(token))});
        }
        for (const CurlResult &r : std::as_const(refused)) {
            QCOMPARE(statusOf(r.out), 403);
            QVERIFY(!r.out.contains("worker"));
        }
        // Once the token has expired, the machine itself is refused too.
        QTest::qWait(1600);
        QCOMPARE(statusOf(curl({QStringLiteral("-D"), QStringLiteral("-"), config}).out), 403);
        QTRY_VERIFY(m_status.counters.value(QStringLiteral("dropped:unauthorized")) >= 24);
        const MachineEvent *refusal = lastEvent(EventKind::ConfigRefused);
        QVERIFY(refusal);
        QCOMPARE(refusal->failure, FailureCode::Unauthorized);
        QVERIFY2(refusal->detail.contains(QLatin1String("token-expired")), qPrintable(refusal->detail));
        // What the stranger's script request claimed was not believed.
        for (const MachineEvent &e : std::as_const(m_events))
            QVERIFY(!e.facts.value(QStringLiteral("uuid")).toString().contains(QLatin1String("evil")));
    }

    // Talos's install report reaches the engine as one change, not a new snapshot: the
    // machine's next script sends it to its disk at once.
    void markInstalledSendsTheNextBootToDisk()
    {
        QVERIFY(startServer());
        const QString mac = QStringLiteral("52:54:00:12:34:56");
        QMetaObject::invokeMethod(m_server, "learnAddress", Qt::QueuedConnection, Q_ARG(QString, mac),
                                  Q_ARG(QHostAddress, QHostAddress(QHostAddress::LocalHost)));
        const QString script = url(QStringLiteral("/m/52-54-00-12-34-56/script.ipxe"));
        const QByteArray before = curl({script}).out;
        QVERIFY2(before.contains("kernel "), before.constData());
        QMetaObject::invokeMethod(m_server, [server = m_server, mac] { server->markInstalled(mac); },
                                  Qt::BlockingQueuedConnection);
        const QByteArray after = curl({script}).out;
        QVERIFY2(!after.contains("kernel ") && after.contains("is installed: boot from the next device"),
                 after.constData());
    }

    void symlinkedIpxeServedPrivateFilesNot()
    {
        QVERIFY(startServer());
        const CurlResult ipxe = curl({QStringLiteral("-D"), QStringLiteral("-"), url(QStringLiteral("/ipxe.efi"))});
        QCOMPARE(statusOf(ipxe.out), 200);
        QVERIFY(ipxe.out.endsWith("\r\n\r\nMZ-real-ipxe"));
        for (const char *path : {"/files/netboot.yaml", "/files/owner-only.txt"}) {
            const CurlResult refused = curl({QStringLiteral("-D"), QStringLiteral("-"), url(QString::fromLatin1(path))});
            QCOMPARE(statusOf(refused.out), 403);
            QVERIFY2(!refused.out.contains("machines") && !refused.out.contains("mine"), refused.out.constData());
        }
    }

    // UEFI HTTP boot with Debian's defaults: the offer's URL names /ipxe.efi, and the
    // package's /usr/lib/ipxe/ipxe.efi is a link to /boot/ipxe.efi. The configured binary is
    // the user's choice, so it is followed (links in served roots are still refused, above).
    void debianIpxeEfiOverHttp()
    {
        const QString debian = QStringLiteral("/usr/lib/ipxe/ipxe.efi");
        if (!QFileInfo(debian).isSymLink() || !QFileInfo(debian).isFile())
            QSKIP("Debian's ipxe package is not installed (make deps installs it)");
        m_ipxeUefi = debian;
        const bool started = startServer();
        m_ipxeUefi.clear();
        QVERIFY(started);
        Boot::ClientFacts httpBoot;
        httpBoot.firmware = Firmware::UefiHttp;
        BootSnapshot snap = snapshot(m_port);
        const QString offered = Boot::bootFileFor(httpBoot, snap);
        QVERIFY2(offered.endsWith(QLatin1String("/ipxe.efi")), qPrintable(offered));
        const QString out = m_dir.filePath(QStringLiteral("debian-ipxe.efi"));
        const CurlResult fetched = curl({QStringLiteral("-w"), QStringLiteral("%{http_code}"), QStringLiteral("-o"), out,
                                         url(QUrl(offered).path())});
        QCOMPARE(fetched.out, QByteArray("200"));
        QCOMPARE(sha256(out), sha256(QFileInfo(debian).canonicalFilePath()));
        const CurlResult snp = curl({QStringLiteral("-w"), QStringLiteral("%{http_code}"), QStringLiteral("-o"),
                                     m_dir.filePath(QStringLiteral("debian-snponly.efi")), url(QStringLiteral("/snponly.efi"))});
        QCOMPARE(snp.out, QByteArray("200"));
        QCOMPARE(sha256(m_dir.filePath(QStringLiteral("debian-snponly.efi"))), sha256(QStringLiteral("/usr/lib/ipxe/snponly.efi")));
    }

    void init()
    {
        if (m_curl.isEmpty())
            QSKIP("'curl' is not installed (make deps installs it)");
    }

    void cleanup()
    {
        stopServer();
    }

    // A stranger's /files/ download (no machine is known at its address): served, counted
    // as served:anonymous, and no event per request reaches the registry or --headless.
    // Once a machine is known there, its downloads are reported again.
    void anonymousFilesAreCountedNotReported()
    {
        QVERIFY(startServer({}, true, 0, true));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(curl({url(QStringLiteral("/files/small.txt"))}).out, QByteArray("hello world\n"));
        QTRY_COMPARE(m_status.counters.value(QStringLiteral("served:anonymous")), 3u);
        QTest::qWait(100);
        QVERIFY2(m_events.isEmpty(), qPrintable(eventName(m_events.value(0).kind)));
        // A machine's own routes are reported whoever asks.
        QCOMPARE(curl({url(QStringLiteral("/m/52-54-00-00-00-99/no-such-leaf"))}).exitCode, 0);
        QTRY_VERIFY(!m_events.isEmpty());
        m_events.clear();
        QMetaObject::invokeMethod(m_server, "learnAddress", Qt::QueuedConnection, Q_ARG(QString, filesMachine()),
                                  Q_ARG(QHostAddress, QHostAddress(QHostAddress::LocalHost)));
        QCOMPARE(curl({url(QStringLiteral("/files/small.txt"))}).out, QByteArray("hello world\n"));
        QTRY_VERIFY(lastEvent(EventKind::HttpDone));
        QCOMPARE(m_status.counters.value(QStringLiteral("served:anonymous")), 3u);
    }

    void getSmallFile()
    {
        QVERIFY(startServer());
        const CurlResult result = curl({QStringLiteral("-D"), QStringLiteral("-"), url(QStringLiteral("/files/small.txt"))});
        QCOMPARE(result.exitCode, 0);
        const QByteArray head = result.out.left(result.out.indexOf("\r\n\r\n") + 4);
        const QByteArray body = result.out.mid(head.size());
        QCOMPARE(statusOf(head), 200);
        QVERIFY2(head.contains("\r\nContent-Length: 12\r\n"), head.constData());
        QVERIFY(head.contains("\r\nAccept-Ranges: bytes\r\n"));
        QVERIFY(head.contains("\r\nDate: "));
        QCOMPARE(body, QByteArray("hello world\n"));
        // Served files through a symlink that stays inside the root.
        QCOMPARE(curl({url(QStringLiteral("/files/sub/inside"))}).out, QByteArray("hello world\n"));
        QCOMPARE(curl({url(QStringLiteral("/files/empty"))}).out, QByteArray());

        QTRY_VERIFY(lastEvent(EventKind::HttpDone));
        const MachineEvent *start = nullptr;
        for (const MachineEvent &event : std::as_const(m_events)) {
            if (event.kind == EventKind::HttpStart && event.detail == QLatin1String("/files/small.txt"))
                start = &event;
        }
        QVERIFY(start);
        QCOMPARE(start->total, 12);
        QCOMPARE(start->peer, QHostAddress(QHostAddress::LocalHost));
        const QList<MachineEvent> transfer = eventsOf(start->transferId);
        QCOMPARE(transfer.last().kind, EventKind::HttpDone);
        QCOMPARE(transfer.last().bytes, 12);
    }

    void head()
    {
        QVERIFY(startServer());
        const CurlResult result = curl({QStringLiteral("-I"), url(QStringLiteral("/files/data.bin"))});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(statusOf(result.out), 200);
        QVERIFY2(result.out.contains("\r\nContent-Length: 4194304\r\n"), result.out.constData());

        // No body after a HEAD: the next pipelined response follows its head directly.
        const RawExchange raw = exchange("HEAD /files/small.txt HTTP/1.1\r\nHost: x\r\n\r\n"
                                         "GET /files/small.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QVERIFY(raw.closedByServer);
        const qsizetype firstEnd = raw.received.indexOf("\r\n\r\n") + 4;
        QVERIFY(raw.received.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(raw.received.left(firstEnd).contains("\r\nContent-Length: 12\r\n"));
        const QByteArray second = raw.received.mid(firstEnd);
        QVERIFY2(second.startsWith("HTTP/1.1 200 OK\r\n"), raw.received.constData());
        QVERIFY(second.contains("\r\nConnection: close\r\n"));
        QCOMPARE(second.mid(second.indexOf("\r\n\r\n") + 4), QByteArray("hello world\n"));
    }

    void range_data()
    {
        QTest::addColumn<QByteArray>("range");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("first");
        QTest::addColumn<qint64>("length");
        QTest::newRow("first-100") << QByteArray("bytes=0-99") << 206 << qint64(0) << qint64(100);
        QTest::newRow("middle") << QByteArray("bytes=1000000-1999999") << 206 << qint64(1000000) << qint64(1000000);
        QTest::newRow("open") << QByteArray("bytes=4000000-") << 206 << qint64(4000000) << kDataBytes - 4000000;
        QTest::newRow("suffix") << QByteArray("bytes=-10") << 206 << kDataBytes - 10 << qint64(10);
        QTest::newRow("clamped") << QByteArray("bytes=4194300-9999999") << 206 << qint64(4194300) << qint64(4);
        QTest::newRow("multi-is-full") << QByteArray("bytes=0-1,5-6") << 200 << qint64(0) << kDataBytes;
        QTest::newRow("invalid-is-full") << QByteArray("bytes=9-1") << 200 << qint64(0) << kDataBytes;
        QTest::newRow("unsatisfiable") << QByteArray("bytes=4194304-") << 416 << qint64(0) << qint64(0);
    }
    void range()
    {
        QFETCH(QByteArray, range);
        QFETCH(int, status);
        QFETCH(qint64, first);
        QFETCH(qint64, length);
        for (const bool zeroCopy : {true, false}) {
            QVERIFY(startServer({}, zeroCopy));
            const QString headers = m_dir.filePath(QStringLiteral("range.head"));
            const QString body = m_dir.filePath(QStringLiteral("range.body"));
            const CurlResult result = curl({QStringLiteral("-H"), QString::fromLatin1("Range: " + range),
                                            QStringLiteral("-D"), headers, QStringLiteral("-o"), body,
                                            url(QStringLiteral("/files/data.bin"))});
            QCOMPARE(result.exitCode, 0);
            QFile headFile(headers);
            QVERIFY(headFile.open(QIODevice::ReadOnly));
            const QByteArray head = headFile.readAll();
            QCOMPARE(statusOf(head), status);
            QFile bodyFile(body);
            QVERIFY(bodyFile.open(QIODevice::ReadOnly));
            const QByteArray got = bodyFile.readAll();
            if (status == 416) {
                QVERIFY2(head.contains("\r\nContent-Range: bytes */4194304\r\n"), head.constData());
            } else {
                QFile source(m_root + QStringLiteral("/data.bin"));
                QVERIFY(source.open(QIODevice::ReadOnly));
                QVERIFY(source.seek(first));
                QCOMPARE(got.size(), length);
                QVERIFY(got == source.read(length));
                QVERIFY(head.contains(QByteArray("\r\nContent-Length: " + QByteArray::number(length) + "\r\n")));
                if (status == 206) {
                    const QByteArray contentRange = "\r\nContent-Range: bytes " + QByteArray::number(first) + '-'
                        + QByteArray::number(first + length - 1) + "/4194304\r\n";
                    QVERIFY2(head.contains(contentRange), head.constData());
                }
            }
            stopServer();
        }
    }

    void keepAlive()
    {
        QVERIFY(startServer());
        // Two URLs in one curl run: the second must reuse the first connection.
        const CurlResult result = curl({QStringLiteral("-o"), QStringLiteral("/dev/null"),
                                        QStringLiteral("-o"), QStringLiteral("/dev/null"),
                                        QStringLiteral("-w"), QStringLiteral("%{http_code} %{num_connects}\\n"),
                                        url(QStringLiteral("/files/data.bin")), url(QStringLiteral("/files/small.txt"))});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QByteArray("200 1\n200 0\n"));
        QTRY_COMPARE(m_status.counters.value(QStringLiteral("connections")), 1u);
        QTRY_COMPARE(m_status.counters.value(QStringLiteral("served")), 2u);

        // HTTP/1.0 without keep-alive is closed after its response.
        const RawExchange raw = exchange("GET /files/small.txt HTTP/1.0\r\n\r\n");
        QVERIFY(raw.closedByServer);
        QVERIFY(raw.received.contains("\r\nConnection: close\r\n"));
        QVERIFY(raw.received.endsWith("\r\n\r\nhello world\n"));
    }

    // The engine carries out whatever the router plans: same status, same bytes, and the
    // plan's event reported exactly once for the plan's machine, with its facts.
    void followsRoutePlan_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("query");
        QTest::newRow("assigned-config") << QStringLiteral("/m/52-54-00-12-34-56/config.yaml") << QString();
        QTest::newRow("unassigned-config") << QStringLiteral("/m/52-54-00-00-00-01/config.yaml") << QString();
        QTest::newRow("script") << QStringLiteral("/m/52-54-00-12-34-56/script.ipxe")
                                << QStringLiteral("uuid=abc-123&serial=S%201");
        QTest::newRow("entry-script") << QStringLiteral("/boot.ipxe") << QString();
    }
    void followsRoutePlan()
    {
        QFETCH(QString, path);
        QFETCH(QString, query);
        QVERIFY(startServer());
        Boot::HttpRequestInfo info;
        info.method = "GET";
        info.path = path;
        info.query = query;
        info.peer = QHostAddress(QHostAddress::LocalHost);
        // The engine holds the snapshot it was started with (port 0: any free port).
        const Boot::HttpResponsePlan plan = Boot::routeHttp(snapshot(0), info);
        QByteArray expected = plan.body;
        if (!plan.filePath.isEmpty()) {
            QFile file(plan.filePath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            expected = file.readAll();
        }

        const CurlResult result = curl({QStringLiteral("-D"), QStringLiteral("-"),
                                        url(query.isEmpty() ? path : path + u'?' + query)});
        QCOMPARE(result.exitCode, 0);
        const qsizetype split = result.out.indexOf("\r\n\r\n") + 4;
        QCOMPARE(statusOf(result.out), plan.status);
        QCOMPARE(result.out.mid(split), expected);
        for (const auto &header : plan.headers)
            QVERIFY(result.out.left(split).contains(QByteArray("\r\n" + header.first + ": " + header.second + "\r\n")));

        if (plan.event == EventKind::ScriptServed || plan.event == EventKind::ConfigServed
            || plan.event == EventKind::ConfigRefused) {
            QTRY_VERIFY(lastEvent(plan.event));
            QTest::qWait(100);
            QCOMPARE(std::count_if(m_events.cbegin(), m_events.cend(),
                                   [&plan](const MachineEvent &e) { return e.kind == plan.event; }), 1);
            const MachineEvent event = *lastEvent(plan.event);
            QCOMPARE(event.mac, plan.mac);
            QCOMPARE(event.facts, plan.facts);
            QCOMPARE(event.peer, QHostAddress(QHostAddress::LocalHost));
            if (plan.event != EventKind::ConfigRefused)
                QCOMPARE(event.bytes, expected.size());
        }
        // Refusals are counted under a short key.
        const auto droppedCount = [this] {
            quint64 n = 0;
            for (auto it = m_status.counters.cbegin(); it != m_status.counters.cend(); ++it) {
                if (it.key().startsWith(QLatin1String("dropped:")) && !it.key().contains(u' '))
                    n += it.value();
            }
            return n;
        };
        QTRY_COMPARE(droppedCount(), plan.status >= 400 ? 1u : 0u);
    }

    void unknownRoute()
    {
        QVERIFY(startServer());
        const CurlResult result = curl({QStringLiteral("-D"), QStringLiteral("-"), url(QStringLiteral("/nothing/here"))});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(statusOf(result.out), 404);
        QVERIFY(result.out.contains("\r\nContent-Length: "));
        QVERIFY(result.out.endsWith("\r\n\r\nNot found\n"));
        QTRY_COMPARE(m_status.counters.value(QStringLiteral("dropped:no-route")), 1u);
        // A refusal without a machine to attribute it to is counted, not reported.
        QVERIFY(!lastEvent(EventKind::HttpFailed));
    }

    void traversalRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("dotdot") << QStringLiteral("/files/../secret.txt");
        QTest::newRow("deep-dotdot") << QStringLiteral("/files/sub/../../secret.txt");
        QTest::newRow("encoded-dotdot") << QStringLiteral("/files/%2e%2e/secret.txt");
        QTest::newRow("encoded-slash") << QStringLiteral("/files/..%2fsecret.txt");
        QTest::newRow("all-encoded") << QStringLiteral("/files/%2e%2e%2fsecret.txt");
        QTest::newRow("backslash") << QStringLiteral("/files/..%5csecret.txt");
        QTest::newRow("symlink-out") << QStringLiteral("/files/escape");
        QTest::newRow("absolute") << QStringLiteral("/files//etc/passwd");
        QTest::newRow("directory") << QStringLiteral("/files/sub");
    }
    void traversalRefused()
    {
        QFETCH(QString, path);
        QVERIFY(startServer());
        const CurlResult result = curl({QStringLiteral("--path-as-is"), QStringLiteral("-D"), QStringLiteral("-"), url(path)});
        QCOMPARE(result.exitCode, 0);
        const int status = statusOf(result.out);
        QVERIFY2(status == 403 || status == 404 || status == 400, result.out.constData());
        QVERIFY(!result.out.contains("TOP-SECRET"));
        QVERIFY(!result.out.contains("root:"));
    }

    void otherMethods()
    {
        QVERIFY(startServer());
        const CurlResult result = curl({QStringLiteral("-X"), QStringLiteral("DELETE"), QStringLiteral("-D"),
                                        QStringLiteral("-"), url(QStringLiteral("/files/small.txt"))});
        QCOMPARE(statusOf(result.out), 405);
        QVERIFY(result.out.contains("\r\nAllow: GET, HEAD\r\n"));
        QVERIFY(QFile::exists(m_root + QStringLiteral("/small.txt")));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) << 400;
        QTest::newRow("bad-header") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
        QTest::newRow("header-too-large") << "GET /files/small.txt HTTP/1.1\r\nX-Fill: " + QByteArray(64 * 1024, 'a') + "\r\n\r\n" << 431;
        QTest::newRow("uri-too-long") << "GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n" << 414;
        QTest::newRow("body") << QByteArray("GET /files/small.txt HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd") << 413;
        QTest::newRow("unknown-method") << QByteArray("BREW /pot HTTP/1.1\r\n\r\n") << 501;
        QTest::newRow("http-2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("post") << QByteArray("POST /files/small.txt HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi") << 405;
    }
    void malformed()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QVERIFY(startServer());
        const RawExchange raw = exchange(request);
        QVERIFY2(raw.received.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + ' ')), raw.received.left(200).constData());
        QVERIFY(raw.received.contains("\r\nConnection: close\r\n"));
        QVERIFY(raw.received.contains("\r\nContent-Length: "));
        QVERIFY(raw.closedByServer);
        // Good clients are still served.
        QCOMPARE(curl({url(QStringLiteral("/files/small.txt"))}).out, QByteArray("hello world\n"));
    }

    void slowClientTimedOut()
    {
        HttpServer::Limits limits;
        limits.headerTimeout = std::chrono::milliseconds(400);
        QVERIFY(startServer(limits));
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(slow.waitForConnected(3000));
        QElapsedTimer timer;
        timer.start();
        slow.write("GET /files/small.txt HTTP/1.1\r\n");
        QByteArray received;
        // One header line every 100 ms: trickling must not keep the connection alive.
        while (slow.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 5000) {
            slow.write("X-Slow: 1\r\n");
            slow.waitForReadyRead(100);
            received += slow.readAll();
        }
        received += slow.readAll();
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(slow.state() != QAbstractSocket::ConnectedState, "the slow connection was never closed");
        QVERIFY2(elapsed >= 350 && elapsed < 3000, qPrintable(QString::number(elapsed)));
        QVERIFY2(received.startsWith("HTTP/1.1 408 "), received.constData());
        QTRY_COMPARE(m_status.counters.value(QStringLiteral("dropped:header-timeout")), 1u);

        // An idle connection (no byte sent) is closed as well, without a response.
        QTcpSocket idle;
        idle.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(idle.waitForConnected(3000));
        QVERIFY(idle.waitForDisconnected(3000));
        QCOMPARE(idle.readAll(), QByteArray());
        QTRY_COMPARE(m_server->openConnections(), 0);
    }

    void sparseFileMemoryFlat_data()
    {
        QTest::addColumn<bool>("zeroCopy");
        QTest::newRow("sendfile") << true;
        QTest::newRow("copy") << false;
    }
    void sparseFileMemoryFlat()
    {
        QFETCH(bool, zeroCopy);
        QVERIFY(startServer({}, zeroCopy));
        QCOMPARE(curl({url(QStringLiteral("/files/small.txt"))}).exitCode, 0);   // warm up
        const qint64 before = residentKiB();
        QElapsedTimer timer;
        timer.start();
        const CurlResult result = curl({QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("-w"),
                                        QStringLiteral("%{http_code} %{size_download}"),
                                        url(QStringLiteral("/files/sparse.img"))});
        const qint64 after = residentKiB();
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QByteArray("200 ") + QByteArray::number(kSparseBytes));
        qInfo("1 GiB in %lld ms (%s), resident %lld -> %lld KiB", timer.elapsed(),
              zeroCopy ? "sendfile" : "copy", before, after);
        QVERIFY2(after - before < 64 * 1024, qPrintable(QStringLiteral("grew by %1 KiB").arg(after - before)));

        QTRY_VERIFY(doneWithBytes(kSparseBytes));
        const MachineEvent done = *doneWithBytes(kSparseBytes);
        QCOMPARE(done.total, kSparseBytes);
        const QList<MachineEvent> transfer = eventsOf(done.transferId);
        QCOMPARE(transfer.first().kind, EventKind::HttpStart);
        const qint64 durationMs = transfer.first().time.msecsTo(done.time);
        qsizetype progress = 0;
        qint64 lastBytes = 0;
        for (const MachineEvent &event : transfer) {
            if (event.kind != EventKind::HttpProgress)
                continue;
            ++progress;
            QVERIFY(event.bytes > lastBytes && event.bytes < kSparseBytes);
            QVERIFY(event.rate > 0);
            QCOMPARE(event.total, kSparseBytes);
            lastBytes = event.bytes;
        }
        // Throttled to about 4 a second per transfer, whatever the throughput.
        QVERIFY2(progress <= durationMs / 250 + 2, qPrintable(QStringLiteral("%1 in %2 ms").arg(progress).arg(durationMs)));
    }

    void concurrentDownloads_data()
    {
        QTest::addColumn<bool>("zeroCopy");
        QTest::newRow("sendfile") << true;
        QTest::newRow("copy") << false;
    }
    void concurrentDownloads()
    {
        QFETCH(bool, zeroCopy);
        HttpServer::Limits limits;
        limits.maxPerAddress = 64;   // all from 127.0.0.1 here
        QVERIFY(startServer(limits, zeroCopy));
        constexpr int clients = 64;
        std::vector<std::unique_ptr<QProcess>> processes;
        QStringList outputs;
        for (int i = 0; i < clients; ++i) {
            outputs.append(m_dir.filePath(QStringLiteral("out-%1.bin").arg(i)));
            auto process = std::make_unique<QProcess>();
            process->start(m_curl, {QStringLiteral("-s"), QStringLiteral("--max-time"), QStringLiteral("100"),
                                    QStringLiteral("-o"), outputs.last(), url(QStringLiteral("/files/data.bin"))});
            processes.push_back(std::move(process));
        }
        for (int i = 0; i < clients; ++i) {
            QVERIFY(processes[size_t(i)]->waitForFinished(120000));
            QCOMPARE(processes[size_t(i)]->exitCode(), 0);
        }
        for (const QString &output : std::as_const(outputs)) {
            QCOMPARE(sha256(output), m_dataHash);
            QFile::remove(output);
        }
        QTRY_COMPARE(std::count_if(m_events.cbegin(), m_events.cend(),
                                   [](const MachineEvent &e) { return e.kind == EventKind::HttpDone; }),
                     clients);
        QTRY_COMPARE(m_server->openConnections(), 0);
    }

    void vanishingClient()
    {
        QVERIFY(startServer());
        const int descriptorsBefore = openDescriptors();
        QProcess client;
        client.start(m_curl, {QStringLiteral("-s"), QStringLiteral("--limit-rate"), QStringLiteral("4M"),
                              QStringLiteral("-o"), QStringLiteral("/dev/null"), url(QStringLiteral("/files/sparse.img"))});
        QVERIFY(client.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(lastEvent(EventKind::HttpProgress), 10000);
        QCOMPARE(m_server->openConnections(), 1);
        const quint64 transferId = lastEvent(EventKind::HttpProgress)->transferId;
        client.kill();
        client.waitForFinished();

        QTRY_VERIFY_WITH_TIMEOUT(lastEvent(EventKind::HttpFailed), 10000);
        const MachineEvent failed = *lastEvent(EventKind::HttpFailed);
        QCOMPARE(failed.transferId, transferId);
        QVERIFY2(failed.detail.contains(QLatin1String("client-gone")), qPrintable(failed.detail));
        QVERIFY(failed.bytes > 0 && failed.bytes < kSparseBytes);
        QCOMPARE(failed.total, kSparseBytes);
        QVERIFY(!lastEvent(EventKind::HttpDone));
        // The socket and the file are closed.
        QTRY_COMPARE(m_server->openConnections(), 0);
        QTRY_COMPARE(openDescriptors(), descriptorsBefore);
        QTRY_COMPARE(m_status.counters.value(QStringLiteral("dropped:client-gone")), 1u);
    }

    void tooManyConnections()
    {
        HttpServer::Limits limits;
        limits.maxConnections = 2;
        QVERIFY(startServer(limits));
        QTcpSocket first;
        QTcpSocket second;
        for (QTcpSocket *socket : {&first, &second}) {
            socket->connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(socket->waitForConnected(3000));
        }
        QTRY_COMPARE(m_server->openConnections(), 2);
        const RawExchange refused = exchange({});
        QVERIFY(refused.closedByServer);
        QVERIFY2(refused.received.startsWith("HTTP/1.1 503 "), refused.received.constData());
        QTRY_COMPARE(m_status.counters.value(QStringLiteral("dropped:too-many-connections")), 1u);
        first.abort();
        QTRY_COMPARE(m_server->openConnections(), 1);
        QCOMPARE(curl({url(QStringLiteral("/files/small.txt"))}).out, QByteArray("hello world\n"));
    }

    void oneAddressGetsAFewConnections()
    {
        HttpServer::Limits limits;
        limits.maxPerAddress = 3;
        QVERIFY(startServer(limits));
        std::vector<std::unique_ptr<QTcpSocket>> greedy;
        for (int i = 0; i < 10; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->bind(QHostAddress(QStringLiteral("127.0.0.2")));
            socket->connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(socket->waitForConnected(3000));
            greedy.push_back(std::move(socket));
        }
        QTRY_COMPARE(m_status.counters.value(QStringLiteral("dropped:per-address-limit")), 7u);
        int refused = 0;
        for (auto &socket : greedy) {
            if (socket->waitForReadyRead(100) || socket->bytesAvailable() > 0) {
                QVERIFY(socket->readAll().startsWith("HTTP/1.1 503 "));
                ++refused;
            }
        }
        QCOMPARE(refused, 7);
        QCOMPARE(m_server->openConnections(), 3);
        QCOMPARE(m_status.refusals.size(), 1);
        QCOMPARE(m_status.refusals.first().address, QHostAddress(QStringLiteral("127.0.0.2")));
        QCOMPARE(m_status.refusals.first().reason, QStringLiteral("per-address-limit"));
        QCOMPARE(m_status.refusals.first().count, 7u);
        // Another machine is served at once.
        QTcpSocket good;
        good.bind(QHostAddress(QStringLiteral("127.0.0.3")));
        good.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(good.waitForConnected(3000));
        good.write("GET /files/small.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY((answer += good.readAll()).endsWith("hello world\n"));
        QVERIFY(answer.startsWith("HTTP/1.1 200 "));
        // A freed slot is the address's again.
        greedy.front()->abort();
        QTRY_COMPARE(m_server->openConnections(), 2);
    }

    void slowReaderLosesItsSlot_data()
    {
        QTest::addColumn<bool>("trickle");
        QTest::newRow("never reads") << false;
        QTest::newRow("a byte now and then") << true;
    }
    void slowReaderLosesItsSlot()
    {
        QFETCH(bool, trickle);
        HttpServer::Limits limits;
        limits.minRateBytes = 256 * 1024;
        limits.minRateWindow = std::chrono::milliseconds(500);
        QVERIFY(startServer(limits));
        QTcpSocket slow;
        slow.setReadBufferSize(1);
        slow.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(slow.waitForConnected(3000));
        slow.write("GET /files/sparse.img HTTP/1.1\r\nHost: x\r\n\r\n");
        QElapsedTimer timer;
        timer.start();
        // Whatever the kernel's buffers took at first, the reader then takes almost
        // nothing: within a few windows its slot is gone. Reading a byte now and then
        // (which resets any stall timer) does not save it.
        while (m_status.counters.value(QStringLiteral("dropped:too-slow")) == 0 && timer.elapsed() < 15000) {
            QTest::qWait(100);
            if (trickle)
                slow.read(1);
        }
        QCOMPARE(m_status.counters.value(QStringLiteral("dropped:too-slow")), 1u);
        qInfo("closed after %lld ms", qint64(timer.elapsed()));
        // The connection was reset: reading on, the client finds it gone.
        slow.setReadBufferSize(0);
        QTRY_VERIFY_WITH_TIMEOUT((slow.readAll(), slow.state() == QAbstractSocket::UnconnectedState), 5000);
        QTRY_VERIFY(lastEvent(EventKind::HttpFailed));
        QVERIFY2(lastEvent(EventKind::HttpFailed)->detail.contains(QLatin1String("too-slow")),
                 qPrintable(lastEvent(EventKind::HttpFailed)->detail));
        QTRY_COMPARE(m_server->openConnections(), 0);
        QCOMPARE(m_status.refusals.value(0).reason, QStringLiteral("too-slow"));
        // A normal download is not too slow.
        QCOMPARE(curl({url(QStringLiteral("/files/small.txt"))}).out, QByteArray("hello world\n"));
    }

    void portInUse()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        QVERIFY(!startServer({}, true, squatter.serverPort()));
        QCOMPARE(m_status.state, EngineStatus::State::Failed);
        QVERIFY2(m_status.error.contains(QString::number(squatter.serverPort())), qPrintable(m_status.error));
        QVERIFY2(m_status.fix.contains(QLatin1String("Another program")), qPrintable(m_status.fix));
        // HTTP is TCP: the command that finds the other program must list TCP sockets.
        QVERIFY2(m_status.fix.contains(QLatin1String("ss -tlpn")), qPrintable(m_status.fix));
        // start() again stays failed and does not crash.
        QMetaObject::invokeMethod(m_server, "start", Qt::BlockingQueuedConnection);
    }

    void stopEndsTransfers()
    {
        QVERIFY(startServer());
        QProcess client;
        client.start(m_curl, {QStringLiteral("-s"), QStringLiteral("--limit-rate"), QStringLiteral("4M"),
                              QStringLiteral("-o"), QStringLiteral("/dev/null"), url(QStringLiteral("/files/sparse.img"))});
        QTRY_VERIFY_WITH_TIMEOUT(lastEvent(EventKind::HttpProgress), 10000);
        QMetaObject::invokeMethod(m_server, "stop", Qt::BlockingQueuedConnection);
        QCOMPARE(m_server->openConnections(), 0);
        QTRY_VERIFY(lastEvent(EventKind::HttpFailed));
        QVERIFY(lastEvent(EventKind::HttpFailed)->detail.contains(QLatin1String("server-stopped")));
        QVERIFY(client.waitForFinished(10000));
        QVERIFY(client.exitCode() != 0);   // curl saw the transfer cut short
    }
};

QTEST_GUILESS_MAIN(tst_HttpServer)
#include "tst_httpserver.moc"
