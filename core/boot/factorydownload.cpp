#include "boot/factorydownload.h"

#include "boot/artifactstore.h"
#include "boot/filecontent.h"
#include "boot/kernelargs.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace Nbc::Boot {

namespace {

QString remoteFileName(ArtifactKind kind)
{
    switch (kind) {
    case ArtifactKind::Kernel: return QStringLiteral("kernel-amd64");
    case ArtifactKind::Initramfs: return QStringLiteral("initramfs-amd64.xz");
    case ArtifactKind::Other: return QStringLiteral("cmdline-metal-amd64");
    default: return {};
    }
}

QString bytes(qint64 n)
{
    return QLocale().formattedDataSize(n);
}

// "bytes 100-999/1000" (RFC 9110 14.4): first byte and complete length (-1 for "*").
bool parseContentRange(const QByteArray &value, qint64 *first, qint64 *total)
{
    static const QRegularExpression form(QStringLiteral("^bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)$"));
    const QRegularExpressionMatch m = form.match(QString::fromLatin1(value.trimmed()));
    if (!m.hasMatch())
        return false;
    bool ok = false;
    *first = m.captured(1).toLongLong(&ok);
    if (!ok)
        return false;
    *total = m.captured(3) == QLatin1String("*") ? -1 : m.captured(3).toLongLong(&ok);
    return ok;
}

// Failures a later attempt may not see: the connection went away or went silent.
bool isTransient(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:   // the transfer timeout (our own aborts are disconnected first)
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

} // namespace

FactoryDownload::FactoryDownload(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_retryTimer(new QTimer(this))
{
    // The factory answers 302 to a CDN; never from https down to http.
    m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &FactoryDownload::sendRequest);
}

FactoryDownload::~FactoryDownload()
{
    // No signal from here on; the reply is aborted, the .part stays for a later resume.
    m_running = false;
    m_retryTimer->stop();
    dropReply();
    m_part.close();
}

QString FactoryDownload::vanillaSchematic()
{
    return QStringLiteral("376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba");
}

QString FactoryDownload::defaultBaseUrl()
{
    return QStringLiteral("https://factory.talos.dev");
}

QString FactoryDownload::normalizedVersion(const QString &version)
{
    const QString v = version.trimmed();
    if (v.isEmpty() || v.startsWith(QLatin1Char('v')))
        return v;
    if (v.startsWith(QLatin1Char('V')))
        return QLatin1Char('v') + v.mid(1);
    return QLatin1Char('v') + v;
}

QUrl FactoryDownload::fileUrl(const QString &baseUrl, const QString &schematic, const QString &version,
                              ArtifactKind kind)
{
    const QString remote = remoteFileName(kind);
    const QString v = normalizedVersion(version);
    QString base = baseUrl.trimmed();
    if (remote.isEmpty() || base.isEmpty() || schematic.trimmed().isEmpty() || v.isEmpty())
        return {};
    if (!base.contains(QLatin1String("://")))
        base.prepend(QLatin1String("https://"));
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QUrl url(base + QStringLiteral("/image/") + QString::fromLatin1(QUrl::toPercentEncoding(schematic.trimmed()))
                   + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(v)) + QLatin1Char('/') + remote);
    return url.isValid() && !url.host().isEmpty() ? url : QUrl();
}

QString FactoryDownload::fileName(ArtifactKind kind)
{
    switch (kind) {
    case ArtifactKind::Kernel: return QStringLiteral("vmlinuz-amd64");
    case ArtifactKind::Initramfs: return QStringLiteral("initramfs-amd64.xz");
    default: return {};
    }
}

void FactoryDownload::start(const QString &baseUrl, const QString &schematic, const QString &version,
                            const QString &destinationDir)
{
    if (m_running)
        return;
    m_baseUrl = baseUrl;
    m_schematic = schematic.trimmed();
    m_version = normalizedVersion(version);
    m_destination = QDir(destinationDir).absolutePath();
    m_outcome = Outcome::Done;
    m_httpStatus = 0;
    m_cmdlinePath.clear();
    m_running = true;
    m_kind = ArtifactKind::Kernel;
    if (!fileUrl(m_baseUrl, m_schematic, m_version, m_kind).isValid()) {
        finish(Outcome::NetworkError,
               tr("“%1” with schematic “%2” and version “%3” does not make a download address. Enter the Image "
                  "Factory's address (such as %4), a schematic ID and a Talos version.")
                   .arg(baseUrl, schematic, version, defaultBaseUrl()));
        return;
    }
    if (destinationDir.isEmpty() || !QDir().mkpath(m_destination)) {
        finish(Outcome::WriteError, tr("Cannot create the folder %1. Check its path and permissions.").arg(m_destination));
        return;
    }
    startFile();
}

