#include "boot/factorydownload.h"

#include "testutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QPointer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using Nbc::ArtifactKind;
using Nbc::Boot::FactoryDownload;

namespace {

// A stand-in Image Factory on 127.0.0.1: serves files by path, answers Range with 206 and
// Content-Range, redirects, and misbehaves on request (drops the connection after some
// bytes, sends fewer bytes than its Content-Length, ignores Range, trickles slowly).
// One request per connection (Connection: close).
class FakeFactory : public QObject
{
    Q_OBJECT
public:
    struct File {
        QByteArray body;
        QByteArray contentType = "application/octet-stream";
        qint64 dropAfterOnce = -1;   // close after this many body bytes, on the next request only
        qint64 shortBy = 0;          // every response sends this many bytes fewer than announced
        bool ignoreRange = false;    // answer 200 with the whole file
        QByteArray etag{};           // sent when set; an If-Range that differs gets the whole file
    };
    struct Request {
        QByteArray path;
        QByteArray range;
        QByteArray ifRange;
    };

    QHash<QByteArray, File> files;
    QHash<QByteArray, QByteArray> redirects;   // path -> Location
    QList<Request> requests;
    int chunkBytes = 0;                        // 0: everything at once; else per interval
    int intervalMs = 10;

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(port()); }
    static QByteArray path(const QString &schematic, const QString &version, const char *name)
    {
        return "/image/" + schematic.toLatin1() + '/' + version.toLatin1() + '/' + name;
    }
    QList<Request> requestsFor(const QByteArray &suffix) const
    {
        QList<Request> out;
        for (const Request &r : requests) {
            if (r.path.endsWith(suffix))
                out.append(r);
        }
        return out;
    }

    FakeFactory()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRequestBytes(socket); });
            }
        });
    }

