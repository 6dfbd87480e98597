#include "inventory/inventorystore.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QUuid>
#include <QVariant>

namespace Nbc {

namespace {

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime fromIso(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    time.setTimeSpec(Qt::UTC);
    return time;
}

Stage stageOr(const QString &name, Stage fallback)
{
    Stage stage;
    return stageFromName(name, &stage) ? stage : fallback;
}

} // namespace

InventoryStore::InventoryStore(QObject *parent)
    : QObject(parent)
    , m_flushTimer(new QTimer(this))
{
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("nbc-inventory"));
    m_writer = new QObject;
    m_writer->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_writer, &QObject::deleteLater);
    m_thread->start();
    m_flushTimer->setInterval(1000);
    connect(m_flushTimer, &QTimer::timeout, this, [this] {
        // In the background: the main thread only copies the changed rows.
        Batch batch = takeBatch();
        if (batch.isEmpty())
            return;
        QMetaObject::invokeMethod(m_writer, [this, batch = std::move(batch)] {
            QString error;
            if (!writeBatch(batch, &error))
                Q_EMIT writeFailed(error);
        }, Qt::QueuedConnection);
    });
}

InventoryStore::~InventoryStore()
{
    if (isOpen())
        flush();
    close();
    m_thread->quit();
    m_thread->wait();
}

template<typename Functor>
void InventoryStore::inWriter(Functor &&functor) const
{
    QMetaObject::invokeMethod(m_writer, std::forward<Functor>(functor), Qt::BlockingQueuedConnection);
}

void InventoryStore::setFlushInterval(int ms)
{
    m_flushTimer->setInterval(ms);
}

bool InventoryStore::exec(const QString &sql, QString *error) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    if (!query.exec(sql)) {
        if (error)
            *error = tr("Inventory %1: %2").arg(m_path, query.lastError().text());
        return false;
    }
    return true;
}

bool InventoryStore::open(const QString &path, QString *error)
{
    close();
    bool ok = false;
    QString message;
    inWriter([&] { ok = openConnection(path, &message); });
    m_open = ok;
    if (!ok && error)
        *error = message;
    return ok;
}

bool InventoryStore::openConnection(const QString &path, QString *error)
{
    m_path = path;
    QDir().mkpath(QFileInfo(path).absolutePath());
    m_connection = QStringLiteral("nbc-inventory-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    if (!db.open()) {
        if (error)
            *error = tr("The inventory %1 cannot be opened: %2").arg(path, db.lastError().text());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
        m_connection.clear();
        return false;
    }
    // WAL: readers never block the writer and a process killed mid-transaction leaves
    // the last committed state (DESIGN.md reliability stance).
    const QStringList setup = {
        QStringLiteral("PRAGMA journal_mode=WAL"),
        QStringLiteral("PRAGMA synchronous=NORMAL"),
        QStringLiteral("PRAGMA busy_timeout=2000"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS machines(mac TEXT PRIMARY KEY, other_macs TEXT, stage TEXT, "
                       "first_seen TEXT, last_seen TEXT, stage_since TEXT, ip TEXT, firmware TEXT, arch TEXT, "
                       "uuid TEXT, serial TEXT, manufacturer TEXT, product TEXT, hint TEXT, failure TEXT, "
                       "talos_state TEXT, boots INTEGER, simulated INTEGER)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS history(id INTEGER PRIMARY KEY AUTOINCREMENT, mac TEXT, "
                       "time TEXT, stage TEXT, detail TEXT)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS history_mac ON history(mac, id)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS logs(id INTEGER PRIMARY KEY AUTOINCREMENT, mac TEXT, time TEXT, "
                       "level TEXT, service TEXT, message TEXT)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS logs_mac ON logs(mac, id)"),
        QStringLiteral("INSERT OR IGNORE INTO meta(key, value) VALUES('schema', '%1')").arg(kSchemaVersion),
    };
    for (const QString &sql : setup) {
        if (!exec(sql, error)) {
            closeConnection();
            return false;
        }
    }
    return true;
}

void InventoryStore::close()
{
    m_flushTimer->stop();
    if (!m_open)
        return;
    inWriter([this] { closeConnection(); });
    m_open = false;
}

void InventoryStore::closeConnection()
{
    if (m_connection.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

bool InventoryStore::integrityOk() const
{
    if (!isOpen())
        return false;
    bool ok = false;
    inWriter([&] {
        QSqlQuery query(QSqlDatabase::database(m_connection));
        ok = query.exec(QStringLiteral("PRAGMA integrity_check")) && query.next()
            && query.value(0).toString() == QLatin1String("ok");
    });
    return ok;
}

QList<Machine> InventoryStore::load(QString *error) const
{
    QList<Machine> machines;
    if (!isOpen())
        return machines;
    inWriter([&] { machines = loadRows(error); });
    return machines;
}

QList<Machine> InventoryStore::loadRows(QString *error) const
{
    QList<Machine> machines;
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT mac, other_macs, stage, first_seen, last_seen, stage_since, ip, firmware, "
                                   "arch, uuid, serial, manufacturer, product, hint, failure, talos_state, boots, "
                                   "simulated FROM machines ORDER BY first_seen"))) {
        if (error)
            *error = query.lastError().text();
        return machines;
    }
    QHash<QString, int> index;
    while (query.next()) {
        Machine m;
        m.mac = query.value(0).toString();
        m.otherMacs = query.value(1).toString().split(u',', Qt::SkipEmptyParts);
        m.stage = stageOr(query.value(2).toString(), Stage::Discovered);
        m.firstSeen = fromIso(query.value(3).toString());
        m.lastSeen = fromIso(query.value(4).toString());
        m.stageSince = fromIso(query.value(5).toString());
        m.ip = QHostAddress(query.value(6).toString());
        m.firmware = query.value(7).toString();
        m.arch = query.value(8).toString();
        m.uuid = query.value(9).toString();
        m.serial = query.value(10).toString();
        m.manufacturer = query.value(11).toString();
        m.product = query.value(12).toString();
        m.hint = query.value(13).toString();
        m.failure = query.value(14).toString();
        m.talosState = query.value(15).toString();
        m.boots = query.value(16).toInt();
        m.simulated = query.value(17).toBool();
        index.insert(m.mac, int(machines.size()));
        machines.append(m);
    }
    QSqlQuery history(db);
    history.exec(QStringLiteral("SELECT mac, time, stage, detail FROM history ORDER BY id"));
    while (history.next()) {
        const auto it = index.constFind(history.value(0).toString());
        if (it == index.constEnd())
            continue;
        Machine &m = machines[*it];
        m.history.append({stageOr(history.value(2).toString(), Stage::Discovered), fromIso(history.value(1).toString()),
                          history.value(3).toString()});
        if (m.history.size() > MachineRegistry::kHistoryCap)
            m.history.removeFirst();
    }
    QSqlQuery logs(db);
    logs.exec(QStringLiteral("SELECT mac, time, level, service, message FROM logs ORDER BY id"));
    while (logs.next()) {
        const auto it = index.constFind(logs.value(0).toString());
        if (it == index.constEnd())
            continue;
        Machine &m = machines[*it];
        m.logs.append({fromIso(logs.value(1).toString()), logs.value(2).toString(), logs.value(3).toString(),
                       logs.value(4).toString()});
        if (m.logs.size() > MachineRegistry::kLogCap)
            m.logs.removeFirst();
    }
    return machines;
}

