#include "protocol/http/httprange.h"

#include <QTest>

using namespace Nbc::Http;

Q_DECLARE_METATYPE(Nbc::Http::RangeSelection::Kind)

class tst_HttpRange : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void select_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<RangeSelection::Kind>("kind");
        QTest::addColumn<qint64>("first");
        QTest::addColumn<qint64>("last");
        using K = RangeSelection::Kind;
        QTest::newRow("closed") << QByteArray("bytes=0-99") << qint64(1000) << K::Partial << qint64(0) << qint64(99);
        QTest::newRow("middle") << QByteArray("bytes=100-199") << qint64(1000) << K::Partial << qint64(100) << qint64(199);
        QTest::newRow("single-byte") << QByteArray("bytes=5-5") << qint64(1000) << K::Partial << qint64(5) << qint64(5);
        QTest::newRow("open") << QByteArray("bytes=1048576-") << qint64(4194304) << K::Partial << qint64(1048576) << qint64(4194303);
        QTest::newRow("last-clamped") << QByteArray("bytes=900-5000") << qint64(1000) << K::Partial << qint64(900) << qint64(999);
        QTest::newRow("suffix") << QByteArray("bytes=-100") << qint64(1000) << K::Partial << qint64(900) << qint64(999);
        QTest::newRow("suffix-longer") << QByteArray("bytes=-5000") << qint64(1000) << K::Partial << qint64(0) << qint64(999);
        QTest::newRow("spaces") << QByteArray(" bytes= 10 - 20 ") << qint64(1000) << K::Partial << qint64(10) << qint64(20);
        QTest::newRow("unit-case") << QByteArray("Bytes=1-2") << qint64(1000) << K::Partial << qint64(1) << qint64(2);
        QTest::newRow("empty-elements") << QByteArray("bytes=,1-2,") << qint64(1000) << K::Partial << qint64(1) << qint64(2);
        QTest::newRow("huge-last") << QByteArray("bytes=0-99999999999999999") << qint64(1000) << K::Partial << qint64(0) << qint64(999);
        QTest::newRow("past-4gib") << QByteArray("bytes=5000000000-") << qint64(6000000000) << K::Partial << qint64(5000000000) << qint64(5999999999);

        QTest::newRow("first-at-end") << QByteArray("bytes=1000-") << qint64(1000) << K::Unsatisfiable << qint64(0) << qint64(-1);
        QTest::newRow("first-past-end") << QByteArray("bytes=2000-3000") << qint64(1000) << K::Unsatisfiable << qint64(0) << qint64(-1);
        QTest::newRow("suffix-zero") << QByteArray("bytes=-0") << qint64(1000) << K::Unsatisfiable << qint64(0) << qint64(-1);
        QTest::newRow("empty-file") << QByteArray("bytes=0-") << qint64(0) << K::Unsatisfiable << qint64(0) << qint64(-1);
        QTest::newRow("empty-file-suffix") << QByteArray("bytes=-5") << qint64(0) << K::Unsatisfiable << qint64(0) << qint64(-1);

        // Ignored: the whole representation is sent.
        QTest::newRow("absent") << QByteArray() << qint64(1000) << K::Full << qint64(0) << qint64(999);
        QTest::newRow("other-unit") << QByteArray("items=0-5") << qint64(1000) << K::Full << qint64(0) << qint64(999);
        QTest::newRow("no-equals") << QByteArray("bytes 0-5") << qint64(1000) << K::Full << qint64(0) << qint64(999);
        QTest::newRow("reversed") << QByteArray("bytes=20-10") << qint64(1000) << K::Full << qint64(0) << qint64(999);
        QTest::newRow("no-dash") << QByteArray("bytes=20") << qint64(1000) << K::Full << qint64(0) << qint64(999);
        QTest::newRow("only-dash") << QByteArray("bytes=-") << qint64(1000) << K::Full << qint64(0) << qint64(999);
        QTest::newRow("negative") << QByteArray("bytes=-5-10") << qint64(1000) << K::Full << qint64(0) << qint64(999);
        QTest::newRow("letters") << QByteArray("bytes=a-b") << qint64(1000) << K::Full << qint64(0) << qint64(999);
        QTest::newRow("overflow") << QByteArray("bytes=99999999999999999999-") << qint64(1000) << K::Full << qint64(0) << qint64(999);
        QTest::newRow("empty-set") << QByteArray("bytes=") << qint64(1000) << K::Full << qint64(0) << qint64(999);
        QTest::newRow("multi") << QByteArray("bytes=0-1,5-6") << qint64(1000) << K::Full << qint64(0) << qint64(999);
        QTest::newRow("multi-unsatisfiable") << QByteArray("bytes=2000-,3000-") << qint64(1000) << K::Full << qint64(0) << qint64(999);
        QTest::newRow("absent-empty-file") << QByteArray() << qint64(0) << K::Full << qint64(0) << qint64(-1);
    }
    void select()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, size);
        QFETCH(RangeSelection::Kind, kind);
        QFETCH(qint64, first);
        QFETCH(qint64, last);
        QList<QByteArrayView> headers;
        if (!header.isNull())
            headers.append(header);
        const RangeSelection selection = selectRange(headers, size);
        QCOMPARE(selection.kind, kind);
        if (kind != RangeSelection::Kind::Unsatisfiable) {
            QCOMPARE(selection.range.first, first);
            QCOMPARE(selection.range.last, last);
            QCOMPARE(selection.range.length(), last - first + 1);
        }
    }

    void twoRangeHeadersIgnored()
    {
        const RangeSelection selection = selectRange({"bytes=0-1", "bytes=5-6"}, 100);
        QCOMPARE(selection.kind, RangeSelection::Kind::Full);
        QCOMPARE(selection.range, (ByteRange{0, 99}));
    }

    void ifRangeIgnoresRange()
    {
        QCOMPARE(selectRange({"bytes=0-1"}, 100, false).kind, RangeSelection::Kind::Partial);
        QCOMPARE(selectRange({"bytes=0-1"}, 100, true).kind, RangeSelection::Kind::Full);
    }
};

QTEST_GUILESS_MAIN(tst_HttpRange)
#include "tst_httprange.moc"
