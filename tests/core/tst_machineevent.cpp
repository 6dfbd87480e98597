#include "model/machineevent.h"
#include "model/stage.h"

#include <QTest>

using namespace Nbc;

class tst_MachineEvent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
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

    // The stage names are the --headless event lines' contract (README "Event lines"): every
    // stage has its own, each reads back as that stage, and the names scripts match on stay
    // exactly as they were; FirmwareFiles came after them.
    void stageNamesRoundTrip()
    {
        const QStringList wire{QStringLiteral("Discovered"), QStringLiteral("FirmwareFiles"), QStringLiteral("LoadingIpxe"),
                               QStringLiteral("Ipxe"),       QStringLiteral("Waiting"),       QStringLiteral("Kernel"),
                               QStringLiteral("Config"),     QStringLiteral("Installing"),    QStringLiteral("Joined"),
                               QStringLiteral("Installed"),  QStringLiteral("Stalled"),       QStringLiteral("Failed")};
        QStringList names;
        for (int s = int(Stage::Discovered); s <= int(Stage::Failed); ++s) {
            const QString name = stageName(Stage(s));
            Stage back = Stage::Failed;
            QVERIFY2(stageFromName(name, &back), qPrintable(name));
            QCOMPARE(back, Stage(s));
            names << name;
        }
        QCOMPARE(names, wire);
        QCOMPARE(stageName(Stage::FirmwareFiles), QStringLiteral("FirmwareFiles"));
        Stage stage = Stage::Discovered;
        QVERIFY(!stageFromName(QStringLiteral("Firmware files"), &stage));
        QVERIFY(!stageFromName(QStringLiteral("firmwarefiles"), &stage));
        QCOMPARE(stage, Stage::Discovered);
    }
};

QTEST_GUILESS_MAIN(tst_MachineEvent)
#include "tst_machineevent.moc"