void InventoryStore::attach(MachineRegistry *registry)
{
    if (m_registry == registry) {
        // Attached again after close() and open() (a kit bundle replaced the file): the
        // registry's machines are all written to it, and the writes go on.
        for (auto it = registry->machines().cbegin(); it != registry->machines().cend(); ++it)
            m_dirty.insert(it.key());
        m_flushTimer->start();
        return;
    }
    m_registry = registry;
    connect(registry, &MachineRegistry::machinesChanged, this, [this](const QStringList &macs) {
        for (const QString &mac : macs)
            m_dirty.insert(mac);
    });
    connect(registry, &MachineRegistry::machineAdded, this, [this](const QString &mac) {
        m_dirty.insert(mac);
        m_removed.remove(mac);
    });
    connect(registry, &MachineRegistry::machineRemoved, this, [this](const QString &mac) {
        m_dirty.remove(mac);
        m_removed.insert(mac);
    });
    connect(registry, &MachineRegistry::stageChanged, this, [this](const QString &mac, Stage stage, const QString &detail) {
        const Machine *m = m_registry->machine(mac);
        m_history.append({mac, {stage, m ? m->stageSince : QDateTime::currentDateTimeUtc(), detail}});
        // The row too, at once: a flush between the change and the registry's next publish
        // (on quit) must not keep the history's new stage and the row's old one.
        m_dirty.insert(mac);
        if (m_history.size() > 50000)
            m_history.erase(m_history.begin(), m_history.begin() + (m_history.size() - 50000));
    });
    connect(registry, &MachineRegistry::logReceived, this, [this](const QString &mac, const LogLine &line) {
        m_logs.append({mac, line});
        // A log flood must not hold unbounded memory until the next flush.
        if (m_logs.size() > 20000)
            m_logs.erase(m_logs.begin(), m_logs.begin() + (m_logs.size() - 20000));
    });
    m_flushTimer->start();
}

InventoryStore::Batch InventoryStore::takeBatch()
{
    Batch batch;
    for (const QString &mac : std::as_const(m_dirty)) {
        if (const Machine *m = m_registry ? m_registry->machine(mac) : nullptr) {
            Machine row = *m;
            // The writer needs the row, not the history and logs it carries in memory.
            row.history.clear();
            row.logs.clear();
            batch.machines.append(row);
        }
    }
    batch.removed = m_removed;
    batch.history = m_history;
    batch.logs = m_logs;
    m_dirty.clear();
    m_removed.clear();
    m_history.clear();
    m_logs.clear();
    return batch;
}

