// The pallet report's rows and CSV: cells quoted as RFC 4180 says and neutralised against
// formula injection, join times read from a machine's history, the summary, and the rows
// of a simulated pallet booted against a real session (and read back from its inventory).

#include "palletfleet.h"

#include "engine/servicehost.h"
#include "inventory/inventorystore.h"
#include "inventory/machineregistry.h"
#include "inventory/ouidatabase.h"
#include "inventory/palletreport.h"
#include "session/consolesession.h"
#include "sim/demo.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Nbc;

namespace {

const QDateTime kStart = QDateTime(QDate(2025, 3, 4), QTime(9, 0, 0), Qt::UTC);

Machine machineWith(const QList<StageChange> &history, int boots = 1)
{
    Machine m;
    m.mac = QStringLiteral("52:54:00:00:00:01");
    m.firstSeen = history.isEmpty() ? kStart : history.constFirst().time;
    m.history = history;
    m.boots = boots;
    m.stage = history.isEmpty() ? Stage::Discovered : history.constLast().stage;
    return m;
}

StageChange at(Stage stage, int seconds, const QString &detail = {})
{
    return {stage, kStart.addSecs(seconds), detail};
}

PalletRow rowJoinedAfter(qint64 seconds, Stage stage = Stage::Joined)
{
    PalletRow row;
    row.stage = stage;
    row.firstSeen = kStart;
    if (seconds >= 0) {
        row.joinedAt = kStart.addSecs(seconds);
        row.secondsToJoin = seconds;
    }
    return row;
}

} // namespace

