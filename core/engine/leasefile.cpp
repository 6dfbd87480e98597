#include "engine/leasefile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <fcntl.h>
#include <unistd.h>

namespace Nbc {

namespace {

constexpr qint64 kMaxFileSize = 64 * 1024 * 1024;   // 65536 leases are ~8 MiB

} // namespace

bool LeaseFile::load(Dhcp::LeasePool &pool, QString *warning) const
{
    warning->clear();
    QFile file(m_path);
    if (!file.exists())
        return true;
    QString problem;
    int skipped = 0;
    if (!file.open(QIODevice::ReadOnly))
        problem = file.errorString();
    else if (file.size() > kMaxFileSize)
        problem = tr("larger than %1 bytes").arg(kMaxFileSize);
    else if (!pool.restore(file.readAll(), &problem, &skipped))
        problem = problem.isEmpty() ? tr("unreadable") : problem;
    file.close();
    if (problem.isEmpty()) {
        if (skipped > 0) {
            *warning = tr("%1: %n leases were left out (outside the DHCP range, or malformed).", nullptr, skipped)
                           .arg(m_path);
        }
        return true;
    }
    const QString aside = m_path + QStringLiteral(".broken-")
        + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (QFile::rename(m_path, aside)) {
        *warning = tr("The lease file %1 could not be read (%2). It was moved to %3; machines will get new "
                      "addresses where needed.").arg(m_path, problem, aside);
    } else {
        *warning = tr("The lease file %1 could not be read (%2) and could not be moved aside; it will be "
                      "replaced by the current leases. Check the folder's permissions.").arg(m_path, problem);
    }
    return false;
}

bool LeaseFile::save(const Dhcp::LeasePool &pool, QString *error) const
{
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write the lease file %1: %2").arg(m_path, file.errorString());
        return false;
    }
    file.write(pool.toJson());
    // commit() syncs the file's data before the rename; the folder is synced after it so
    // the rename itself survives a power cut, not only a crash of the console.
    if (!file.commit()) {
        *error = tr("Cannot write the lease file %1: %2").arg(m_path, file.errorString());
        return false;
    }
    const int folder = ::open(QFile::encodeName(QFileInfo(m_path).absolutePath()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder >= 0) {
        ::fsync(folder);
        ::close(folder);
    }
    return true;
}

} // namespace Nbc