bool InventoryStore::flush(QString *error)
{
    if (!isOpen())
        return true;
    Batch batch = takeBatch();
    bool ok = true;
    // Also waits for any background write queued before this one.
    inWriter([&] { ok = batch.isEmpty() || writeBatch(batch, error); });
    return ok;
}

bool InventoryStore::writeBatch(const Batch &batch, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction()) {
        if (error)
            *error = tr("Inventory %1: %2").arg(m_path, db.lastError().text());
        return false;
    }
    QSqlQuery upsert(db);
    upsert.prepare(QStringLiteral(
        "INSERT INTO machines(mac, other_macs, stage, first_seen, last_seen, stage_since, ip, firmware, arch, uuid, "
        "serial, manufacturer, product, hint, failure, talos_state, boots, simulated) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(mac) DO UPDATE SET other_macs=excluded.other_macs, "
        "stage=excluded.stage, last_seen=excluded.last_seen, stage_since=excluded.stage_since, ip=excluded.ip, "
        "firmware=excluded.firmware, arch=excluded.arch, uuid=excluded.uuid, serial=excluded.serial, "
        "manufacturer=excluded.manufacturer, product=excluded.product, hint=excluded.hint, failure=excluded.failure, "
        "talos_state=excluded.talos_state, boots=excluded.boots, simulated=excluded.simulated"));
    bool ok = true;
    QString failure;
    for (const Machine &row : batch.machines) {
        const Machine *m = &row;
        const QVariantList values = {
            m->mac, m->otherMacs.join(u','), stageName(m->stage), isoTime(m->firstSeen), isoTime(m->lastSeen),
            isoTime(m->stageSince), m->ip.isNull() ? QString() : m->ip.toString(), m->firmware, m->arch, m->uuid,
            m->serial, m->manufacturer, m->product, m->hint, m->failure, m->talosState, m->boots, m->simulated,
        };
        for (int i = 0; i < values.size(); ++i)
            upsert.bindValue(i, values.at(i));
        if (!upsert.exec()) {
            ok = false;
            failure = upsert.lastError().text();
            break;
        }
    }
    QSqlQuery remove(db);
    for (const QString &mac : batch.removed) {
        for (const char *table : {"machines", "history", "logs"}) {
            remove.prepare(QStringLiteral("DELETE FROM %1 WHERE mac=?").arg(QLatin1String(table)));
            remove.bindValue(0, mac);
            remove.exec();
        }
    }
    QSqlQuery history(db);
    history.prepare(QStringLiteral("INSERT INTO history(mac, time, stage, detail) VALUES(?,?,?,?)"));
    for (const PendingHistory &h : batch.history) {
        if (batch.removed.contains(h.mac))
            continue;
        history.bindValue(0, h.mac);
        history.bindValue(1, isoTime(h.change.time));
        history.bindValue(2, stageName(h.change.stage));
        history.bindValue(3, h.change.detail);
        if (ok && !history.exec()) {
            ok = false;
            failure = history.lastError().text();
        }
    }
    QSqlQuery logs(db);
    logs.prepare(QStringLiteral("INSERT INTO logs(mac, time, level, service, message) VALUES(?,?,?,?,?)"));
    QSet<QString> logged;
    for (const PendingLog &l : batch.logs) {
        if (batch.removed.contains(l.mac))
            continue;
        logs.bindValue(0, l.mac);
        logs.bindValue(1, isoTime(l.line.time));
        logs.bindValue(2, l.line.level);
        logs.bindValue(3, l.line.service);
        logs.bindValue(4, l.line.message);
        if (ok && !logs.exec()) {
            ok = false;
            failure = logs.lastError().text();
        }
        logged.insert(l.mac);
    }
    // Keep the last lines of each machine only: the file must not grow without bound.
    QSqlQuery trim(db);
    trim.prepare(QStringLiteral("DELETE FROM logs WHERE mac=?1 AND id <= (SELECT id FROM logs WHERE mac=?1 "
                                "ORDER BY id DESC LIMIT 1 OFFSET %1)").arg(kLogsPerMachine));
    QSqlQuery trimHistory(db);
    trimHistory.prepare(QStringLiteral("DELETE FROM history WHERE mac=?1 AND id <= (SELECT id FROM history WHERE "
                                       "mac=?1 ORDER BY id DESC LIMIT 1 OFFSET %1)").arg(MachineRegistry::kHistoryCap));
    for (const QString &mac : std::as_const(logged)) {
        trim.bindValue(0, mac);
        trim.exec();
    }
    for (const PendingHistory &h : batch.history) {
        trimHistory.bindValue(0, h.mac);
        trimHistory.exec();
    }
    if (!ok) {
        db.rollback();
        if (error)
            *error = tr("Inventory %1: %2").arg(m_path, failure);
        return false;
    }
    if (!db.commit()) {
        if (error)
            *error = tr("Inventory %1: %2").arg(m_path, db.lastError().text());
        return false;
    }
    return true;
}

} // namespace Nbc
