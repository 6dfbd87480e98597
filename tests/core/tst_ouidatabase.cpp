#include "inventory/ouidatabase.h"
#include "testutil.h"

#include <QFile>
#include <QTest>

using namespace Nbc;

class TestOuiDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesTheTextListing();
    void parsesTheCsvListing();
    void locallyAdministeredMacs_data();
    void locallyAdministeredMacs();
    void prefixOfAnyMacSpelling_data();
    void prefixOfAnyMacSpelling();
    void missingFileGivesAnEmptyDatabase();
    void systemListWhenInstalled();
};

void TestOuiDatabase::parsesTheTextListing()
{
    const OuiDatabase db = OuiDatabase::fromFile(TestUtil::dataPath(QStringLiteral("oui/oui-sample.txt")));
    QCOMPARE(db.size(), 4);   // the two malformed rows are skipped
    QCOMPARE(db.vendor(QStringLiteral("00:22:72:aa:bb:cc")), QStringLiteral("American Micro-Fuel Device Corp."));
    // QEMU's registered prefix has the locally administered bit set: the bit wins.
    QCOMPARE(db.vendor(QStringLiteral("52:54:00:12:34:56")), OuiDatabase::locallyAdministeredText());
    QCOMPARE(db.vendor(QStringLiteral("AC-1F-6B-00-00-01")), QStringLiteral("Super Micro Computer, Inc."));
    QCOMPARE(db.vendor(QStringLiteral("3cecef000001")), QStringLiteral("Super Micro Computer, Inc."));
    QVERIFY(db.vendor(QStringLiteral("00:00:01:00:00:00")).isEmpty());
    // The base-16 line repeats the hex line; the address lines are not vendors.
    QVERIFY(db.vendor(QStringLiteral("98:24:80:00:00:00")).isEmpty());
}

void TestOuiDatabase::parsesTheCsvListing()
{
    const OuiDatabase db = OuiDatabase::fromFile(TestUtil::dataPath(QStringLiteral("oui/oui-sample.csv")));
    QCOMPARE(db.size(), 3);
    QCOMPARE(db.vendor(QStringLiteral("3c:ec:ef:01:02:03")), QStringLiteral("Super Micro Computer, Inc."));
    QCOMPARE(db.vendor(QStringLiteral("00:1b:21:01:02:03")), QStringLiteral("Intel Corporate \"Networks\""));
    QCOMPARE(db.vendor(QStringLiteral("00:22:72:01:02:03")), QStringLiteral("American Micro-Fuel Device Corp."));
}

void TestOuiDatabase::locallyAdministeredMacs_data()
{
    QTest::addColumn<QString>("mac");
    QTest::addColumn<bool>("local");
    QTest::newRow("simulator") << QStringLiteral("02:00:00:00:00:01") << true;
    QTest::newRow("randomised") << QStringLiteral("da:a1:19:00:00:01") << true;
    QTest::newRow("qemu") << QStringLiteral("52:54:00:12:34:56") << true;
    QTest::newRow("universal") << QStringLiteral("00:22:72:00:00:01") << false;
    QTest::newRow("multicast-bit-only") << QStringLiteral("01:00:5e:00:00:01") << false;
    QTest::newRow("not a mac") << QStringLiteral("zz") << false;
}

void TestOuiDatabase::locallyAdministeredMacs()
{
    QFETCH(QString, mac);
    QFETCH(bool, local);
    QCOMPARE(OuiDatabase::isLocallyAdministered(mac), local);
    const OuiDatabase db = OuiDatabase::fromFile(TestUtil::dataPath(QStringLiteral("oui/oui-sample.txt")));
    // Even a registered prefix (QEMU's 52:54:00) is a local address: the bit wins.
    QCOMPARE(db.vendor(mac) == OuiDatabase::locallyAdministeredText(), local);
}

void TestOuiDatabase::prefixOfAnyMacSpelling_data()
{
    QTest::addColumn<QString>("mac");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<uint>("prefix");
    QTest::newRow("colons") << QStringLiteral("00:22:72:01:02:03") << true << 0x002272u;
    QTest::newRow("dashes upper") << QStringLiteral("AC-1F-6B-01-02-03") << true << 0xac1f6bu;
    QTest::newRow("bare") << QStringLiteral("ac1f6b010203") << true << 0xac1f6bu;
    QTest::newRow("short") << QStringLiteral("ac:1f") << false << 0u;
    QTest::newRow("garbage") << QStringLiteral("ac:1g:6b:00:00:00") << false << 0u;
}

void TestOuiDatabase::prefixOfAnyMacSpelling()
{
    QFETCH(QString, mac);
    QFETCH(bool, ok);
    QFETCH(uint, prefix);
    quint32 got = 0;
    QCOMPARE(ouiPrefix(mac, &got), ok);
    if (ok)
        QCOMPARE(got, prefix);
}

void TestOuiDatabase::missingFileGivesAnEmptyDatabase()
{
    const OuiDatabase db = OuiDatabase::fromFile(QStringLiteral("/nonexistent/oui.txt"));
    QVERIFY(db.isEmpty());
    QVERIFY(db.vendor(QStringLiteral("00:22:72:00:00:01")).isEmpty());
}

void TestOuiDatabase::systemListWhenInstalled()
{
    if (!QFile::exists(OuiDatabase::defaultTextPath()) && !QFile::exists(OuiDatabase::defaultCsvPath()))
        QSKIP("ieee-data is not installed (make deps installs it)");
    const auto db = OuiDatabase::shared();
    QVERIFY(db);
    QVERIFY2(db->size() > 20000, qPrintable(QString::number(db->size())));
    QVERIFY(db->vendor(QStringLiteral("3c:ec:ef:00:00:01")).contains(QLatin1String("Super Micro")));
    QCOMPARE(OuiDatabase::shared().get(), db.get());   // loaded once
}

QTEST_GUILESS_MAIN(TestOuiDatabase)
#include "tst_ouidatabase.moc"
