// The fleet simulator against the console's real engines on loopback: every machine
// boots through proxy DHCP, TFTP, iPXE's scripts, HTTP artefacts, its config and Talos's
// log lines, and the registry must see each step of each machine.

#include "boot/ipxescript.h"
#include "engine/enginefactory.h"
#include "engine/servicehost.h"
#include "session/consolesession.h"
#include "inventory/machineregistry.h"
#include "inventory/workspace.h"
#include "sim/demo.h"
#include "sim/fleetsimulator.h"
#include "sim/ipxescriptreader.h"
#include "sim/simulatedmachine.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include "talos/taloslog.h"

#include <QTest>

#include <memory>

using namespace Nbc;
using namespace Nbc::Sim;

namespace {

const QHostAddress kLoopback(QHostAddress::LocalHost);

// Engines, registry and a demo workspace for `count` machines, at test pace.
struct Console {
    std::unique_ptr<DemoEnvironment> env;
    std::unique_ptr<ServiceHost> host;
    std::unique_ptr<MachineRegistry> registry;
    QHash<QString, int> configServed;    // per MAC, as the registry resolved them
    QHash<QString, int> logEvents;
    QHash<QString, int> tftpDone;
    QHash<QString, int> scripts;
    QHash<QString, int> artefactsDone;
    QSet<QString> running;
    QStringList failures;
};

std::unique_ptr<Console> startConsole(int count, quint32 seed, qint64 kernelBytes, qint64 initramfsBytes)
{
    auto console = std::make_unique<Console>();
    DemoEnvironment::Settings settings;
    settings.count = count;
    settings.seed = seed;
    settings.kernelBytes = kernelBytes;
    settings.initramfsBytes = initramfsBytes;
    settings.lateEvery = 0;
    QString error;
    console->env = DemoEnvironment::create(settings, &error);
    if (!console->env) {
        qWarning("demo environment: %s", qPrintable(error));
        return nullptr;
    }
    const Workspace workspace = Workspace::open(console->env->workspaceDir());
    BootSnapshot snap = workspace.toSnapshot();
    const SessionOverrides o = console->env->overrides();
    snap.serverAddress = kLoopback;
    snap.bindAddress = kLoopback;
    snap.ports.dhcp = quint16(o.ports.dhcp);
    snap.ports.proxy = quint16(o.ports.proxy);
    snap.ports.tftp = quint16(o.ports.tftp);
    snap.ports.http = quint16(o.ports.http);
    snap.ports.logs = quint16(o.ports.logs);

    console->host = std::make_unique<ServiceHost>();
    console->registry = std::make_unique<MachineRegistry>();
    Console *c = console.get();
    QObject::connect(c->host.get(), &ServiceHost::machineEvent, c->registry.get(), &MachineRegistry::handleEvent);
    QObject::connect(c->host.get(), &ServiceHost::statusChanged, c->registry.get(), [c](const EngineStatus &s) {
        if (s.state == EngineStatus::State::Running)
            c->running.insert(s.engine);
        else if (s.state == EngineStatus::State::Failed)
            c->failures << s.engine + QStringLiteral(": ") + s.error;
    });
    QObject::connect(c->registry.get(), &MachineRegistry::eventResolved, c->registry.get(),
                     [c](const MachineEvent &e, Stage) {
                         if (e.kind == EventKind::ConfigServed)
                             ++c->configServed[e.mac];
                         else if (e.kind == EventKind::Log)
                             ++c->logEvents[e.mac];
                         else if (e.kind == EventKind::TftpDone)
                             ++c->tftpDone[e.mac];
                         else if (e.kind == EventKind::ScriptServed)
                             ++c->scripts[e.mac];
                         else if (e.kind == EventKind::HttpDone)
                             ++c->artefactsDone[e.mac];
                     });
    addDefaultEngines(*c->host);
    c->host->setSnapshot(snap);
    c->host->start();
    if (!QTest::qWaitFor([c] { return c->running.size() == c->host->engines().size() || !c->failures.isEmpty(); }, 10000)
        || !c->failures.isEmpty()) {
        qWarning("engines did not start: %s", qPrintable(c->failures.join(QLatin1String("; "))));
        return nullptr;
    }
    return console;
}

FleetOptions testPace(FleetOptions options)
{
    options.staggerMs = 0;
    options.bytesPerSecond = 64 * 1024 * 1024;
    options.logDelaysScale = 0.01;
    options.machineTimeoutMs = 60000;
    return options;
}

} // namespace

