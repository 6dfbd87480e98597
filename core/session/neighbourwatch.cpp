#include "session/neighbourwatch.h"

#include <QDateTime>

#include <algorithm>
#include <limits>

namespace Nbc {

NeighbourWatch::NeighbourWatch(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Nbc::NeighbourWatch::Entry>();
}

qint64 NeighbourWatch::nowMs() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void NeighbourWatch::takeStatus(const EngineStatus &status)
{
    for (const Refusal &refusal : status.refusals)
        update(status.engine, refusal.address, refusal.reason, refusal.count, refusal.lastMs);
}

void NeighbourWatch::add(const QString &engine, const QHostAddress &address, const QString &reason)
{
    const QString key = engine + u'|' + address.toString() + u'|' + reason;
    const auto it = m_entries.constFind(key);
    update(engine, address, reason, (it == m_entries.cend() ? 0 : it->entry.count) + 1, nowMs());
}

void NeighbourWatch::update(const QString &engine, const QHostAddress &address, const QString &reason,
                            quint64 count, qint64 lastMs)
{
    const QString key = engine + u'|' + address.toString() + u'|' + reason;
    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        if (m_entries.size() >= kMaxEntries) {
            auto oldest = m_entries.begin();
            for (auto e = m_entries.begin(); e != m_entries.end(); ++e) {
                if (e->entry.lastMs < oldest->entry.lastMs)
                    oldest = e;
            }
            m_entries.erase(oldest);
        }
        it = m_entries.insert(key, Tracked{{engine, address, reason, 0, 0}, -1, 0});
    }
    // An engine's list may have dropped and re-added the address (its own bound): counts
    // only ever grow here.
    if (count <= it->entry.count)
        return;
    it->entry.count = count;
    it->entry.lastMs = std::max(it->entry.lastMs, lastMs);
    const qint64 now = nowMs();
    if (it->announcedMs < 0 || now - it->announcedMs >= kAnnounceEveryMs) {
        it->announcedMs = now;
        it->announcedCount = count;
        Q_EMIT refused(it->entry);
    }
    Q_EMIT changed();
}

QList<NeighbourWatch::Entry> NeighbourWatch::entries() const
{
    QList<Entry> list;
    list.reserve(m_entries.size());
    for (const Tracked &tracked : m_entries)
        list.append(tracked.entry);
    std::sort(list.begin(), list.end(), [](const Entry &a, const Entry &b) {
        return a.lastMs != b.lastMs ? a.lastMs > b.lastMs : a.count > b.count;
    });
    return list;
}

QString NeighbourWatch::describe(const QString &engine, const QString &reason)
{
    if (reason == QLatin1String("per-address-limit")) {
        if (engine == QLatin1String("http"))
            return tr("more HTTP connections at once than a machine opens");
        if (engine == QLatin1String("tftp"))
            return tr("more TFTP transfers at once than a machine asks for");
        if (engine == QLatin1String("logs"))
            return tr("more log connections at once than Talos opens");
    }
    if (reason == QLatin1String("other-pi"))
        return tr("a Raspberry Pi's own boot folder, asked for by another address");
    if (reason == QLatin1String("too-slow"))
        return tr("an HTTP download read too slowly to keep its slot");
    if (reason == QLatin1String("idle"))
        return tr("a log connection that sent nothing for minutes");
    if (reason == QLatin1String("line-too-long") || reason == QLatin1String("line-timeout"))
        return tr("log lines that Talos never sends (endless or never finished)");
    if (reason == QLatin1String("new-machine-rate"))
        return tr("new machines faster than a pallet powers on (forged DHCP?)");
    if (reason == QLatin1String("registry-full"))
        return tr("new machines beyond the limit of the workspace (limits: maxMachines)");
    return reason;
}

QString NeighbourWatch::warning() const
{
    const qint64 now = nowMs();
    QList<Entry> recent;
    for (const Entry &entry : entries()) {
        if (now - entry.lastMs <= kRecentMs)
            recent.append(entry);
    }
    if (recent.isEmpty())
        return {};
    std::stable_sort(recent.begin(), recent.end(), [](const Entry &a, const Entry &b) { return a.count > b.count; });
    const Entry &top = recent.first();
    const QString who = top.address.isNull() || top.address == QHostAddress(QHostAddress::AnyIPv4)
                            ? tr("Clients without an address yet")
                            : top.address.toString();
    QString text = top.count == 1 ? tr("%1 was turned away once: %2.").arg(who, describe(top.engine, top.reason))
                                  : tr("%1 was turned away %n times: %2.", nullptr, int(qMin<quint64>(top.count, std::numeric_limits<int>::max())))
                                        .arg(who, describe(top.engine, top.reason));
    if (recent.size() == 2)
        text += u' ' + tr("1 more neighbour refusal.");
    else if (recent.size() > 2)
        text += u' ' + tr("%n more neighbour refusals.", nullptr, int(recent.size() - 1));
    text += u' ' + tr("A misconfigured device or an attack; the machines being booted keep their share.");
    return text;
}

} // namespace Nbc
