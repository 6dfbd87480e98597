#include "inventory/filewriter.h"

#include <QFile>
#include <QMetaObject>
#include <QSaveFile>
#include <QThread>

namespace Nbc {

FileWriter::FileWriter(QObject *parent)
    : QObject(parent)
{
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("nbc-files"));
    m_thread->start();
}

FileWriter::~FileWriter()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread->wait();
    delete m_thread;
}

void FileWriter::write(const QString &path, const QByteArray &bytes)
{
    write(path, [bytes] { return bytes; });
}

void FileWriter::write(const QString &path, Producer produce)
{
    {
        const std::lock_guard lock(m_mutex);
        m_queue.insert(path, Job{std::move(produce), false});
    }
    m_wake.notify_all();
}

void FileWriter::writeIfUnchanged(const QString &path, Producer produce)
{
    {
        const std::lock_guard lock(m_mutex);
        m_queue.insert(path, Job{std::move(produce), true});
    }
    m_wake.notify_all();
}

void FileWriter::expect(const QString &path, const QByteArray &bytes)
{
    const std::lock_guard lock(m_mutex);
    m_onDisk.insert(path, bytes);
}

QByteArray FileWriter::expected(const QString &path) const
{
    const std::lock_guard lock(m_mutex);
    return m_onDisk.value(path);
}

bool FileWriter::pending(const QString &path) const
{
    const std::lock_guard lock(m_mutex);
    return m_queue.contains(path) || (m_busy && m_busyPath == path);
}

bool FileWriter::flush(QString *error)
{
    std::unique_lock lock(m_mutex);
    m_lastError.clear();
    m_idle.wait(lock, [this] { return m_queue.isEmpty() && !m_busy; });
    if (!m_lastError.isEmpty()) {
        if (error)
            *error = m_lastError;
        return false;
    }
    return true;
}

void FileWriter::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.isEmpty(); });
        if (m_queue.isEmpty()) {
            if (m_stopping)
                return;
            continue;
        }
        const auto first = m_queue.begin();
        const QString path = first.key();
        const Job job = first.value();
        m_queue.erase(first);
        m_busy = true;
        m_busyPath = path;
        const QByteArray expected = m_onDisk.value(path);
        lock.unlock();

        QString error;
        bool changed = false;
        QByteArray bytes;
        if (job.checked) {
            // Someone else's bytes in the file (a hand edit the owner has not read yet)
            // are never written over. A file that cannot be read is no such edit: the
            // write below says why it fails, as the owner's own check does.
            QFile current(path);
            if (current.open(QIODevice::ReadOnly))
                changed = current.readAll() != expected;
        }
        if (!changed) {
            bytes = job.produce();
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
                error = tr("Cannot write %1: %2").arg(path, file.errorString());
        }

        lock.lock();
        m_busy = false;
        m_busyPath.clear();
        if (!changed && error.isEmpty() && (job.checked || m_onDisk.contains(path)))
            m_onDisk.insert(path, bytes);
        if (changed)
            QMetaObject::invokeMethod(this, [this, path] { Q_EMIT conflict(path); }, Qt::QueuedConnection);
        if (!error.isEmpty()) {
            m_lastError = error;
            QMetaObject::invokeMethod(this, [this, error] { Q_EMIT failed(error); }, Qt::QueuedConnection);
        }
        if (m_queue.isEmpty())
            m_idle.notify_all();
    }
}

} // namespace Nbc
