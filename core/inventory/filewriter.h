#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <condition_variable>
#include <mutex>

class QThread;

namespace Nbc {

// Writes whole files atomically (QSaveFile: a temporary file, flushed, renamed) on a
// thread of its own, so that what a pallet reports is kept without the window waiting
// for the disk. The latest bytes for a path win: a write queued while an older one for
// the same path waits replaces it. Failures come back as failed(), in the owner's thread.
class FileWriter : public QObject
{
    Q_OBJECT
public:
    explicit FileWriter(QObject *parent = nullptr);
    ~FileWriter() override;   // writes what is queued, then stops

    void write(const QString &path, const QByteArray &bytes);
    // Returns once everything queued so far is on disk (or failed): before the files are
    // read by someone else (an export, a rewrite of the workspace).
    bool flush(QString *error = nullptr);

Q_SIGNALS:
    void failed(const QString &message);

private:
    void run();

    QThread *m_thread = nullptr;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    QHash<QString, QByteArray> m_queue;   // guarded by m_mutex
    bool m_busy = false;                  // the thread is writing (guarded)
    bool m_stopping = false;              // guarded
    QString m_lastError;                  // guarded; the latest failure, for flush()
};

} // namespace Nbc
