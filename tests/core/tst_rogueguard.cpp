// The rogue-DHCP guard's logic with an injected probe: rounds at start and on the
// interval, our own server never counts, a server is reported once, goes away after rounds
// without evidence and is reported again when it comes back; evidence seen in passing by
// the server counts too; a probe that cannot run is said once.

#include "session/rogueguard.h"

#include <QSignalSpy>
#include <QTest>

using namespace Nbc;
using Doctor::DhcpAnswer;

namespace {

DhcpAnswer offer(const char *server, const char *offered)
{
    DhcpAnswer a;
    a.server = QHostAddress(QLatin1String(server));
    a.source = a.server;
    a.offered = QHostAddress(QLatin1String(offered));
    a.subnetMask = QHostAddress(QStringLiteral("255.255.255.0"));
    a.subnet = Doctor::subnetOf(a.offered, a.subnetMask);
    return a;
}

const QString kInterface = QStringLiteral("nbc-test0");
const QHostAddress kOwn(QStringLiteral("10.93.0.1"));
const QHostAddress kRogue(QStringLiteral("10.93.0.2"));

} // namespace

class tst_RogueGuard : public QObject
{
    Q_OBJECT

    int m_probes = 0;
    bool m_probeWorks = true;

    // A guard whose probe rounds are counted and answered by the test.
    RogueGuard *makeGuard(QObject *parent, int intervalMs = 3600 * 1000)
    {
        auto *guard = new RogueGuard(parent);
        guard->setProber([this](const QString &name, QString *error) {
            if (name != kInterface || !m_probeWorks) {
                *error = QStringLiteral("Asking who answers DHCP needs UDP port 68");
                return false;
            }
            ++m_probes;
            return true;
        });
        guard->setOwnAddresses({kOwn});
        guard->start(kInterface, intervalMs);
        return guard;
    }

    // One whole round: the probe runs and gets these answers.
    static void round(RogueGuard *guard, const QList<DhcpAnswer> &answers)
    {
        guard->probeNow();
        guard->takeProbeResult(answers);
    }

private Q_SLOTS:
    void init()
    {
        m_probes = 0;
        m_probeWorks = true;
    }

    void probesAtStartAndOnTheInterval()
    {
        QObject owner;
        RogueGuard *guard = makeGuard(&owner, 40);
        QCOMPARE(m_probes, 1);   // at once
        // A round still listening is not started twice.
        QTest::qWait(100);
        QCOMPARE(m_probes, 1);
        guard->takeProbeResult({});
        QTRY_COMPARE_WITH_TIMEOUT(m_probes, 2, 2000);
        guard->takeProbeResult({});
        QTRY_COMPARE_WITH_TIMEOUT(m_probes, 3, 2000);
        QCOMPARE(guard->probeRounds(), 2);
        guard->stop();
        guard->takeProbeResult({});   // a round cut short by stop() counts for nothing
        QCOMPARE(guard->probeRounds(), 0);
        QTest::qWait(120);
        QCOMPARE(m_probes, 3);
    }

    void sameSettingsDoNotStartOver()
    {
        QObject owner;
        RogueGuard *guard = makeGuard(&owner);
        guard->takeProbeResult({offer("10.93.0.2", "10.93.0.150")});
        QVERIFY(guard->present());
        QSignalSpy appeared(guard, &RogueGuard::serverAppeared);
        guard->start(kInterface, 3600 * 1000);
        QCOMPARE(m_probes, 1);
        QVERIFY(guard->present());
        // Another interval starts over: a new probe, nothing remembered.
        guard->start(kInterface, 1800 * 1000);
        QCOMPARE(m_probes, 2);
        QVERIFY(!guard->present());
    }

    void ownServerNeverCounts()
    {
        QObject owner;
        RogueGuard *guard = makeGuard(&owner);
        QSignalSpy appeared(guard, &RogueGuard::serverAppeared);
        DhcpAnswer ours = offer("10.93.0.1", "10.93.0.120");   // our own full-mode server
        DhcpAnswer thisHost = offer("10.93.0.77", "10.93.0.121");
        thisHost.fromThisHost = true;                          // another address of this computer
        DhcpAnswer viaOurSource = offer("10.93.0.78", "10.93.0.122");
        viaOurSource.source = kOwn;
        guard->takeProbeResult({ours, thisHost, viaOurSource});
        guard->takeSighting(kOwn, QStringLiteral("request"));
        guard->takeSighting(QHostAddress(QStringLiteral("0.0.0.0")), QStringLiteral("reply"));
        QCOMPARE(appeared.count(), 0);
        QVERIFY(!guard->present());
        QVERIFY(guard->warning().isEmpty());
    }

