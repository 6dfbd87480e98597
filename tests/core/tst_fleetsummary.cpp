// The fleet bar's and the timeline's numbers: a machine's current boot from its stage
// history, counts per stage, elapsed time, median and ETA, and which machines are slow.
#include "inventory/fleetsummary.h"

#include <QTest>

using namespace Nbc;

namespace {

const QDateTime t0 = QDateTime(QDate(2026, 12, 7), QTime(10, 0, 0), Qt::UTC);

// A machine whose stages changed at these seconds after t0.
Machine machine(const QString &mac, const QList<QPair<Stage, int>> &changes, bool live = true)
{
    Machine m;
    m.mac = mac;
    m.live = live;
    m.firstSeen = t0.addSecs(changes.constFirst().second);
    for (const auto &[stage, at] : changes) {
        m.history.append({stage, t0.addSecs(at), QString()});
        m.stage = stage;
        m.stageSince = t0.addSecs(at);
    }
    return m;
}

QHash<QString, Machine> fleet(const QList<Machine> &machines)
{
    QHash<QString, Machine> hash;
    for (const Machine &m : machines)
        hash.insert(m.mac, m);
    return hash;
}

} // namespace

class TestFleetSummary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void currentBootStartsAtTheLastDiscovered();
    void countsElapsedMedianAndEta();
    void slowNeedsAMargin();
    void restoredMachinesCountOnlyWhenNoneIsLive();
    void finishedFleetEndsAtTheLastJoin();
    void durations();
};

void TestFleetSummary::currentBootStartsAtTheLastDiscovered()
{
    // Joined once, then booted again (a reinstall) and is in Kernel now.
    const Machine m = machine(QStringLiteral("52:54:00:00:00:01"),
                              {{Stage::Discovered, 0}, {Stage::Kernel, 10}, {Stage::Config, 40}, {Stage::Joined, 100},
                               {Stage::Discovered, 500}, {Stage::Ipxe, 505}, {Stage::Kernel, 510}});
    const BootTimeline boot = currentBoot(m);
    QCOMPARE(boot.start, t0.addSecs(500));
    QVERIFY(!boot.joined.isValid());
    QCOMPARE(boot.secondsToJoin(), qint64(-1));
    QCOMPARE(boot.spans.size(), qsizetype(3));
    QCOMPARE(boot.spans.at(0).stage, Stage::Discovered);
    QCOMPARE(boot.spans.at(0).end, t0.addSecs(505));
    QCOMPARE(boot.spans.at(2).stage, Stage::Kernel);
    QVERIFY(!boot.spans.at(2).end.isValid());

    const Machine done = machine(QStringLiteral("52:54:00:00:00:02"),
                                 {{Stage::Discovered, 0}, {Stage::Kernel, 10}, {Stage::Joined, 90}, {Stage::Installed, 95}});
    QCOMPARE(currentBoot(done).secondsToJoin(), qint64(90));

    // No history at all (an old inventory row): one open span from when it was first seen.
    Machine bare;
    bare.mac = QStringLiteral("52:54:00:00:00:03");
    bare.firstSeen = t0;
    bare.stage = Stage::Waiting;
    QCOMPARE(currentBoot(bare).spans.size(), qsizetype(1));
    QCOMPARE(currentBoot(bare).start, t0);
}

void TestFleetSummary::countsElapsedMedianAndEta()
{
    const QHash<QString, Machine> machines = fleet({
        machine(QStringLiteral("a"), {{Stage::Discovered, 0}, {Stage::Kernel, 5}, {Stage::Joined, 60}}),
        machine(QStringLiteral("b"), {{Stage::Discovered, 2}, {Stage::Kernel, 8}, {Stage::Joined, 82}}),
        machine(QStringLiteral("c"), {{Stage::Discovered, 4}, {Stage::Kernel, 9}, {Stage::Joined, 104}}),
        machine(QStringLiteral("d"), {{Stage::Discovered, 50}, {Stage::Kernel, 60}}),       // 70 s in at 120
        machine(QStringLiteral("e"), {{Stage::Discovered, 100}, {Stage::Ipxe, 101}}),       // 20 s in
        machine(QStringLiteral("f"), {{Stage::Discovered, 10}, {Stage::Waiting, 12}}),
        machine(QStringLiteral("g"), {{Stage::Discovered, 10}, {Stage::Failed, 30}}),
    });
    const FleetSummary s = summarizeFleet(machines, t0.addSecs(120));
    QCOMPARE(s.total, 7);
    QCOMPARE(s.fleet, 7);
    QCOMPARE(s.count(Stage::Joined), 3);
    QCOMPARE(s.count(Stage::Kernel), 1);
    QCOMPARE(s.count(Stage::Ipxe), 1);
    QCOMPARE(s.count(Stage::Waiting), 1);
    QCOMPARE(s.count(Stage::Failed), 1);
    QCOMPARE(s.joined, 3);
    QCOMPARE(s.booting, 2);
    QCOMPARE(s.waiting, 1);
    QCOMPARE(s.failed, 1);
    QCOMPARE(s.start, t0);
    QCOMPARE(s.elapsedSeconds, qint64(120));
    QVERIFY(!s.end.isValid());
    // Times to join 60, 80, 100: median 80, max 100.
    QCOMPARE(s.medianSecondsToJoin, qint64(80));
    QCOMPARE(s.maxSecondsToJoin, qint64(100));
    // d needs 80 − 70 = 10 more, e 80 − 20 = 60: the last of them sets the ETA.
    QCOMPARE(s.etaSeconds, qint64(60));

    // Nobody joined yet: no ETA to give.
    const FleetSummary early = summarizeFleet(fleet({machine(QStringLiteral("x"), {{Stage::Discovered, 0}, {Stage::Kernel, 3}})}),
                                              t0.addSecs(30));
    QCOMPARE(early.etaSeconds, qint64(-1));
    QCOMPARE(early.medianSecondsToJoin, qint64(-1));
    QCOMPARE(early.booting, 1);
}

