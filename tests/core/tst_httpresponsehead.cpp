#include "protocol/http/httpresponsehead.h"

#include <QTest>
#include <QTimeZone>

using namespace Nbc::Http;

class tst_HttpResponseHead : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fullFile()
    {
        ResponseHead head;
        head.status = 200;
        head.contentType = "application/octet-stream";
        head.contentLength = 73400320;
        head.acceptRanges = true;
        head.date = "Sun, 06 Nov 1994 08:49:37 GMT";
        QCOMPARE(head.toBytes(), QByteArray("HTTP/1.1 200 OK\r\n"
                                            "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                                            "Content-Type: application/octet-stream\r\n"
                                            "Content-Length: 73400320\r\n"
                                            "Accept-Ranges: bytes\r\n"
                                            "Connection: keep-alive\r\n"
                                            "\r\n"));
    }

    void partial()
    {
        ResponseHead head;
        head.status = 206;
        head.contentLength = 100;
        head.contentRange = ByteRange{5000000000, 5000000099};
        head.completeLength = 6000000000;
        head.keepAlive = false;
        const QByteArray bytes = head.toBytes();
        QVERIFY(bytes.startsWith("HTTP/1.1 206 Partial Content\r\n"));
        QVERIFY(bytes.contains("\r\nContent-Range: bytes 5000000000-5000000099/6000000000\r\n"));
        QVERIFY(bytes.contains("\r\nContent-Length: 100\r\n"));
        QVERIFY(bytes.contains("\r\nConnection: close\r\n"));
        QVERIFY(!bytes.contains("Content-Type"));
        QVERIFY(bytes.endsWith("\r\n\r\n"));
    }

    void unsatisfiable()
    {
        const QByteArray bytes = errorResponse(416, true, {}, {}, 1234);
        QVERIFY(bytes.startsWith("HTTP/1.1 416 Range Not Satisfiable\r\n"));
        QVERIFY(bytes.contains("\r\nContent-Range: bytes */1234\r\n"));
        const QByteArray body = bytes.sliced(bytes.indexOf("\r\n\r\n") + 4);
        QCOMPARE(body, QByteArray("Range Not Satisfiable\n"));
        QVERIFY(bytes.contains(QByteArray("\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n")));
    }

    // Extra headers come from route plans: nothing in them may split the response.
    void extraHeadersSanitised()
    {
        ResponseHead head;
        head.headers = {{"Cache-Control", "no-store"},
                        {"X-Evil", "a\r\nSet-Cookie: x"},
                        {"Bad Name", "v"},
                        {"X-Colon:", "v"},
                        {"content-length", "999"},
                        {"Connection", "upgrade"},
                        {"Allow", "GET, HEAD"}};
        const QByteArray bytes = head.toBytes();
        QVERIFY(bytes.contains("\r\nCache-Control: no-store\r\n"));
        QVERIFY(bytes.contains("\r\nAllow: GET, HEAD\r\n"));
        QVERIFY(!bytes.contains("Set-Cookie"));
        QVERIFY(!bytes.contains("Bad Name"));
        QVERIFY(!bytes.contains("X-Colon"));
        QVERIFY(!bytes.contains("999"));
        QVERIFY(!bytes.contains("upgrade"));
        QCOMPARE(bytes.count("Content-Length:"), 1);
        QCOMPARE(bytes.count("Connection:"), 1);
    }

    void reasons_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("reason");
        QTest::newRow("200") << 200 << QByteArray("OK");
        QTest::newRow("404") << 404 << QByteArray("Not Found");
        QTest::newRow("405") << 405 << QByteArray("Method Not Allowed");
        QTest::newRow("431") << 431 << QByteArray("Request Header Fields Too Large");
        QTest::newRow("503") << 503 << QByteArray("Service Unavailable");
        QTest::newRow("unknown-4xx") << 499 << QByteArray("Client Error");
    }
    void reasons()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, reason);
        QCOMPARE(reasonPhrase(status), reason);
    }

    void date()
    {
        // RFC 7231 7.1.1.1's own example.
        const QDateTime time(QDate(1994, 11, 6), QTime(8, 49, 37), QTimeZone::utc());
        QCOMPARE(httpDate(time), QByteArray("Sun, 06 Nov 1994 08:49:37 GMT"));
        const QDateTime offset(QDate(2026, 1, 1), QTime(1, 0, 0), QTimeZone(3600));
        QCOMPARE(httpDate(offset), QByteArray("Thu, 01 Jan 2026 00:00:00 GMT"));
    }
};

QTEST_GUILESS_MAIN(tst_HttpResponseHead)
#include "tst_httpresponsehead.moc"
