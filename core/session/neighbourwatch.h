#pragma once

#include "engine/engine.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace Nbc {

// Who on the LAN the console turned away, gathered from every engine's refusals and the
// registry's: the operator sees an attack or a misconfigured neighbour, not silence.
// Bounded: the newest kMaxEntries (engine, address, reason) triples are kept.
class NeighbourWatch : public QObject
{
    Q_OBJECT
public:
    struct Entry {
        QString engine;          // "http", "tftp", "logs", "dhcp-proxy", "registry"
        QHostAddress address;
        QString reason;          // the counter's reason, e.g. "per-address-limit"
        quint64 count = 0;
        qint64 lastMs = 0;       // ms since the epoch
    };
    static constexpr int kMaxEntries = 64;
    // Refusals older than this no longer make the window's warning.
    static constexpr qint64 kRecentMs = 120000;
    // A running refusal is announced again at most this often.
    static constexpr qint64 kAnnounceEveryMs = 10000;

    explicit NeighbourWatch(QObject *parent = nullptr);

    // An engine's status: its refusals list carries running counts.
    void takeStatus(const EngineStatus &status);
    // One refusal that is not in an engine's status (the registry's).
    void add(const QString &engine, const QHostAddress &address, const QString &reason);

    QList<Entry> entries() const;   // newest first
    // One or two sentences for the window about the recent refusals; empty when none.
    QString warning() const;
    // What a reason means, for a person.
    static QString describe(const QString &engine, const QString &reason);

    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

Q_SIGNALS:
    // Once when an address is first turned away for a reason, then at most every
    // kAnnounceEveryMs while it goes on (headless prints it as a `refused` line).
    void refused(const Nbc::NeighbourWatch::Entry &entry);
    void changed();

private:
    void update(const QString &engine, const QHostAddress &address, const QString &reason, quint64 count,
                qint64 lastMs);
    qint64 nowMs() const;

    struct Tracked {
        Entry entry;
        qint64 announcedMs = -1;
        quint64 announcedCount = 0;
    };
    QHash<QString, Tracked> m_entries;   // engine|address|reason
    std::function<qint64()> m_clock;
};

} // namespace Nbc

Q_DECLARE_METATYPE(Nbc::NeighbourWatch::Entry)
