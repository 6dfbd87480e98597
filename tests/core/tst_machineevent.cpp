#include "model/machineevent.h"
#include "model/stage.h"

#include <QTest>

using namespace Nbc;

class tst_MachineEvent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void normalizeMac_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("colon") << QStringLiteral("52:54:00:12:34:56") << QStringLiteral("52:54:00:12:34:56");
        QTest::newRow("upper-hyphen") << QStringLiteral("52-54-00-AB-CD-EF") << QStringLiteral("52:54:00:ab:cd:ef");
        QTest::newRow("bare") << QStringLiteral("525400abcdef") << QStringLiteral("52:54:00:ab:cd:ef");
        QTest::newRow("short") << QStringLiteral("52:54:00:12:34") << QString();
        QTest::newRow("long") << QStringLiteral("52:54:00:12:34:56:78") << QString();
        QTest::newRow("not-hex") << QStringLiteral("52:54:00:12:34:zz") << QString();
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("non-latin") << QStringLiteral("52:54:00:12:34:5\u00e9") << QString();
    }
    void normalizeMac()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(Nbc::normalizeMac(input), expected);
    }
    void names()
    {
        QCOMPARE(eventName(EventKind::DhcpOffer), QStringLiteral("dhcp-offer"));
        QCOMPARE(eventName(EventKind::TftpProgress), QStringLiteral("tftp-progress"));
        QCOMPARE(eventName(EventKind::HttpDone), QStringLiteral("http-done"));
        QCOMPARE(eventName(EventKind::ConfigServed), QStringLiteral("config-served"));
        QCOMPARE(eventName(EventKind::Log), QStringLiteral("log"));
        QCOMPARE(stageName(Stage::LoadingIpxe), QStringLiteral("LoadingIpxe"));
        Stage stage;
        QVERIFY(stageFromName(QStringLiteral("Joined"), &stage));
        QCOMPARE(stage, Stage::Joined);
        QVERIFY(!stageFromName(QStringLiteral("joined"), &stage));
    }
};

QTEST_GUILESS_MAIN(tst_MachineEvent)
#include "tst_machineevent.moc"
