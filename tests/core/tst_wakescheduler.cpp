// Staggered Wake-on-LAN against a real registry: magic packets are captured by a UDP
// socket on loopback, the registry is driven with the events the engines would send
// (machines exist only once their DHCP was seen), and batch k+1 must not leave before
// every machine of batch k has its kernel and initramfs, or went further, or the batch's
// time is up. Cancel stops the batches that have not gone yet.

#include "inventory/machineregistry.h"
#include "inventory/wakeonlan.h"
#include "inventory/wakescheduler.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

using namespace Nbc;

namespace {

QString macOf(int i)
{
    return QStringLiteral("52:54:00:77:%1:%2").arg(i / 256, 2, 16, QLatin1Char('0')).arg(i % 256, 2, 16, QLatin1Char('0'));
}

QString ipOf(int i)
{
    return QStringLiteral("10.77.1.%1").arg(i + 1);
}

// The MAC a magic packet wakes (six 0xff, then the MAC sixteen times).
QString macInPacket(const QByteArray &packet)
{
    if (packet.size() != 102 || !packet.startsWith(QByteArray(6, char(0xff))))
        return {};
    return QString::fromLatin1(packet.mid(6, 6).toHex(':'));
}

} // namespace

class tst_WakeScheduler : public QObject
{
    Q_OBJECT

    MachineRegistry *m_registry = nullptr;
    WakeScheduler *m_scheduler = nullptr;
    QUdpSocket *m_receiver = nullptr;
    QStringList m_macs;

    void event(EventKind kind, int i, ArtifactKind artifact = ArtifactKind::None)
    {
        MachineEvent e = makeEvent(kind, macOf(i), QHostAddress(ipOf(i)), artifactRouteName(artifact));
        e.artifact = artifact;
        m_registry->handleEvent(e);
    }

    // The machine downloads its kernel and initramfs, as the HTTP engine reports it.
    void boots(int i, bool initramfs = true)
    {
        event(EventKind::ScriptServed, i);
        event(EventKind::HttpStart, i, ArtifactKind::Kernel);
        event(EventKind::HttpDone, i, ArtifactKind::Kernel);
        if (initramfs) {
            event(EventKind::HttpStart, i, ArtifactKind::Initramfs);
            event(EventKind::HttpDone, i, ArtifactKind::Initramfs);
        }
    }

    // Every magic packet that arrives within waitMs (until `expected` have come).
    QStringList capture(int expected, int waitMs)
    {
        QStringList macs;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < waitMs) {
            while (m_receiver->hasPendingDatagrams()) {
                QByteArray packet(int(m_receiver->pendingDatagramSize()), '\0');
                m_receiver->readDatagram(packet.data(), packet.size());
                macs << macInPacket(packet);
            }
            if (expected >= 0 && macs.size() >= expected)
                break;
            QTest::qWait(10);
        }
        return macs;
    }