void FactoryDownload::cancel()
{
    if (!m_running)
        return;
    finish(Outcome::Cancelled, tr("Download cancelled. The partial file is kept, so the next download resumes "
                                  "where this one stopped."));
}

QString FactoryDownload::remoteName() const
{
    return remoteFileName(m_kind);
}

void FactoryDownload::startFile()
{
    m_part.close();
    m_part.setFileName(QDir(m_destination).filePath(fileName(m_kind) + QStringLiteral(".part")));
    m_failuresWithoutProgress = 0;
    m_restartedAfter416 = false;
    m_total = -1;
    m_size = 0;
    m_hash.reset();
    m_validator.clear();
    // A .part is continued only for the same address, and (If-Range) only while the server
    // still has the same file: appending another version's bytes would make a file that
    // passes every check and fails on the machine.
    const QString url = fileUrl(m_baseUrl, m_schematic, m_version, m_kind).toString();
    if (m_part.exists()) {
        QFile record(sourceRecordPath());
        const QList<QByteArray> lines = record.open(QIODevice::ReadOnly) ? record.readAll().split('\n')
                                                                         : QList<QByteArray>();
        if (lines.value(0) != url.toUtf8()) {
            Q_EMIT status(tr("Discarding a partial %1 of another download.").arg(remoteName()));
            m_part.remove();
        } else {
            m_validator = lines.value(1);
        }
    }
    // A .part from an earlier run: its bytes go into the hash now, so the digest covers
    // the whole file without reading it again at the end.
    if (m_part.exists() && m_part.open(QIODevice::ReadOnly)) {
        QByteArray chunk;
        while (!(chunk = m_part.read(1 << 20)).isEmpty()) {
            m_hash.addData(chunk);
            m_size += chunk.size();
        }
        if (m_part.error() != QFileDevice::NoError) {
            m_size = 0;   // unreadable: it is replaced from the first byte
            m_hash.reset();
        }
        m_part.close();
        if (m_size > 0)
            Q_EMIT status(tr("Resuming %1: %2 already downloaded.").arg(remoteName(), bytes(m_size)));
    }
    m_rateBytes = m_size;
    m_rate = 0;
    m_rateClock.start();
    m_progressClock.invalidate();
    sendRequest();
}

void FactoryDownload::sendRequest()
{
    if (!m_running)
        return;
    QNetworkRequest request(fileUrl(m_baseUrl, m_schematic, m_version, m_kind));
    request.setMaximumRedirectsAllowed(10);
    // Byte ranges and Content-Length must describe the file itself, not a compressed
    // transfer of it (QNAM would otherwise ask for gzip and inflate behind our back).
    request.setRawHeader("Accept-Encoding", "identity");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("netboot-console/" NBC_VERSION));
    request.setTransferTimeout(m_policy.stallTimeoutMs);
    if (m_size > 0) {
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_size) + '-');
        // RFC 9110 13.1.5: the rest of that same file, or else the whole current one (200).
        if (!m_validator.isEmpty())
            request.setRawHeader("If-Range", m_validator);
    }
    m_requestedFrom = m_size;
    m_sizeAtRequest = m_size;
    m_responseAccepted = false;
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &FactoryDownload::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &FactoryDownload::onFinished);
}

void FactoryDownload::dropReply()
{
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this);
        // A reply that has failed already (an error status) must not be aborted again:
        // Qt then reports an internal error from its queued finish.
        if (!reply->isFinished() && reply->error() == QNetworkReply::NoError)
            reply->abort();
        reply->deleteLater();
    }
}

bool FactoryDownload::openPart(bool truncate)
{
    m_part.close();
    if (!m_part.open(QIODevice::WriteOnly | (truncate ? QIODevice::Truncate : QIODevice::Append)))
        return false;
    if (truncate) {
        m_size = 0;
        m_hash.reset();
        m_rateBytes = 0;
        m_validator.clear();
    }
    return true;
}

