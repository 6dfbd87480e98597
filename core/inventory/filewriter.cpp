#include "inventory/filewriter.h"

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
    {
        const std::lock_guard lock(m_mutex);
        m_queue.insert(path, bytes);
    }
    m_wake.notify_all();
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
        const QByteArray bytes = first.value();
        m_queue.erase(first);
        m_busy = true;
        lock.unlock();

        QString error;
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            error = tr("Cannot write %1: %2").arg(path, file.errorString());

        lock.lock();
        m_busy = false;
        if (!error.isEmpty()) {
            m_lastError = error;
            QMetaObject::invokeMethod(this, [this, error] { Q_EMIT failed(error); }, Qt::QueuedConnection);
        }
        if (m_queue.isEmpty())
            m_idle.notify_all();
    }
}

} // namespace Nbc
