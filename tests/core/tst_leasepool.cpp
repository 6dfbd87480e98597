// The lease pool of full DHCP mode: pure, so every case runs at a chosen time. Also the
// lease file on disk (atomic write, reload, a broken file set aside).

#include "engine/leasefile.h"
#include "protocol/dhcp/dhcppacket.h"
#include "protocol/dhcp/leasepool.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QTemporaryDir>
#include <QTest>

using namespace Nbc;
using namespace Nbc::Dhcp;
using Kind = LeaseAnswer::Kind;

namespace {

quint32 ip(const char *text)
{
    return QHostAddress(QLatin1String(text)).toIPv4Address();
}

QString mac(int n)
{
    return QStringLiteral("52:54:00:00:%1:%2")
        .arg((n >> 8) & 0xff, 2, 16, QLatin1Char('0'))
        .arg(n & 0xff, 2, 16, QLatin1Char('0'));
}

constexpr qint64 kT0 = 1'700'000'000;   // a fixed "now"

LeasePool::Settings settings(const char *first = "10.77.0.100", const char *last = "10.77.0.103")
{
    LeasePool::Settings s;
    s.range = AddressRange{ip(first), ip(last)};
    s.serverAddress = ip("10.77.0.1");
    s.netmask = ip("255.255.255.0");
    s.leaseSeconds = 3600;
    s.offerSeconds = 30;
    s.declineSeconds = 600;
    return s;
}

// DISCOVER then REQUEST, as a client in SELECTING state does.
LeaseAnswer bind(LeasePool &pool, const QString &m, qint64 now, quint32 requested = 0)
{
    const LeaseAnswer offer = pool.discover(m, requested, now);
    if (offer.kind != Kind::Offer)
        return offer;
    return pool.request(m, offer.address, now);
}

} // namespace

Q_DECLARE_METATYPE(Nbc::Dhcp::LeaseAnswer::Kind)