bool FactoryDownload::appendToPart(const QByteArray &data)
{
    if (data.isEmpty())
        return true;
    if (m_part.write(data) != data.size())
        return false;
    m_hash.addData(data);
    m_size += data.size();
    return true;
}

// Decides, once per response, whether its body continues, restarts or refuses the file.
// False: nothing to write (no answer yet, a redirect's or an error's body) or the run moved on already
// (m_reply is then another reply, or none).
bool FactoryDownload::acceptResponse(bool replyFinished)
{
    if (m_responseAccepted)
        return true;
    QNetworkReply *reply = m_reply.data();
    const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (code == 0 || (code >= 300 && code < 400))
        return false;
    // An error status is decided once its reply has finished: Qt has its error queued by
    // then, and aborting such a reply earlier makes Qt report an internal error.
    if (code >= 400 && !replyFinished)
        return false;

    bool truncate = false;
    if (code == 206) {
        qint64 first = -1;
        qint64 total = -1;
        if (!parseContentRange(reply->rawHeader("Content-Range"), &first, &total) || first != m_requestedFrom) {
            // Not the continuation asked for: start over from the first byte.
            Q_EMIT status(tr("The server sent another part of %1 than asked; downloading it again from the start.")
                              .arg(remoteName()));
            dropReply();
            openPart(true);
            m_part.close();
            sendRequest();
            return false;
        }
        m_total = total;
    } else if (code >= 200 && code < 300) {
        // A 200 to a Range request is the whole file (RFC 9110 14.2: servers may ignore Range).
        truncate = true;
        if (m_size > 0)
            Q_EMIT status(tr("The server does not resume downloads; %1 starts again from the beginning.").arg(remoteName()));
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        m_total = length.isValid() ? length.toLongLong() : -1;
    } else if (code == 416 && m_size > 0 && !m_restartedAfter416) {
        // The .part is not a beginning the server can continue: complete already, or
        // longer than the file (another version's).
        m_restartedAfter416 = true;
        const QByteArray range = reply->rawHeader("Content-Range");
        const qint64 total = range.startsWith("bytes */") ? range.mid(8).trimmed().toLongLong() : -1;
        dropReply();
        if (total > 0 && total == m_size) {
            m_total = total;
            completeFile();
        } else {
            openPart(true);
            m_part.close();
            sendRequest();
        }
        return false;
    } else {
        m_httpStatus = code;
        const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        const QString url = reply->url().toString();
        QString advice;
        if (code == 404)
            advice = tr("Check the Talos version and the schematic ID.");
        else if (code >= 500)
            advice = tr("The server has a problem; try again later.");
        else
            advice = tr("Check the Image Factory address.");
        finish(Outcome::HttpError,
               tr("The server answered %1 %2 for %3. %4").arg(QString::number(code), reason, url, advice));
        return false;
    }
    if (!openPart(truncate) || !writeSourceRecord(reply)) {
        finish(Outcome::WriteError, tr("Cannot write %1: %2. Check the free space and the permissions of %3.")
                                        .arg(m_part.fileName(), m_part.errorString(), m_destination));
        return false;
    }
    m_responseAccepted = true;
    return true;
}

QString FactoryDownload::sourceRecordPath() const
{
    return m_part.fileName() + QStringLiteral(".source");
}

// Next to the .part: the address it comes from and the server's validator of that file,
// a strong ETag or else Last-Modified (If-Range accepts no weak ETag).
bool FactoryDownload::writeSourceRecord(QNetworkReply *reply)
{
    QByteArray validator = reply->rawHeader("ETag");
    if (validator.isEmpty() || validator.startsWith("W/"))
        validator = reply->rawHeader("Last-Modified");
    if (!m_validator.isEmpty() && validator == m_validator && QFile::exists(sourceRecordPath()))
        return true;
    m_validator = validator;
    QFile record(sourceRecordPath());
    const QByteArray text = fileUrl(m_baseUrl, m_schematic, m_version, m_kind).toString().toUtf8() + '\n'
        + validator + '\n';
    return record.open(QIODevice::WriteOnly | QIODevice::Truncate) && record.write(text) == text.size();
}

