#pragma once

#include "inventory/machineregistry.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

class QTimer;

namespace Nbc {

// What was observed, kept across restarts: machines, their facts, stage history and last
// log lines, in SQLite (WAL, so a killed process leaves a consistent file). Not intent:
// that is netboot.yaml. Lives on the main thread next to the registry; writes are
// batched in one transaction a second.
class InventoryStore : public QObject
{
    Q_OBJECT
public:
    explicit InventoryStore(QObject *parent = nullptr);
    ~InventoryStore() override;

    static constexpr int kSchemaVersion = 1;
    static constexpr int kLogsPerMachine = MachineRegistry::kLogCap;

    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const { return !m_connection.isEmpty(); }
    void close();
    QString path() const { return m_path; }

    QList<Machine> load(QString *error = nullptr) const;
    // Follows the registry: changed machines, stage changes and log lines are queued and
    // written by flush(), which a timer calls every second.
    void attach(MachineRegistry *registry);
    bool flush(QString *error = nullptr);
    void setFlushInterval(int ms);

    bool integrityOk() const;

Q_SIGNALS:
    void writeFailed(const QString &message);

private:
    struct PendingHistory {
        QString mac;
        StageChange change;
    };
    struct PendingLog {
        QString mac;
        LogLine line;
    };
    bool exec(const QString &sql, QString *error) const;

    QString m_path;
    QString m_connection;
    MachineRegistry *m_registry = nullptr;
    QSet<QString> m_dirty;
    QSet<QString> m_removed;
    QList<PendingHistory> m_history;
    QList<PendingLog> m_logs;
    QTimer *m_flushTimer = nullptr;
};

} // namespace Nbc
