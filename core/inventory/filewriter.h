#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <condition_variable>
#include <functional>
#include <mutex>

class QThread;

namespace Nbc {

// Writes whole files atomically (QSaveFile: a temporary file, flushed, renamed) on a
// thread of its own, so that what a pallet reports is kept without the window waiting
// for the disk. The latest bytes for a path win: a write queued while an older one for
// the same path waits replaces it. Failures come back as failed(), in the owner's thread.
//
// The bytes may also be made on that thread (a producer: serialising 5000 machines takes
// longer than a frame), and a write may be made conditional on the file still holding
// what this writer last wrote or was told it holds (expect()): a hand edit made since
// is then never written over, and conflict() says so.
class FileWriter : public QObject
{
    Q_OBJECT
public:
    using Producer = std::function<QByteArray()>;

    explicit FileWriter(QObject *parent = nullptr);
    ~FileWriter() override;   // writes what is queued, then stops

    void write(const QString &path, const QByteArray &bytes);
    // `produce` runs on the writer's thread: it must own what it reads (copies).
    void write(const QString &path, Producer produce);
    // Written only if the file still holds expected(path); otherwise conflict(path).
    void writeIfUnchanged(const QString &path, Producer produce);
    // What the file holds now, as its owner has just read it (opened, reloaded).
    void expect(const QString &path, const QByteArray &bytes);
    // What this writer last wrote to the file or was told it holds.
    QByteArray expected(const QString &path) const;
    // A write of this path is queued or under way.
    bool pending(const QString &path) const;
    // Returns once everything queued so far is on disk (or failed): before the files are
    // read by someone else (an export, a rewrite of the workspace).
    bool flush(QString *error = nullptr);

Q_SIGNALS:
    void failed(const QString &message);
    // A writeIfUnchanged() found the file changed by someone else and wrote nothing.
    void conflict(const QString &path);

private:
    struct Job {
        Producer produce;
        bool checked = false;
    };

    void run();

    QThread *m_thread = nullptr;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    QHash<QString, Job> m_queue;          // guarded by m_mutex
    QHash<QString, QByteArray> m_onDisk;  // guarded; see expect()
    QString m_busyPath;                   // guarded; the path being written
    bool m_busy = false;                  // the thread is writing (guarded)
    bool m_stopping = false;              // guarded
    QString m_lastError;                  // guarded; the latest failure, for flush()
};

} // namespace Nbc