void FactoryDownload::onReadyRead()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply || sender() != reply)
        return;
    if (!acceptResponse(false)) {
        if (m_reply == reply)
            reply->readAll();   // the body of a redirect or of an error: not ours
        return;
    }
    if (!appendToPart(reply->readAll())) {
        finish(Outcome::WriteError, tr("Cannot write %1: %2. Check the free space and the permissions of %3.")
                                        .arg(m_part.fileName(), m_part.errorString(), m_destination));
        return;
    }
    emitProgress(false);
}

void FactoryDownload::onFinished()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply || sender() != reply)
        return;
    const bool accepted = acceptResponse(true);
    if (m_reply != reply)
        return;   // refused, restarted or completed already
    if (accepted && !appendToPart(reply->readAll())) {
        finish(Outcome::WriteError, tr("Cannot write %1: %2. Check the free space and the permissions of %3.")
                                        .arg(m_part.fileName(), m_part.errorString(), m_destination));
        return;
    }
    const QNetworkReply::NetworkError error = reply->error();
    const QString errorString = reply->errorString();
    dropReply();
    m_part.flush();
    m_part.close();

    if (accepted && error == QNetworkReply::NoError) {
        if (m_total < 0 || m_size == m_total) {
            completeFile();
        } else if (m_size < m_total) {
            retryOrFail(tr("the body ended early"));
        } else {
            m_part.remove();
            finish(Outcome::NetworkError, tr("%1 sent %2 where it announced %3. Try again; if it persists, the server "
                                             "or a proxy on the way is broken.").arg(remoteName(), bytes(m_size),
                                                                                   bytes(m_total)));
        }
        return;
    }
    if (isTransient(error)) {
        retryOrFail(errorString);
        return;
    }
    finish(Outcome::NetworkError, tr("Could not download %1: %2. Check the network connection and the Image "
                                     "Factory address, then try again.").arg(remoteName(), errorString));
}

void FactoryDownload::retryOrFail(const QString &reason)
{
    if (m_size > m_sizeAtRequest)
        m_failuresWithoutProgress = 0;
    else
        ++m_failuresWithoutProgress;
    if (m_failuresWithoutProgress > m_policy.maxRetries) {
        if (m_total >= 0 && m_size < m_total) {
            finish(Outcome::Truncated,
                   tr("%1 ended early: %2 of %3 bytes arrived, also after %4 attempts to resume (%5). The partial "
                      "file is kept; try again later and the download resumes.")
                       .arg(remoteName(), QLocale().toString(m_size), QLocale().toString(m_total))
                       .arg(m_failuresWithoutProgress)
                       .arg(reason));
        } else {
            finish(Outcome::NetworkError,
                   tr("The connection for %1 keeps failing (%2). Check the network connection, then try again; "
                      "the partial file is kept and the download resumes.").arg(remoteName(), reason));
        }
        return;
    }
    const QString of = m_total >= 0 ? tr("%1 of %2").arg(bytes(m_size), bytes(m_total)) : bytes(m_size);
    Q_EMIT status(tr("The connection dropped (%1); resuming %2 at %3 (attempt %4 of %5).")
                      .arg(reason, remoteName(), of)
                      .arg(m_failuresWithoutProgress + 1)
                      .arg(m_policy.maxRetries + 1));
    if (m_running)
        m_retryTimer->start(m_policy.retryDelayMs * qMax(1, m_failuresWithoutProgress));
}

void FactoryDownload::completeFile()
{
    m_part.close();
    const QString partPath = m_part.fileName();
    const QString finalPath = QDir(m_destination).filePath(fileName(m_kind));
    const ArtifactCheck check = ArtifactStore::inspect(partPath, m_kind);
    if (check.unreadable) {
        finish(Outcome::WriteError, tr("Cannot read back %1: %2. Check the folder %3.")
                                        .arg(partPath, check.error, m_destination));
        return;
    }
    if (!check.ok) {
        const QString what = FileContent::describeFile(partPath);
        // Resuming a wrong file would only make a longer wrong file.
        QFile::remove(partPath);
        QFile::remove(sourceRecordPath());
        finish(Outcome::WrongFile,
               m_kind == ArtifactKind::Kernel
                   ? tr("%1 from %2 is %3, not an x86 Linux kernel (bzImage). Check the Image Factory address, the "
                        "schematic and the version; a proxy or a login page may have answered instead.")
                         .arg(remoteName(), m_baseUrl, what)
                   : tr("%1 from %2 is %3, not a compressed initramfs. Check the Image Factory address, the "
                        "schematic and the version; a proxy or a login page may have answered instead.")
                         .arg(remoteName(), m_baseUrl, what));
        return;
    }
    // rename(2) replaces an older file of that name in one step; QFile::rename would not.
    if (std::rename(QFile::encodeName(partPath).constData(), QFile::encodeName(finalPath).constData()) != 0) {
        finish(Outcome::WriteError, tr("Cannot write %1: %2. Check the free space and the permissions of %3.")
                                        .arg(finalPath, QString::fromLocal8Bit(std::strerror(errno)), m_destination));
        return;
    }
    QFile::remove(sourceRecordPath());
    if (m_total < 0)
        m_total = m_size;
    emitProgress(true);
    const QString sha = QString::fromLatin1(m_hash.result().toHex());
    const ArtifactKind kind = m_kind;
    Q_EMIT fileFinished(kind, finalPath, sha, m_size);
    if (!m_running)
        return;   // cancelled from a slot
    if (kind == ArtifactKind::Kernel) {
        m_kind = ArtifactKind::Initramfs;
        startFile();
        return;
    }
    fetchCmdline();
}

