#pragma once

#include "model/outcome.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Nbc::Boot {

// Downloads a Talos kernel and initramfs from an Image Factory
// (<base>/image/<schematic>/<version>/kernel-amd64 and initramfs-amd64.xz; Image Factory
// docs/api.md) into a folder, as vmlinuz-amd64 and initramfs-amd64.xz. Meant for a bring-up kit
// that is online once, before it goes to an isolated network; hence resumable.
//
// Each file grows in "<name>.part" and is renamed into place only when it is complete (its
// size is the announced one) and ArtifactStore::inspect accepts it. A .part left by a
// cancel, a dropped connection or a closed window is resumed with a Range request, only
// for the same URL and (If-Range) while the server still has the same file; its URL and
// validator sit next to it in "<name>.part.source". Lives in the thread that created it;
// everything is asynchronous.
class FactoryDownload : public QObject
{
    Q_OBJECT
public:
    enum class Outcome {
        Done,
        Cancelled,      // cancel(): the .part is kept, the next start() resumes it
        NetworkError,   // no connection, name not resolved, TLS, too many redirects
        HttpError,      // the server answered an error status (httpStatus())
        Truncated,      // the body stayed shorter than announced, also after resuming
        WrongFile,      // complete, but not a bzImage / compressed cpio (an HTML page ...)
        WriteError,     // the destination folder cannot be written
    };
    Q_ENUM(Outcome)

    explicit FactoryDownload(QObject *parent = nullptr);
    ~FactoryDownload() override;

    // The schematic with no extensions and no extra kernel arguments.
    static QString vanillaSchematic();
    static QString defaultBaseUrl();
    // "1.9.5" and "v1.9.5" both give "v1.9.5" (the factory accepts both; one spelling keeps
    // URLs and file records comparable).
    static QString normalizedVersion(const QString &version);
    // <base>/image/<schematic>/<version>/kernel-amd64, initramfs-amd64.xz, or (Other) cmdline-metal-amd64.
    static QUrl fileUrl(const QString &baseUrl, const QString &schematic, const QString &version,
                        ArtifactKind kind);
    // The name a kind gets in the destination folder: vmlinuz-amd64, initramfs-amd64.xz.
    static QString fileName(ArtifactKind kind);

    // Downloads the kernel, then the initramfs. Ignored while isRunning(). Emits finished()
    // before returning when the address or the folder is unusable; connect first.
    void start(const QString &baseUrl, const QString &schematic, const QString &version,
               const QString &destinationDir);
    // Stops at once; emits finished(false, ...) with Outcome::Cancelled before returning.
    void cancel();
    bool isRunning() const { return m_running; }

    // Valid after finished(): how the last run ended, and the HTTP status of an HttpError.
    Outcome outcome() const { return m_outcome; }
    // After a Done run: the factory's kernel command line for the image
    // (<version>/cmdline-metal-amd64, reference §8.6) saved next to the files as
    // cmdline-metal-amd64; empty when the factory did not serve a usable one (the console
    // then uses Talos's defaults for the version).
    QString cmdlinePath() const { return m_cmdlinePath; }
    static QString cmdlineFileName() { return QStringLiteral("cmdline-metal-amd64"); }
    int httpStatus() const { return m_httpStatus; }

    // A dropped connection (or one silent for stallTimeoutMs) is resumed up to maxRetries
    // times in a row without progress, after retryDelayMs, 2 x retryDelayMs ...
    struct RetryPolicy {
        int maxRetries = 4;
        int retryDelayMs = 1000;
        int stallTimeoutMs = 30000;
    };
    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }
    RetryPolicy retryPolicy() const { return m_policy; }

Q_SIGNALS:
    // total is -1 while unknown; bytesPerSecond is smoothed. At most ~10 a second per file,
    // and one when a file is complete.
    void progress(Nbc::ArtifactKind kind, qint64 received, qint64 total, double bytesPerSecond);
    // A file is complete, checked and in place.
    void fileFinished(Nbc::ArtifactKind kind, const QString &path, const QString &sha256Hex, qint64 size);
    // What is happening, for a person: "Resuming kernel-amd64 at 12.0 MiB (attempt 2 of 5) ...".
    void status(const QString &message);
    // The run is over; outcome() tells how. message is for a person and says what to do.
    void finished(bool ok, const QString &message);

private:
    void startFile();
    void sendRequest();
    bool acceptResponse(bool replyFinished);
    void onReadyRead();
    void onFinished();
    void retryOrFail(const QString &reason);
    void completeFile();
    void fetchCmdline();
    void onCmdlineFinished();
    void finish(Outcome outcome, const QString &message);
    void dropReply();
    bool openPart(bool truncate);
    bool appendToPart(const QByteArray &bytes);
    void emitProgress(bool force);
    QString remoteName() const;
    QString sourceRecordPath() const;
    bool writeSourceRecord(QNetworkReply *reply);

    QNetworkAccessManager *m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    QPointer<QNetworkReply> m_cmdlineReply;
    QString m_cmdlinePath;
    QTimer *m_retryTimer = nullptr;
    RetryPolicy m_policy;

    QString m_baseUrl;
    QString m_schematic;
    QString m_version;
    QString m_destination;
    ArtifactKind m_kind = ArtifactKind::None;
    bool m_running = false;
    Outcome m_outcome = Outcome::Done;
    int m_httpStatus = 0;

    // The file being downloaded.
    QFile m_part;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_size = 0;           // bytes in the .part (and in m_hash)
    qint64 m_total = -1;         // the whole file's size, once a response told it
    QByteArray m_validator;      // ETag or Last-Modified of the file the .part holds
    qint64 m_requestedFrom = 0;  // the Range start of the current request
    bool m_responseAccepted = false;
    int m_failuresWithoutProgress = 0;
    qint64 m_sizeAtRequest = 0;
    bool m_restartedAfter416 = false;

    // Smoothed rate and progress pacing.
    QElapsedTimer m_rateClock;
    qint64 m_rateBytes = 0;
    double m_rate = 0;
    QElapsedTimer m_progressClock;
};

} // namespace Nbc::Boot
