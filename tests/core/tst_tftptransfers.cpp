// The TFTP engine's data plane on its own: the chunked file reader, and the pool of
// worker threads that moves blocks for many transfers, driven by a client in this test
// over loopback sockets.
#include "engine/tftptransfers.h"
#include "protocol/tftp/tftppacket.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Nbc;

namespace {

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char(generator.generate());
    return out;
}

// A UDP socket on 127.0.0.1, bound to a free port.
int loopbackSocket(quint16 *port)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address));
    socklen_t length = sizeof(address);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    *port = ntohs(address.sin_port);
    return fd;
}

void connectTo(int fd, quint16 port)
{
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address));
}

// One client of a transfer: its socket, and what it has received so far.
struct Client {
    int fd = -1;
    QByteArray received;
    quint16 lastBlock = 0;
    bool done = false;
    ~Client()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

class Fixture
{
public:
    explicit Fixture(const QByteArray &content)
    {
        m_path = m_dir.filePath(QStringLiteral("file.bin"));
        QFile file(m_path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            qFatal("cannot write the test file");
        m_size = content.size();
    }

    // A started transfer (plain RFC 1350: 512-byte blocks, lock-step) and its client.
    std::unique_ptr<TftpTransfer> transfer(quint64 id, Client *client, const Tftp::SessionConfig &config = {})
    {
        const int file = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
        auto t = std::make_unique<TftpTransfer>(file, m_size, config);
        quint16 serverPort = 0, clientPort = 0;
        t->socket = loopbackSocket(&serverPort);
        ::fcntl(t->socket, F_SETFL, O_NONBLOCK);
        client->fd = loopbackSocket(&clientPort);
        connectTo(t->socket, clientPort);
        connectTo(client->fd, serverPort);
        t->id = id;
        t->session.start(Tftp::Packet::readRequest("file.bin"), m_clock.elapsed());
        char buffer[Tftp::kMaxDatagramSize];
        t->flush(buffer, sizeof(buffer));
        return t;
    }

    const QElapsedTimer &clock() const { return m_clock; }

private:
    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_size = 0;
    QElapsedTimer m_clock = [] { QElapsedTimer c; c.start(); return c; }();
};

// Reads one datagram within `ms`; empty when none came.
QByteArray receive(int fd, int ms)
{
    pollfd p {fd, POLLIN, 0};
    if (::poll(&p, 1, ms) <= 0)
        return {};
    char buffer[Tftp::kMaxDatagramSize + 1];
    const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
    return n > 0 ? QByteArray(buffer, n) : QByteArray();
}

void acknowledge(int fd, quint16 block)
{
    const QByteArray ack = Tftp::Packet::ack(block).toBytes();
    ::send(fd, ack.constData(), size_t(ack.size()), 0);
}

// Takes the next DATA of a lock-step client and acknowledges it; false when none came.
bool step(Client &client, int ms = 2000)
{
    const QByteArray datagram = receive(client.fd, ms);
    const Tftp::ParseResult parsed = Tftp::Packet::parse(datagram);
    if (!parsed.ok() || parsed.packet.opcode != Tftp::Opcode::Data)
        return false;
    if (parsed.packet.block == quint16(client.lastBlock + 1)) {
        client.received += parsed.packet.data;
        client.lastBlock = parsed.packet.block;
        if (parsed.packet.data.size() < 512)
            client.done = true;
    }
    acknowledge(client.fd, parsed.packet.block);
    return true;
}

// Collects reports until `finished` transfers have ended or `ms` have passed.
TftpReport collect(TftpTransferPool &pool, size_t finished, int ms)
{
    TftpReport all;
    QElapsedTimer timer;
    timer.start();
    while (all.finished.size() < finished && timer.elapsed() < ms) {
        TftpReport report = pool.take();
        for (auto &transfer : report.finished)
            all.finished.push_back(std::move(transfer));
        all.progress.insert(all.progress.end(), report.progress.begin(), report.progress.end());
        all.duplicateAcks += report.duplicateAcks;
        QTest::qWait(10);
    }
    return all;
}

} // namespace

class tst_TftpTransfers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chunkedReadsFewerSystemCalls();
    void transfersSpreadOverTheWorkers();
    void lockStepTransfersCompleteOnTheWorkers();
    void workerTimerRetransmitsAndGivesUp();
};