class tst_FleetSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        registerMetaTypes();
        raiseOpenFileLimit();
    }

    void sameSeedSamePlan()
    {
        FleetOptions options;
        options.count = 300;
        options.seed = 42;
        options.stallFraction = 0.1;
        options.loopFraction = 0.1;
        const QList<MachinePlan> a = planFleet(options);
        QCOMPARE(a.size(), 300);
        QCOMPARE(planFleet(options), a);
        options.seed = 43;
        const QList<MachinePlan> b = planFleet(options);
        QVERIFY(b != a);
        QVERIFY(b.first().mac != a.first().mac);

        QSet<QString> macs;
        QSet<quint32> addresses;
        int uefi = 0, stall = 0, loop = 0;
        for (const MachinePlan &p : a) {
            QVERIFY2(p.mac.startsWith(QLatin1String("02:00:00:")), qPrintable(p.mac));   // locally administered
            QCOMPARE(normalizeMac(p.mac), p.mac);
            macs.insert(p.mac);
            const quint32 ip = p.address.toIPv4Address();
            QCOMPARE(ip >> 16, 0x7f01u);          // 127.1.x.y
            QVERIFY((ip & 0xff) != 0 && (ip & 0xff) != 255);
            addresses.insert(ip);
            QCOMPARE(p.guid.size(), 16);
            uefi += p.firmware == Firmware::Uefi;
            stall += p.misbehaviour == Misbehaviour::Stall;
            loop += p.misbehaviour == Misbehaviour::Loop;
            QCOMPARE(p.vendorClass(), p.firmware == Firmware::Uefi ? QByteArray("PXEClient:Arch:00007:UNDI:002001")
                                                                    : QByteArray("PXEClient:Arch:00000:UNDI:002001"));
        }
        QCOMPARE(macs.size(), 300);
        QCOMPARE(addresses.size(), 300);
        QVERIFY2(uefi > 100 && uefi < 200, qPrintable(QString::number(uefi)));
        QVERIFY2(stall > 10 && stall < 50, qPrintable(QString::number(stall)));
        QVERIFY2(loop > 10 && loop < 50, qPrintable(QString::number(loop)));

        // Without misbehaviour asked for, nobody misbehaves; the identities stay the same.
        options.seed = 42;
        options.stallFraction = options.loopFraction = 0;
        const QList<MachinePlan> calm = planFleet(options);
        for (int i = 0; i < calm.size(); ++i) {
            QCOMPARE(calm.at(i).misbehaviour, Misbehaviour::None);
            QCOMPARE(calm.at(i).mac, a.at(i).mac);
        }
    }

    void expandsTheEntryScriptLikeIpxe()
    {
        BootSnapshot snap;
        snap.serverAddress = kLoopback;
        snap.ports.http = 8080;
        QString error;
        const QList<IpxeStatement> script = IpxeScriptReader::read(Boot::IpxeScripts::entry(snap).text, &error);
        QVERIFY2(!script.isEmpty(), qPrintable(error));
        QString chainUrl;
        for (const IpxeStatement &s : script) {
            if (!s.commands.isEmpty() && s.commands.first().words.value(0) == QLatin1String("chain"))
                chainUrl = s.commands.first().words.value(3);
        }
        QVERIFY(chainUrl.startsWith(QLatin1String("http://")));

        IpxeSettings settings;
        settings.set(QStringLiteral("net0/mac"), QStringLiteral("02:00:00:0a:0b:0c"));
        settings.set(QStringLiteral("uuid"), QStringLiteral("8c1b9b3e-0000-4000-8000-000000000001"));
        settings.set(QStringLiteral("serial"), QStringLiteral("NBS 1/2"));
        settings.set(QStringLiteral("manufacturer"), QStringLiteral("Demo Hardware Co."));
        settings.set(QStringLiteral("product"), QStringLiteral("Rack&Node"));
        settings.set(QStringLiteral("buildarch"), QStringLiteral("x86_64"));
        settings.set(QStringLiteral("platform"), QStringLiteral("efi"));
        QCOMPARE(settings.expand(chainUrl),
                 QStringLiteral("http://127.0.0.1:8080/m/02-00-00-0a-0b-0c/script.ipxe?uuid=8c1b9b3e-0000-4000-8000-000000000001"
                                "&serial=NBS%201%2F2&manufacturer=Demo%20Hardware%20Co.&product=Rack%26Node"
                                "&arch=x86_64&platform=efi"));
        // An unknown setting is empty, as in iPXE; ${mac} is the last device's.
        QCOMPARE(settings.expand(QStringLiteral("a${nothing}b ${mac:hexhyp}")), QStringLiteral("ab 02-00-00-0a-0b-0c"));
    }

    // afterInstall http-404: the console answers an installed machine's script with 404,
    // and the entry script hands it to its firmware's next device instead of retrying
    // (as it does while the console is away).
    void notFoundSendsInstalledMachinesToTheirDisk()
    {
        auto console = startConsole(8, 11, 64 * 1024, 64 * 1024);
        QVERIFY(console);
        FleetSimulator sim(testPace(console->env->fleetOptions()));
        BootSnapshot snap = console->host->snapshot();
        snap.afterInstall = AfterInstallPolicy::Http404;
        // One installed machine per firmware: iPXE's ${errno} for a 404 differs by platform.
        QStringList installed;
        for (const Firmware firmware : {Firmware::Bios, Firmware::Uefi}) {
            for (const MachinePlan &plan : sim.plans()) {
                if (plan.firmware == firmware) {
                    installed << plan.mac;
                    break;
                }
            }
        }
        QCOMPARE(installed.size(), 2);
        for (const QString &mac : std::as_const(installed)) {
            snap.machines[mac].mac = mac;
            snap.machines[mac].installed = true;
        }
        console->host->setSnapshot(snap);
        QSignalSpy all(&sim, &FleetSimulator::allFinished);
        sim.start();
        QVERIFY(all.wait(30000));
        for (const QString &mac : std::as_const(installed))
            QCOMPARE(sim.results().value(mac), QStringLiteral("installed"));
        QCOMPARE(sim.counters().installed, 2);
        QCOMPARE(sim.counters().joined, 6);   // the others boot Talos as before
        sim.stop();
    }

    void readsJoinedCommands()
    {
        QString error;
        const QList<IpxeStatement> script = IpxeScriptReader::read(
            "#!ipxe\n# comment\n:top\nisset ${net0/ip} && goto chain ||\nsleep 5\n", &error);
        QCOMPARE(script.size(), 3);
        QCOMPARE(script.at(0).label, QStringLiteral("top"));
        const QList<IpxeCommand> &commands = script.at(1).commands;
        QCOMPARE(commands.size(), 3);
        QCOMPARE(commands.at(0).words, QStringList({QStringLiteral("isset"), QStringLiteral("${net0/ip}")}));
        QCOMPARE(commands.at(1).join, IpxeCommand::Join::IfSucceeded);
        QCOMPARE(commands.at(2).join, IpxeCommand::Join::IfFailed);
        QVERIFY(commands.at(2).words.isEmpty());
        QCOMPARE(IpxeScriptReader::labelIndex(script, QStringLiteral("top")), 0);
        QVERIFY(IpxeScriptReader::read("echo hello\n", &error).isEmpty());
        QVERIFY(!error.isEmpty());
    }

    void bootsTwoHundredMachinesToJoined()
    {
        constexpr int kCount = 200;
        auto console = startConsole(kCount, 7, 512 * 1024, 1024 * 1024);
        QVERIFY(console);
        const FleetOptions options = testPace(console->env->fleetOptions());
        FleetSimulator sim(options);
        QSignalSpy finished(&sim, &FleetSimulator::machineFinished);
        QSignalSpy all(&sim, &FleetSimulator::allFinished);
        QElapsedTimer clock;
        clock.start();
        sim.start();
        QVERIFY2(all.wait(90000), qPrintable(QStringLiteral("%1 of %2 finished").arg(finished.size()).arg(kCount)));
        qInfo("%d machines joined in %lld ms", kCount, clock.elapsed());

        const FleetCounters counters = sim.counters();
        QCOMPARE(counters.finished, kCount);
        QCOMPARE(counters.joined, kCount);
        QCOMPARE(counters.failed, 0);
        QCOMPARE(counters.configsFetched, quint64(kCount));
        QCOMPARE(counters.tftpTransfers, quint64(kCount));
        for (const QList<QVariant> &args : std::as_const(finished))
            QVERIFY2(args.at(1).toBool(), qPrintable(args.at(0).toString() + QStringLiteral(": ") + args.at(2).toString()));

        // Every line the machines sent reached the registry and was attributed to its machine.
        MachineRegistry &registry = *console->registry;
        auto delivered = [&] {
            qint64 n = 0;
            for (int v : std::as_const(console->logEvents))
                n += v;
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(delivered(), qint64(counters.logLinesSent), 10000);
        QCOMPARE(registry.machines().size(), kCount);
        int uefi = 0;
        for (const MachinePlan &plan : sim.plans()) {
            const Machine *m = registry.machine(plan.mac);
            QVERIFY2(m, qPrintable(plan.mac));
            QCOMPARE(stageName(m->stage), stageName(Stage::Joined));
            QCOMPARE(console->configServed.value(plan.mac), 1);
            // Talos's records (reference §8.1): 16 kernel-log lines, 16 service-log copies.
            QCOMPARE(console->logEvents.value(plan.mac), 32);
            QCOMPARE(console->tftpDone.value(plan.mac), 1);
            QCOMPARE(console->scripts.value(plan.mac), 2);          // boot.ipxe, then its own script
            QCOMPARE(console->artefactsDone.value(plan.mac), 2);    // kernel and initramfs
            QCOMPARE(m->logs.size(), 16);   // each line once
            QCOMPARE(Nbc::Talos::logText(m->logs.last().message), QStringLiteral("machine is running and ready"));
            QVERIFY(m->logs.last().kernelLog);
            QCOMPARE(m->ip, plan.address);
            QCOMPARE(m->firmware, plan.firmware == Firmware::Uefi ? QStringLiteral("uefi") : QStringLiteral("bios"));
            QCOMPARE(m->uuid, plan.uuidText());
            QCOMPARE(m->serial, plan.serial);
            QCOMPARE(m->product, plan.product);
            QCOMPARE(m->boots, 1);
            QVERIFY(m->otherMacs.isEmpty());
            // The stages in their order, none skipped.
            QList<Stage> stages;
            for (const StageChange &change : m->history)
                stages << change.stage;
            QCOMPARE(stages, QList<Stage>({Stage::Discovered, Stage::LoadingIpxe, Stage::Ipxe, Stage::Kernel,
                                           Stage::Config, Stage::Installing, Stage::Joined}));
            uefi += plan.firmware == Firmware::Uefi;
        }
        QVERIFY(uefi > 0 && uefi < kCount);
        sim.stop();
    }

    void stallingMachineIsMarkedStalled()
    {
        // The kernel must be larger than what the kernel's socket buffers hold, or the
        // server would have handed over everything before the machine stops reading.
        auto console = startConsole(2, 11, 24 * 1024 * 1024, 64 * 1024);
        QVERIFY(console);
        console->registry->setStallSeconds(1);
        FleetOptions options = testPace(console->env->fleetOptions());
        options.stallFraction = 1.0;
        options.stallHoldMs = 6000;
        FleetSimulator sim(options);
        QSignalSpy finished(&sim, &FleetSimulator::machineFinished);
        sim.start();
        for (const MachinePlan &plan : sim.plans()) {
            QCOMPARE(plan.misbehaviour, Misbehaviour::Stall);
            QTRY_VERIFY_WITH_TIMEOUT(console->registry->machine(plan.mac)
                                         && console->registry->machine(plan.mac)->stage == Stage::Stalled, 5000);
            const Machine *m = console->registry->machine(plan.mac);
            QCOMPARE(m->stalledFrom, Stage::Kernel);
            QVERIFY2(m->hint.contains(QLatin1String("vmlinuz")), qPrintable(m->hint));
            QCOMPARE(m->download, QStringLiteral("vmlinuz"));
            QCOMPARE(m->total, qint64(24 * 1024 * 1024));
            QVERIFY(m->bytes < m->total);
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        for (const QList<QVariant> &args : std::as_const(finished)) {
            QCOMPARE(args.at(1).toBool(), false);
            QCOMPARE(args.at(2).toString(), QStringLiteral("stalled"));
        }
        QTRY_COMPARE(sim.counters().stalled, 2);
    }

    void loopingMachineGetsTheLoopHint()
    {
        auto console = startConsole(3, 5, 64 * 1024, 64 * 1024);
        QVERIFY(console);
        FleetOptions options = testPace(console->env->fleetOptions());
        options.loopFraction = 1.0;
        FleetSimulator sim(options);
        QSignalSpy all(&sim, &FleetSimulator::allFinished);
        sim.start();
        QVERIFY(all.wait(30000));
        QCOMPARE(sim.counters().looped, 3);
        QCOMPARE(sim.counters().tftpTransfers, quint64(3 * SimulatedMachine::kLoopRounds));
        for (const MachinePlan &plan : sim.plans()) {
            QCOMPARE(sim.results().value(plan.mac), QStringLiteral("ipxe-loop"));
            QTRY_VERIFY(console->registry->machine(plan.mac)
                        && console->registry->machine(plan.mac)->ipxeFetchesThisBoot == SimulatedMachine::kLoopRounds);
            const Machine *m = console->registry->machine(plan.mac);
            QVERIFY2(m->hint.contains(QLatin1String("iPXE is loaded again and again")), qPrintable(m->hint));
            QCOMPARE(m->stage, Stage::LoadingIpxe);   // never got to its script
            QCOMPARE(m->boots, 1);                    // iPXE's DHCP is not a new boot
        }
    }

    // The demo as the application runs it: a ConsoleSession on the demo workspace, late
    // machines waiting until the demo assigns them, then booting; a second power-on of an
    // installed machine is sent to its disk.
    void demoWaitsThenBootsOnceAssigned()
    {
        DemoEnvironment::Settings settings;
        settings.count = 4;
        settings.seed = 3;
        settings.kernelBytes = 64 * 1024;
        settings.initramfsBytes = 64 * 1024;
        settings.lateEvery = 2;
        settings.lateAssignMs = 1500;
        QString error;
        std::unique_ptr<DemoEnvironment> env = DemoEnvironment::create(settings, &error);
        QVERIFY2(env, qPrintable(error));
        QCOMPARE(env->lateMacs().size(), 2);
        env->fleetOptions() = testPace(env->fleetOptions());
        const QStringList late = env->lateMacs();
        const FleetOptions options = env->fleetOptions();
        const QString workspaceDir = env->workspaceDir();

        ConsoleSession session;
        QVERIFY2(session.open(workspaceDir, env->overrides()), qPrintable(session.error()));
        for (const QString &mac : late)
            QVERIFY(session.assignment(mac).isEmpty());
        DemoDriver demo(std::move(env), &session);
        QSignalSpy all(demo.simulator(), &FleetSimulator::allFinished);
        QSignalSpy assigned(&demo, &DemoDriver::lateAssigned);
        demo.start();
        session.startServices();
        // The wait script sleeps 5 s before it asks again.
        QVERIFY(all.wait(30000));
        QCOMPARE(assigned.size(), 2);
        QCOMPARE(demo.simulator()->counters().joined, 4);
        QVERIFY(demo.simulator()->counters().waits >= 2);
        for (const MachinePlan &plan : demo.simulator()->plans()) {
            const Machine *m = session.registry()->machine(plan.mac);
            QVERIFY(m);
            QVERIFY(m->simulated);
            QTRY_COMPARE(m->stage, Stage::Joined);
            bool waited = false;
            for (const StageChange &change : m->history)
                waited = waited || change.stage == Stage::Waiting;
            QCOMPARE(waited, late.contains(plan.mac));
            QCOMPARE(session.assignment(plan.mac), QStringLiteral("configs/demo-worker.yaml"));
            // Talos said "install successful": the next network boot goes to the disk.
            QTRY_VERIFY(session.isInstalled(plan.mac));
        }

        FleetSimulator again(options);
        QSignalSpy againDone(&again, &FleetSimulator::allFinished);
        again.start();
        QVERIFY(againDone.wait(30000));
        QCOMPARE(again.counters().installed, 4);
        for (const MachinePlan &plan : again.plans()) {
            QCOMPARE(again.results().value(plan.mac), QStringLiteral("installed"));
            QTRY_COMPARE(session.registry()->machine(plan.mac)->stage, Stage::Installed);
            QCOMPARE(session.registry()->machine(plan.mac)->boots, 2);
        }
        demo.stop();
        session.stopServices();
    }

    // A pallet of three models, one rule per model and no drag: every machine joins with
    // its model's config and a numbered hostname; one machine named by its SMBIOS UUID
    // gets its own config whichever MAC it boots from.
    void rulesBootAPalletWithoutDrags()
    {
        DemoEnvironment::Settings settings;
        settings.count = 60;
        settings.seed = 5;
        settings.kernelBytes = 64 * 1024;
        settings.initramfsBytes = 64 * 1024;
        settings.lateEvery = 0;
        QString error;
        std::unique_ptr<DemoEnvironment> env = DemoEnvironment::create(settings, &error);
        QVERIFY2(env, qPrintable(error));
        FleetOptions options = testPace(env->fleetOptions());
        const QStringList models{QStringLiteral("Model A"), QStringLiteral("Model B"), QStringLiteral("Model C")};
        options.products = models;
        const QString dir = env->workspaceDir();

        // The workspace: no machine entries, one rule per model, one machine by UUID.
        Workspace ws = Workspace::open(dir);
        QVERIFY(ws.ok());
        WorkspaceSettings &s = ws.settings();
        s.machines.clear();
        const QByteArray config = [&] {
            QFile f(dir + QStringLiteral("/configs/demo-worker.yaml"));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QVERIFY(!config.isEmpty());
        const QStringList hostnames{QStringLiteral("alpha-{n:02}"), QStringLiteral("beta-{n:02}"), QStringLiteral("{product}-{n}")};
        for (int i = 0; i < 3; ++i) {
            const QString file = QStringLiteral("configs/model-%1.yaml").arg(QChar(u'a' + i));
            QFile out(dir + u'/' + file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(config);
            out.close();
            out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            MachineRule rule;
            rule.name = QStringLiteral("model-%1").arg(QChar(u'a' + i));
            rule.match.product = models.at(i);
            rule.configPath = file;
            rule.hostname = hostnames.at(i);
            s.rules.append(rule);
        }
        const QList<MachinePlan> plans = planFleet(options);
        const MachinePlan special = plans.at(17);
        MachineIntent byUuid;
        byUuid.uuid = special.uuidText();
        byUuid.configPath = QStringLiteral("configs/demo-worker.yaml");
        byUuid.hostname = QStringLiteral("special-1");
        s.machines.append(byUuid);
        QVERIFY(ws.save(&error));

        ConsoleSession session;
        QVERIFY2(session.open(dir, env->overrides()), qPrintable(session.error()));
        session.startServices();
        FleetSimulator sim(options);
        QSignalSpy all(&sim, &FleetSimulator::allFinished);
        sim.start();
        // New machines wait until their facts are in (the wait script asks again after 5 s).
        QVERIFY(all.wait(60000));
        QCOMPARE(sim.counters().joined, 60);
        QHash<QString, QSet<QString>> namesPerRule;
        for (const MachinePlan &plan : sim.plans()) {
            QTRY_COMPARE(session.registry()->machine(plan.mac)->stage, Stage::Joined);
            const QString served = sim.servedHostnames().value(plan.mac);
            if (plan.mac == special.mac) {
                QCOMPARE(session.assignment(plan.mac), QStringLiteral("configs/demo-worker.yaml"));
                QVERIFY(session.ruleOf(plan.mac).isEmpty());
                QCOMPARE(served, QStringLiteral("special-1"));
                continue;
            }
            const int model = models.indexOf(plan.product);
            QVERIFY(model >= 0);
            const QString rule = QStringLiteral("model-%1").arg(QChar(u'a' + model));
            QCOMPARE(session.ruleOf(plan.mac), rule);
            QCOMPARE(session.assignment(plan.mac), QStringLiteral("configs/model-%1.yaml").arg(QChar(u'a' + model)));
            QCOMPARE(session.displayName(plan.mac), served);
            const QString prefix = model == 0 ? QStringLiteral("alpha-") : model == 1 ? QStringLiteral("beta-")
                                                                                      : QStringLiteral("model-c-");
            QVERIFY2(served.startsWith(prefix), qPrintable(served));
            namesPerRule[rule].insert(served);
        }
        // Numbers are given once per machine: twenty machines, twenty names per model.
        QCOMPARE(namesPerRule.value(QStringLiteral("model-a")).size() + namesPerRule.value(QStringLiteral("model-b")).size()
                     + namesPerRule.value(QStringLiteral("model-c")).size(),
                 59);
        QVERIFY(namesPerRule.value(QStringLiteral("model-a")).contains(QStringLiteral("alpha-01")));
        // And they stay: the numbers file survives the session.
        QVERIFY(QFile::exists(dir + QStringLiteral("/rulenumbers.json")));
        sim.stop();
        session.stopServices();
    }
};

QTEST_GUILESS_MAIN(tst_FleetSimulator)
#include "tst_fleetsimulator.moc"
