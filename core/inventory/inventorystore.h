#pragma once

#include "inventory/machineregistry.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

class QThread;
class QTimer;

namespace Nbc {

// What was observed, kept across restarts: machines, their facts, stage history and last
// log lines, in SQLite (WAL, so a killed process leaves a consistent file). Not intent:
// that is netboot.yaml. Lives on the main thread next to the registry; writes are
// batched in one transaction a second, on a thread of its own so that a thousand rows
// never hold up the window.
class InventoryStore : public QObject
{
    Q_OBJECT
public:
    explicit InventoryStore(QObject *parent = nullptr);
    ~InventoryStore() override;

    static constexpr int kSchemaVersion = 1;
    static constexpr int kLogsPerMachine = MachineRegistry::kLogCap;

    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const { return m_open; }
    void close();
    QString path() const { return m_path; }

    QList<Machine> load(QString *error = nullptr) const;
    // Follows the registry: changed machines, stage changes and log lines are queued and
    // written by a timer every second (in the background) or by flush(), which returns
    // once everything queued so far is on disk. Attaching the same registry again (after
    // close() and open()) writes all of its machines to the file now open.
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
    // One transaction's worth of changes, copied out of the registry on the main thread.
    struct Batch {
        QList<Machine> machines;
        QSet<QString> removed;
        QList<PendingHistory> history;
        QList<PendingLog> logs;
        bool isEmpty() const { return machines.isEmpty() && removed.isEmpty() && history.isEmpty() && logs.isEmpty(); }
    };
    Batch takeBatch();
    // Run in the writer thread, which owns the database connection.
    bool openConnection(const QString &path, QString *error);
    void closeConnection();
    bool writeBatch(const Batch &batch, QString *error);
    QList<Machine> loadRows(QString *error) const;
    bool exec(const QString &sql, QString *error) const;
    template<typename Functor>
    void inWriter(Functor &&functor) const;

    QString m_path;
    QString m_connection;
    bool m_open = false;
    QThread *m_thread = nullptr;
    QObject *m_writer = nullptr;
    MachineRegistry *m_registry = nullptr;
    QSet<QString> m_dirty;
    QSet<QString> m_removed;
    QList<PendingHistory> m_history;
    QList<PendingLog> m_logs;
    QTimer *m_flushTimer = nullptr;
};

} // namespace Nbc
