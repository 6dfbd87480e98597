#pragma once

#include "protocol/dhcp/leasepool.h"

#include <QCoreApplication>
#include <QString>

namespace Nbc {

// The lease pool on disk (leases.json in the workspace), so a machine keeps its address
// across restarts of the console. Written whole and atomically (QSaveFile).
class LeaseFile
{
    Q_DECLARE_TR_FUNCTIONS(LeaseFile)
public:
    explicit LeaseFile(const QString &path) : m_path(path) {}

    QString path() const { return m_path; }

    // Fills pool from the file; a missing file leaves it empty. A file that is not a lease
    // file is moved aside to "<path>.broken-<UTC time>" (kept for the user, never written
    // over) and the pool starts empty. *warning says what happened, for the user; empty
    // when all went well. False when the file was set aside. A broken lease file costs
    // addresses, never the service.
    bool load(Dhcp::LeasePool &pool, QString *warning) const;
    bool save(const Dhcp::LeasePool &pool, QString *error) const;

private:
    QString m_path;
};

} // namespace Nbc
