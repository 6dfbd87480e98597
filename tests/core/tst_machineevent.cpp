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
};

QTEST_GUILESS_MAIN(tst_MachineEvent)
#include "tst_machineevent.moc"
