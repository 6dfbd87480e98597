#include "model/mac.h"

#include <QHash>
#include <QTest>

using namespace Nbc;

class tst_Mac : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normal");   // empty: not a MAC
        QTest::newRow("colons") << QStringLiteral("52:54:00:12:34:56") << QStringLiteral("52:54:00:12:34:56");
        QTest::newRow("dashes upper") << QStringLiteral("52-54-00-AB-CD-EF") << QStringLiteral("52:54:00:ab:cd:ef");
        QTest::newRow("cisco") << QStringLiteral("5254.00ab.cdef") << QStringLiteral("52:54:00:ab:cd:ef");
        QTest::newRow("bare") << QStringLiteral("525400abcdef") << QStringLiteral("52:54:00:ab:cd:ef");
        QTest::newRow("short") << QStringLiteral("52:54:00:12:34") << QString();
        QTest::newRow("long") << QStringLiteral("52:54:00:12:34:56:78") << QString();
        QTest::newRow("not hex") << QStringLiteral("52:54:00:12:34:5g") << QString();
        QTest::newRow("non-ascii digit") << QStringLiteral("52:54:00:12:34:5\u0661") << QString();
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("space") << QStringLiteral("52:54:00:12:34:56 ") << QString();
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QString, normal);
        const Mac mac = Mac::parse(text);
        QCOMPARE(mac.isNull(), normal.isEmpty());
        QCOMPARE(mac.toString(), normal);
        QCOMPARE(normalizeMac(text), normal);
    }
    void bytesAndHash()
    {
        const Mac a = Mac::fromBytes(QByteArray::fromHex("525400123456"));
        QCOMPARE(a.toString(), QStringLiteral("52:54:00:12:34:56"));
        QCOMPARE(a.toDashed(), QStringLiteral("52-54-00-12-34-56"));
        QCOMPARE(a.bytes(), QByteArray::fromHex("525400123456"));
        QCOMPARE(a, Mac::parse(u"52-54-00-12-34-56"));
        QVERIFY(Mac::fromBytes(QByteArray::fromHex("5254001234")).isNull());
        QHash<Mac, int> byMac;
        byMac.insert(a, 1);
        QCOMPARE(byMac.value(Mac::parse(u"525400123456")), 1);
        QVERIFY(Mac() != a);
    }
};

QTEST_GUILESS_MAIN(tst_Mac)
#include "tst_mac.moc"
