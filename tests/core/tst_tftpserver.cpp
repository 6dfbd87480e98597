#include "engine/servicehost.h"
#include "engine/tftpserver.h"
#include "protocol/tftp/netascii.h"
#include "protocol/tftp/tftppacket.h"
#include "testutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkDatagram>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <algorithm>
#include <memory>

using namespace Nbc;
using Tftp::ErrorCode;
using Tftp::Packet;

namespace {

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32 *>(out.data()), size / 4);
    for (qsizetype i = size / 4 * 4; i < size; ++i)
        out[i] = char(generator.generate());
    return out;
}

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray("<missing>");
    return file.readAll();
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

// A TFTP peer with its own socket, for what real clients cannot be made to do:
// vanish, abort, send raw names and write requests.
class RawClient
{
public:
    explicit RawClient(const QHostAddress &from = QHostAddress(QHostAddress::LocalHost)) { m_socket.bind(from, 0); }
    quint16 port() const { return m_socket.localPort(); }
    void send(const QByteArray &bytes, quint16 to)
    {
        m_socket.writeDatagram(bytes, QHostAddress::LocalHost, to);
    }
    // The next packet within `timeoutMs`, and the port it came from.
    bool receive(Packet *packet, quint16 *from, int timeoutMs)
    {
        if (!m_socket.hasPendingDatagrams() && !m_socket.waitForReadyRead(timeoutMs))
            return false;
        const QNetworkDatagram datagram = m_socket.receiveDatagram();
        const Tftp::ParseResult parsed = Packet::parse(datagram.data());
        if (!parsed.ok())
            return false;
        *packet = parsed.packet;
        *from = quint16(datagram.senderPort());
        return true;
    }

private:
    QUdpSocket m_socket;
};

} // namespace