void TestFleetSummary::slowNeedsAMargin()
{
    QVERIFY(!isSlow(25, 20));     // 1.25×
    QVERIFY(isSlow(32, 20));      // 1.6× and 12 s more
    QVERIFY(isSlow(45, 20));
    QVERIFY(!isSlow(14, 8));      // 1.75× but 6 s more: not news
    QVERIFY(isSlow(300, 100));
    QVERIFY(!isSlow(100, -1));    // no median yet
    // In a fleet: the one still booting at three times the median is counted.
    const QHash<QString, Machine> machines = fleet({
        machine(QStringLiteral("a"), {{Stage::Discovered, 0}, {Stage::Joined, 60}}),
        machine(QStringLiteral("b"), {{Stage::Discovered, 0}, {Stage::Joined, 62}}),
        machine(QStringLiteral("c"), {{Stage::Discovered, 0}, {Stage::Joined, 64}}),
        machine(QStringLiteral("slow"), {{Stage::Discovered, 0}, {Stage::Kernel, 20}}),
        machine(QStringLiteral("waits"), {{Stage::Discovered, 0}, {Stage::Waiting, 2}}),
    });
    const FleetSummary s = summarizeFleet(machines, t0.addSecs(200));
    QCOMPARE(s.slow, 1);
    QCOMPARE(s.etaSeconds, qint64(0));   // past the median already: any moment, as far as we know
}

void TestFleetSummary::restoredMachinesCountOnlyWhenNoneIsLive()
{
    QHash<QString, Machine> machines = fleet({
        machine(QStringLiteral("old"), {{Stage::Discovered, -86400}, {Stage::Joined, -86000}}, false),
        machine(QStringLiteral("new"), {{Stage::Discovered, 0}, {Stage::Kernel, 10}}, true),
    });
    FleetSummary s = summarizeFleet(machines, t0.addSecs(30));
    QCOMPARE(s.total, 2);
    QCOMPARE(s.fleet, 1);
    QCOMPARE(s.start, t0);
    QCOMPARE(s.elapsedSeconds, qint64(30));
    QCOMPARE(fleetMembers(machines).size(), qsizetype(1));

    // An inventory opened to look back: every machine counts.
    machines[QStringLiteral("new")].live = false;
    s = summarizeFleet(machines, t0.addSecs(30));
    QCOMPARE(s.fleet, 2);
    QCOMPARE(s.start, t0.addSecs(-86400));
}

void TestFleetSummary::finishedFleetEndsAtTheLastJoin()
{
    const QHash<QString, Machine> machines = fleet({
        machine(QStringLiteral("a"), {{Stage::Discovered, 0}, {Stage::Joined, 60}}),
        machine(QStringLiteral("b"), {{Stage::Discovered, 5}, {Stage::Joined, 95}, {Stage::Installed, 96}}),
        machine(QStringLiteral("w"), {{Stage::Discovered, 5}, {Stage::Waiting, 6}}),
    });
    const FleetSummary s = summarizeFleet(machines, t0.addSecs(3600));
    QCOMPARE(s.end, t0.addSecs(95));
    QCOMPARE(s.elapsedSeconds, qint64(95));   // not the hour since: the clock stops at the last join
    QCOMPARE(s.etaSeconds, qint64(-1));       // none is booting
    QCOMPARE(s.joined, 2);
}

void TestFleetSummary::durations()
{
    QCOMPARE(formatDuration(0), QStringLiteral("0:00"));
    QCOMPARE(formatDuration(65), QStringLiteral("1:05"));
    QCOMPARE(formatDuration(3723), QStringLiteral("1:02:03"));
    QCOMPARE(formatDuration(-1), QStringLiteral("–"));
}

QTEST_GUILESS_MAIN(TestFleetSummary)
#include "tst_fleetsummary.moc"