private Q_SLOTS:
    void init()
    {
        m_registry = new MachineRegistry;
        m_macs.clear();
        for (int i = 0; i < 60; ++i) {
            m_macs << macOf(i);
            // Only a DHCP exchange makes a machine.
            MachineEvent discover = makeEvent(EventKind::DhcpDiscover, macOf(i), QHostAddress());
            discover.facts.insert(QStringLiteral("firmware"), QStringLiteral("bios"));
            discover.facts.insert(QStringLiteral("arch"), 0);
            m_registry->handleEvent(discover);
            event(EventKind::DhcpRequest, i);
        }
        QCOMPARE(m_registry->machineCount(), 60);
        m_receiver = new QUdpSocket;
        QVERIFY(m_receiver->bind(QHostAddress::LocalHost, 0));
        m_scheduler = new WakeScheduler(m_registry);
        m_scheduler->setTarget({QHostAddress(QHostAddress::LocalHost), m_receiver->localPort(), {}});
        m_scheduler->setBatchSize(10);
        m_scheduler->setBatchTimeoutMs(60000);
    }

    void cleanup()
    {
        delete m_scheduler;
        delete m_receiver;
        delete m_registry;
    }

    void batchesFollowTheKernels()
    {
        QSignalSpy finished(m_scheduler, &WakeScheduler::finished);
        QSignalSpy batches(m_scheduler, &WakeScheduler::batchSent);
        QCOMPARE(m_scheduler->wake(m_macs), 60);
        QCOMPARE(m_scheduler->wake(m_macs.mid(0, 5)), 0);   // already in this run
        QList<QStringList> captured;
        for (int batch = 0; batch < 6; ++batch) {
            const QStringList got = capture(10, 3000);
            QCOMPARE(got, m_macs.mid(batch * 10, 10));
            captured << got;
            WakeScheduler::Progress p = m_scheduler->progress();
            QCOMPARE(p.batch, batch + 1);
            QCOMPARE(p.batches, 6);
            QCOMPARE(p.sent, (batch + 1) * 10);
            QCOMPARE(p.woken, batch * 10);
            QVERIFY(p.running);
            if (batch == 1)
                QCOMPARE(WakeScheduler::describe(p), QStringLiteral("Waking 60 machines: batch 2 of 6, 10 woken"));

            // Nine have everything, the tenth only its kernel: the next batch waits.
            const int first = batch * 10;
            for (int i = first; i < first + 9; ++i) {
                if (batch == 3)
                    event(EventKind::ConfigServed, i);   // went further: Talos fetched its config
                else
                    boots(i);
            }
            boots(first + 9, false);
            QVERIFY(capture(-1, 200).isEmpty());
            QCOMPARE(m_scheduler->progress().woken, first + 9);
            // Its initramfs: now the next batch goes.
            event(EventKind::HttpDone, first + 9, ArtifactKind::Initramfs);
        }
        QTRY_COMPARE(finished.count(), 1);
        const auto done = finished.at(0).at(0).value<WakeScheduler::Progress>();
        QCOMPARE(done.woken, 60);
        QCOMPARE(done.sent, 60);
        QCOMPARE(done.batch, 6);
        QVERIFY(!done.running && !done.cancelled);
        QCOMPARE(batches.count(), 6);
        QVERIFY(capture(-1, 100).isEmpty());   // nothing sent twice
        QVERIFY(!m_scheduler->isRunning());
    }

    void cancelStopsFurtherBatches()
    {
        QSignalSpy finished(m_scheduler, &WakeScheduler::finished);
        m_scheduler->wake(m_macs);
        QCOMPARE(capture(10, 3000).size(), 10);
        for (int i = 0; i < 10; ++i)
            boots(i);
        QCOMPARE(capture(10, 3000), m_macs.mid(10, 10));
        m_scheduler->cancel();
        QCOMPARE(finished.count(), 1);
        const auto cancelled = finished.at(0).at(0).value<WakeScheduler::Progress>();
        QVERIFY(cancelled.cancelled);
        QCOMPARE(cancelled.sent, 20);
        QCOMPARE(cancelled.woken, 10);
        for (int i = 10; i < 20; ++i)
            boots(i);
        QVERIFY(capture(-1, 300).isEmpty());
        QVERIFY(!m_scheduler->isRunning());
        // A later wake is a new run.
        QCOMPARE(m_scheduler->wake(m_macs.mid(40, 3)), 3);
        QCOMPARE(capture(3, 3000), m_macs.mid(40, 3));
        QCOMPARE(m_scheduler->progress().total, 3);
    }

    void aBatchThatTakesTooLongIsFollowedAnyway()
    {
        m_scheduler->setBatchTimeoutMs(300);
        QSignalSpy finished(m_scheduler, &WakeScheduler::finished);
        QElapsedTimer clock;
        clock.start();
        m_scheduler->wake(m_macs.mid(0, 25));
        QCOMPARE(capture(10, 3000), m_macs.mid(0, 10));
        QVERIFY(capture(-1, 150).isEmpty());
        QCOMPARE(capture(10, 3000), m_macs.mid(10, 10));
        QCOMPARE(capture(5, 3000), m_macs.mid(20, 5));
        QVERIFY(clock.elapsed() >= 550);
        QTRY_COMPARE(finished.count(), 1);
        const auto done = finished.at(0).at(0).value<WakeScheduler::Progress>();
        QCOMPARE(done.woken, 0);
        QCOMPARE(done.batch, 3);
    }

    void waitingFailedAndDiskDoNotHoldTheBatch()
    {
        m_scheduler->setBatchSize(3);
        m_scheduler->wake(m_macs.mid(0, 6));
        QCOMPARE(capture(3, 3000), m_macs.mid(0, 3));
        // No config assigned: it waits in iPXE and downloads nothing.
        MachineEvent wait = makeEvent(EventKind::ScriptServed, macOf(0), QHostAddress(ipOf(0)));
        wait.script = ScriptKind::Wait;
        m_registry->handleEvent(wait);
        // Installed: sent to its disk.
        MachineEvent exit = makeEvent(EventKind::ScriptServed, macOf(1), QHostAddress(ipOf(1)));
        exit.script = ScriptKind::Exit;
        m_registry->handleEvent(exit);
        QVERIFY(capture(-1, 150).isEmpty());
        // A broken kernel: it fails.
        MachineEvent broken = makeEvent(EventKind::HttpFailed, macOf(2), QHostAddress(ipOf(2)), QStringLiteral("vmlinuz"));
        broken.artifact = ArtifactKind::Kernel;
        broken.failure = FailureCode::BadArtifact;
        m_registry->handleEvent(broken);
        QCOMPARE(capture(3, 3000), m_macs.mid(3, 3));
        const WakeScheduler::Progress p = m_scheduler->progress();
        QCOMPARE(p.woken, 1);   // the one sent to its disk is awake
    }

    void batchSizeChangeAppliesToTheNextBatch()
    {
        m_scheduler->wake(m_macs.mid(0, 30));
        QCOMPARE(capture(10, 3000).size(), 10);
        QCOMPARE(m_scheduler->progress().batches, 3);
        m_scheduler->setBatchSize(20);
        QCOMPARE(m_scheduler->progress().batches, 2);
        for (int i = 0; i < 10; ++i)
            boots(i);
        QCOMPARE(capture(20, 3000), m_macs.mid(10, 20));
    }

    void moreMachinesJoinARunningWake()
    {
        m_scheduler->wake(m_macs.mid(0, 10));
        QCOMPARE(capture(10, 3000).size(), 10);
        QCOMPARE(m_scheduler->wake(m_macs.mid(5, 10)), 5);   // 5..9 are in the run already
        QCOMPARE(m_scheduler->progress().total, 15);
        QCOMPARE(m_scheduler->progress().batches, 2);
        for (int i = 0; i < 10; ++i)
            boots(i);
        QCOMPARE(capture(5, 3000), m_macs.mid(10, 5));
    }

    void packetsGoWhereTheTargetSays()
    {
        m_scheduler->wake({QStringLiteral("not-a-mac"), macOf(7)});
        QCOMPARE(capture(1, 3000), QStringList{macOf(7)});
        QCOMPARE(m_scheduler->progress().total, 1);
    }
};

QTEST_GUILESS_MAIN(tst_WakeScheduler)
#include "tst_wakescheduler.moc"