class tst_PalletReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        registerMetaTypes();
        Sim::raiseOpenFileLimit();
    }

    void header()
    {
        QCOMPARE(PalletReport::columns().join(u','),
                 QStringLiteral("mac,other_macs,vendor,manufacturer,product,serial,uuid,firmware,ip,config,role,"
                                "hostname,rule,stage,first_seen,joined_at,seconds_to_join"));
        QCOMPARE(PalletReport::cells(PalletRow()).size(), PalletReport::columns().size());
        const QByteArray empty = PalletReport::toCsv({});
        QVERIFY(empty.endsWith("seconds_to_join\r\n"));
        QCOMPARE(empty.count('\n'), 1);
    }

    void csvCell_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("cell");
        QTest::newRow("plain") << QStringLiteral("Dell Inc.") << QStringLiteral("Dell Inc.");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("comma") << QStringLiteral("Rack 1, U4") << QStringLiteral("\"Rack 1, U4\"");
        QTest::newRow("quote") << QStringLiteral("a \"b\"") << QStringLiteral("\"a \"\"b\"\"\"");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
        QTest::newRow("carriage return") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
        QTest::newRow("formula =") << QStringLiteral("=HYPERLINK(1)") << QStringLiteral("'=HYPERLINK(1)");
        QTest::newRow("formula +") << QStringLiteral("+41 1") << QStringLiteral("'+41 1");
        QTest::newRow("formula -") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
        QTest::newRow("formula @") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::newRow("formula tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
        QTest::newRow("formula and comma") << QStringLiteral("=1,2") << QStringLiteral("\"'=1,2\"");
        QTest::newRow("formula and quote") << QStringLiteral("=\"x\"") << QStringLiteral("\"'=\"\"x\"\"\"");
        QTest::newRow("sign inside") << QStringLiteral("a=b-c") << QStringLiteral("a=b-c");
        QTest::newRow("non-ASCII") << QStringLiteral("Müller GmbH") << QStringLiteral("Müller GmbH");
    }
    void csvCell()
    {
        QFETCH(QString, value);
        QFETCH(QString, cell);
        QCOMPARE(PalletReport::csvCell(value), cell);
    }

    void csvRoundTrip()
    {
        PalletRow row;
        row.mac = QStringLiteral("52:54:00:aa:bb:cc");
        row.otherMacs = {QStringLiteral("52:54:00:aa:bb:cd"), QStringLiteral("52:54:00:aa:bb:ce")};
        row.vendor = QStringLiteral("Realtek, Inc.");
        row.manufacturer = QStringLiteral("-Evil\"Corp\"");
        row.product = QStringLiteral("Line one\r\nline two");
        row.serial = QStringLiteral("@123");
        row.firmware = QStringLiteral("uefi");
        row.ip = QStringLiteral("10.77.0.101");
        row.intent = {QStringLiteral("configs/worker.yaml"), QStringLiteral("worker"), QStringLiteral("w-1"),
                      QStringLiteral("r")};
        row.stage = Stage::Installed;
        row.firstSeen = kStart;
        row.joinedAt = kStart.addSecs(125);
        row.secondsToJoin = 125;
        const QByteArray csv = PalletReport::toCsv({row, PalletRow()});
        QVERIFY(csv.endsWith("\r\n"));
        const QList<QStringList> records = PalletFleet::parseCsv(csv);
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(0), PalletReport::columns());
        const QStringList &r = records.at(1);
        QCOMPARE(r.size(), PalletReport::columns().size());
        QCOMPARE(r.at(0), row.mac);
        QCOMPARE(r.at(1), QStringLiteral("52:54:00:aa:bb:cd 52:54:00:aa:bb:ce"));
        QCOMPARE(r.at(2), row.vendor);
        QCOMPARE(r.at(3), QStringLiteral("'-Evil\"Corp\""));
        QCOMPARE(r.at(4), row.product);
        QCOMPARE(r.at(5), QStringLiteral("'@123"));
        QCOMPARE(r.at(13), QStringLiteral("Installed"));
        QCOMPARE(r.at(14), QStringLiteral("2025-03-04T09:00:00Z"));
        QCOMPARE(r.at(15), QStringLiteral("2025-03-04T09:02:05Z"));
        QCOMPARE(r.at(16), QStringLiteral("125"));
        // A machine that never joined: empty times, not zeros.
        QCOMPARE(records.at(2).at(15), QString());
        QCOMPARE(records.at(2).at(16), QString());
    }

    void joinTimes_data()
    {
        QTest::addColumn<QList<StageChange>>("history");
        QTest::addColumn<int>("boots");
        QTest::addColumn<int>("joinedAfter");     // seconds after kStart; -1: not joined
        QTest::addColumn<int>("secondsToJoin");   // -1: not known
        const QString boot2 = QStringLiteral("network boot #2");
        QTest::newRow("one boot") << QList<StageChange>{at(Stage::Discovered, 0), at(Stage::Ipxe, 5),
                                                        at(Stage::Kernel, 10), at(Stage::Installing, 40),
                                                        at(Stage::Joined, 95)}
                                  << 1 << 95 << 95;
        QTest::newRow("not yet") << QList<StageChange>{at(Stage::Discovered, 0), at(Stage::Installing, 40)} << 1 << -1
                                 << -1;
        QTest::newRow("stalled, joined again: the first counts")
            << QList<StageChange>{at(Stage::Discovered, 0), at(Stage::Joined, 60), at(Stage::Stalled, 70),
                                  at(Stage::Joined, 90)}
            << 1 << 60 << 60;
        // Installed: it joined in its first boot; the second one only sent it to its disk.
        QTest::newRow("installed")
            << QList<StageChange>{at(Stage::Discovered, 0), at(Stage::Joined, 80), at(Stage::Discovered, 300, boot2),
                                  at(Stage::Installed, 302)}
            << 2 << 80 << 80;
        // Reinstalled: the latest join, timed from the start of its own boot.
        QTest::newRow("reinstalled")
            << QList<StageChange>{at(Stage::Discovered, 0), at(Stage::Joined, 80), at(Stage::Discovered, 1000, boot2),
                                  at(Stage::Installing, 1030), at(Stage::Joined, 1070)}
            << 2 << 1070 << 70;
        // The history's cap dropped the boot's start: when it joined is known, how long it took is not.
        QTest::newRow("start capped away") << QList<StageChange>{at(Stage::Installing, 40), at(Stage::Joined, 95)} << 5
                                           << 95 << -1;
    }
    void joinTimes()
    {
        QFETCH(QList<StageChange>, history);
        QFETCH(int, boots);
        QFETCH(int, joinedAfter);
        QFETCH(int, secondsToJoin);
        Machine m = machineWith(history, boots);
        if (boots > 1)
            m.firstSeen = kStart.addSecs(-5000);   // first seen long before this boot
        QDateTime joined;
        qint64 seconds = 0;
        PalletReport::joinTimes(m, &joined, &seconds);
        QCOMPARE(joined.isValid(), joinedAfter >= 0);
        if (joinedAfter >= 0)
            QCOMPARE(joined, kStart.addSecs(joinedAfter));
        QCOMPARE(seconds, qint64(secondsToJoin));
    }

    void summary()
    {
        const QList<PalletRow> rows{rowJoinedAfter(60), rowJoinedAfter(300), rowJoinedAfter(90),
                                    rowJoinedAfter(120, Stage::Installed), rowJoinedAfter(-1, Stage::Waiting)};
        const PalletSummary s = PalletReport::summarize(rows);
        QCOMPARE(s.machines, 5);
        QCOMPARE(s.joined, 4);
        QCOMPARE(s.perStage.value(Stage::Joined), 3);
        QCOMPARE(s.perStage.value(Stage::Installed), 1);
        QCOMPARE(s.perStage.value(Stage::Waiting), 1);
        QVERIFY(!s.perStage.contains(Stage::Failed));
        QCOMPARE(s.medianSecondsToJoin, 90);   // 60 90 120 300: the lower middle
        QCOMPARE(s.maxSecondsToJoin, 300);
        QCOMPARE(s.firstSeen, kStart);
        QCOMPARE(s.lastJoined, kStart.addSecs(300));
        QCOMPARE(s.spanSeconds, 300);

        const PalletSummary none = PalletReport::summarize({});
        QCOMPARE(none.machines, 0);
        QCOMPARE(none.medianSecondsToJoin, -1);
        QCOMPARE(none.spanSeconds, -1);
    }

    void writeCsvIsAtomicAndSaysWhy()
    {
        QTemporaryDir dir;
        const PalletReport report({rowJoinedAfter(60)}, QStringLiteral("ws"), kStart);
        QString error;
        QVERIFY2(report.writeCsv(dir.filePath(QStringLiteral("out/sub")), &error), qPrintable(error));
        QFile file(dir.filePath(QStringLiteral("out/sub/inventory.csv")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), report.csv());
        // A folder that cannot be made (a file is in its way).
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QVERIFY(!report.writeCsv(dir.filePath(QStringLiteral("file/out")), &error));
        QVERIFY2(error.contains(QStringLiteral("file/out")), qPrintable(error));
    }

    // The acceptance run: a simulated pallet joins through the real engines, and the report
    // says who each machine is, what it was given and when it joined.
    void simulatedPallet()
    {
        QString error;
        const std::unique_ptr<PalletFleet::Fleet> fleet = PalletFleet::boot(8, &error);
        QVERIFY2(fleet, qPrintable(error));
        const PalletReport report = PalletReport::fromSession(*fleet->session, nullptr);
        QCOMPARE(report.rows().size(), 8);
        QCOMPARE(report.workspaceName(), QDir(fleet->dir).dirName());
        QSet<QString> hostnames;
        for (const PalletRow &row : report.rows()) {
            QVERIFY2(!row.intent.hostname.isEmpty(), qPrintable(row.mac));
            hostnames.insert(row.intent.hostname);
            QCOMPARE(row.intent.config, QStringLiteral("configs/demo-worker.yaml"));
            QCOMPARE(row.intent.role, QStringLiteral("worker"));
            QCOMPARE(row.stage, Stage::Joined);
            QCOMPARE(row.vendor, OuiDatabase::locallyAdministeredText());   // 02:00:00:... MACs
            QVERIFY(row.firmware == QLatin1String("bios") || row.firmware == QLatin1String("uefi"));
            QVERIFY(!row.ip.isEmpty());
            QVERIFY(!row.serial.isEmpty());
            QVERIFY(!row.uuid.isEmpty());
            QVERIFY(row.joinedAt.isValid());
            QVERIFY(row.joinedAt >= row.firstSeen);
            QCOMPARE(row.secondsToJoin, row.firstSeen.secsTo(row.joinedAt));
            if (row.mac == fleet->specialMac) {
                QCOMPARE(row.intent.hostname, QStringLiteral("special-1"));
                QVERIFY(row.intent.rule.isEmpty());
            } else if (row.product == PalletFleet::quotedProduct()) {
                QCOMPARE(row.intent.rule, QStringLiteral("rack-one"));
                QVERIFY2(row.intent.hostname.startsWith(QLatin1String("rack-0")), qPrintable(row.intent.hostname));
            } else {
                QCOMPARE(row.product, PalletFleet::formulaProduct());
                QCOMPARE(row.intent.rule, QStringLiteral("edge"));
                QVERIFY2(row.intent.hostname.startsWith(QLatin1String("edge-")), qPrintable(row.intent.hostname));
            }
        }
        QCOMPARE(hostnames.size(), 8);
        // Sorted by name as a person would: edge-2 before edge-10, special-1 after rack-*.
        QVERIFY(report.rows().constFirst().intent.hostname.startsWith(QLatin1String("edge-")));

        const PalletSummary summary = report.summary();
        QCOMPARE(summary.machines, 8);
        QCOMPARE(summary.joined, 8);
        QCOMPARE(summary.perStage.value(Stage::Joined), 8);
        QVERIFY(summary.medianSecondsToJoin >= 0);
        QVERIFY(summary.maxSecondsToJoin >= summary.medianSecondsToJoin);
        QVERIFY(summary.spanSeconds >= summary.maxSecondsToJoin);

        // The CSV, read back as a spreadsheet would.
        const QList<QStringList> records = PalletFleet::parseCsv(report.csv());
        QCOMPARE(records.size(), 9);
        const QStringList columns = PalletReport::columns();
        QCOMPARE(records.constFirst(), columns);
        const auto col = [&columns](const char *name) { return columns.indexOf(QLatin1String(name)); };
        int formulaRows = 0;
        for (int i = 1; i < records.size(); ++i) {
            const QStringList &r = records.at(i);
            const PalletRow &row = report.rows().at(i - 1);
            QCOMPARE(r.size(), columns.size());
            QCOMPARE(r.at(col("mac")), row.mac);
            QCOMPARE(r.at(col("hostname")), row.intent.hostname);
            QCOMPARE(r.at(col("config")), QStringLiteral("configs/demo-worker.yaml"));
            QCOMPARE(r.at(col("role")), QStringLiteral("worker"));
            QCOMPARE(r.at(col("rule")), row.intent.rule);
            QCOMPARE(r.at(col("stage")), QStringLiteral("Joined"));
            QCOMPARE(r.at(col("serial")), row.serial);
            const QDateTime firstSeen = QDateTime::fromString(r.at(col("first_seen")), Qt::ISODate);
            const QDateTime joinedAt = QDateTime::fromString(r.at(col("joined_at")), Qt::ISODate);
            QVERIFY(r.at(col("first_seen")).endsWith(u'Z'));
            QVERIFY(firstSeen.isValid() && joinedAt.isValid());
            QVERIFY(joinedAt >= firstSeen);
            bool ok = false;
            const qint64 seconds = r.at(col("seconds_to_join")).toLongLong(&ok);
            QVERIFY(ok);
            QCOMPARE(seconds, row.secondsToJoin);
            // The formula from the wire is text in a spreadsheet; the quoted one comes back whole.
            if (row.product == PalletFleet::formulaProduct()) {
                QCOMPARE(r.at(col("product")), u'\'' + PalletFleet::formulaProduct());
                ++formulaRows;
            } else {
                QCOMPARE(r.at(col("product")), PalletFleet::quotedProduct());
            }
        }
        QVERIFY(formulaRows >= 3);
        QVERIFY(report.csv().contains("\"Rack \"\"One\"\", 1U\""));

        // What --export-report reads: a session opened on the workspace, services never
        // started, the machines as the inventory kept them.
        QVERIFY(fleet->session->inventory()->flush(&error));
        const QList<PalletRow> live = report.rows();
        fleet->session.reset();
        ConsoleSession reopened;
        QVERIFY2(reopened.open(fleet->dir, fleet->env->overrides()), qPrintable(reopened.error()));
        const PalletReport again = PalletReport::fromSession(reopened, nullptr);
        QCOMPARE(again.rows().size(), live.size());
        for (int i = 0; i < live.size(); ++i) {
            QCOMPARE(again.rows().at(i).mac, live.at(i).mac);
            QCOMPARE(again.rows().at(i).intent.hostname, live.at(i).intent.hostname);
            QCOMPARE(again.rows().at(i).intent.rule, live.at(i).intent.rule);
            QCOMPARE(again.rows().at(i).stage, Stage::Joined);
            QCOMPARE(again.rows().at(i).secondsToJoin, live.at(i).secondsToJoin);
        }
    }
};

QTEST_GUILESS_MAIN(tst_PalletReport)
#include "tst_palletreport.moc"