    void reportedOnceGoneAfterMissedRoundsThenAgain()
    {
        QObject owner;
        RogueGuard *guard = makeGuard(&owner);
        QSignalSpy appeared(guard, &RogueGuard::serverAppeared);
        QSignalSpy gone(guard, &RogueGuard::serverGone);
        QSignalSpy presence(guard, &RogueGuard::presenceChanged);

        guard->takeProbeResult({offer("10.93.0.2", "10.93.0.150")});
        QCOMPARE(appeared.count(), 1);
        const auto server = appeared.at(0).at(0).value<RogueGuard::Server>();
        QCOMPARE(server.address, kRogue);
        QCOMPARE(server.evidence, RogueGuard::Evidence::Probe);
        QVERIFY2(server.detail.contains(QLatin1String("10.93.0.150")), qPrintable(server.detail));
        QCOMPARE(presence.count(), 1);
        QCOMPARE(presence.at(0).at(0).toBool(), true);
        QVERIFY2(guard->warning().contains(QLatin1String("10.93.0.2")), qPrintable(guard->warning()));
        QVERIFY(guard->warning().contains(kInterface));

        // Both DISCOVERs of a round and later rounds: still one report.
        round(guard, {offer("10.93.0.2", "10.93.0.150"), offer("10.93.0.2", "10.93.0.150")});
        QCOMPARE(appeared.count(), 1);

        // One quiet round (a lost packet) is not enough to call it gone.
        round(guard, {});
        QCOMPARE(gone.count(), 0);
        QVERIFY(guard->present());
        round(guard, {});
        QCOMPARE(gone.count(), 1);
        QCOMPARE(gone.at(0).at(0).value<RogueGuard::Server>().address, kRogue);
        QVERIFY(!guard->present());
        QCOMPARE(presence.count(), 2);
        QCOMPARE(presence.at(1).at(0).toBool(), false);

        // Back again: reported again.
        round(guard, {offer("10.93.0.2", "10.93.0.151")});
        QCOMPARE(appeared.count(), 2);
        QVERIFY(guard->present());
    }

    void evidenceInPassingCountsAndAges()
    {
        QObject owner;
        RogueGuard *guard = makeGuard(&owner);
        QSignalSpy appeared(guard, &RogueGuard::serverAppeared);
        QSignalSpy gone(guard, &RogueGuard::serverGone);
        guard->takeProbeResult({});   // the first round: nobody
        QTest::qWait(5);
        guard->takeSighting(kRogue, QStringLiteral("request"));
        QCOMPARE(appeared.count(), 1);
        QCOMPARE(appeared.at(0).at(0).value<RogueGuard::Server>().evidence, RogueGuard::Evidence::ClientRequest);
        guard->takeSighting(kRogue, QStringLiteral("reply"));
        guard->takeSighting(kRogue, QStringLiteral("no-such-evidence"));
        QCOMPARE(appeared.count(), 1);

        // The probe's answer says what it offers: it replaces the passive detail.
        QSignalSpy changed(guard, &RogueGuard::changed);
        QTest::qWait(5);
        round(guard, {offer("10.93.0.2", "10.93.0.160")});
        QCOMPARE(guard->servers().constFirst().evidence, RogueGuard::Evidence::Probe);
        QVERIFY(guard->servers().constFirst().detail.contains(QLatin1String("10.93.0.160")));
        QVERIFY(changed.count() >= 1);

        // A sighting between rounds keeps it; rounds without anything let it go.
        QTest::qWait(5);
        round(guard, {});
        QTest::qWait(5);
        guard->takeSighting(kRogue, QStringLiteral("request"));
        QTest::qWait(5);
        round(guard, {});
        QCOMPARE(gone.count(), 0);
        QTest::qWait(5);
        round(guard, {});
        QTest::qWait(5);
        round(guard, {});
        QCOMPARE(gone.count(), 1);
    }

    void nothingWhileStoppedAndStopForgets()
    {
        QObject owner;
        RogueGuard *guard = makeGuard(&owner);
        QSignalSpy presence(guard, &RogueGuard::presenceChanged);
        guard->takeSighting(kRogue, QStringLiteral("request"));
        QVERIFY(guard->present());
        guard->stop();
        QVERIFY(!guard->present());
        QCOMPARE(presence.count(), 2);
        guard->takeSighting(kRogue, QStringLiteral("request"));
        guard->takeProbeResult({offer("10.93.0.2", "10.93.0.150")});
        QVERIFY(!guard->present());
    }

    void probeThatCannotRunIsSaidOnce()
    {
        QObject owner;
        m_probeWorks = false;
        RogueGuard *guard = makeGuard(&owner);
        QSignalSpy failed(guard, &RogueGuard::probeFailed);
        QVERIFY(guard->probeProblem().contains(QLatin1String("port 68")));
        guard->probeNow();
        guard->probeNow();
        QCOMPARE(failed.count(), 0);   // the first one was said when the guard started
        // What the server sees still counts.
        guard->takeSighting(kRogue, QStringLiteral("reply"));
        QVERIFY(guard->present());
        m_probeWorks = true;
        guard->probeNow();
        QVERIFY(guard->probeProblem().isEmpty());
    }

    void boundedNumberOfServers()
    {
        QObject owner;
        RogueGuard *guard = makeGuard(&owner);
        for (int i = 0; i < 100; ++i)
            guard->takeSighting(QHostAddress(QStringLiteral("10.93.1.%1").arg(i + 1)), QStringLiteral("request"));
        QCOMPARE(guard->servers().size(), qsizetype(RogueGuard::kMaxServers));
        QVERIFY2(guard->warning().contains(QLatin1String("other DHCP servers")), qPrintable(guard->warning()));
    }

    void evidenceKeysAreStable()
    {
        QCOMPARE(RogueGuard::evidenceKey(RogueGuard::Evidence::Probe), QStringLiteral("probe"));
        QCOMPARE(RogueGuard::evidenceKey(RogueGuard::Evidence::ClientRequest), QStringLiteral("request"));
        QCOMPARE(RogueGuard::evidenceKey(RogueGuard::Evidence::ServerReply), QStringLiteral("reply"));
        QCOMPARE(RogueGuard::evidenceFromKey(QStringLiteral("reply")), std::optional(RogueGuard::Evidence::ServerReply));
        QVERIFY(!RogueGuard::evidenceFromKey(QStringLiteral("offer")));
    }
};

QTEST_GUILESS_MAIN(tst_RogueGuard)
#include "tst_rogueguard.moc"