class tst_TftpServer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_root;
    BootSnapshot m_snapshot;
    std::unique_ptr<ServiceHost> m_host;
    TftpServer *m_server = nullptr;
    quint16 m_port = 0;
    QList<MachineEvent> m_events;
    EngineStatus m_status;
    Tftp::SessionConfig m_config;

    QString path(const QString &relative) const { return m_dir.filePath(relative); }
    quint64 counter(const QString &key) const { return m_status.counters.value(key); }
    QString url(const QString &name) const
    {
        return QStringLiteral("tftp://127.0.0.1:%1/%2").arg(m_port).arg(name);
    }

    void setSessionConfig(const Tftp::SessionConfig &config)
    {
        TftpServer *server = m_server;
        QMetaObject::invokeMethod(server, [server, config] { server->setSessionConfig(config); },
                                  Qt::BlockingQueuedConnection);
    }
    void setMaxTransfers(int maximum)
    {
        TftpServer *server = m_server;
        QMetaObject::invokeMethod(server, [server, maximum] { server->setMaxTransfers(maximum); },
                                  Qt::BlockingQueuedConnection);
    }
    void setMaxTransfersPerAddress(int maximum)
    {
        TftpServer *server = m_server;
        QMetaObject::invokeMethod(server, [server, maximum] { server->setMaxTransfersPerAddress(maximum); },
                                  Qt::BlockingQueuedConnection);
    }
    int activeTransfers() const
    {
        int n = -1;
        QMetaObject::invokeMethod(m_server, "activeTransfers", Qt::BlockingQueuedConnection,
                                  Q_RETURN_ARG(int, n));
        return n;
    }

    QList<MachineEvent> events(EventKind kind) const
    {
        return TestUtil::eventsOfKind(m_events, kind);
    }
    // The transfer started for a raw client, found by its source port.
    quint64 transferOf(quint16 clientPort) const
    {
        for (const MachineEvent &event : m_events) {
            if (event.kind == EventKind::TftpStart && event.facts.value(QStringLiteral("port")).toInt() == clientPort)
                return event.transferId;
        }
        return 0;
    }
    const MachineEvent *lastOf(quint64 transferId, EventKind kind) const
    {
        for (qsizetype i = m_events.size() - 1; i >= 0; --i) {
            if (m_events[i].transferId == transferId && m_events[i].kind == kind)
                return &m_events[i];
        }
        return nullptr;
    }
    const MachineEvent *doneFor(const QString &name) const
    {
        for (const MachineEvent &event : m_events) {
            if (event.kind == EventKind::TftpDone && event.detail == name)
                return &event;
        }
        return nullptr;
    }

    QStringList atftpArguments(const QStringList &options, const QString &remote, const QString &local) const
    {
        QStringList arguments;
        for (const QString &option : options)
            arguments << QStringLiteral("--option") << option;
        arguments << QStringLiteral("-g") << QStringLiteral("-r") << remote << QStringLiteral("-l") << local
                  << QStringLiteral("127.0.0.1") << QString::number(m_port);
        return arguments;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        registerMetaTypes();
        m_root = path(QStringLiteral("root"));
        writeFile(path(QStringLiteral("root/small.bin")), randomBytes(100 * 1024 + 17, 1));
        writeFile(path(QStringLiteral("root/exact.bin")), randomBytes(8 * 512, 2));
        writeFile(path(QStringLiteral("root/empty.bin")), QByteArray());
        writeFile(path(QStringLiteral("root/tiny.txt")), QByteArray("tiny\n"));
        writeFile(path(QStringLiteral("root/sub/dir/file.txt")), QByteArray("nested\r\nlines\nhere\r"));
        writeFile(path(QStringLiteral("ipxe/undionly.kpxe")), randomBytes(70 * 1024 + 3, 3));
        writeFile(path(QStringLiteral("ipxe/ipxe.efi")), randomBytes(1024 * 1024 + 5, 4));
        writeFile(path(QStringLiteral("outside/secret.txt")), QByteArray("not for the network\n"));
        QVERIFY(QFile::link(path(QStringLiteral("outside/secret.txt")), path(QStringLiteral("root/escape"))));

        m_snapshot.serverAddress = QHostAddress(QHostAddress::LocalHost);
        m_snapshot.ports.tftp = 0;  // any free port; the engine reports the one it got
        m_snapshot.ipxeBios = path(QStringLiteral("ipxe/undionly.kpxe"));
        m_snapshot.ipxeUefi = path(QStringLiteral("ipxe/ipxe.efi"));
        m_snapshot.tftpRoot = m_root;

        // Short retransmission and deadline so vanishing clients do not cost minutes, yet
        // long enough that real clients on a loaded machine never hit them.
        m_config.retransmitMs = 300;
        m_config.maxRetransmitMs = 1000;
        m_config.deadlineMs = 5000;

        m_host = std::make_unique<ServiceHost>();
        connect(m_host.get(), &ServiceHost::machineEvent, this,
                [this](const MachineEvent &event) { m_events.append(event); });
        connect(m_host.get(), &ServiceHost::statusChanged, this, [this](const EngineStatus &status) {
            if (status.engine == QLatin1String("tftp"))
                m_status = status;
        });
        m_server = new TftpServer;
        m_server->setSessionConfig(m_config);
        m_host->setSnapshot(m_snapshot);
        m_host->addEngine(m_server);
        m_host->start();
        QTRY_COMPARE(m_status.state, EngineStatus::State::Running);
        QVERIFY(m_status.address.startsWith(QLatin1String("127.0.0.1:")));
        m_port = m_status.address.section(u':', 1).toUShort();
        QVERIFY(m_port != 0);
    }

    void cleanupTestCase()
    {
        if (m_host)
            m_host->shutdown();
        m_host.reset();
    }

    void init()
    {
        m_events.clear();
    }

    void cleanup()
    {
        // Every test leaves nothing running behind it, and the defaults in place.
        QTRY_COMPARE(activeTransfers(), 0);
        setSessionConfig(m_config);
        setMaxTransfers(256);
    }

    void resolveName_data()
    {
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QString>("expected");   // relative to the temporary dir, or a refusal
        QTest::newRow("bios alias") << QStringLiteral("undionly.kpxe") << QStringLiteral("ipxe/undionly.kpxe");
        QTest::newRow("uefi alias") << QStringLiteral("ipxe.efi") << QStringLiteral("ipxe/ipxe.efi");
        QTest::newRow("snponly to uefi") << QStringLiteral("snponly.efi") << QStringLiteral("ipxe/ipxe.efi");
        QTest::newRow("leading slash") << QStringLiteral("/undionly.kpxe") << QStringLiteral("ipxe/undionly.kpxe");
        QTest::newRow("root file") << QStringLiteral("sub/dir/file.txt") << QStringLiteral("root/sub/dir/file.txt");
        QTest::newRow("traversal") << QStringLiteral("../outside/secret.txt") << QStringLiteral("!traversal");
        QTest::newRow("absolute") << QStringLiteral("/etc/passwd") << QStringLiteral("!not-found");
        QTest::newRow("symlink out") << QStringLiteral("escape") << QStringLiteral("!symlink-escape");
        QTest::newRow("backslash") << QStringLiteral("..\\outside\\secret.txt") << QStringLiteral("!bad-name");
        QTest::newRow("ipxe dir is not a root") << QStringLiteral("../ipxe/ipxe.efi") << QStringLiteral("!traversal");
    }
    void resolveName()
    {
        QFETCH(QString, requested);
        QFETCH(QString, expected);
        const SafePathResult result = Boot::resolveTftpName(m_snapshot, requested);
        if (expected.startsWith(u'!')) {
            QCOMPARE(result.refusal, expected.mid(1));
            QVERIFY(result.path.isEmpty());
        } else {
            QVERIFY2(result.ok(), qPrintable(result.refusal));
            QCOMPARE(QFileInfo(result.path).canonicalFilePath(), QFileInfo(path(expected)).canonicalFilePath());
        }
    }

    // Debian's ipxe package as installed: ipxe.efi in /usr/lib/ipxe is a link to
    // /boot/ipxe.efi. The configured folder is trusted for the iPXE names, so a UEFI client
    // asking for ipxe.efi gets it even when `ipxe: uefi:` names snponly.efi.
    void resolveDebianIpxe()
    {
        const QString folder = QStringLiteral("/usr/lib/ipxe");
        if (!QFileInfo(folder + QStringLiteral("/ipxe.efi")).isSymLink() || !QFileInfo(folder + QStringLiteral("/ipxe.efi")).isFile()
            || !QFileInfo(folder + QStringLiteral("/undionly.kpxe")).isFile())
            QSKIP("Debian's ipxe package is not installed (make deps installs it)");
        BootSnapshot snapshot;
        snapshot.ipxeBios = folder + QStringLiteral("/undionly.kpxe");
        snapshot.ipxeUefi = folder + QStringLiteral("/snponly.efi");
        const SafePathResult efi = Boot::resolveTftpName(snapshot, QStringLiteral("ipxe.efi"));
        QVERIFY2(efi.ok(), qPrintable(efi.refusal));
        QCOMPARE(efi.path, QFileInfo(folder + QStringLiteral("/ipxe.efi")).canonicalFilePath());
        snapshot.ipxeUefi = folder + QStringLiteral("/ipxe.efi");
        QCOMPARE(Boot::resolveTftpName(snapshot, QStringLiteral("ipxe.efi")).path, efi.path);
        QCOMPARE(Boot::resolveTftpName(snapshot, QStringLiteral("undionly.kpxe")).path, snapshot.ipxeBios);
        // The iPXE folder is no TFTP root: nothing else in it is reachable.
        QVERIFY(!Boot::resolveTftpName(snapshot, QStringLiteral("ipxe.lkrn")).ok());
    }

    void curlDownload_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("blockSize");
        const QStringList b512{QStringLiteral("--tftp-blksize"), QStringLiteral("512")};
        const QStringList b1468{QStringLiteral("--tftp-blksize"), QStringLiteral("1468")};
        QTest::newRow("blksize 512") << QStringLiteral("small.bin") << QStringLiteral("root/small.bin") << b512 << 512;
        QTest::newRow("blksize 1468") << QStringLiteral("small.bin") << QStringLiteral("root/small.bin") << b1468 << 1468;
        QTest::newRow("no options: plain RFC 1350")
            << QStringLiteral("small.bin") << QStringLiteral("root/small.bin")
            << QStringList{QStringLiteral("--tftp-no-options")} << 512;
        QTest::newRow("exact multiple of the block") << QStringLiteral("exact.bin") << QStringLiteral("root/exact.bin") << b512 << 512;
        // curl 7.88 fails on an empty file after an OACK ("getpeername() failed", the same
        // against dnsmasq), so the empty file is fetched the RFC 1350 way.
        QTest::newRow("empty file") << QStringLiteral("empty.bin") << QStringLiteral("root/empty.bin")
                                    << QStringList{QStringLiteral("--tftp-no-options")} << 512;
        QTest::newRow("nested path") << QStringLiteral("sub/dir/file.txt") << QStringLiteral("root/sub/dir/file.txt") << b1468 << 1468;
        QTest::newRow("undionly.kpxe") << QStringLiteral("undionly.kpxe") << QStringLiteral("ipxe/undionly.kpxe") << b1468 << 1468;
        QTest::newRow("ipxe.efi") << QStringLiteral("ipxe.efi") << QStringLiteral("ipxe/ipxe.efi") << b1468 << 1468;
        QTest::newRow("snponly.efi") << QStringLiteral("snponly.efi") << QStringLiteral("ipxe/ipxe.efi") << b512 << 512;
    }
    void curlDownload()
    {
        NBC_REQUIRE_PROGRAM(curl, "curl");
        QFETCH(QString, name);
        QFETCH(QString, source);
        QFETCH(QStringList, options);
        QFETCH(int, blockSize);
        const QString out = path(QStringLiteral("curl-out"));
        QFile::remove(out);
        QProcess process;
        process.start(curl, QStringList{QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("60")}
                                << options << url(name) << QStringLiteral("-o") << out);
        QVERIFY(process.waitForFinished(90000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QByteArray expected = readFile(path(source));
        QCOMPARE(readFile(out).size(), expected.size());
        QVERIFY(readFile(out) == expected);

        QTRY_VERIFY(doneFor(name));
        const MachineEvent done = *doneFor(name);
        QCOMPARE(done.facts.value(QStringLiteral("outcome")).toString(), QStringLiteral("done"));
        QCOMPARE(done.bytes, expected.size());
        QCOMPARE(done.total, expected.size());
        QVERIFY(done.mac.isEmpty());
        QCOMPARE(done.peer, QHostAddress(QHostAddress::LocalHost));
        const MachineEvent *start = lastOf(done.transferId, EventKind::TftpStart);
        QVERIFY(start);
        QCOMPARE(start->detail, name);
        QCOMPARE(start->total, expected.size());
        QCOMPARE(start->facts.value(QStringLiteral("blksize")).toInt(), blockSize);
        QVERIFY(events(EventKind::TftpFailed).isEmpty());
    }

    void atftpDownload_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("blockSize");
        QTest::addColumn<int>("windowSize");
        QTest::newRow("plain") << QStringList{} << 512 << 1;
        QTest::newRow("blksize 1468 tsize")
            << QStringList{QStringLiteral("blksize 1468"), QStringLiteral("tsize")} << 1468 << 1;
        // atftp 0.8 speaks RFC 7440.
        QTest::newRow("windowsize 8")
            << QStringList{QStringLiteral("blksize 1468"), QStringLiteral("tsize"), QStringLiteral("windowsize 8")}
            << 1468 << 8;
        QTest::newRow("windowsize 8 blksize 512")
            << QStringList{QStringLiteral("windowsize 8")} << 512 << 8;
    }
    void atftpDownload()
    {
        NBC_REQUIRE_PROGRAM(atftp, "atftp");
        QFETCH(QStringList, options);
        QFETCH(int, blockSize);
        QFETCH(int, windowSize);
        const QString out = path(QStringLiteral("atftp-out"));
        QFile::remove(out);
        QProcess process;
        process.start(atftp, atftpArguments(options, QStringLiteral("ipxe.efi"), out));
        QVERIFY(process.waitForFinished(90000));
        QVERIFY2(process.exitCode() == 0, process.readAll().constData());
        QVERIFY(readFile(out) == readFile(path(QStringLiteral("ipxe/ipxe.efi"))));

        QTRY_VERIFY(doneFor(QStringLiteral("ipxe.efi")));
        const MachineEvent *start = lastOf(doneFor(QStringLiteral("ipxe.efi"))->transferId, EventKind::TftpStart);
        QVERIFY(start);
        QCOMPARE(start->facts.value(QStringLiteral("blksize")).toInt(), blockSize);
        QCOMPARE(start->facts.value(QStringLiteral("windowsize")).toInt(), windowSize);
    }

    void concurrentTransfers()
    {
        NBC_REQUIRE_PROGRAM(curl, "curl");
        constexpr int kClients = 32;
        std::vector<std::unique_ptr<QProcess>> processes;
        for (int i = 0; i < kClients; ++i) {
            auto process = std::make_unique<QProcess>();
            const QString name = i % 2 ? QStringLiteral("ipxe.efi") : QStringLiteral("undionly.kpxe");
            // Each client from its own address, as machines are: one address gets only a few slots.
            process->start(curl, {QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("120"),
                                  QStringLiteral("--interface"), QStringLiteral("127.0.2.%1").arg(i + 1),
                                  QStringLiteral("--tftp-blksize"), QStringLiteral("1468"), url(name),
                                  QStringLiteral("-o"), path(QStringLiteral("concurrent-%1").arg(i))});
            processes.push_back(std::move(process));
        }
        for (int i = 0; i < kClients; ++i) {
            QVERIFY(processes[size_t(i)]->waitForFinished(150000));
            QCOMPARE(processes[size_t(i)]->exitCode(), 0);
            const QString source = i % 2 ? QStringLiteral("ipxe/ipxe.efi") : QStringLiteral("ipxe/undionly.kpxe");
            QVERIFY(readFile(path(QStringLiteral("concurrent-%1").arg(i))) == readFile(path(source)));
        }
        QTRY_COMPARE(events(EventKind::TftpDone).size(), kClients);
        QSet<quint64> ids;
        for (const MachineEvent &event : events(EventKind::TftpStart))
            ids.insert(event.transferId);
        QCOMPARE(ids.size(), kClients);  // one id per transfer
        QVERIFY(events(EventKind::TftpFailed).isEmpty());
    }

    // 40 MiB at blksize 512 is 81921 blocks: block numbers wrap past 65535 to 0.
    void largeFileWrapsBlockNumbers()
    {
        NBC_REQUIRE_PROGRAM(curl, "curl");
        const QString big = path(QStringLiteral("root/big.bin"));
        {
            QFile file(big);
            QVERIFY(file.open(QIODevice::WriteOnly));
            for (int i = 0; i < 40; ++i)
                file.write(randomBytes(1024 * 1024, quint32(100 + i)));
        }
        const QString out = path(QStringLiteral("big-out"));
        QElapsedTimer timer;
        timer.start();
        QProcess process;
        process.start(curl, {QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("240"),
                             QStringLiteral("--tftp-blksize"), QStringLiteral("512"), url(QStringLiteral("big.bin")),
                             QStringLiteral("-o"), out});
        QVERIFY(process.waitForFinished(300000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const qint64 elapsed = timer.elapsed();
        qInfo("40 MiB at blksize 512 in %lld ms", elapsed);
        QCOMPARE(QFileInfo(out).size(), 40 * 1024 * 1024);
        QCOMPARE(fileHash(out), fileHash(big));

        QTRY_VERIFY(doneFor(QStringLiteral("big.bin")));
        const quint64 id = doneFor(QStringLiteral("big.bin"))->transferId;
        // Progress: throttled to about four a second, never going backwards.
        qint64 last = -1;
        int progress = 0;
        for (const MachineEvent &event : std::as_const(m_events)) {
            if (event.transferId != id || event.kind != EventKind::TftpProgress)
                continue;
            ++progress;
            QVERIFY(event.bytes > last);
            QCOMPARE(event.total, 40 * 1024 * 1024);
            QVERIFY(event.rate >= 0);
            last = event.bytes;
        }
        QVERIFY(progress <= elapsed / 250 + 2);
        if (elapsed > 1000)
            QVERIFY(progress >= 1);
        QFile::remove(big);
        QFile::remove(out);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("errorCode");
        QTest::addColumn<QString>("reason");
        QTest::newRow("dot dot") << QByteArray("../outside/secret.txt") << 2 << QStringLiteral("traversal");
        QTest::newRow("dot dot etc passwd") << QByteArray("../../../../etc/passwd") << 2 << QStringLiteral("traversal");
        QTest::newRow("dot dot inside") << QByteArray("sub/../../outside/secret.txt") << 2 << QStringLiteral("traversal");
        // Absolute names are taken relative to the root, where there is no /etc/passwd.
        QTest::newRow("absolute") << QByteArray("/etc/passwd") << 1 << QStringLiteral("not-found");
        QTest::newRow("symlink out of the root") << QByteArray("escape") << 2 << QStringLiteral("symlink-escape");
        QTest::newRow("backslashes") << QByteArray("..\\outside\\secret.txt") << 2 << QStringLiteral("bad-name");
        QTest::newRow("control byte") << QByteArray("tiny\x01.txt") << 2 << QStringLiteral("bad-name");
        QTest::newRow("directory") << QByteArray("sub") << 2 << QStringLiteral("not-a-file");
        QTest::newRow("missing") << QByteArray("nothing-here.bin") << 1 << QStringLiteral("not-found");
    }
    void refusals()
    {
        QFETCH(QByteArray, name);
        QFETCH(int, errorCode);
        QFETCH(QString, reason);
        const QString key = QStringLiteral("dropped:") + reason;
        const quint64 before = counter(key);
        RawClient client;
        client.send(Packet::readRequest(name, Tftp::Mode::Octet, {{"tsize", "0"}}).toBytes(), m_port);
        Packet reply;
        quint16 from = 0;
        QVERIFY(client.receive(&reply, &from, 3000));
        QCOMPARE(reply.opcode, Tftp::Opcode::Error);
        QCOMPARE(int(reply.errorCode), errorCode);
        QVERIFY(from != m_port);  // answered from a new transfer identifier
        // And nothing else: an unknown file gets a single error packet, never repeated
        // (the fixture's first retransmission would come after 300 ms).
        QVERIFY(!client.receive(&reply, &from, reason == QLatin1String("not-found") ? 1500 : 200));
        QTRY_COMPARE(counter(key), before + 1);
        QTRY_COMPARE(events(EventKind::TftpFailed).size(), 1);
        QCOMPARE(events(EventKind::TftpFailed).first().facts.value(QStringLiteral("reason")).toString(), reason);
        QVERIFY(events(EventKind::TftpStart).isEmpty());
    }

    void writeRequestRefused()
    {
        const quint64 before = counter(QStringLiteral("dropped:write-request"));
        RawClient client;
        client.send(Packet::writeRequest("upload.bin").toBytes(), m_port);
        Packet reply;
        quint16 from = 0;
        QVERIFY(client.receive(&reply, &from, 3000));
        QCOMPARE(reply.opcode, Tftp::Opcode::Error);
        QCOMPARE(reply.errorCode, ErrorCode::AccessViolation);
        QTRY_COMPARE(counter(QStringLiteral("dropped:write-request")), before + 1);
        QVERIFY(!QFile::exists(path(QStringLiteral("root/upload.bin"))));
    }

    void atftpPutRefused()
    {
        NBC_REQUIRE_PROGRAM(atftp, "atftp");
        const QString local = path(QStringLiteral("root/tiny.txt"));
        QProcess process;
        process.start(atftp, {QStringLiteral("-p"), QStringLiteral("-r"), QStringLiteral("put.txt"),
                              QStringLiteral("-l"), local, QStringLiteral("127.0.0.1"), QString::number(m_port)});
        QVERIFY(process.waitForFinished(30000));
        QVERIFY(process.exitCode() != 0);
        QVERIFY(!QFile::exists(path(QStringLiteral("root/put.txt"))));
        QTRY_COMPARE(events(EventKind::TftpFailed).size(), 1);
        QCOMPARE(events(EventKind::TftpFailed).first().facts.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("write-request"));
    }

    void garbageIsDroppedSilently_data()
    {
        QTest::addColumn<QByteArray>("datagram");
        QTest::newRow("one byte") << QByteArray("\x00", 1);
        QTest::newRow("unknown opcode") << QByteArray("\x00\x09hello\x00", 8);
        QTest::newRow("no terminator") << QByteArray("\x00\x01small.bin", 11);
        QTest::newRow("unknown mode") << QByteArray("\x00\x01small.bin\x00" "binary\x00", 19);
        QTest::newRow("empty file name") << QByteArray("\x00\x01\x00octet\x00", 9);
    }
    void garbageIsDroppedSilently()
    {
        QFETCH(QByteArray, datagram);
        const quint64 before = counter(QStringLiteral("dropped:malformed"));
        RawClient client;
        client.send(datagram, m_port);
        Packet reply;
        quint16 from = 0;
        QVERIFY(!client.receive(&reply, &from, 300));
        QTRY_COMPARE(counter(QStringLiteral("dropped:malformed")), before + 1);
        QVERIFY(m_events.isEmpty());
    }

    void unacknowledgedRequestDrawsTwoPackets()
    {
        Tftp::SessionConfig quick = m_config;
        quick.retransmitMs = 100;
        quick.maxRetransmitMs = 200;
        quick.deadlineMs = 800;
        setSessionConfig(quick);
        const quint64 before = counter(QStringLiteral("failed:unanswered"));
        RawClient client;
        client.send(Packet::readRequest("small.bin").toBytes(), m_port);
        // Never acknowledged (a forged source would look like this): block 1 and a single
        // repeat, then nothing, however long the deadline.
        int copies = 0;
        Packet packet;
        quint16 from = 0;
        while (client.receive(&packet, &from, 1500)) {
            QCOMPARE(packet.opcode, Tftp::Opcode::Data);
            QCOMPARE(packet.block, quint16(1));
            ++copies;
        }
        QCOMPARE(copies, 2);
        quint64 id = 0;
        QTRY_VERIFY((id = transferOf(client.port())) != 0);
        QTRY_VERIFY(lastOf(id, EventKind::TftpFailed));
        const MachineEvent failed = *lastOf(id, EventKind::TftpFailed);
        QCOMPARE(failed.facts.value(QStringLiteral("outcome")).toString(), QStringLiteral("unanswered"));
        QCOMPARE(activeTransfers(), 0);
        QTRY_COMPARE(counter(QStringLiteral("failed:unanswered")), before + 1);
    }

    void vanishedClientIsRemovedAfterDeadline()
    {
        Tftp::SessionConfig quick = m_config;
        quick.retransmitMs = 100;
        quick.maxRetransmitMs = 200;
        quick.deadlineMs = 800;
        setSessionConfig(quick);
        const quint64 before = counter(QStringLiteral("failed:timeout"));
        RawClient client;
        QElapsedTimer timer;
        timer.start();
        client.send(Packet::readRequest("small.bin").toBytes(), m_port);
        Packet packet;
        quint16 from = 0;
        QVERIFY(client.receive(&packet, &from, 1500));
        QCOMPARE(packet.block, quint16(1));
        client.send(Packet::ack(1).toBytes(), from);
        timer.restart();
        // Acknowledged once, then gone: block 2 comes back with backoff (100, 200, 200, ...
        // ms) until the deadline, then nothing.
        int copies = 0;
        while (client.receive(&packet, &from, 1500)) {
            QCOMPARE(packet.opcode, Tftp::Opcode::Data);
            QCOMPARE(packet.block, quint16(2));
            ++copies;
        }
        QVERIFY2(copies >= 3 && copies <= 8, qPrintable(QString::number(copies)));
        quint64 id = 0;
        QTRY_VERIFY((id = transferOf(client.port())) != 0);
        QTRY_VERIFY(lastOf(id, EventKind::TftpFailed));
        const MachineEvent failed = *lastOf(id, EventKind::TftpFailed);
        QCOMPARE(failed.facts.value(QStringLiteral("outcome")).toString(), QStringLiteral("timeout"));
        QVERIFY(failed.detail.contains(QLatin1String("small.bin")));
        QVERIFY(failed.bytes > 0);
        QVERIFY(timer.elapsed() >= 700);
        QCOMPARE(activeTransfers(), 0);
        QTRY_COMPARE(counter(QStringLiteral("failed:timeout")), before + 1);
    }

    // OVMF reads tsize from the OACK, aborts with ERROR 8 and asks again: that first
    // transfer ends as the client's decision, and the second one is served.
    void clientAbortAfterOptionAck()
    {
        const quint64 before = counter(QStringLiteral("client-ended"));
        const QByteArray content = readFile(path(QStringLiteral("ipxe/ipxe.efi")));
        RawClient client;
        const Packet request = Packet::readRequest("ipxe.efi", Tftp::Mode::Octet,
                                                   {{"blksize", "1468"}, {"tsize", "0"}});
        client.send(request.toBytes(), m_port);
        Packet reply;
        quint16 from = 0;
        QVERIFY(client.receive(&reply, &from, 3000));
        QCOMPARE(reply.opcode, Tftp::Opcode::OptionAck);
        QCOMPARE(reply.options, (Tftp::OptionList{{"blksize", "1468"}, {"tsize", QByteArray::number(content.size())}}));
        client.send(Packet::error(ErrorCode::OptionNegotiation, "User aborted").toBytes(), from);
        quint64 first = 0;
        QTRY_VERIFY((first = transferOf(client.port())) != 0 && lastOf(first, EventKind::TftpDone));
        const MachineEvent ended = *lastOf(first, EventKind::TftpDone);
        QCOMPARE(ended.facts.value(QStringLiteral("outcome")).toString(), QStringLiteral("client-ended"));
        QCOMPARE(ended.facts.value(QStringLiteral("errorCode")).toInt(), 8);
        QVERIFY(!lastOf(first, EventKind::TftpFailed));
        QTRY_COMPARE(counter(QStringLiteral("client-ended")), before + 1);

        // The same client port asks again and is served in full, lock-step.
        client.send(request.toBytes(), m_port);
        QVERIFY(client.receive(&reply, &from, 3000));
        QCOMPARE(reply.opcode, Tftp::Opcode::OptionAck);
        client.send(Packet::ack(0).toBytes(), from);
        QByteArray received;
        quint16 expected = 1;
        while (client.receive(&reply, &from, 3000)) {
            QCOMPARE(reply.opcode, Tftp::Opcode::Data);
            QCOMPARE(reply.block, expected);
            received += reply.data;
            client.send(Packet::ack(reply.block).toBytes(), from);
            ++expected;
            if (reply.data.size() < 1468)
                break;
        }
        QVERIFY(received == content);
        QTRY_COMPARE(events(EventKind::TftpDone).size(), 2);
    }

    void duplicateRequestStartsOneTransfer()
    {
        const quint64 before = counter(QStringLiteral("dropped:duplicate-request"));
        RawClient client;
        const QByteArray request = Packet::readRequest("tiny.txt").toBytes();
        client.send(request, m_port);
        client.send(request, m_port);
        Packet reply;
        quint16 from = 0;
        QVERIFY(client.receive(&reply, &from, 3000));
        QCOMPARE(reply.opcode, Tftp::Opcode::Data);
        QCOMPARE(reply.data, QByteArray("tiny\n"));
        QVERIFY(!client.receive(&reply, &from, 150));  // no second DATA 1 from a second transfer
        QTRY_COMPARE(counter(QStringLiteral("dropped:duplicate-request")), before + 1);
        client.send(Packet::ack(1).toBytes(), from);
        QTRY_COMPARE(events(EventKind::TftpDone).size(), 1);
        QCOMPARE(events(EventKind::TftpStart).size(), 1);
    }

    void duplicateAcksAreNotAnswered()
    {
        RawClient client;
        client.send(Packet::readRequest("small.bin").toBytes(), m_port);
        Packet reply;
        quint16 from = 0;
        QVERIFY(client.receive(&reply, &from, 3000));
        QCOMPARE(reply.block, quint16(1));
        client.send(Packet::ack(1).toBytes(), from);
        QVERIFY(client.receive(&reply, &from, 3000));
        QCOMPARE(reply.block, quint16(2));
        // Three more ACK 1s: no block is sent because of them (the retransmission timer is
        // 300 ms, so anything within 150 ms would be an answer to a duplicate).
        for (int i = 0; i < 3; ++i)
            client.send(Packet::ack(1).toBytes(), from);
        QVERIFY(!client.receive(&reply, &from, 150));
        QTRY_VERIFY(counter(QStringLiteral("duplicate-ack")) >= 3);
        client.send(Packet::error(ErrorCode::NotDefined, "done testing").toBytes(), from);
    }

    void netasciiTranslatesLineEnds()
    {
        RawClient client;
        client.send(Packet::readRequest("sub/dir/file.txt", Tftp::Mode::NetAscii, {{"blksize", "8"}}).toBytes(),
                    m_port);
        Packet reply;
        quint16 from = 0;
        QVERIFY(client.receive(&reply, &from, 3000));
        QCOMPARE(reply.opcode, Tftp::Opcode::OptionAck);
        client.send(Packet::ack(0).toBytes(), from);
        QByteArray wire;
        while (client.receive(&reply, &from, 3000)) {
            wire += reply.data;
            client.send(Packet::ack(reply.block).toBytes(), from);
            if (reply.data.size() < 8)
                break;
        }
        QCOMPARE(wire, QByteArray("nested\r\0\r\nlines\r\nhere\r\0", 23));
        Tftp::NetasciiDecoder decoder;
        QByteArray plain;
        decoder.decode(wire, plain);
        decoder.finish(plain);
        QCOMPARE(plain, readFile(path(QStringLiteral("root/sub/dir/file.txt"))));
    }

    void concurrencyLimitRefusesAndCounts()
    {
        setMaxTransfers(1);
        const quint64 before = counter(QStringLiteral("dropped:busy"));
        RawClient first;
        first.send(Packet::readRequest("small.bin").toBytes(), m_port);
        Packet reply;
        quint16 from = 0;
        QVERIFY(first.receive(&reply, &from, 3000));
        RawClient second;
        second.send(Packet::readRequest("small.bin").toBytes(), m_port);
        quint16 ignored = 0;
        QVERIFY(!second.receive(&reply, &ignored, 200));
        QTRY_COMPARE(counter(QStringLiteral("dropped:busy")), before + 1);
        first.send(Packet::error(ErrorCode::NotDefined, "bye").toBytes(), from);
        QTRY_COMPARE(activeTransfers(), 0);
        // A slot is free again: the retransmitted request is served.
        second.send(Packet::readRequest("tiny.txt").toBytes(), m_port);
        QVERIFY(second.receive(&reply, &from, 3000));
        QCOMPARE(reply.opcode, Tftp::Opcode::Data);
        second.send(Packet::ack(1).toBytes(), from);
    }

    void oneAddressGetsAFewTransfers()
    {
        setMaxTransfersPerAddress(2);
        const QHostAddress greedyAddress(QStringLiteral("127.0.0.2"));
        std::vector<std::unique_ptr<RawClient>> greedy;
        for (int i = 0; i < 6; ++i) {
            greedy.push_back(std::make_unique<RawClient>(greedyAddress));
            greedy.back()->send(Packet::readRequest("small.bin").toBytes(), m_port);
        }
        QTRY_COMPARE(counter(QStringLiteral("dropped:per-address-limit")), 4u);
        QCOMPARE(activeTransfers(), 2);
        int answered = 0;
        for (auto &client : greedy) {
            Packet reply;
            quint16 from = 0;
            answered += client->receive(&reply, &from, 100) ? 1 : 0;
        }
        QCOMPARE(answered, 2);   // the others got nothing, not even an error to reflect
        // Another machine still gets its file.
        RawClient good(QHostAddress(QStringLiteral("127.0.0.3")));
        good.send(Packet::readRequest("tiny.txt").toBytes(), m_port);
        Packet reply;
        quint16 from = 0;
        QVERIFY(good.receive(&reply, &from, 3000));
        QCOMPARE(reply.opcode, Tftp::Opcode::Data);
        good.send(Packet::ack(reply.block).toBytes(), from);
        const auto doneFor = [this](const QHostAddress &peer) {
            const QList<MachineEvent> done = events(EventKind::TftpDone);
            return std::any_of(done.cbegin(), done.cend(), [&peer](const MachineEvent &e) { return e.peer == peer; });
        };
        QTRY_VERIFY(doneFor(QHostAddress(QStringLiteral("127.0.0.3"))));
        QTRY_COMPARE(m_status.refusals.size(), 1);
        QCOMPARE(m_status.refusals.first().address, greedyAddress);
        QCOMPARE(m_status.refusals.first().count, 4u);
        // The two it got are never acknowledged: they end as unanswered and free the slots.
        QTRY_COMPARE_WITH_TIMEOUT(activeTransfers(), 0, 10000);
        setMaxTransfersPerAddress(TftpServer::kDefaultMaxPerAddress);
    }

    void portInUseFailsWithFix()
    {
        ServiceHost host;
        EngineStatus status;
        connect(&host, &ServiceHost::statusChanged, this, [&status](const EngineStatus &s) { status = s; });
        BootSnapshot snapshot = m_snapshot;
        snapshot.ports.tftp = m_port;  // taken by the engine under test
        host.setSnapshot(snapshot);
        host.addEngine(new TftpServer);
        host.start();
        QTRY_COMPARE(status.state, EngineStatus::State::Failed);
        QVERIFY2(status.error.contains(QString::number(m_port)), qPrintable(status.error));
        QVERIFY2(status.fix.contains(QLatin1String("ss -ulpn")), qPrintable(status.fix));
        host.shutdown();
        // The engine under test is unaffected.
        RawClient client;
        client.send(Packet::readRequest("tiny.txt").toBytes(), m_port);
        Packet reply;
        quint16 from = 0;
        QVERIFY(client.receive(&reply, &from, 3000));
        client.send(Packet::ack(1).toBytes(), from);
    }

    void privilegedPortFailsWithFix()
    {
        if (TestUtil::isRoot())
            QSKIP("running as root: port 69 can be bound, the refusal cannot be provoked");
        ServiceHost host;
        EngineStatus status;
        connect(&host, &ServiceHost::statusChanged, this, [&status](const EngineStatus &s) { status = s; });
        BootSnapshot snapshot = m_snapshot;
        snapshot.ports.tftp = 69;
        host.setSnapshot(snapshot);
        host.addEngine(new TftpServer);
        host.start();
        QTRY_COMPARE(status.state, EngineStatus::State::Failed);
        QVERIFY2(status.fix.contains(QLatin1String("setcap")), qPrintable(status.fix));
        host.shutdown();
    }

    // Raspberry Pis on the wire: the bootloader asks for "<serial>/start4.elf" in plain TFTP
    // (tests/data/tftp/rrq-rpi4-bootloader-start4.hex). Which Pi asks is known by the address
    // a DHCP engine learnt for it; its serial comes with the snapshot. Its serial folder is
    // served to it and refused to every other address; its piFolder comes first. An engine of
    // its own, so the refusals it counts are this test's.
    void raspberryPiFolders()
    {
        const QString tftp = path(QStringLiteral("pi-tftp"));
        const QString piBoot = path(QStringLiteral("pi-boot"));
        writeFile(tftp + QStringLiteral("/start4.elf"), QByteArray("root start4\n"));
        writeFile(tftp + QStringLiteral("/9ffefdef/start4.elf"), randomBytes(3 * 512 + 100, 9));
        writeFile(tftp + QStringLiteral("/9ffefdef/config.txt"), QByteArray("[pi4]\narm_64bit=1\n"));
        writeFile(piBoot + QStringLiteral("/uefi-rpi4/RPI_EFI.fd"), randomBytes(2 * 512, 10));
        const QString pi = QStringLiteral("dc:a6:32:01:36:c2");
        const QString otherPi = QStringLiteral("e4:5f:01:aa:bb:cc");
        const QHostAddress piAddress(QStringLiteral("127.0.0.2"));
        const QHostAddress otherAddress(QStringLiteral("127.0.0.3"));
        const QHostAddress strangerAddress(QStringLiteral("127.0.0.4"));

        ServiceHost host;
        EngineStatus status;
        QList<MachineEvent> events;
        connect(&host, &ServiceHost::statusChanged, this, [&status](const EngineStatus &s) { status = s; });
        connect(&host, &ServiceHost::machineEvent, this, [&events](const MachineEvent &e) { events.append(e); });
        BootSnapshot snapshot = m_snapshot;
        snapshot.tftpRoot = tftp;
        snapshot.piSerials.insert(pi, QStringLiteral("9ffefdef"));
        snapshot.piSerials.insert(otherPi, QStringLiteral("0badcafe"));
        host.setSnapshot(snapshot);
        auto *server = new TftpServer;
        server->setSessionConfig(m_config);
        host.addEngine(server);
        host.start();
        QTRY_COMPARE(status.state, EngineStatus::State::Running);
        const quint16 port = status.address.section(u':', 1).toUShort();
        TestUtil::learnAddress(&host, pi, piAddress);
        TestUtil::learnAddress(&host, otherPi, otherAddress);
        // What was posted to the engine is applied before the next request (a socket's
        // datagram may otherwise overtake a queued call).
        auto settle = [server] { QMetaObject::invokeMethod(server, [] {}, Qt::BlockingQueuedConnection); };
        settle();

        // RFC 1350 as the bootloader speaks it: 512-byte blocks, each acknowledged.
        auto fetch = [port](RawClient &client, const QByteArray &request, QByteArray *content) -> Packet {
            client.send(request, port);
            Packet packet;
            quint16 from = 0;
            while (client.receive(&packet, &from, 3000)) {
                if (packet.opcode != Tftp::Opcode::Data)
                    return packet;
                content->append(packet.data);
                client.send(Packet::ack(packet.block).toBytes(), from);
                if (packet.data.size() < 512)
                    return packet;
            }
            return Packet::error(ErrorCode::NotDefined, "no answer");
        };

        // Its own Pi gets its serial folder.
        RawClient own(piAddress);
        QByteArray content;
        Packet last = fetch(own, TestUtil::readHexData(QStringLiteral("tftp/rrq-rpi4-bootloader-start4.hex")), &content);
        QCOMPARE(last.opcode, Tftp::Opcode::Data);
        QCOMPARE(content, readFile(tftp + QStringLiteral("/9ffefdef/start4.elf")));

        // Another Pi and an address no DHCP exchange gave anybody: an ERROR each, counted,
        // and the neighbour named.
        RawClient other(otherAddress);
        content.clear();
        last = fetch(other, Packet::readRequest("9ffefdef/config.txt").toBytes(), &content);
        QCOMPARE(last.opcode, Tftp::Opcode::Error);
        QCOMPARE(last.errorCode, ErrorCode::AccessViolation);
        QVERIFY(content.isEmpty());
        RawClient stranger(strangerAddress);
        last = fetch(stranger, TestUtil::readHexData(QStringLiteral("tftp/rrq-rpi4-bootloader-start4.hex")), &content);
        QCOMPARE(last.opcode, Tftp::Opcode::Error);
        QVERIFY(content.isEmpty());
        QTRY_COMPARE(status.counters.value(QStringLiteral("dropped:other-pi")), 2u);
        QTRY_COMPARE(status.refusals.size(), 2);
        for (const Refusal &refusal : std::as_const(status.refusals)) {
            QCOMPARE(refusal.reason, QStringLiteral("other-pi"));
            QVERIFY(refusal.address == otherAddress || refusal.address == strangerAddress);
        }
        QTRY_COMPARE(TestUtil::eventsOfKind(events, EventKind::TftpFailed).size(), 2);
        for (const MachineEvent &failed : TestUtil::eventsOfKind(events, EventKind::TftpFailed))
            QCOMPARE(failed.facts.value(QStringLiteral("reason")).toString(), QStringLiteral("other-pi"));
        // What is not the Pi's comes from the root for everyone.
        content.clear();
        last = fetch(other, Packet::readRequest("0badcafe/start4.elf").toBytes(), &content);
        QCOMPARE(last.opcode, Tftp::Opcode::Data);
        QCOMPARE(content, QByteArray("root start4\n"));

        // netboot.yaml gives the Pi the UEFI firmware's folder: served first, to it only.
        snapshot.piBootDir = piBoot;
        MachineIntent intent;
        intent.mac = pi;
        intent.piFolder = QStringLiteral("uefi-rpi4");
        snapshot.machines.insert(pi, intent);
        host.setSnapshot(snapshot);
        settle();
        content.clear();
        last = fetch(own, Packet::readRequest("9ffefdef/RPI_EFI.fd").toBytes(), &content);
        QCOMPARE(last.opcode, Tftp::Opcode::Data);
        QCOMPARE(content, readFile(piBoot + QStringLiteral("/uefi-rpi4/RPI_EFI.fd")));
        content.clear();
        last = fetch(other, Packet::readRequest("RPI_EFI.fd").toBytes(), &content);
        QCOMPARE(last.opcode, Tftp::Opcode::Error);
        QCOMPARE(last.errorCode, ErrorCode::FileNotFound);
        QTRY_COMPARE(status.counters.value(QStringLiteral("served")), 3u);
        host.shutdown();
    }
};

QTEST_GUILESS_MAIN(tst_TftpServer)
#include "tst_tftpserver.moc"