void tst_TftpTransfers::chunkedReadsFewerSystemCalls()
{
    const QByteArray content = randomBytes(1 << 20, 7);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("kernel"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
    file.close();

    ChunkedFileSource source(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC));
    QByteArray read;
    char block[1468];
    for (qint64 offset = 0;; offset += 1468) {
        const qint64 n = source.readAt(offset, block, 1468);
        QVERIFY(n >= 0);
        read.append(block, n);
        if (n < 1468)
            break;
    }
    QCOMPARE(read, content);
    // 1 MiB in 32 KiB chunks: about 33 reads and those that find the end, not 715.
    QVERIFY2(source.reads() <= 40, qPrintable(QString::number(source.reads())));

    // Going back (a retransmission of an earlier window) and a block larger than a chunk.
    QCOMPARE(source.readAt(100, block, 1000), 1000);
    QCOMPARE(QByteArray(block, 1000), content.mid(100, 1000));
    QByteArray large(65464, Qt::Uninitialized);
    QCOMPARE(source.readAt(4096, large.data(), large.size()), large.size());
    QCOMPARE(large, content.mid(4096, large.size()));
    QCOMPARE(source.readAt(content.size() - 10, block, 1468), 10);
    QCOMPARE(source.readAt(content.size(), block, 1468), 0);
}

void tst_TftpTransfers::transfersSpreadOverTheWorkers()
{
    Fixture fixture(randomBytes(4096, 1));
    TftpTransferPool pool(2, fixture.clock(), [] {});
    QCOMPARE(pool.threadCount(), 2);
    std::vector<std::unique_ptr<Client>> clients;
    for (quint64 id = 1; id <= 4; ++id) {
        clients.push_back(std::make_unique<Client>());
        pool.adopt(fixture.transfer(id, clients.back().get()));
    }
    // Clients that do not answer keep their transfers on the workers: two each.
    QCOMPARE(pool.loads(), (std::vector<int> {2, 2}));
    std::vector<std::unique_ptr<TftpTransfer>> left = pool.stop();
    QCOMPARE(left.size(), size_t(4));
    QCOMPARE(pool.loads(), (std::vector<int> {0, 0}));
    for (const auto &transfer : left)
        QVERIFY(!transfer->session.isFinished());
}

void tst_TftpTransfers::lockStepTransfersCompleteOnTheWorkers()
{
    const QByteArray content = randomBytes(300 * 1024 + 17, 3);
    Fixture fixture(content);
    std::atomic<int> notified {0};
    TftpTransferPool pool(2, fixture.clock(), [&notified] { ++notified; });
    std::vector<std::unique_ptr<Client>> clients;
    for (quint64 id = 1; id <= 3; ++id) {
        clients.push_back(std::make_unique<Client>());
        pool.adopt(fixture.transfer(id, clients.back().get()));
    }
    // Lock-step, the three interleaved: every ACK is answered by a worker.
    bool progress = true;
    while (progress) {
        progress = false;
        for (auto &client : clients) {
            if (!client->done)
                progress = step(*client) || progress;
        }
    }
    for (const auto &client : clients)
        QCOMPARE(client->received, content);

    const TftpReport report = collect(pool, 3, 5000);
    QCOMPARE(report.finished.size(), size_t(3));
    QVERIFY(notified.load() >= 1);
    for (const auto &transfer : report.finished) {
        QCOMPARE(transfer->session.state(), Tftp::Session::State::Done);
        QCOMPARE(transfer->session.bytesAcknowledged(), qint64(content.size()));
        // 300 KiB in 32 KiB chunks, not 601 reads of 512 bytes.
        QVERIFY2(transfer->file.reads() <= 16, qPrintable(QString::number(transfer->file.reads())));
    }
    QCOMPARE(pool.loads(), (std::vector<int> {0, 0}));
}

void tst_TftpTransfers::workerTimerRetransmitsAndGivesUp()
{
    Fixture fixture(randomBytes(2000, 5));
    TftpTransferPool pool(1, fixture.clock(), [] {});
    Tftp::SessionConfig config;
    config.retransmitMs = 100;
    config.maxRetransmitMs = 100;
    config.deadlineMs = 600;
    Client client;
    pool.adopt(fixture.transfer(9, &client, config));

    // Block 1 and, unacknowledged, its repeat from the worker's timer.
    const QByteArray first = receive(client.fd, 1000);
    QVERIFY(!first.isEmpty());
    const QByteArray repeat = receive(client.fd, 1000);
    QCOMPARE(repeat, first);

    // The client acknowledges block 1 twice, then falls silent: one duplicate is
    // counted, and the session gives up at its deadline.
    acknowledge(client.fd, 1);
    acknowledge(client.fd, 1);
    const TftpReport report = collect(pool, 1, 5000);
    QCOMPARE(report.finished.size(), size_t(1));
    QCOMPARE(report.finished.front()->id, quint64(9));
    QCOMPARE(report.finished.front()->session.state(), Tftp::Session::State::Failed);
    QCOMPARE(report.finished.front()->session.bytesAcknowledged(), qint64(512));
    QVERIFY(report.duplicateAcks >= 1);
}

QTEST_GUILESS_MAIN(tst_TftpTransfers)
#include "tst_tftptransfers.moc"
