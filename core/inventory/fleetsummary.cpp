#include "inventory/fleetsummary.h"

#include <algorithm>

namespace Nbc {

qint64 BootTimeline::secondsToJoin() const
{
    if (!start.isValid() || !joined.isValid())
        return -1;
    return qMax<qint64>(0, start.secsTo(joined));
}

BootTimeline currentBoot(const Machine &machine)
{
    BootTimeline boot;
    // The history is capped: a boot whose Discovered fell off starts with its oldest entry.
    qsizetype first = 0;
    for (qsizetype i = machine.history.size() - 1; i >= 0; --i) {
        if (machine.history.at(i).stage == Stage::Discovered) {
            first = i;
            break;
        }
    }
    if (machine.history.isEmpty()) {
        boot.start = machine.firstSeen.isValid() ? machine.firstSeen : machine.stageSince;
        boot.spans.append({machine.stage, boot.start, {}});
        return boot;
    }
    boot.start = machine.history.at(first).time;
    for (qsizetype i = first; i < machine.history.size(); ++i) {
        const StageChange &change = machine.history.at(i);
        if (!boot.spans.isEmpty())
            boot.spans.last().end = change.time;
        boot.spans.append({change.stage, change.time, {}});
        if (change.stage == Stage::Joined && !boot.joined.isValid())
            boot.joined = change.time;
    }
    return boot;
}

bool isSlow(qint64 seconds, qint64 medianSeconds)
{
    if (seconds < 0 || medianSeconds < 0)
        return false;
    return seconds * 2 > medianSeconds * 3 && seconds >= medianSeconds + 10;
}

QString formatDuration(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("–");
    const qint64 h = seconds / 3600, m = (seconds / 60) % 60, s = seconds % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

namespace {

bool isDone(Stage stage)
{
    return stage == Stage::Joined || stage == Stage::Installed;
}

} // namespace

QList<const Machine *> fleetMembers(const QHash<QString, Machine> &machines)
{
    bool anyLive = false;
    for (const Machine &machine : machines)
        anyLive = anyLive || machine.live;
    QList<const Machine *> members;
    members.reserve(machines.size());
    for (const Machine &machine : machines) {
        if (!anyLive || machine.live)
            members.append(&machine);
    }
    return members;
}

FleetSummary summarizeFleet(const QHash<QString, Machine> &machines, const QDateTime &now)
{
    FleetSummary summary;
    for (const Machine &machine : machines)
        ++summary.perStage[size_t(machine.stage)];
    summary.total = int(machines.size());

    struct Member {
        BootTimeline boot;
        Stage stage;
    };
    QList<Member> members;
    const QList<const Machine *> fleet = fleetMembers(machines);
    members.reserve(fleet.size());
    for (const Machine *machine : fleet)
        members.append({currentBoot(*machine), machine->stage});
    summary.fleet = int(members.size());

    QList<qint64> toJoin;
    QDateTime lastJoin;
    for (const Member &m : std::as_const(members)) {
        if (!summary.start.isValid() || m.boot.start < summary.start)
            summary.start = m.boot.start;
        if (isDone(m.stage)) {
            ++summary.joined;
            const qint64 seconds = m.boot.secondsToJoin();
            if (seconds >= 0) {
                toJoin.append(seconds);
                if (!lastJoin.isValid() || m.boot.joined > lastJoin)
                    lastJoin = m.boot.joined;
            }
        } else if (m.stage == Stage::Waiting) {
            ++summary.waiting;
        } else if (m.stage == Stage::Failed || m.stage == Stage::Stalled) {
            ++summary.failed;
        } else {
            ++summary.booting;
        }
    }
    if (!toJoin.isEmpty()) {
        std::sort(toJoin.begin(), toJoin.end());
        summary.medianSecondsToJoin = toJoin.at(toJoin.size() / 2);
        summary.maxSecondsToJoin = toJoin.last();
    }

    // Elapsed: to now while any is on its way, else to the last join.
    if (summary.start.isValid()) {
        if (summary.booting == 0 && lastJoin.isValid())
            summary.end = lastJoin;
        const QDateTime until = summary.end.isValid() ? summary.end : now;
        summary.elapsedSeconds = qMax<qint64>(0, summary.start.secsTo(until));
    }

    // The machines on their way take the median: the last of them sets the ETA.
    qint64 eta = summary.booting > 0 && summary.medianSecondsToJoin >= 0 ? 0 : -1;
    for (const Member &m : std::as_const(members)) {
        const qint64 seconds = isDone(m.stage) ? m.boot.secondsToJoin() : m.boot.start.secsTo(now);
        if (m.stage != Stage::Waiting && isSlow(seconds, summary.medianSecondsToJoin))
            ++summary.slow;
        if (eta >= 0 && !isDone(m.stage) && m.stage != Stage::Waiting && m.stage != Stage::Failed
            && m.stage != Stage::Stalled)
            eta = qMax(eta, summary.medianSecondsToJoin - seconds);
    }
    summary.etaSeconds = eta;
    return summary;
}

} // namespace Nbc
