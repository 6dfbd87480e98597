#include "inventory/machineregistry.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Nbc;

class tst_MachineRegistry : public QObject
{
    Q_OBJECT
private:
    static const QString kMac;
    static MachineEvent ev(EventKind kind, const QString &mac, const QString &ip = {}, const QString &detail = {},
                           const QVariantMap &facts = {})
    {
        MachineEvent e = makeEvent(kind, mac, ip.isEmpty() ? QHostAddress() : QHostAddress(ip), detail);
        e.facts = facts;
        if (kind == EventKind::Log && !e.facts.contains(QStringLiteral("transport")))
            e.facts.insert(QStringLiteral("transport"), QStringLiteral("tcp"));   // as Talos sends them
        return e;
    }
    // Events as the engines type them: the registry decides on the typed fields, and the
    // details here are only what a person would read.
    static MachineEvent script(const QString &mac, const QString &ip, ScriptKind kind, const QVariantMap &facts = {})
    {
        MachineEvent e = ev(EventKind::ScriptServed, mac, ip, scriptKey(kind), facts);
        e.script = kind;
        return e;
    }
    static MachineEvent transfer(EventKind kind, const QString &mac, const QString &ip, ArtifactKind artifact,
                                 const QString &detail = {})
    {
        MachineEvent e = ev(kind, mac, ip, detail.isEmpty() ? artifactRouteName(artifact) : detail);
        e.artifact = artifact;
        return e;
    }
    static MachineEvent failed(EventKind kind, const QString &mac, const QString &ip, ArtifactKind artifact,
                               FailureCode failure, const QString &detail)
    {
        MachineEvent e = transfer(kind, mac, ip, artifact, detail);
        e.failure = failure;
        return e;
    }
    static QVariantMap firmware(const char *kind)
    {
        return {{QStringLiteral("firmware"), QLatin1String(kind)}};
    }

private Q_SLOTS:
    void transitions_data()
    {
        QTest::addColumn<QList<MachineEvent>>("events");
        QTest::addColumn<QString>("stage");
        const QString m = kMac;
        const QString ip = QStringLiteral("10.77.0.120");
        QTest::newRow("discover") << QList<MachineEvent>{ev(EventKind::DhcpDiscover, m, {}, {}, firmware("uefi"))}
                                  << QStringLiteral("Discovered");
        QTest::newRow("tftp-by-ip") << QList<MachineEvent>{ev(EventKind::DhcpRequest, m, ip, {}, firmware("uefi")),
                                                           transfer(EventKind::TftpStart, {}, ip, ArtifactKind::IpxeBinary, QStringLiteral("ipxe.efi"))}
                                    << QStringLiteral("LoadingIpxe");
        QTest::newRow("entry-script") << QList<MachineEvent>{ev(EventKind::DhcpDiscover, m),
                                                             script(m, ip, ScriptKind::BootTalos)}
                                      << QStringLiteral("Ipxe");
        QTest::newRow("wait") << QList<MachineEvent>{script(m, ip, ScriptKind::Wait)}
                              << QStringLiteral("Waiting");
        QTest::newRow("kernel") << QList<MachineEvent>{script(m, ip, ScriptKind::Wait),
                                                       transfer(EventKind::HttpProgress, m, ip, ArtifactKind::Kernel)}
                                << QStringLiteral("Kernel");
        QTest::newRow("files-download-is-not-kernel") << QList<MachineEvent>{script(m, ip, ScriptKind::BootTalos),
                                                                             transfer(EventKind::HttpDone, m, ip, ArtifactKind::Other, QStringLiteral("/files/x"))}
                                                      << QStringLiteral("Ipxe");
        QTest::newRow("config") << QList<MachineEvent>{transfer(EventKind::HttpDone, m, ip, ArtifactKind::Initramfs),
                                                       ev(EventKind::ConfigServed, m, ip, QStringLiteral("a.yaml"))}
                                << QStringLiteral("Config");
        QTest::newRow("install-log-by-ip") << QList<MachineEvent>{ev(EventKind::DhcpRequest, m, ip), ev(EventKind::ConfigServed, m, ip),
                                                                  ev(EventKind::Log, {}, ip, QStringLiteral("[talos] task install (1/1): installing Talos to disk /dev/sda"))}
                                           << QStringLiteral("Installing");
        QTest::newRow("joined") << QList<MachineEvent>{ev(EventKind::DhcpRequest, m, ip), ev(EventKind::ConfigServed, m, ip),
                                                       ev(EventKind::Log, {}, ip, QStringLiteral("machine is running and ready"))}
                                << QStringLiteral("Joined");
        QTest::newRow("installed-exit") << QList<MachineEvent>{script(m, ip, ScriptKind::Exit)}
                                        << QStringLiteral("Installed");
        QTest::newRow("no-going-back") << QList<MachineEvent>{ev(EventKind::DhcpRequest, m, ip), ev(EventKind::ConfigServed, m, ip),
                                                              transfer(EventKind::HttpProgress, m, ip, ArtifactKind::Kernel)}
                                       << QStringLiteral("Config");
        QTest::newRow("firmware-again-is-new-boot") << QList<MachineEvent>{ev(EventKind::DhcpRequest, m, ip), ev(EventKind::ConfigServed, m, ip),
                                                                           ev(EventKind::DhcpDiscover, m, {}, {}, firmware("bios"))}
                                                    << QStringLiteral("Discovered");
        QTest::newRow("ipxe-dhcp-after-tftp-is-same-boot")
            << QList<MachineEvent>{ev(EventKind::DhcpDiscover, m, {}, {}, firmware("uefi")),
                                   transfer(EventKind::TftpDone, m, ip, ArtifactKind::IpxeBinary, QStringLiteral("ipxe.efi")),
                                   ev(EventKind::DhcpDiscover, m, {}, {}, firmware("ipxe"))}
            << QStringLiteral("LoadingIpxe");
        QTest::newRow("ipxe-dhcp-after-kernel-is-new-boot")
            << QList<MachineEvent>{transfer(EventKind::HttpDone, m, ip, ArtifactKind::Kernel),
                                   ev(EventKind::DhcpDiscover, m, {}, {}, firmware("ipxe"))}
            << QStringLiteral("Discovered");
        QTest::newRow("broken-artifact-fails")
            << QList<MachineEvent>{script(m, ip, ScriptKind::BootTalos),
                                   failed(EventKind::HttpFailed, m, ip, ArtifactKind::Kernel, FailureCode::BadArtifact, QStringLiteral("vmlinuz is not an x86 Linux kernel (bzImage)"))}
            << QStringLiteral("Failed");
        QTest::newRow("config-error-fails")
            << QList<MachineEvent>{ev(EventKind::DhcpRequest, m, ip), ev(EventKind::ConfigServed, m, ip),
                                   ev(EventKind::Log, {}, ip, QStringLiteral("[talos] controller failed {\"controller\": \"config.AcquireController\", \"error\": \"error acquiring via platform metal: decode error\"}"))}
            << QStringLiteral("Failed");
        QTest::newRow("progress-leaves-failed")
            << QList<MachineEvent>{failed(EventKind::HttpFailed, m, ip, ArtifactKind::Kernel, FailureCode::NoArtifactSet, QStringLiteral("no artefact set for vmlinuz")),
                                   ev(EventKind::DhcpDiscover, m, {}, {}, firmware("bios"))}
            << QStringLiteral("Discovered");
        QTest::newRow("non-pxe-ignored-makes-no-stage")
            << QList<MachineEvent>{ev(EventKind::DhcpDiscover, m, {}, {}, firmware("bios")),
                                   ev(EventKind::DhcpIgnored, m, {}, QStringLiteral("not-pxe"))}
            << QStringLiteral("Discovered");
    }
    void transitions()
    {
        QFETCH(QList<MachineEvent>, events);
        QFETCH(QString, stage);
        MachineRegistry registry;
        registry.handleEvent(ev(EventKind::DhcpDiscover, kMac));   // a machine starts with its DHCP
        for (const MachineEvent &e : events)
            registry.handleEvent(e);
        const Machine *m = registry.machine(kMac);
        QVERIFY(m);
        QCOMPARE(stageName(m->stage), stage);
    }
    void diagnoses_data()
    {
        QTest::addColumn<QList<MachineEvent>>("events");
        QTest::addColumn<QString>("hint");
        const QString m = kMac;
        const QString ip = QStringLiteral("10.77.0.120");
        const MachineEvent discover = ev(EventKind::DhcpDiscover, m, {}, {}, firmware("bios"));
        const MachineEvent offer = ev(EventKind::DhcpOffer, m, {}, QStringLiteral("undionly.kpxe"), firmware("bios"));
        QTest::newRow("ignores-proxy-offers") << QList<MachineEvent>{discover, offer, discover, offer, discover, offer}
                                              << QStringLiteral("ignores proxy DHCP offers");
        QTest::newRow("offers-then-fetch-is-fine")
            << QList<MachineEvent>{discover, offer, discover, offer, transfer(EventKind::TftpStart, m, ip, ArtifactKind::IpxeBinary, QStringLiteral("undionly.kpxe"))}
            << QString();
        MachineEvent tftpDone = transfer(EventKind::TftpDone, m, ip, ArtifactKind::IpxeBinary, QStringLiteral("undionly.kpxe"));
        tftpDone.facts.insert(QStringLiteral("outcome"), QStringLiteral("done"));
        const MachineEvent ipxeDhcp = ev(EventKind::DhcpDiscover, m, {}, {}, firmware("ipxe"));
        QTest::newRow("ipxe-loop") << QList<MachineEvent>{discover, tftpDone, ipxeDhcp, tftpDone, ipxeDhcp, tftpDone}
                                   << QStringLiteral("loaded again and again");
        QTest::newRow("unassigned-config") << QList<MachineEvent>{failed(EventKind::ConfigRefused, m, ip, ArtifactKind::Config, FailureCode::NoConfigAssigned, QStringLiteral("no config is assigned to x"))}
                                           << QStringLiteral("none is assigned");
        QTest::newRow("install-loop") << QList<MachineEvent>{ev(EventKind::DhcpRequest, m, ip), ev(EventKind::ConfigServed, m, ip), discover}
                                      << QStringLiteral("boot order");
        QTest::newRow("installed-exit-is-no-loop")
            << QList<MachineEvent>{ev(EventKind::DhcpRequest, m, ip), ev(EventKind::ConfigServed, m, ip), discover, script(m, ip, ScriptKind::Exit)}
            << QString();
        QTest::newRow("bootstrap") << QList<MachineEvent>{ev(EventKind::DhcpRequest, m, ip), ev(EventKind::ConfigServed, m, ip),
                                                          ev(EventKind::Log, {}, ip, QStringLiteral("[talos] etcd is waiting to join the cluster, if this node is the first node in the cluster, please run `talosctl bootstrap` against one of the following IPs:"))}
                                   << QStringLiteral("talosctl bootstrap --nodes 10.77.0.120");
        // Its address could not be learned: it waits, and the table says why.
        QTest::newRow("address-unknown") << QList<MachineEvent>{script(m, ip, ScriptKind::AddressUnconfirmed)}
                                         << QStringLiteral("has not seen this machine's DHCP exchange");
        QTest::newRow("address-other") << QList<MachineEvent>{ev(EventKind::DhcpRequest, m, QStringLiteral("10.77.0.5")),
                                                              script(m, ip, ScriptKind::AddressUnconfirmed)}
                                        << QStringLiteral("asked for from 10.77.0.120, but its DHCP exchange gave it 10.77.0.5");
        QTest::newRow("maintenance") << QList<MachineEvent>{ev(EventKind::DhcpRequest, m, ip), script(m, ip, ScriptKind::Maintenance),
                                                            ev(EventKind::Log, {}, ip, QStringLiteral("[talos] entering maintenance service"))}
                                     << QStringLiteral("talosctl apply-config --insecure --nodes 10.77.0.120");
    }
    void diagnoses()
    {
        QFETCH(QList<MachineEvent>, events);
        QFETCH(QString, hint);
        MachineRegistry registry;
        registry.handleEvent(ev(EventKind::DhcpDiscover, kMac));   // a machine starts with its DHCP
        for (const MachineEvent &e : events)
            registry.handleEvent(e);
        const Machine *m = registry.machine(kMac);
        QVERIFY(m);
        if (hint.isEmpty())
            QVERIFY2(m->hint.isEmpty(), qPrintable(m->hint));
        else
            QVERIFY2(m->hint.contains(hint), qPrintable(m->hint));
    }
    void installReportedOnce()
    {
        MachineRegistry registry;
        registry.handleEvent(ev(EventKind::DhcpDiscover, kMac));   // a machine starts with its DHCP
        QStringList reported;
        connect(&registry, &MachineRegistry::installReported, this, [&reported](const QString &mac) { reported << mac; });
        const QString ip = QStringLiteral("10.77.0.7");
        registry.handleEvent(ev(EventKind::DhcpRequest, kMac, ip));
        registry.handleEvent(ev(EventKind::ConfigServed, kMac, ip));
        registry.handleEvent(ev(EventKind::Log, {}, ip, QStringLiteral("[talos] task install (1/1): install successful")));
        QCOMPARE(reported, QStringList{kMac});
        QCOMPARE(registry.machine(kMac)->stage, Stage::Installing);
        QCOMPARE(registry.machine(kMac)->logs.size(), 1);
    }
    void bootstrapHintSurvivesReady()
    {
        MachineRegistry registry;
        registry.handleEvent(ev(EventKind::DhcpDiscover, kMac));   // a machine starts with its DHCP
        const QString ip = QStringLiteral("10.77.0.9");
        registry.handleEvent(ev(EventKind::DhcpRequest, kMac, ip));
        registry.handleEvent(ev(EventKind::ConfigServed, kMac, ip));
        registry.handleEvent(ev(EventKind::Log, {}, ip, QStringLiteral("[talos] etcd is waiting to join the cluster, if this node is the first node in the cluster, please run `talosctl bootstrap` against one of the following IPs:")));
        registry.handleEvent(ev(EventKind::Log, {}, ip, QStringLiteral("[talos] machine is running and ready")));
        const Machine *m = registry.machine(kMac);
        QCOMPARE(m->stage, Stage::Joined);
        QVERIFY2(m->hint.contains(QLatin1String("talosctl bootstrap --nodes 10.77.0.9")), qPrintable(m->hint));
        // Without a bootstrap wait, Ready clears the hint.
        MachineRegistry plain;
        plain.handleEvent(ev(EventKind::DhcpRequest, kMac, ip));
        plain.handleEvent(ev(EventKind::ConfigServed, kMac, ip));
        plain.handleEvent(ev(EventKind::Log, {}, ip, QStringLiteral("[talos] entering maintenance service")));
        plain.handleEvent(ev(EventKind::Log, {}, ip, QStringLiteral("[talos] machine is running and ready")));
        QVERIFY(plain.machine(kMac)->hint.isEmpty());
    }
    void talosMilestonesAsTalosSendsThem()
    {
        MachineRegistry registry;
        registry.handleEvent(ev(EventKind::DhcpDiscover, kMac));   // a machine starts with its DHCP
        QStringList reported;
        connect(&registry, &MachineRegistry::installReported, this, [&reported](const QString &mac) { reported << mac; });
        const QString ip = QStringLiteral("10.77.0.8");
        registry.handleEvent(ev(EventKind::DhcpRequest, kMac, ip));
        registry.handleEvent(ev(EventKind::ConfigServed, kMac, ip));
        // Services up is not joined.
        registry.handleEvent(ev(EventKind::Log, {}, ip, QStringLiteral("[talos] task install (1/1): installing Talos to disk /dev/sda")));
        QCOMPARE(registry.machine(kMac)->stage, Stage::Installing);
        // Each machined line arrives up to three times: reported once.
        for (int copy = 0; copy < 3; ++copy)
            registry.handleEvent(ev(EventKind::Log, {}, ip, QStringLiteral("[talos] task install (1/1): install successful")));
        QCOMPARE(reported, QStringList{kMac});
        // A late copy of the start line does not flip the state back.
        registry.handleEvent(ev(EventKind::Log, {}, ip, QStringLiteral("[talos] task install (1/1): installing Talos to disk /dev/sda")));
        QCOMPARE(registry.machine(kMac)->talosState, QStringLiteral("installed to disk"));
        registry.handleEvent(ev(EventKind::Log, {}, ip, QStringLiteral("[talos] boot sequence: done: 1m2s")));
        QCOMPARE(registry.machine(kMac)->stage, Stage::Installing);
        registry.handleEvent(ev(EventKind::Log, {}, ip, QStringLiteral("[talos] machine is running and ready")));
        QCOMPARE(registry.machine(kMac)->stage, Stage::Joined);

        MachineRegistry failing;
        failing.handleEvent(ev(EventKind::DhcpRequest, kMac, ip));
        failing.handleEvent(ev(EventKind::ConfigServed, kMac, ip));
        failing.handleEvent(ev(EventKind::Log, {}, ip, QStringLiteral("[talos] task install (1/1): failed: no disk matches")));
        QCOMPARE(failing.machine(kMac)->stage, Stage::Failed);
        QVERIFY(failing.machine(kMac)->failure.contains(QLatin1String("no disk matches")));
    }
    void stall()
    {
        MachineRegistry registry;
        registry.handleEvent(ev(EventKind::DhcpDiscover, kMac));   // a machine starts with its DHCP
        QDateTime clock = QDateTime::currentDateTimeUtc();
        registry.setClock([&clock] { return clock; });
        registry.setStallSeconds(30);
        MachineEvent progress = transfer(EventKind::HttpProgress, kMac, QStringLiteral("10.0.0.9"), ArtifactKind::Initramfs);
        progress.time = clock;
        progress.bytes = 50;
        progress.total = 100;
        registry.handleEvent(progress);
        clock = clock.addSecs(29);
        registry.checkStalls();
        QCOMPARE(registry.machine(kMac)->stage, Stage::Kernel);
        clock = clock.addSecs(2);
        registry.checkStalls();
        QCOMPARE(registry.machine(kMac)->stage, Stage::Stalled);
        QVERIFY(registry.machine(kMac)->hint.contains(QLatin1String("50%")));
        progress.time = clock;
        progress.bytes = 60;
        registry.handleEvent(progress);
        QCOMPARE(registry.machine(kMac)->stage, Stage::Kernel);
        // A finished download never stalls.
        MachineEvent done = progress;
        done.kind = EventKind::HttpDone;
        registry.handleEvent(done);
        clock = clock.addSecs(600);
        registry.checkStalls();
        QCOMPARE(registry.machine(kMac)->stage, Stage::Kernel);
    }
    void secondNicBySmbiosUuid()
    {
        MachineRegistry registry;
        registry.handleEvent(ev(EventKind::DhcpDiscover, kMac));   // a machine starts with its DHCP
        const QString other = QStringLiteral("52:54:00:99:99:99");
        registry.handleEvent(script(kMac, QStringLiteral("10.0.0.5"), ScriptKind::Wait,
                                {{QStringLiteral("uuid"), QStringLiteral("33221100-5544-7766-8899-aabbccddeeff")}}));
        // The same UUID, spelled with the first three fields byte-swapped.
        registry.handleEvent(script(other, QStringLiteral("10.0.0.6"), ScriptKind::Wait,
                                {{QStringLiteral("uuid"), QStringLiteral("00112233-4455-6677-8899-aabbccddeeff")}}));
        QCOMPARE(registry.machines().size(), 1);
        QCOMPARE(registry.primaryMac(other), kMac);
        QCOMPARE(registry.machine(other)->otherMacs, QStringList{other});
        // A placeholder serial identifies nothing.
        registry.handleEvent(ev(EventKind::DhcpDiscover, QStringLiteral("52:54:00:99:99:98")));
        registry.handleEvent(script(QStringLiteral("52:54:00:99:99:98"), QStringLiteral("10.0.0.7"),
                                ScriptKind::Wait, {{QStringLiteral("serial"), QStringLiteral("To be filled by O.E.M.")}}));
        QCOMPARE(registry.machines().size(), 2);
    }
    void publishesCoalesced()
    {
        MachineRegistry registry;
        registry.handleEvent(ev(EventKind::DhcpDiscover, kMac));   // a machine starts with its DHCP
        QList<QStringList> published;
        connect(&registry, &MachineRegistry::machinesChanged, this, [&published](const QStringList &m) { published << m; });
        for (int i = 0; i < 1000; ++i) {
            MachineEvent e = transfer(EventKind::HttpProgress, kMac, QStringLiteral("10.0.0.1"), ArtifactKind::Kernel);
            e.bytes = i;
            registry.handleEvent(e);
        }
        QVERIFY(published.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(published.size(), 1, 1000);
        QCOMPARE(published.first(), QStringList{kMac});
        QTest::qWait(250);
        QCOMPARE(published.size(), 1);
    }
    // A pallet changing at once is published in slices, so the window paints in between.
    void publishesLargeChangesInSlices()
    {
        MachineRegistry registry;
        QSet<QString> all;
        for (int i = 0; i < 2500; ++i) {
            const QString mac = QStringLiteral("02:00:00:00:%1:%2").arg(i / 256, 2, 16, QLatin1Char('0')).arg(i % 256, 2, 16, QLatin1Char('0'));
            // Each from its own address, as a pallet's REQUESTs are (a new-machine rate
            // limit applies per address).
            registry.handleEvent(ev(EventKind::DhcpDiscover, mac, QStringLiteral("10.1.%1.%2").arg(i / 250).arg(i % 250 + 1)));
            all.insert(mac);
        }
        QList<QStringList> published;
        connect(&registry, &MachineRegistry::machinesChanged, this, [&published](const QStringList &m) { published << m; });
        const qsizetype slices = (2500 + MachineRegistry::kPublishBatch - 1) / MachineRegistry::kPublishBatch;
        QTRY_COMPARE_WITH_TIMEOUT(published.size(), slices, 2000);
        QSet<QString> seen;
        for (const QStringList &slice : std::as_const(published)) {
            QVERIFY(slice.size() <= MachineRegistry::kPublishBatch);
            for (const QString &mac : slice)
                seen.insert(mac);
        }
        QCOMPARE(seen, all);
    }
    void forget()
    {
        MachineRegistry registry;
        registry.handleEvent(ev(EventKind::DhcpDiscover, kMac));   // a machine starts with its DHCP
        registry.handleEvent(ev(EventKind::ConfigServed, kMac, QStringLiteral("10.0.0.1")));
        registry.forget(kMac);
        QVERIFY(registry.machines().isEmpty());
        QVERIFY(registry.macForAddress(QHostAddress(QStringLiteral("10.0.0.1"))).isEmpty());
    }
    void unknownAddressIsNotAMachine()
    {
        MachineRegistry registry;
        QList<QString> resolved;
        connect(&registry, &MachineRegistry::eventResolved, this,
                [&resolved](const MachineEvent &e, Stage) { resolved.append(e.mac); });
        registry.handleEvent(transfer(EventKind::TftpStart, {}, QStringLiteral("10.9.9.9"), ArtifactKind::IpxeBinary, QStringLiteral("undionly.kpxe")));
        QVERIFY(registry.machines().isEmpty());
        QCOMPARE(resolved, QList<QString>{QString()});
        // A non-PXE client's DHCP (ignored by the proxy) is no machine either.
        registry.handleEvent(ev(EventKind::DhcpIgnored, QStringLiteral("aa:aa:aa:aa:aa:aa"), {}, QStringLiteral("not-pxe")));
        QVERIFY(registry.machines().isEmpty());
    }
    void onlyDhcpMakesMachines()
    {
        MachineRegistry registry;
        const QString ip = QStringLiteral("10.77.0.9");
        // Anyone can name any MAC in a URL or send from any address: none of these is a machine.
        registry.handleEvent(script(QStringLiteral("02:00:00:00:00:01"), ip, ScriptKind::Wait));
        registry.handleEvent(transfer(EventKind::HttpStart, QStringLiteral("02:00:00:00:00:02"), ip, ArtifactKind::Kernel));
        registry.handleEvent(ev(EventKind::ConfigRefused, QStringLiteral("02:00:00:00:00:03"), ip, QStringLiteral("404")));
        registry.handleEvent(ev(EventKind::ConfigServed, QStringLiteral("02:00:00:00:00:04"), ip));
        registry.handleEvent(transfer(EventKind::TftpStart, {}, ip, ArtifactKind::IpxeBinary));
        registry.handleEvent(ev(EventKind::Log, {}, ip, QStringLiteral("[talos] hello")));
        QVERIFY(registry.machines().isEmpty());
        QCOMPARE(registry.counters().value(QStringLiteral("ignored:unknown-machine")), 4u);
        // Its DHCP makes it one; from then on its HTTP traffic counts.
        registry.handleEvent(ev(EventKind::DhcpDiscover, QStringLiteral("02:00:00:00:00:01")));
        registry.handleEvent(script(QStringLiteral("02:00:00:00:00:01"), ip, ScriptKind::Wait));
        QCOMPARE(registry.machines().size(), 1);
        QCOMPARE(registry.machine(QStringLiteral("02:00:00:00:00:01"))->stage, Stage::Waiting);
    }
    void capEvictsMachinesThatNeverGotAnywhere()
    {
        MachineRegistry registry;
        registry.setMaxMachines(5);
        QStringList removed;
        connect(&registry, &MachineRegistry::machineRemoved, this, [&removed](const QString &mac) { removed << mac; });
        // Two real machines that got somewhere.
        registry.handleEvent(ev(EventKind::DhcpDiscover, QStringLiteral("52:54:00:00:00:01")));
        registry.handleEvent(script(QStringLiteral("52:54:00:00:00:01"), QStringLiteral("10.0.0.1"), ScriptKind::Wait));
        registry.handleEvent(ev(EventKind::DhcpDiscover, QStringLiteral("52:54:00:00:00:02")));
        registry.handleEvent(script(QStringLiteral("52:54:00:00:00:02"), QStringLiteral("10.0.0.2"), ScriptKind::BootTalos));
        // A flood of forged DISCOVERs from different relays (so the rate limit is not what stops them).
        for (int i = 0; i < 200; ++i) {
            registry.handleEvent(ev(EventKind::DhcpDiscover, QStringLiteral("02:00:00:00:%1:%2").arg(i / 256, 2, 16, QLatin1Char('0')).arg(i % 256, 2, 16, QLatin1Char('0')),
                                    QStringLiteral("10.1.%1.1").arg(i)));
            QVERIFY(registry.machines().size() <= 5);
        }
        QVERIFY(registry.machine(QStringLiteral("52:54:00:00:00:01")));
        QVERIFY(registry.machine(QStringLiteral("52:54:00:00:00:02")));
        QCOMPARE(registry.counters().value(QStringLiteral("evicted")), quint64(200 - 3));
        QCOMPARE(removed.size(), 200 - 3);
        // Full of machines that all got somewhere: a new one is refused, none is pushed out.
        for (int i = 0; i < 3; ++i) {
            const QString mac = QStringLiteral("52:54:00:00:01:0%1").arg(i);
            registry.handleEvent(ev(EventKind::DhcpDiscover, mac));
            registry.handleEvent(script(mac, QStringLiteral("10.0.1.%1").arg(i), ScriptKind::Wait));
        }
        QSignalSpy refused(&registry, &MachineRegistry::refused);
        registry.handleEvent(ev(EventKind::DhcpDiscover, QStringLiteral("52:54:00:00:02:00")));
        QCOMPARE(registry.machines().size(), 5);
        QVERIFY(!registry.machine(QStringLiteral("52:54:00:00:02:00")));
        QCOMPARE(registry.counters().value(QStringLiteral("refused:registry-full")), 1u);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().at(0).toString(), QStringLiteral("registry-full"));
        // A lower cap from the workspace shrinks to what can go.
        registry.setMaxMachines(2);
        registry.trimToCap();
        QCOMPARE(registry.machines().size(), 5);   // all of them got somewhere: none is given up
    }
    void newMachinesPerSourceAreRateLimited()
    {
        MachineRegistry registry;
        QDateTime clock = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
        registry.setClock([&clock] { return clock; });
        const QString zero = QStringLiteral("0.0.0.0");
        auto forged = [](int i) {
            return QStringLiteral("02:00:00:%1:%2:%3").arg((i >> 16) & 0xff, 2, 16, QLatin1Char('0'))
                .arg((i >> 8) & 0xff, 2, 16, QLatin1Char('0')).arg(i & 0xff, 2, 16, QLatin1Char('0'));
        };
        for (int i = 0; i < 3000; ++i)
            registry.handleEvent(ev(EventKind::DhcpDiscover, forged(i), zero));
        QCOMPARE(registry.machines().size(), MachineRegistry::kNewMachineBurst);
        QCOMPARE(registry.counters().value(QStringLiteral("refused:new-machine-rate")), quint64(3000 - MachineRegistry::kNewMachineBurst));
        // A real machine's REQUEST comes from its own address: it is not held back by the flood.
        registry.handleEvent(ev(EventKind::DhcpRequest, kMac, QStringLiteral("10.77.0.50")));
        QVERIFY(registry.machine(kMac));
        // The bucket refills at the stated rate.
        clock = clock.addSecs(2);
        for (int i = 3000; i < 3200; ++i)
            registry.handleEvent(ev(EventKind::DhcpDiscover, forged(i), zero));
        QCOMPARE(registry.machines().size(), MachineRegistry::kNewMachineBurst + 1 + 2 * MachineRegistry::kNewMachinesPerSecond);
    }
    void identityLookupsDoNotScan()
    {
        // 10 000 machines with UUIDs, then 2000 script requests naming fresh MACs with
        // fresh UUIDs: hashed lookups, so this is quick whatever the number of rows.
        MachineRegistry registry;
        auto mac = [](int i) {
            return QStringLiteral("52:54:01:%1:%2:%3").arg((i >> 16) & 0xff, 2, 16, QLatin1Char('0'))
                .arg((i >> 8) & 0xff, 2, 16, QLatin1Char('0')).arg(i & 0xff, 2, 16, QLatin1Char('0'));
        };
        auto uuid = [](int i) { return QStringLiteral("00112233-4455-6677-8899-%1").arg(i, 12, 10, QLatin1Char('0')); };
        for (int i = 0; i < 10000; ++i) {
            registry.handleEvent(ev(EventKind::DhcpRequest, mac(i), QStringLiteral("10.%1.%2.1").arg(i / 250).arg(i % 250),
                                    {}, {{QStringLiteral("uuid"), uuid(i)}}));
        }
        QCOMPARE(registry.machines().size(), 10000);
        // A second NIC of machine 1234 is still found by its UUID and its serial.
        registry.handleEvent(script(QStringLiteral("52:54:02:00:00:01"), QStringLiteral("10.200.0.1"), ScriptKind::Wait,
                                    {{QStringLiteral("uuid"), uuid(1234)}}));
        QCOMPARE(registry.primaryMac(QStringLiteral("52:54:02:00:00:01")), mac(1234));
        // The index follows forget(): a forgotten machine's UUID names nobody.
        registry.forget(mac(77));
        registry.handleEvent(script(QStringLiteral("52:54:02:00:00:02"), QStringLiteral("10.200.0.2"), ScriptKind::Wait,
                                    {{QStringLiteral("uuid"), uuid(77)}}));
        QCOMPARE(registry.primaryMac(QStringLiteral("52:54:02:00:00:02")), QStringLiteral("52:54:02:00:00:02"));
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 2000; ++i) {
            registry.handleEvent(script(QStringLiteral("02:00:01:00:%1:%2").arg(i / 256, 2, 16, QLatin1Char('0')).arg(i % 256, 2, 16, QLatin1Char('0')),
                                        QStringLiteral("10.201.0.1"), ScriptKind::Wait,
                                        {{QStringLiteral("uuid"), uuid(50000 + i)}, {QStringLiteral("serial"), QStringLiteral("S%1").arg(i)}}));
        }
        // Not a timing assertion (that is for the benchmarks): the rows did not grow.
        QCOMPARE(registry.machines().size(), 9999);
        qInfo("2000 requests with fresh UUIDs against 10 000 rows: %lld ms", qint64(timer.elapsed()));
    }
    void factsFromScript()
    {
        MachineRegistry registry;
        registry.handleEvent(ev(EventKind::DhcpDiscover, kMac));   // a machine starts with its DHCP
        registry.handleEvent(script(kMac, QStringLiteral("10.77.0.5"), ScriptKind::Wait,
                                {{QStringLiteral("uuid"), QStringLiteral("u-1")},
                                 {QStringLiteral("serial"), QStringLiteral("S1")},
                                 {QStringLiteral("product"), QStringLiteral("Standard PC")}}));
        const Machine *m = registry.machine(kMac);
        QCOMPARE(m->uuid, QStringLiteral("u-1"));
        QCOMPARE(m->serial, QStringLiteral("S1"));
        QCOMPARE(m->product, QStringLiteral("Standard PC"));
        // An HTTP peer never teaches the machine's address: only its DHCP exchange does.
        QVERIFY(registry.macForAddress(QHostAddress(QStringLiteral("10.77.0.5"))).isEmpty());
        registry.handleEvent(ev(EventKind::DhcpRequest, kMac, QStringLiteral("10.77.0.5")));
        QCOMPARE(registry.macForAddress(QHostAddress(QStringLiteral("10.77.0.5"))), kMac);
    }
    void foreignLogsAndProbesChangeNothing()
    {
        MachineRegistry registry;
        registry.handleEvent(ev(EventKind::DhcpDiscover, kMac));   // a machine starts with its DHCP
        QStringList reported;
        connect(&registry, &MachineRegistry::installReported, this, [&reported](const QString &mac) { reported << mac; });
        registry.handleEvent(ev(EventKind::DhcpRequest, kMac, QStringLiteral("10.77.0.5")));
        registry.handleEvent(ev(EventKind::ConfigServed, kMac, QStringLiteral("10.77.0.5")));
        // From another address: not this machine's line.
        registry.handleEvent(ev(EventKind::Log, {}, QStringLiteral("10.77.0.66"), QStringLiteral("[talos] task install (1/1): install successful")));
        // Over UDP from its address: anyone can write that source address.
        registry.handleEvent(ev(EventKind::Log, {}, QStringLiteral("10.77.0.5"), QStringLiteral("[talos] task install (1/1): install successful"),
                                {{QStringLiteral("transport"), QStringLiteral("udp")}}));
        QVERIFY(reported.isEmpty());
        // Config probes for made-up MACs make no rows.
        for (int i = 0; i < 100; ++i) {
            MachineEvent probe = ev(EventKind::ConfigRefused, QStringLiteral("02:00:00:00:00:%1").arg(i % 100, 2, 10, QLatin1Char('0')),
                                    QStringLiteral("10.77.0.66"), QStringLiteral("refused"));
            probe.failure = FailureCode::Unauthorized;
            registry.handleEvent(probe);
        }
        QCOMPARE(registry.machines().size(), 1);
        // Over TCP from its address it counts.
        registry.handleEvent(ev(EventKind::Log, {}, QStringLiteral("10.77.0.5"), QStringLiteral("[talos] task install (1/1): install successful")));
        QCOMPARE(reported, QStringList{kMac});
    }
};

const QString tst_MachineRegistry::kMac = QStringLiteral("52:54:00:12:34:56");

QTEST_GUILESS_MAIN(tst_MachineRegistry)
#include "tst_machineregistry.moc"