class tst_LeasePool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseRange_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("last");
        QTest::newRow("plain") << "10.77.0.100-10.77.0.199" << true << "10.77.0.100" << "10.77.0.199";
        QTest::newRow("spaces") << " 10.77.0.100 - 10.77.0.199 " << true << "10.77.0.100" << "10.77.0.199";
        QTest::newRow("one address") << "10.77.0.5-10.77.0.5" << true << "10.77.0.5" << "10.77.0.5";
        QTest::newRow("reversed") << "10.77.0.199-10.77.0.100" << false << "" << "";
        QTest::newRow("no dash") << "10.77.0.100" << false << "" << "";
        QTest::newRow("two dashes") << "10.77.0.1-10.77.0.2-10.77.0.3" << false << "" << "";
        QTest::newRow("short form") << "10.1-10.2" << false << "" << "";
        QTest::newRow("octet > 255") << "10.77.0.100-10.77.0.256" << false << "" << "";
        QTest::newRow("ipv6") << "fe80::1-fe80::9" << false << "" << "";
        QTest::newRow("too large") << "10.0.0.1-10.2.0.0" << false << "" << "";
        QTest::newRow("empty") << "" << false << "" << "";
    }
    void parseRange()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QString error;
        const auto range = AddressRange::parse(text, &error);
        QCOMPARE(range.has_value(), ok);
        if (ok) {
            QFETCH(QString, first);
            QFETCH(QString, last);
            QCOMPARE(ipv4ToString(range->first), first);
            QCOMPARE(ipv4ToString(range->last), last);
        } else {
            QVERIFY(!error.isEmpty());
        }
    }

    void checkRange_data()
    {
        QTest::addColumn<QString>("range");
        QTest::addColumn<QString>("netmask");
        QTest::addColumn<QString>("problem");   // a word the error must contain; empty: accepted
        QTest::newRow("inside /24") << "10.77.0.100-10.77.0.199" << "255.255.255.0" << "";
        QTest::newRow("other subnet") << "10.78.0.100-10.78.0.199" << "255.255.255.0" << "not inside 10.77.0.0/24";
        QTest::newRow("crosses the subnet") << "10.77.0.200-10.77.1.10" << "255.255.255.0" << "not inside";
        QTest::newRow("holds the server") << "10.77.0.1-10.77.0.50" << "255.255.255.0" << "own address 10.77.0.1";
        QTest::newRow("holds the broadcast") << "10.77.0.200-10.77.0.255" << "255.255.255.0" << "broadcast";
        QTest::newRow("holds the network") << "10.77.0.0-10.77.0.0" << "255.255.255.0" << "network";
        QTest::newRow("wider subnet") << "10.77.1.1-10.77.1.250" << "255.255.0.0" << "";
        QTest::newRow("unknown netmask") << "10.77.0.100-10.77.0.199" << "0.0.0.0" << "not known";
    }
    void checkRange()
    {
        QFETCH(QString, range);
        QFETCH(QString, netmask);
        QFETCH(QString, problem);
        QString error;
        const auto r = AddressRange::parse(range, &error);
        QVERIFY(r);
        const QString why = Dhcp::checkRange(*r, ip("10.77.0.1"), QHostAddress(netmask).toIPv4Address());
        if (problem.isEmpty())
            QVERIFY2(why.isEmpty(), qPrintable(why));
        else
            QVERIFY2(why.contains(problem), qPrintable(why));
    }

    void suggestionIsAValidRange()
    {
        for (const char *mask : {"255.255.255.0", "255.255.0.0", "255.255.255.240"}) {
            QString error;
            const auto r = AddressRange::parse(suggestedRange(ip("10.77.0.1"), ip(mask)), &error);
            QVERIFY2(r, qPrintable(error));
            QVERIFY2(Dhcp::checkRange(*r, ip("10.77.0.1"), ip(mask)).isEmpty(), mask);
        }
    }

    // One row per protocol exchange: what the pool answers, from a fresh pool of
    // 10.77.0.100-103 where client 1 is bound to .100 and client 2 has been offered .101.
    void exchanges_data()
    {
        QTest::addColumn<QString>("step");        // discover | request | init-reboot
        QTest::addColumn<int>("client");
        QTest::addColumn<QString>("address");     // requested (option 50) or ciaddr
        QTest::addColumn<qint64>("after");        // seconds after the setup
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("expected");    // the address answered
        QTest::addColumn<QString>("reason");

        QTest::newRow("bound client rediscovers: same address") << "discover" << 1 << "" << 10LL << Kind::Offer << "10.77.0.100" << "";
        QTest::newRow("offered client rediscovers: same address") << "discover" << 2 << "" << 10LL << Kind::Offer << "10.77.0.101" << "";
        QTest::newRow("new client asks a free address: gets it") << "discover" << 3 << "10.77.0.103" << 10LL << Kind::Offer << "10.77.0.103" << "";
        QTest::newRow("new client asks a bound one: gets the next free") << "discover" << 3 << "10.77.0.100" << 10LL << Kind::Offer << "10.77.0.102" << "";
        QTest::newRow("new client asks outside the range: next free") << "discover" << 3 << "10.77.0.50" << 10LL << Kind::Offer << "10.77.0.102" << "";
        QTest::newRow("selecting the offered address: ACK") << "request" << 2 << "10.77.0.101" << 10LL << Kind::Ack << "10.77.0.101" << "";
        QTest::newRow("selecting an expired offer nobody took: ACK") << "request" << 2 << "10.77.0.101" << 600LL << Kind::Ack << "10.77.0.101" << "";
        QTest::newRow("selecting another address than offered: NAK") << "request" << 2 << "10.77.0.102" << 10LL << Kind::Nak << "10.77.0.102" << "not-offered";
        QTest::newRow("requesting another client's address: NAK") << "request" << 3 << "10.77.0.100" << 10LL << Kind::Nak << "10.77.0.100" << "in-use";
        QTest::newRow("init-reboot with its own address: ACK") << "request" << 1 << "10.77.0.100" << 10LL << Kind::Ack << "10.77.0.100" << "";
        QTest::newRow("init-reboot from another subnet: NAK") << "request" << 1 << "192.168.1.20" << 10LL << Kind::Nak << "192.168.1.20" << "wrong-subnet";
        QTest::newRow("init-reboot, unknown client, free address: ACK") << "request" << 3 << "10.77.0.103" << 10LL << Kind::Ack << "10.77.0.103" << "";
        QTest::newRow("init-reboot, unknown client, outside range: NAK") << "request" << 3 << "10.77.0.20" << 10LL << Kind::Nak << "10.77.0.20" << "outside-range";
        QTest::newRow("renew before expiry: ACK") << "request" << 1 << "10.77.0.100" << 1800LL << Kind::Ack << "10.77.0.100" << "";
        QTest::newRow("rebind after expiry, not reused: ACK") << "request" << 1 << "10.77.0.100" << 7200LL << Kind::Ack << "10.77.0.100" << "";
        QTest::newRow("request without any address: ignored") << "request" << 1 << "0.0.0.0" << 10LL << Kind::None << "0.0.0.0" << "no-address";
    }
    void exchanges()
    {
        QFETCH(QString, step);
        QFETCH(int, client);
        QFETCH(QString, address);
        QFETCH(qint64, after);
        QFETCH(Kind, kind);
        QFETCH(QString, expected);
        QFETCH(QString, reason);

        LeasePool pool(settings());
        QCOMPARE(bind(pool, mac(1), kT0).address, ip("10.77.0.100"));
        QCOMPARE(pool.discover(mac(2), 0, kT0).address, ip("10.77.0.101"));

        const quint32 a = address.isEmpty() ? 0 : QHostAddress(address).toIPv4Address();
        const LeaseAnswer answer = step == QLatin1String("discover") ? pool.discover(mac(client), a, kT0 + after)
                                                                     : pool.request(mac(client), a, kT0 + after);
        QCOMPARE(answer.kind, kind);
        QCOMPARE(ipv4ToString(answer.address), expected);
        QCOMPARE(answer.reason, reason);
        if (kind == Kind::Ack) {
            QCOMPARE(answer.leaseSeconds, 3600);
            const auto lease = pool.leaseFor(mac(client));
            QVERIFY(lease);
            QCOMPARE(lease->state, LeaseState::Bound);
            QCOMPARE(lease->expires, kT0 + after + 3600);   // renewing extends from now
        }
    }

    void rediscoverWhileBoundKeepsTheBinding()
    {
        LeasePool pool(settings());
        bind(pool, mac(1), kT0);
        const LeaseAnswer again = pool.discover(mac(1), 0, kT0 + 600);
        QCOMPARE(again.address, ip("10.77.0.100"));
        QCOMPARE(again.leaseSeconds, 3000);   // what is left of it
        QCOMPARE(pool.leaseFor(mac(1))->state, LeaseState::Bound);
    }

    // The same MAC gets the same address after its lease ran out, as long as nobody needed it.
    void stickyAfterExpiry()
    {
        LeasePool pool(settings());
        bind(pool, mac(1), kT0);
        bind(pool, mac(2), kT0);
        const qint64 later = kT0 + 10 * 3600;
        QCOMPARE(bind(pool, mac(3), later).address, ip("10.77.0.102"));   // a never-used one, not .100
        QCOMPARE(bind(pool, mac(1), later).address, ip("10.77.0.100"));
        QCOMPARE(bind(pool, mac(2), later).address, ip("10.77.0.101"));
    }

    void exhaustionReusesOldestExpiredThenOffersThenRefuses()
    {
        LeasePool pool(settings());   // 4 addresses
        for (int i = 1; i <= 4; ++i)
            QCOMPARE(bind(pool, mac(i), kT0 + i).kind, Kind::Ack);
        // All bound and active: no offer.
        LeaseAnswer full = pool.discover(mac(9), 0, kT0 + 10);
        QCOMPARE(full.kind, Kind::None);
        QCOMPARE(full.reason, QStringLiteral("pool-full"));
        // Client 2's and 3's leases expire (2 first): the oldest expired goes to the newcomer.
        const qint64 late = kT0 + 3600 + 3;
        pool.request(mac(1), ip("10.77.0.100"), late - 1);   // renewed in time
        pool.request(mac(4), ip("10.77.0.103"), late - 1);
        full = pool.discover(mac(9), 0, late);
        QCOMPARE(full.kind, Kind::Offer);
        QCOMPARE(full.address, ip("10.77.0.101"));
        QVERIFY(!pool.leaseFor(mac(2)));                      // client 2 lost its claim
        // Next newcomer: the other expired one.
        QCOMPARE(pool.discover(mac(10), 0, late).address, ip("10.77.0.102"));
        // Nothing expired left, only pending offers: the oldest offer is taken over.
        const LeaseAnswer stolen = pool.discover(mac(11), 0, late + 1);
        QCOMPARE(stolen.kind, Kind::Offer);
        QCOMPARE(stolen.address, ip("10.77.0.101"));
        QCOMPARE(pool.request(mac(9), ip("10.77.0.101"), late + 2).kind, Kind::Nak);
        QCOMPARE(pool.recordCount(), 4);
    }

    // A flood of random MACs never makes more records than the range has addresses.
    void floodIsBounded()
    {
        LeasePool pool(settings("10.77.0.100", "10.77.0.199"));
        int refused = 0;
        for (int i = 0; i < 5000; ++i) {
            if (pool.discover(mac(i), quint32(i) * 2654435761u, kT0 + i / 100).kind == Kind::None)
                ++refused;
        }
        QCOMPARE(pool.recordCount(), 100);
        QCOMPARE(refused, 0);   // pending offers are reservations: the newest client gets one
        // Bound clients keep their addresses through the flood.
        LeasePool bound(settings("10.77.0.100", "10.77.0.109"));
        for (int i = 0; i < 10; ++i)
            bind(bound, mac(i), kT0);
        for (int i = 100; i < 1100; ++i)
            QCOMPARE(bound.discover(mac(i), 0, kT0 + 1).kind, Kind::None);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(bound.leaseFor(mac(i))->state, LeaseState::Bound);
        QCOMPARE(bound.recordCount(), 10);
    }

    void declineKeepsTheAddressFromEveryoneForAWhile()
    {
        LeasePool pool(settings("10.77.0.100", "10.77.0.101"));
        bind(pool, mac(1), kT0);
        QVERIFY(!pool.decline(mac(2), ip("10.77.0.100"), kT0 + 1));   // not its address
        QVERIFY(pool.decline(mac(1), ip("10.77.0.100"), kT0 + 1));
        QCOMPARE(pool.leaseAt(ip("10.77.0.100"))->state, LeaseState::Declined);
        QVERIFY(pool.leaseAt(ip("10.77.0.100"))->mac.isEmpty());
        // The decliner gets another address, and asking for the declined one does not help.
        QCOMPARE(pool.discover(mac(1), ip("10.77.0.100"), kT0 + 2).address, ip("10.77.0.101"));
        QCOMPARE(pool.discover(mac(2), ip("10.77.0.100"), kT0 + 2).kind, Kind::Offer);
        QCOMPARE(pool.discover(mac(3), 0, kT0 + 100).address, ip("10.77.0.101"));   // an expired offer, not .100
        QCOMPARE(pool.leaseAt(ip("10.77.0.100"))->state, LeaseState::Declined);
        // After the hold it is an address like any other.
        QCOMPARE(pool.discover(mac(4), ip("10.77.0.100"), kT0 + 1 + 600).address, ip("10.77.0.100"));
    }

    void releaseFreesButStaysSticky()
    {
        LeasePool pool(settings("10.77.0.100", "10.77.0.101"));
        bind(pool, mac(1), kT0);
        QVERIFY(!pool.release(mac(1), ip("10.77.0.101"), kT0 + 5));   // not its address
        QVERIFY(pool.release(mac(1), ip("10.77.0.100"), kT0 + 5));
        QCOMPARE(pool.leaseFor(mac(1))->state, LeaseState::Released);
        QCOMPARE(pool.boundCount(kT0 + 5), 0);
        QCOMPARE(bind(pool, mac(1), kT0 + 6).address, ip("10.77.0.100"));
        // Released, then needed by others: it is reused.
        QVERIFY(pool.release(mac(1), ip("10.77.0.100"), kT0 + 7));
        bind(pool, mac(2), kT0 + 8);   // .101
        QCOMPARE(bind(pool, mac(3), kT0 + 9).address, ip("10.77.0.100"));
    }

    void otherServerChosenFreesTheOffer()
    {
        LeasePool pool(settings("10.77.0.100", "10.77.0.100"));
        QCOMPARE(pool.discover(mac(1), 0, kT0).address, ip("10.77.0.100"));
        QCOMPARE(pool.discover(mac(2), 0, kT0).address, ip("10.77.0.100"));   // took over the only offer
        pool.releaseOffer(mac(2), kT0 + 1);
        QCOMPARE(pool.leaseAt(ip("10.77.0.100"))->state, LeaseState::Released);
        QCOMPARE(pool.discover(mac(3), 0, kT0 + 1).address, ip("10.77.0.100"));
    }

    void revisionChangesOnlyOnChanges()
    {
        LeasePool pool(settings());
        const quint64 r0 = pool.revision();
        bind(pool, mac(1), kT0);
        const quint64 r1 = pool.revision();
        QVERIFY(r1 != r0);
        pool.discover(mac(1), 0, kT0 + 1);   // re-offer of an active binding: nothing new
        QCOMPARE(pool.revision(), r1);
    }

    void jsonRoundTrip()
    {
        LeasePool pool(settings());
        bind(pool, mac(1), kT0);
        pool.discover(mac(2), 0, kT0);
        bind(pool, mac(3), kT0);
        pool.decline(mac(3), ip("10.77.0.102"), kT0 + 1);
        LeasePool copy(settings());
        QString error;
        int skipped = -1;
        QVERIFY2(copy.restore(pool.toJson(), &error, &skipped), qPrintable(error));
        QCOMPARE(skipped, 0);
        QCOMPARE(copy.leases(), pool.leases());
        QCOMPARE(copy.leases().size(), 3);
        // And it behaves the same: client 1 keeps .100, a newcomer gets .103.
        QCOMPARE(copy.discover(mac(1), 0, kT0 + 5).address, ip("10.77.0.100"));
        QCOMPARE(copy.discover(mac(4), 0, kT0 + 5).address, ip("10.77.0.103"));
    }

    void restoreSkipsBadRecords_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::newRow("outside the range") << QByteArray(R"({"ip":"10.77.0.5","mac":"52:54:00:00:00:09","state":"bound","expires":"2030-01-01T00:00:00Z"})");
        QTest::newRow("bad ip") << QByteArray(R"({"ip":"10.77.0.300","mac":"52:54:00:00:00:09","state":"bound","expires":"2030-01-01T00:00:00Z"})");
        QTest::newRow("bad mac") << QByteArray(R"({"ip":"10.77.0.103","mac":"52:54:00:00:00","state":"bound","expires":"2030-01-01T00:00:00Z"})");
        QTest::newRow("bad state") << QByteArray(R"({"ip":"10.77.0.103","mac":"52:54:00:00:00:09","state":"stolen","expires":"2030-01-01T00:00:00Z"})");
        QTest::newRow("bad time") << QByteArray(R"({"ip":"10.77.0.103","mac":"52:54:00:00:00:09","state":"bound","expires":"soon"})");
        QTest::newRow("same address twice") << QByteArray(R"({"ip":"10.77.0.100","mac":"52:54:00:00:00:09","state":"bound","expires":"2030-01-01T00:00:00Z"})");
        QTest::newRow("same mac twice") << QByteArray(R"({"ip":"10.77.0.103","mac":"52:54:00:00:00:01","state":"bound","expires":"2030-01-01T00:00:00Z"})");
        QTest::newRow("not an object") << QByteArray(R"(42)");
    }
    void restoreSkipsBadRecords()
    {
        QFETCH(QByteArray, record);
        const QByteArray json = R"({"format":"netboot-console leases 1","leases":[)"
            R"({"ip":"10.77.0.100","mac":"52:54:00:00:00:01","state":"bound","expires":"2030-01-01T00:00:00Z"},)"
            + record + "]}";
        LeasePool pool(settings());
        QString error;
        int skipped = 0;
        QVERIFY2(pool.restore(json, &error, &skipped), qPrintable(error));
        QCOMPARE(skipped, 1);
        QCOMPARE(pool.recordCount(), 1);
        QCOMPARE(pool.leaseFor(mac(1))->address, ip("10.77.0.100"));
    }

    void restoreRefusesWhatIsNotALeaseFile_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << QByteArray(R"({"format":"netboot-console leases 1","leases":[{"ip")");
        QTest::newRow("binary") << QByteArray("\x00\xff\x13\x37", 4);
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("other format") << QByteArray(R"({"format":"dnsmasq","leases":[]})");
        QTest::newRow("leases not a list") << QByteArray(R"({"format":"netboot-console leases 1","leases":{}})");
    }
    void restoreRefusesWhatIsNotALeaseFile()
    {
        QFETCH(QByteArray, json);
        LeasePool pool(settings());
        bind(pool, mac(1), kT0);
        QString error;
        QVERIFY(!pool.restore(json, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(pool.recordCount(), 0);
        QCOMPARE(bind(pool, mac(2), kT0).address, ip("10.77.0.100"));   // usable afterwards
    }

    void fileRoundTrip()
    {
        QTemporaryDir dir;
        const LeaseFile file(dir.filePath(QStringLiteral("leases.json")));
        LeasePool pool(settings());
        bind(pool, mac(1), kT0);
        bind(pool, mac(2), kT0);
        QString error;
        QVERIFY2(file.save(pool, &error), qPrintable(error));

        LeasePool reloaded(settings());
        QString warning;
        QVERIFY(file.load(reloaded, &warning));
        QVERIFY2(warning.isEmpty(), qPrintable(warning));
        QCOMPARE(reloaded.leases(), pool.leases());
        QCOMPARE(bind(reloaded, mac(2), kT0 + 10).address, ip("10.77.0.101"));
    }

    void missingFileIsAnEmptyPool()
    {
        QTemporaryDir dir;
        LeasePool pool(settings());
        QString warning = QStringLiteral("x");
        QVERIFY(LeaseFile(dir.filePath(QStringLiteral("leases.json"))).load(pool, &warning));
        QVERIFY(warning.isEmpty());
        QCOMPARE(pool.recordCount(), 0);
    }

    void brokenFileIsSetAsideAndReported()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("leases.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\":\"netboot-console leases 1\",\"leases\":[{\"ip\":\"10.77");   // a hand edit gone wrong
        f.close();
        LeasePool pool(settings());
        QString warning;
        QVERIFY(!LeaseFile(path).load(pool, &warning));
        QVERIFY2(warning.contains(QLatin1String("moved to")), qPrintable(warning));
        QCOMPARE(pool.recordCount(), 0);
        QVERIFY(!QFile::exists(path));
        const QStringList aside = QDir(dir.path()).entryList({QStringLiteral("leases.json.broken-*")});
        QCOMPARE(aside.size(), 1);
        QFile kept(dir.filePath(aside[0]));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QVERIFY(kept.readAll().startsWith("{\"format\""));   // the user's bytes, untouched
        // The next save writes a fresh file next to the one set aside.
        bind(pool, mac(1), kT0);
        QString error;
        QVERIFY(LeaseFile(path).save(pool, &error));
        QVERIFY(QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(tst_LeasePool)
#include "tst_leasepool.moc"