private:
    void onRequestBytes(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        m_buffers.remove(socket);
        socket->disconnect(this);
        Request request;
        request.path = lines.value(0).split(' ').value(1);
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("range:"))
                request.range = line.mid(6).trimmed();
            if (line.toLower().startsWith("if-range:"))
                request.ifRange = line.mid(9).trimmed();
        }
        requests.append(request);
        respond(socket, request);
    }

    void respond(QTcpSocket *socket, const Request &request)
    {
        if (redirects.contains(request.path)) {
            socket->write("HTTP/1.1 302 Found\r\nLocation: " + redirects.value(request.path)
                          + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
            return;
        }
        if (!files.contains(request.path)) {
            const QByteArray body = "404 page not found\n";
            socket->write("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
            socket->disconnectFromHost();
            return;
        }
        File &file = files[request.path];
        const qint64 size = file.body.size();
        qint64 from = 0;
        const bool sameFile = request.ifRange.isEmpty() || request.ifRange == file.etag;
        if (request.range.startsWith("bytes=") && request.range.endsWith('-') && !file.ignoreRange && sameFile)
            from = request.range.mid(6, request.range.size() - 7).toLongLong();
        QByteArray head;
        if (from >= size && from > 0) {
            socket->write("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" + QByteArray::number(size)
                          + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
            return;
        }
        if (from > 0) {
            head = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + QByteArray::number(from) + '-'
                + QByteArray::number(size - 1) + '/' + QByteArray::number(size) + "\r\n";
        } else {
            head = "HTTP/1.1 200 OK\r\n";
        }
        if (!file.etag.isEmpty())
            head += "ETag: " + file.etag + "\r\n";
        head += "Content-Type: " + file.contentType + "\r\nAccept-Ranges: bytes\r\nContent-Length: "
            + QByteArray::number(size - from) + "\r\nConnection: close\r\n\r\n";
        QByteArray body = file.body.mid(from);
        if (file.dropAfterOnce >= 0) {
            body.truncate(file.dropAfterOnce);
            file.dropAfterOnce = -1;
        }
        body.chop(qMin<qint64>(file.shortBy, body.size()));
        socket->write(head);
        if (chunkBytes <= 0) {
            socket->write(body);
            socket->disconnectFromHost();   // after the bytes written: a clean early close
            return;
        }
        // Trickle: a chunk per interval, while the kernel's buffer is nearly empty.
        auto *timer = new QTimer(socket);
        auto offset = std::make_shared<qint64>(0);
        connect(timer, &QTimer::timeout, socket, [this, socket, timer, body, offset] {
            if (socket->bytesToWrite() > chunkBytes)
                return;
            socket->write(body.mid(*offset, chunkBytes));
            *offset += chunkBytes;
            if (*offset >= body.size()) {
                timer->stop();
                socket->disconnectFromHost();
            }
        });
        timer->start(intervalMs);
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (qsizetype i = 0; i + 4 <= size; i += 4) {
        const quint32 v = generator.generate();
        memcpy(bytes.data() + i, &v, 4);
    }
    return bytes;
}

QByteArray fakeKernel(qsizetype size)
{
    QByteArray k = randomBytes(size, 7);
    k[0x1fe] = char(0x55);
    k[0x1ff] = char(0xaa);
    k.replace(0x202, 4, "HdrS");
    return k;
}

QByteArray fakeInitramfs(qsizetype size)
{
    QByteArray i = randomBytes(size, 11);
    i.replace(0, 6, QByteArray::fromHex("fd377a585a00"));
    return i;
}

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

struct ProgressStep {
    ArtifactKind kind;
    qint64 received;
    qint64 total;
    double rate;
};

// Everything a download says, in order.
struct Recorder {
    QList<ProgressStep> steps;
    QList<std::tuple<ArtifactKind, QString, QString, qint64>> files;
    QStringList statuses;
    std::unique_ptr<QSignalSpy> finished;

    explicit Recorder(FactoryDownload *download)
    {
        QObject::connect(download, &FactoryDownload::progress, download,
                         [this](ArtifactKind kind, qint64 received, qint64 total, double rate) {
                             steps.append({kind, received, total, rate});
                         });
        QObject::connect(download, &FactoryDownload::fileFinished, download,
                         [this](ArtifactKind kind, const QString &path, const QString &sha, qint64 size) {
                             files.append({kind, path, sha, size});
                         });
        QObject::connect(download, &FactoryDownload::status, download,
                         [this](const QString &message) { statuses.append(message); });
        finished = std::make_unique<QSignalSpy>(download, &FactoryDownload::finished);
    }
    bool waitFinished(int ms = 60000) { return !finished->isEmpty() || finished->wait(ms); }
    bool ok() const { return finished->value(0).value(0).toBool(); }
    QString message() const { return finished->value(0).value(1).toString(); }
};

} // namespace

class tst_FactoryDownload : public QObject
{
    Q_OBJECT
private:
    const QString m_schematic = FactoryDownload::vanillaSchematic();
    const QString m_version = QStringLiteral("v1.9.5");
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<FakeFactory> m_factory;

    QByteArray kernelPath() const { return FakeFactory::path(m_schematic, m_version, "kernel-amd64"); }
    QByteArray initramfsPath() const { return FakeFactory::path(m_schematic, m_version, "initramfs-amd64.xz"); }
    QString dest(const char *name = "artifacts") const { return m_tmp->filePath(QString::fromLatin1(name)); }
    QString destFile(const QString &name) const { return QDir(dest()).filePath(name); }
    static FactoryDownload::RetryPolicy quickRetries(int maxRetries = 3)
    {
        FactoryDownload::RetryPolicy policy;
        policy.maxRetries = maxRetries;
        policy.retryDelayMs = 20;
        policy.stallTimeoutMs = 10000;
        return policy;
    }
    // Starts a throttled download of version and cancels it once part of the kernel is in;
    // returns the bytes its .part holds.
    qint64 cancelMidway(FactoryDownload *download, const QString &version)
    {
        m_factory->chunkBytes = 32 * 1024;
        Recorder rec(download);
        download->start(m_factory->baseUrl(), m_schematic, version, dest());
        if (!QTest::qWaitFor([&rec] { return !rec.steps.isEmpty() && rec.steps.last().received >= 128 * 1024; },
                             20000))
            return -1;
        download->cancel();
        if (rec.finished->size() != 1 || download->outcome() != FactoryDownload::Outcome::Cancelled)
            return -1;
        QObject::disconnect(download, nullptr, download, nullptr);   // the recorder's lambdas
        return QFileInfo(destFile(QStringLiteral("vmlinuz-amd64.part"))).size();
    }
    static QStringList entries(const QString &dir)
    {
        return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    }
    // Progress for one kind: never backwards, always the right total, ending at it.
    static void verifyProgress(const QList<ProgressStep> &steps, ArtifactKind kind, qint64 size)
    {
        qint64 last = -1;
        int seen = 0;
        for (const ProgressStep &step : steps) {
            if (step.kind != kind)
                continue;
            ++seen;
            QCOMPARE(step.total, size);
            QVERIFY(step.received >= last);
            QVERIFY(step.received <= size);
            QVERIFY(step.rate >= 0);
            last = step.received;
        }
        QVERIFY(seen >= 1);
        QCOMPARE(last, size);
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_factory = std::make_unique<FakeFactory>();
        QVERIFY(m_factory->listen());
    }
    void cleanup()
    {
        m_factory.reset();
        m_tmp.reset();
    }

    void urls()
    {
        QCOMPARE(FactoryDownload::vanillaSchematic(),
                 QStringLiteral("376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba"));
        QCOMPARE(FactoryDownload::defaultBaseUrl(), QStringLiteral("https://factory.talos.dev"));
        const QString base = FactoryDownload::defaultBaseUrl();
        const QUrl kernel = FactoryDownload::fileUrl(base, m_schematic, QStringLiteral("1.9.5"), ArtifactKind::Kernel);
        QCOMPARE(kernel.toString(), QStringLiteral("https://factory.talos.dev/image/") + m_schematic
                                        + QStringLiteral("/v1.9.5/kernel-amd64"));
        QCOMPARE(FactoryDownload::fileUrl(base + QLatin1Char('/'), m_schematic, QStringLiteral("v1.9.5"),
                                          ArtifactKind::Kernel), kernel);
        QCOMPARE(FactoryDownload::fileUrl(base, m_schematic, QStringLiteral("v1.10.0"), ArtifactKind::Initramfs).toString(),
                 QStringLiteral("https://factory.talos.dev/image/") + m_schematic
                     + QStringLiteral("/v1.10.0/initramfs-amd64.xz"));
        QVERIFY(!FactoryDownload::fileUrl(base, m_schematic, m_version, ArtifactKind::Config).isValid());
        QVERIFY(!FactoryDownload::fileUrl(base, m_schematic, QString(), ArtifactKind::Kernel).isValid());
        QCOMPARE(FactoryDownload::normalizedVersion(QStringLiteral(" 1.9.5 ")), QStringLiteral("v1.9.5"));
        QCOMPARE(FactoryDownload::normalizedVersion(QStringLiteral("v1.9.5")), QStringLiteral("v1.9.5"));
        QCOMPARE(FactoryDownload::fileName(ArtifactKind::Kernel), QStringLiteral("vmlinuz-amd64"));
        QCOMPARE(FactoryDownload::fileName(ArtifactKind::Initramfs), QStringLiteral("initramfs-amd64.xz"));
    }

    void completeDownload()
    {
        const QByteArray kernel = fakeKernel(2 * 1024 * 1024 + 123);
        const QByteArray initramfs = fakeInitramfs(1536 * 1024 + 7);
        m_factory->files.insert(kernelPath(), {kernel});
        m_factory->files.insert(initramfsPath(), {initramfs});
        // The factory's own command line for the image (reference §8.6).
        const QByteArray cmdline = "talos.platform=metal console=tty0 init_on_alloc=1 slab_nomerge pti=on consoleblank=0 "
                                   "nvme_core.io_timeout=4294967295 printk.devkmsg=on ima_template=ima-ng ima_appraise=fix "
                                   "ima_hash=sha512\n";
        m_factory->files.insert(FakeFactory::path(m_schematic, QStringLiteral("v1.9.5"), "cmdline-metal-amd64"),
                                {cmdline, "text/plain"});
        m_factory->chunkBytes = 64 * 1024;   // about 6 MB/s: several progress steps per file

        FactoryDownload download;
        Recorder rec(&download);
        download.start(m_factory->baseUrl(), m_schematic, QStringLiteral("1.9.5"), dest());
        QVERIFY(download.isRunning());
        QVERIFY(rec.waitFinished());
        QVERIFY2(rec.ok(), qPrintable(rec.message()));
        QCOMPARE(download.outcome(), FactoryDownload::Outcome::Done);
        QVERIFY(!download.isRunning());
        QCOMPARE(rec.finished->size(), 1);

        QVERIFY(readAll(destFile(QStringLiteral("vmlinuz-amd64"))) == kernel);
        QVERIFY(readAll(destFile(QStringLiteral("initramfs-amd64.xz"))) == initramfs);
        QCOMPARE(entries(dest()), (QStringList{QStringLiteral("cmdline-metal-amd64"), QStringLiteral("initramfs-amd64.xz"),
                                               QStringLiteral("vmlinuz-amd64")}));
        QCOMPARE(download.cmdlinePath(), destFile(QStringLiteral("cmdline-metal-amd64")));
        QVERIFY(readAll(download.cmdlinePath()) == cmdline);
        QVERIFY2(rec.message().contains(QLatin1String("command line")), qPrintable(rec.message()));

        QCOMPARE(rec.files.size(), 2);
        QCOMPARE(std::get<0>(rec.files.at(0)), ArtifactKind::Kernel);
        QCOMPARE(std::get<1>(rec.files.at(0)), destFile(QStringLiteral("vmlinuz-amd64")));
        QCOMPARE(std::get<2>(rec.files.at(0)), sha256(kernel));
        QCOMPARE(std::get<3>(rec.files.at(0)), kernel.size());
        QCOMPARE(std::get<0>(rec.files.at(1)), ArtifactKind::Initramfs);
        QCOMPARE(std::get<2>(rec.files.at(1)), sha256(initramfs));
        QCOMPARE(std::get<3>(rec.files.at(1)), initramfs.size());

        verifyProgress(rec.steps, ArtifactKind::Kernel, kernel.size());
        verifyProgress(rec.steps, ArtifactKind::Initramfs, initramfs.size());
        // Kernel first, then the initramfs.
        QCOMPARE(rec.steps.first().kind, ArtifactKind::Kernel);
        QCOMPARE(rec.steps.last().kind, ArtifactKind::Initramfs);
        QVERIFY(rec.steps.size() >= 4);
        double fastest = 0;
        for (const ProgressStep &step : std::as_const(rec.steps))
            fastest = qMax(fastest, step.rate);
        QVERIFY(fastest > 0);

        // The v-form of the version, no Range for a fresh download.
        QCOMPARE(m_factory->requests.size(), 3);
        QCOMPARE(m_factory->requests.at(0).path, kernelPath());
        QCOMPARE(m_factory->requests.at(1).path, initramfsPath());
        QVERIFY(m_factory->requests.at(2).path.endsWith("/v1.9.5/cmdline-metal-amd64"));
        QVERIFY(m_factory->requests.at(0).range.isEmpty());
    }

    // The factory answers 302 to a CDN.
    void redirectIsFollowed()
    {
        const QByteArray kernel = fakeKernel(300 * 1024);
        const QByteArray initramfs = fakeInitramfs(200 * 1024);
        m_factory->redirects.insert(kernelPath(), m_factory->baseUrl().toLatin1() + "/cdn/abc/kernel-amd64");
        m_factory->redirects.insert(initramfsPath(), "/cdn/abc/initramfs-amd64.xz");   // relative Location
        m_factory->files.insert("/cdn/abc/kernel-amd64", {kernel});
        m_factory->files.insert("/cdn/abc/initramfs-amd64.xz", {initramfs});

        FactoryDownload download;
        Recorder rec(&download);
        download.start(m_factory->baseUrl(), m_schematic, m_version, dest());
        QVERIFY(rec.waitFinished());
        QVERIFY2(rec.ok(), qPrintable(rec.message()));
        QVERIFY(readAll(destFile(QStringLiteral("vmlinuz-amd64"))) == kernel);
        QVERIFY(readAll(destFile(QStringLiteral("initramfs-amd64.xz"))) == initramfs);
        QStringList paths;
        for (const FakeFactory::Request &r : std::as_const(m_factory->requests))
            paths.append(QString::fromLatin1(r.path));
        QCOMPARE(paths, (QStringList{QString::fromLatin1(kernelPath()), QStringLiteral("/cdn/abc/kernel-amd64"),
                                     QString::fromLatin1(initramfsPath()), QStringLiteral("/cdn/abc/initramfs-amd64.xz"),
                                     QString::fromLatin1(FakeFactory::path(m_schematic, m_version, "cmdline-metal-amd64"))}));
        // The factory served no command line (404 here): the files are still good, and no
        // half-written command line is left behind.
        QVERIFY(download.cmdlinePath().isEmpty());
        QVERIFY(!QFile::exists(destFile(QStringLiteral("cmdline-metal-amd64"))));
        QVERIFY(!QFile::exists(destFile(QStringLiteral("cmdline-metal-amd64.part"))));
        QVERIFY2(rec.message().contains(QLatin1String("defaults")), qPrintable(rec.message()));
    }

    void cancelMidwayKeepsThePart()
    {
        const QByteArray kernel = fakeKernel(16 * 1024 * 1024);
        m_factory->files.insert(kernelPath(), {kernel});
        m_factory->files.insert(initramfsPath(), {fakeInitramfs(4096)});
        m_factory->chunkBytes = 32 * 1024;   // about 3 MB/s: 16 MiB would take 5 s

        FactoryDownload download;
        Recorder rec(&download);
        download.start(m_factory->baseUrl(), m_schematic, m_version, dest());
        QTRY_VERIFY_WITH_TIMEOUT(!rec.steps.isEmpty() && rec.steps.last().received >= 256 * 1024, 20000);
        QVERIFY(rec.finished->isEmpty());
        download.cancel();
        // At once, before cancel() returns.
        QCOMPARE(rec.finished->size(), 1);
        QVERIFY(!rec.ok());
        QCOMPARE(download.outcome(), FactoryDownload::Outcome::Cancelled);
        QVERIFY(!download.isRunning());
        QVERIFY(rec.message().contains(QLatin1String("cancelled")));

        const QString part = destFile(QStringLiteral("vmlinuz-amd64.part"));
        const qint64 held = QFileInfo(part).size();
        QVERIFY(held >= 256 * 1024);
        QVERIFY(held < kernel.size());
        QVERIFY(readAll(part) == kernel.left(held));
        QVERIFY(!QFile::exists(destFile(QStringLiteral("vmlinuz-amd64"))));
        // Nothing more arrives after a cancel.
        QTest::qWait(200);
        QCOMPARE(QFileInfo(part).size(), held);
        QCOMPARE(rec.finished->size(), 1);

        // A later start resumes from the bytes held and ends with the whole file.
        m_factory->chunkBytes = 0;
        Recorder again(&download);
        download.start(m_factory->baseUrl(), m_schematic, m_version, dest());
        QVERIFY(again.waitFinished());
        QVERIFY2(again.ok(), qPrintable(again.message()));
        const QList<FakeFactory::Request> kernelRequests = m_factory->requestsFor("kernel-amd64");
        QCOMPARE(kernelRequests.size(), 2);
        QCOMPARE(kernelRequests.last().range, "bytes=" + QByteArray::number(held) + '-');
        QVERIFY(readAll(destFile(QStringLiteral("vmlinuz-amd64"))) == kernel);
        QCOMPARE(std::get<2>(again.files.at(0)), sha256(kernel));   // over the whole file, not the resumed part
        QVERIFY(!QFile::exists(part));
        QVERIFY(!again.statuses.isEmpty());   // "Resuming kernel-amd64 ..."
    }

    void droppedConnectionResumes()
    {
        const QByteArray kernel = fakeKernel(1024 * 1024);
        FakeFactory::File file{kernel};
        file.dropAfterOnce = 300000;
        m_factory->files.insert(kernelPath(), file);
        m_factory->files.insert(initramfsPath(), {fakeInitramfs(100 * 1024)});

        FactoryDownload download;
        download.setRetryPolicy(quickRetries());
        Recorder rec(&download);
        download.start(m_factory->baseUrl(), m_schematic, m_version, dest());
        QVERIFY(rec.waitFinished());
        QVERIFY2(rec.ok(), qPrintable(rec.message()));

        // The first request, then the resume from the bytes held. Qt may resend the first
        // request once on its own when a connection ends early (its reconnect attempts);
        // that answer is not taken either, so the resume still starts at 300000.
        const QList<FakeFactory::Request> kernelRequests = m_factory->requestsFor("kernel-amd64");
        QVERIFY(kernelRequests.size() == 2 || kernelRequests.size() == 3);
        QVERIFY(kernelRequests.first().range.isEmpty());
        QCOMPARE(kernelRequests.last().range, QByteArray("bytes=300000-"));
        QVERIFY(readAll(destFile(QStringLiteral("vmlinuz-amd64"))) == kernel);
        QCOMPARE(std::get<2>(rec.files.at(0)), sha256(kernel));
        QCOMPARE(rec.statuses.size(), 1);
        QVERIFY2(rec.statuses.first().contains(QLatin1String("resuming")), qPrintable(rec.statuses.first()));
        verifyProgress(rec.steps, ArtifactKind::Kernel, kernel.size());
    }

    // A server that ignores Range: the .part is thrown away, not appended to.
    void resumeRestartsOnA200()
    {
        const QByteArray kernel = fakeKernel(4 * 1024 * 1024);
        m_factory->files.insert(kernelPath(), {kernel});
        m_factory->files.insert(initramfsPath(), {fakeInitramfs(10 * 1024)});
        FactoryDownload download;
        const qint64 held = cancelMidway(&download, m_version);
        QVERIFY(held > 0);

        m_factory->files[kernelPath()].ignoreRange = true;
        m_factory->chunkBytes = 0;
        Recorder rec(&download);
        download.start(m_factory->baseUrl(), m_schematic, m_version, dest());
        QVERIFY(rec.waitFinished());
        QVERIFY2(rec.ok(), qPrintable(rec.message()));
        QCOMPARE(m_factory->requestsFor("kernel-amd64").last().range, "bytes=" + QByteArray::number(held) + '-');
        QVERIFY(readAll(destFile(QStringLiteral("vmlinuz-amd64"))) == kernel);
        QCOMPARE(std::get<2>(rec.files.at(0)), sha256(kernel));
        QVERIFY(rec.statuses.join(u'\n').contains(QLatin1String("does not resume")));
        QCOMPARE(entries(dest()), (QStringList{QStringLiteral("initramfs-amd64.xz"), QStringLiteral("vmlinuz-amd64")}));
    }

    // The file changed on the server since the .part was started: If-Range gets all of the new one.
    void changedFileIsNotAppendedTo()
    {
        FakeFactory::File first{fakeKernel(4 * 1024 * 1024)};
        first.etag = "\"build-1\"";
        m_factory->files.insert(kernelPath(), first);
        m_factory->files.insert(initramfsPath(), {fakeInitramfs(10 * 1024)});
        FactoryDownload download;
        const qint64 held = cancelMidway(&download, m_version);

        QByteArray rebuilt = fakeKernel(3 * 1024 * 1024);
        rebuilt[0x300] = 'X';
        m_factory->files[kernelPath()].body = rebuilt;
        m_factory->files[kernelPath()].etag = "\"build-2\"";
        m_factory->chunkBytes = 0;
        Recorder rec(&download);
        download.start(m_factory->baseUrl(), m_schematic, m_version, dest());
        QVERIFY(rec.waitFinished());
        QVERIFY2(rec.ok(), qPrintable(rec.message()));
        const FakeFactory::Request resume = m_factory->requestsFor("kernel-amd64").last();
        QCOMPARE(resume.range, "bytes=" + QByteArray::number(held) + '-');
        QCOMPARE(resume.ifRange, QByteArray("\"build-1\""));
        QVERIFY(readAll(destFile(QStringLiteral("vmlinuz-amd64"))) == rebuilt);
        QCOMPARE(std::get<2>(rec.files.at(0)), sha256(rebuilt));
    }

    // A .part of another version in the same folder is never continued.
    void partOfAnotherVersionIsDiscarded()
    {
        const QString other = QStringLiteral("v1.10.0");
        const QByteArray kernel110 = fakeKernel(2 * 1024 * 1024 + 5);
        m_factory->files.insert(kernelPath(), {fakeKernel(4 * 1024 * 1024)});
        m_factory->files.insert(FakeFactory::path(m_schematic, other, "kernel-amd64"), {kernel110});
        m_factory->files.insert(FakeFactory::path(m_schematic, other, "initramfs-amd64.xz"), {fakeInitramfs(1000)});
        FactoryDownload download;
        QVERIFY(cancelMidway(&download, m_version) > 0);

        m_factory->chunkBytes = 0;
        Recorder rec(&download);
        download.start(m_factory->baseUrl(), m_schematic, other, dest());
        QVERIFY(rec.waitFinished());
        QVERIFY2(rec.ok(), qPrintable(rec.message()));
        const FakeFactory::Request request = m_factory->requests.at(m_factory->requests.size() - 3);
        QVERIFY(request.path.contains("/v1.10.0/kernel-amd64"));
        QVERIFY(request.range.isEmpty());
        QVERIFY(readAll(destFile(QStringLiteral("vmlinuz-amd64"))) == kernel110);
    }

    void truncatedBodyIsNeverAccepted()
    {
        const QByteArray initramfs = fakeInitramfs(256 * 1024);
        m_factory->files.insert(kernelPath(), {fakeKernel(64 * 1024)});
        FakeFactory::File file{initramfs};
        file.shortBy = 100;   // every answer ends 100 bytes early
        m_factory->files.insert(initramfsPath(), file);

        FactoryDownload download;
        download.setRetryPolicy(quickRetries(2));
        Recorder rec(&download);
        download.start(m_factory->baseUrl(), m_schematic, m_version, dest());
        QVERIFY(rec.waitFinished());
        QVERIFY(!rec.ok());
        QCOMPARE(download.outcome(), FactoryDownload::Outcome::Truncated);
        QVERIFY2(rec.message().contains(QLatin1String("initramfs-amd64.xz")), qPrintable(rec.message()));
        QVERIFY(!QFile::exists(destFile(QStringLiteral("initramfs-amd64.xz"))));
        // It tried to resume the missing tail: the first request, then at least 3 that got
        // nothing (2 retries allowed; Qt may resend a request on its own as well).
        const QList<FakeFactory::Request> tries = m_factory->requestsFor("initramfs-amd64.xz");
        QVERIFY2(tries.size() >= 4, QByteArray::number(tries.size()).constData());
        QVERIFY(tries.first().range.isEmpty());
        QCOMPARE(tries.last().range, "bytes=" + QByteArray::number(initramfs.size() - 100) + '-');
        QCOMPARE(QFileInfo(destFile(QStringLiteral("initramfs-amd64.xz.part"))).size(), initramfs.size() - 100);
        // The kernel before it was complete and is in place.
        QCOMPARE(rec.files.size(), 1);
    }

    void wrongFileIsRefused_data()
    {
        QTest::addColumn<bool>("asKernel");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("named");
        QTest::newRow("html page as kernel")
            << true
            << QByteArray("<!DOCTYPE html>\n<html><head><title>Sign in to the guest network</title></head>"
                          "<body>please log in</body></html>\n")
            << QStringLiteral("HTML page (“Sign in to the guest network”)");
        QTest::newRow("random bytes as kernel") << true << randomBytes(100 * 1024, 3)
                                                << QStringLiteral("unrecognised binary data");
        QTest::newRow("kernel as initramfs") << false << fakeKernel(50 * 1024)
                                             << QStringLiteral("x86 Linux kernel (bzImage)");
    }
    void wrongFileIsRefused()
    {
        QFETCH(bool, asKernel);
        QFETCH(QByteArray, body);
        QFETCH(QString, named);
        m_factory->files.insert(kernelPath(), {asKernel ? body : fakeKernel(50 * 1024)});
        m_factory->files.insert(initramfsPath(), {asKernel ? fakeInitramfs(50 * 1024) : body});

        FactoryDownload download;
        Recorder rec(&download);
        download.start(m_factory->baseUrl(), m_schematic, m_version, dest());
        QVERIFY(rec.waitFinished());
        QVERIFY(!rec.ok());
        QCOMPARE(download.outcome(), FactoryDownload::Outcome::WrongFile);
        QVERIFY2(rec.message().contains(named), qPrintable(rec.message()));
        QVERIFY2(rec.message().contains(asKernel ? QLatin1String("kernel-amd64") : QLatin1String("initramfs-amd64.xz")),
                 qPrintable(rec.message()));
        const QString name = asKernel ? QStringLiteral("vmlinuz-amd64") : QStringLiteral("initramfs-amd64.xz");
        QVERIFY(!QFile::exists(destFile(name)));
        QVERIFY(!QFile::exists(destFile(name + QStringLiteral(".part"))));   // never resumed
        QCOMPARE(rec.files.size(), asKernel ? 0 : 1);
    }

    void notFoundIsHttpError()
    {
        FactoryDownload download;
        Recorder rec(&download);
        download.start(m_factory->baseUrl(), m_schematic, QStringLiteral("1.99.0"), dest());
        QVERIFY(rec.waitFinished());
        QVERIFY(!rec.ok());
        QCOMPARE(download.outcome(), FactoryDownload::Outcome::HttpError);
        QCOMPARE(download.httpStatus(), 404);
        QVERIFY2(rec.message().contains(QLatin1String("404")), qPrintable(rec.message()));
        QVERIFY(rec.message().contains(QLatin1String("version")));
        QCOMPARE(entries(dest()), QStringList());
        QCOMPARE(m_factory->requests.size(), 1);   // an error status is not retried
    }

    void connectionRefusedIsNetworkError()
    {
        const QString base = m_factory->baseUrl();
        m_factory.reset();   // nothing listens on that port any more
        FactoryDownload download;
        download.setRetryPolicy(quickRetries());
        Recorder rec(&download);
        download.start(base, m_schematic, m_version, dest());
        QVERIFY(rec.waitFinished());
        QCOMPARE(download.outcome(), FactoryDownload::Outcome::NetworkError);
        QVERIFY(!rec.message().isEmpty());
    }

    void unwritableDestinationIsWriteError()
    {
        const QString blocker = TestUtil::writeFile(m_tmp->path(), QStringLiteral("file"), "x");
        FactoryDownload download;
        Recorder rec(&download);
        download.start(m_factory->baseUrl(), m_schematic, m_version, blocker + QStringLiteral("/artifacts"));
        QVERIFY(rec.waitFinished(1000));
        QCOMPARE(download.outcome(), FactoryDownload::Outcome::WriteError);
        QVERIFY(m_factory->requests.isEmpty());
    }

    // Deleting a running download aborts it cleanly: no late signal, no timer, .part kept.
    void destroyedWhileRunning()
    {
        m_factory->files.insert(kernelPath(), {fakeKernel(8 * 1024 * 1024)});
        m_factory->chunkBytes = 32 * 1024;
        auto *download = new FactoryDownload;
        QPointer<FactoryDownload> guard(download);
        int steps = 0;
        connect(download, &FactoryDownload::progress, this, [&steps] { ++steps; });
        download->start(m_factory->baseUrl(), m_schematic, m_version, dest());
        QTRY_VERIFY_WITH_TIMEOUT(steps >= 2, 20000);
        delete download;
        QVERIFY(!guard);
        const int stepsAtDelete = steps;
        QTest::qWait(300);
        QCOMPARE(steps, stepsAtDelete);
        QVERIFY(QFileInfo(destFile(QStringLiteral("vmlinuz-amd64.part"))).size() > 0);
        QVERIFY(!QFile::exists(destFile(QStringLiteral("vmlinuz-amd64"))));
    }
};

QTEST_GUILESS_MAIN(tst_FactoryDownload)
#include "tst_factorydownload.moc"
