#pragma once

#include "inventory/machineregistry.h"
#include "model/stage.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <array>

namespace Nbc {

// One stage of a machine's current boot, from `start` to `end` (invalid: it is still in it).
struct BootSpan {
    Stage stage = Stage::Discovered;
    QDateTime start;
    QDateTime end;
};

// A machine's current boot as its stage history tells it: it starts at the last change to
// Discovered (a new firmware DHCP), else when the machine was first seen.
struct BootTimeline {
    QDateTime start;
    QDateTime joined;          // the first change to Joined in this boot; invalid if none yet
    QList<BootSpan> spans;     // in order; the last one is open
    // Seconds from the boot's start to Joined; -1 when it has not joined.
    qint64 secondsToJoin() const;
};
BootTimeline currentBoot(const Machine &machine);

// The fleet at a glance: how many machines are in each stage, and for the machines of this
// run (seen live; restored rows only when none is), how long they have taken and how long
// the rest may take.
struct FleetSummary {
    static constexpr int kStages = int(Stage::Failed) + 1;
    std::array<int, kStages> perStage{};   // every machine, by its current stage
    int total = 0;
    int fleet = 0;             // the machines the times below are about
    int joined = 0;            // of those: Joined or Installed
    int waiting = 0;           // of those: no config assigned, they wait for a person
    int failed = 0;            // of those: Failed or Stalled
    int booting = 0;           // of those: on their way (fleet − joined − waiting − failed)
    int slow = 0;              // of those: slower than the fleet's usual by a margin (isSlow)
    QDateTime start;           // the earliest boot start among them
    QDateTime end;             // the last join, once none is booting; invalid before
    qint64 elapsedSeconds = -1;
    qint64 medianSecondsToJoin = -1;
    qint64 maxSecondsToJoin = -1;
    // Seconds until the machines on their way have joined, when they take the median time
    // the joined ones took; 0 when all of them are already past it; -1 when no machine has
    // joined yet (nothing to go by) or none is booting.
    qint64 etaSeconds = -1;
    int count(Stage stage) const { return perStage[size_t(stage)]; }
};

// The machines a fleet's times are about: those seen live in this run, or every machine
// when none is (an inventory opened to look back at a pallet).
QList<const Machine *> fleetMembers(const QHash<QString, Machine> &machines);

// `now` ends the spans of machines still booting.
FleetSummary summarizeFleet(const QHash<QString, Machine> &machines, const QDateTime &now);

// A machine is slow when it has taken (or is taking) half as long again as the fleet's
// median to join, and at least 10 s more: a boot of 20 s against 19 s is not news.
bool isSlow(qint64 seconds, qint64 medianSeconds);

// "4:05", "1:02:03": elapsed times in the fleet bar, the timeline and the report.
QString formatDuration(qint64 seconds);

} // namespace Nbc