// The command line is a few hundred bytes: one plain request, no resume. Without it the
// files are still good, so a failure here only says so.
void FactoryDownload::fetchCmdline()
{
    const QUrl url = fileUrl(m_baseUrl, m_schematic, m_version, ArtifactKind::Other);
    QNetworkRequest request(url);
    request.setMaximumRedirectsAllowed(10);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("netboot-console/" NBC_VERSION));
    request.setTransferTimeout(m_policy.stallTimeoutMs);
    m_cmdlineReply = m_network->get(request);
    connect(m_cmdlineReply, &QNetworkReply::finished, this, &FactoryDownload::onCmdlineFinished);
}

void FactoryDownload::onCmdlineFinished()
{
    QNetworkReply *reply = m_cmdlineReply.data();
    m_cmdlineReply = nullptr;
    if (!reply || !m_running)
        return;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->error() == QNetworkReply::NoError && status == 200 ? reply->read(4097) : QByteArray();
    const QString finalPath = QDir(m_destination).filePath(cmdlineFileName());
    const QString partPath = finalPath + QStringLiteral(".part");
    bool saved = false;
    if (!body.isEmpty() && body.size() <= 4096) {
        QFile part(partPath);
        if (part.open(QIODevice::WriteOnly | QIODevice::Truncate) && part.write(body) == body.size() && part.flush()) {
            part.close();
            saved = !readTalosCmdline(partPath).isEmpty()
                && std::rename(QFile::encodeName(partPath).constData(), QFile::encodeName(finalPath).constData()) == 0;
        }
        if (!saved)
            QFile::remove(partPath);
    }
    if (saved) {
        m_cmdlinePath = finalPath;
        finish(Outcome::Done, tr("Downloaded the kernel, initramfs and kernel command line of Talos %1.").arg(m_version));
    } else {
        finish(Outcome::Done, tr("Downloaded the kernel and initramfs of Talos %1. The factory gave no usable kernel "
                                 "command line, so Talos's defaults for %1 are used.").arg(m_version));
    }
}

void FactoryDownload::finish(Outcome outcome, const QString &message)
{
    m_retryTimer->stop();
    dropReply();
    if (QNetworkReply *reply = m_cmdlineReply.data()) {
        m_cmdlineReply = nullptr;
        reply->disconnect(this);
        if (!reply->isFinished())
            reply->abort();
        reply->deleteLater();
    }
    m_part.close();
    m_running = false;
    m_outcome = outcome;
    Q_EMIT finished(outcome == Outcome::Done, message);
}

void FactoryDownload::emitProgress(bool force)
{
    // Exponential smoothing over samples of at least 200 ms: steady enough to read, quick
    // enough to show a stall.
    const qint64 elapsed = m_rateClock.elapsed();
    if (elapsed >= 200) {
        const double sample = double(m_size - m_rateBytes) * 1000.0 / double(elapsed);
        m_rate = m_rate <= 0 ? sample : 0.7 * m_rate + 0.3 * sample;
        m_rateBytes = m_size;
        m_rateClock.restart();
    }
    if (!force && m_progressClock.isValid() && m_progressClock.elapsed() < 100)
        return;
    m_progressClock.restart();
    Q_EMIT progress(m_kind, m_size, m_total, m_rate);
}

} // namespace Nbc::Boot
