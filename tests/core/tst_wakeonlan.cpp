#include "inventory/wakeonlan.h"

#include <QTest>

using namespace Nbc;

class TestWakeOnLan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void magicPacketLayout();
    void refusesWhatIsNotAMac_data();
    void refusesWhatIsNotAMac();
    void noBroadcastOnLoopback();
};

void TestWakeOnLan::magicPacketLayout()
{
    const QByteArray packet = wakeOnLanPacket(QStringLiteral("52-54-00-12-34-56"));
    QCOMPARE(packet.size(), 102);
    QCOMPARE(packet.left(6), QByteArray(6, char(0xff)));
    const QByteArray mac = QByteArray::fromHex("525400123456");
    for (int i = 0; i < 16; ++i)
        QCOMPARE(packet.mid(6 + i * 6, 6), mac);
}

void TestWakeOnLan::refusesWhatIsNotAMac_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("short") << QStringLiteral("52:54:00:12:34");
    QTest::newRow("not hex") << QStringLiteral("52:54:00:12:34:zz");
}

void TestWakeOnLan::refusesWhatIsNotAMac()
{
    QFETCH(QString, text);
    QVERIFY(wakeOnLanPacket(text).isEmpty());
}

void TestWakeOnLan::noBroadcastOnLoopback()
{
    QVERIFY(wakeOnLanBroadcast(QStringLiteral("lo")).isNull());
    QVERIFY(wakeOnLanBroadcast(QString()).isNull());
    QVERIFY(wakeOnLanBroadcast(QStringLiteral("no-such-interface0")).isNull());
}

QTEST_GUILESS_MAIN(TestWakeOnLan)
#include "tst_wakeonlan.moc"
