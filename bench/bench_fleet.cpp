// Thousands of machines booting at once against the console: do all reach Joined, and how
// long does each take (the distribution of time to Joined), how much memory does the
// console take (VmHWM), and how long is the main thread ever kept busy (a 1 ms timer's
// worst lateness)? Not a test: run it and read the figures.
//
//   bench_fleet [--machines N] [--kernel-kib K] [--initramfs-kib K] [--timeout S]
//               [--stagger-ms MS] [--bytes-per-second B]
//
// The console side is what ConsoleSession wires in the real binary: workspace, engines in
// their threads, registry and inventory on the main thread. The machines run in a child
// process (this program again, with --machines-only), so the memory measured is the
// console's alone and the machines' threads do not compete for the console's main thread.
// The last line is `FLEET key=value ...` for scripts.

#include "engine/servicehost.h"
#include "session/consolesession.h"
#include "inventory/machineregistry.h"
#include "sim/demo.h"
#include "sim/fleetsimulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using namespace Nbc;

namespace {

long statusKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : lines) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

QString option(const QStringList &args, const QString &name, const QString &fallback)
{
    const int at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : fallback;
}

// The child: the fleet only, pointed at the console's ports; prints its counters as JSON.
int runMachines(QCoreApplication &app, const QStringList &args)
{
    Sim::FleetOptions options;
    options.count = option(args, QStringLiteral("--machines"), QStringLiteral("1000")).toInt();
    options.seed = option(args, QStringLiteral("--seed"), QStringLiteral("1")).toUInt();
    options.ports.dhcp = option(args, QStringLiteral("--dhcp-port"), {}).toUShort();
    options.ports.proxy = option(args, QStringLiteral("--proxy-port"), {}).toUShort();
    options.ports.tftp = option(args, QStringLiteral("--tftp-port"), {}).toUShort();
    options.ports.http = option(args, QStringLiteral("--http-port"), {}).toUShort();
    options.staggerMs = option(args, QStringLiteral("--stagger-ms"), QStringLiteral("0")).toInt();
    options.bytesPerSecond = option(args, QStringLiteral("--bytes-per-second"), QStringLiteral("0")).toLongLong();
    options.logDelaysScale = option(args, QStringLiteral("--log-delays-scale"), QStringLiteral("0.05")).toDouble();
    options.machineTimeoutMs = option(args, QStringLiteral("--timeout"), QStringLiteral("300")).toInt() * 1000;

    Sim::FleetSimulator simulator(options);
    QObject::connect(&simulator, &Sim::FleetSimulator::allFinished, &app, [&] {
        const Sim::FleetCounters c = simulator.counters();
        QJsonObject out;
        out.insert(QLatin1String("finished"), c.finished);
        out.insert(QLatin1String("succeeded"), c.succeeded);
        out.insert(QLatin1String("failed"), c.failed);
        out.insert(QLatin1String("joined"), c.joined);
        out.insert(QLatin1String("httpBytes"), qint64(c.httpBytes));
        out.insert(QLatin1String("tftpBytes"), qint64(c.tftpBytes));
        out.insert(QLatin1String("vmhwmKiB"), qint64(statusKiB("VmHWM")));
        QHash<QString, int> reasons;
        // One count per kind of failure: the per-machine part (its URL) is cut off.
        for (const QString &reason : simulator.results()) {
            const qsizetype url = reason.indexOf(QLatin1String(" http://"));
            ++reasons[url > 0 ? reason.left(url) + QStringLiteral(" …") : reason];
        }
        QJsonObject byReason;
        for (auto it = reasons.constBegin(); it != reasons.constEnd(); ++it)
            byReason.insert(it.key(), it.value());
        out.insert(QLatin1String("results"), byReason);
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
        app.quit();
    });
    simulator.start();
    const int code = app.exec();
    simulator.stop();
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    registerMetaTypes();
    Sim::raiseOpenFileLimit();
    const QStringList args = app.arguments();
    if (args.contains(QStringLiteral("--machines-only")))
        return runMachines(app, args);

    const int machines = option(args, QStringLiteral("--machines"), QStringLiteral("1000")).toInt();
    const qint64 kernelKiB = option(args, QStringLiteral("--kernel-kib"), QStringLiteral("1024")).toLongLong();
    const qint64 initramfsKiB = option(args, QStringLiteral("--initramfs-kib"), QStringLiteral("4096")).toLongLong();
    const int timeoutS = option(args, QStringLiteral("--timeout"), QStringLiteral("300")).toInt();
    // 0: every machine powers on at the same instant; 10 ms spreads 5000 over 50 s.
    const QString staggerMs = option(args, QStringLiteral("--stagger-ms"), QStringLiteral("0"));
    const QString bytesPerSecond = option(args, QStringLiteral("--bytes-per-second"), QStringLiteral("0"));

    Sim::DemoEnvironment::Settings settings;
    settings.count = machines;
    settings.kernelBytes = kernelKiB * 1024;
    settings.initramfsBytes = initramfsKiB * 1024;
    settings.lateEvery = 0;   // every machine has its config: all of them must reach Joined
    QString error;
    std::unique_ptr<Sim::DemoEnvironment> env = Sim::DemoEnvironment::create(settings, &error);
    if (!env) {
        std::fprintf(stderr, "bench_fleet: %s\n", qPrintable(error));
        return 1;
    }
    ConsoleSession session;
    if (!session.open(env->workspaceDir(), env->overrides())) {
        std::fprintf(stderr, "bench_fleet: %s\n", qPrintable(session.error()));
        return 1;
    }
    const long rssBeforeKiB = statusKiB("VmRSS");

    // The stall probe: any lateness of a 1 ms timer is time the main thread was busy.
    QElapsedTimer clock;
    clock.start();
    qint64 lastUs = 0, worstUs = 0, worstAtUs = 0;
    std::vector<qint64> gapsUs;
    gapsUs.reserve(size_t(timeoutS) * 1000);
    QTimer probe;
    probe.setInterval(1);
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed() / 1000;
        if (lastUs > 0) {
            const qint64 lateness = std::max<qint64>(0, now - lastUs - 1000);
            gapsUs.push_back(lateness);
            if (lateness > worstUs) {
                worstUs = lateness;
                worstAtUs = now - lateness;
            }
            if (lateness > 16000)
                std::fprintf(stderr, "bench_fleet: main thread busy %.1f ms from %.3f s\n", lateness / 1000.0,
                             (now - lateness - 1000) / 1e6);
        }
        lastUs = now;
    });

    QSet<QString> joined;
    QHash<QString, qint64> firstSeenMs;   // when the console first heard of each machine
    std::vector<qint64> joinMs;           // each machine's time from first seen to Joined
    joinMs.reserve(size_t(machines));
    QProcess fleet;
    fleet.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer bootClock;
    QObject::connect(session.registry(), &MachineRegistry::stageChanged, &app,
                     [&](const QString &mac, Stage stage, const QString &) {
                         const qint64 now = bootClock.isValid() ? bootClock.elapsed() : 0;
                         auto seen = firstSeenMs.constFind(mac);
                         if (seen == firstSeenMs.constEnd())
                             seen = firstSeenMs.insert(mac, now);
                         const qint64 first = *seen;
                         if (stage == Stage::Joined && !joined.contains(mac)) {
                             joined.insert(mac);
                             joinMs.push_back(now - first);
                         }
                     });

    qint64 allJoinedMs = -1;
    QSet<QString> running;
    bool launched = false;
    QObject::connect(session.services(), &ServiceHost::statusChanged, &app, [&](const EngineStatus &status) {
        if (status.state == EngineStatus::State::Failed) {
            std::fprintf(stderr, "bench_fleet: %s: %s\n", qPrintable(status.engine), qPrintable(status.error));
            app.exit(1);
            return;
        }
        if (status.state != EngineStatus::State::Running || launched)
            return;
        running.insert(status.engine);
        if (running.size() < session.services()->engines().size())
            return;
        launched = true;
        const Sim::FleetOptions o = env->fleetOptions();
        fleet.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--machines-only"), QStringLiteral("--machines"), QString::number(machines),
                     QStringLiteral("--seed"), QString::number(o.seed),
                     QStringLiteral("--dhcp-port"), QString::number(o.ports.dhcp),
                     QStringLiteral("--proxy-port"), QString::number(o.ports.proxy),
                     QStringLiteral("--tftp-port"), QString::number(o.ports.tftp),
                     QStringLiteral("--http-port"), QString::number(o.ports.http),
                     QStringLiteral("--timeout"), QString::number(timeoutS),
                     QStringLiteral("--stagger-ms"), staggerMs, QStringLiteral("--bytes-per-second"), bytesPerSecond});
        bootClock.start();
        probe.start();
    });
    QObject::connect(&fleet, &QProcess::finished, &app, [&] {
        // The last log lines may still be on their way through the registry.
        QTimer::singleShot(2000, &app, [&] { app.quit(); });
    });
    QObject::connect(session.registry(), &MachineRegistry::stageChanged, &app,
                     [&](const QString &, Stage stage, const QString &) {
                         if (stage == Stage::Joined && joined.size() == machines && allJoinedMs < 0)
                             allJoinedMs = bootClock.elapsed();
                     });
    QTimer::singleShot((timeoutS + 30) * 1000, &app, [&] {
        std::fprintf(stderr, "bench_fleet: timed out after %d s\n", timeoutS + 30);
        fleet.kill();
        app.quit();
    });

    session.startServices();
    const int code = app.exec();
    probe.stop();
    fleet.waitForFinished(5000);
    const QJsonObject child = QJsonDocument::fromJson(fleet.readAllStandardOutput().trimmed()).object();
    const long hwmKiB = statusKiB("VmHWM");
    session.stopServices();
    session.services()->shutdown();

    std::sort(gapsUs.begin(), gapsUs.end());
    auto percentile = [&](double p) {
        return gapsUs.empty() ? 0.0 : double(gapsUs[std::min(gapsUs.size() - 1, size_t(p * double(gapsUs.size())))]) / 1000.0;
    };
    const long over50 = long(std::count_if(gapsUs.begin(), gapsUs.end(), [](qint64 g) { return g > 50000; }));
    const long over16 = long(std::count_if(gapsUs.begin(), gapsUs.end(), [](qint64 g) { return g > 16000; }));
    std::sort(joinMs.begin(), joinMs.end());
    auto joinedBy = [&](double p) {
        return joinMs.empty() ? -1.0 : double(joinMs[std::min(joinMs.size() - 1, size_t(p * double(joinMs.size())))]) / 1000.0;
    };
    std::printf("machines %d, kernel %lld KiB, initramfs %lld KiB, powered on %s ms apart\n", machines, kernelKiB,
                initramfsKiB, qPrintable(staggerMs));
    std::printf("joined (console registry): %lld of %d; simulator: %s\n", qint64(joined.size()), machines,
                QJsonDocument(child).toJson(QJsonDocument::Compact).constData());
    std::printf("all joined after: %.1f s\n", allJoinedMs / 1000.0);
    std::printf("time to Joined from its first DHCP request: p10 %.1f s, p50 %.1f s, p90 %.1f s, p99 %.1f s, last %.1f s\n",
                joinedBy(0.10), joinedBy(0.50), joinedBy(0.90), joinedBy(0.99), joinedBy(1.0));
    // A histogram of time to Joined, ten bins from 0 to the last machine.
    if (!joinMs.empty()) {
        const qint64 last = std::max<qint64>(joinMs.back(), 1);
        std::vector<int> bins(10, 0);
        for (const qint64 ms : joinMs)
            ++bins[std::min<size_t>(9, size_t(ms * 10 / (last + 1)))];
        for (size_t i = 0; i < bins.size(); ++i)
            std::printf("  %5.1f-%5.1f s %6d %s\n", double(last) * double(i) / 10000.0, double(last) * double(i + 1) / 10000.0,
                        bins[i], std::string(size_t(bins[i] * 50 / std::max<qint64>(1, qint64(joinMs.size()))), '#').c_str());
    }
    std::printf("console memory: VmHWM %.1f MiB (RSS after opening %.1f MiB)\n", hwmKiB / 1024.0, rssBeforeKiB / 1024.0);
    std::printf("main-thread stall: worst %.1f ms (from %.1f s), p99 %.2f ms, p99.9 %.2f ms, %ld over 16 ms and %ld over 50 ms in %zu probes\n",
                worstUs / 1000.0, worstAtUs / 1e6, percentile(0.99), percentile(0.999), over16, over50, gapsUs.size());
    std::printf("FLEET machines=%d joined=%lld all_joined_s=%.1f join_p50_s=%.1f join_p90_s=%.1f join_p99_s=%.1f "
                "vmhwm_mib=%.1f worst_stall_ms=%.1f p99_stall_ms=%.2f stalls_over_16ms=%ld stalls_over_50ms=%ld "
                "sim_failed=%d sim_vmhwm_mib=%.1f\n",
                machines, qint64(joined.size()), allJoinedMs / 1000.0, joinedBy(0.50), joinedBy(0.90), joinedBy(0.99),
                hwmKiB / 1024.0, worstUs / 1000.0, percentile(0.99), over16, over50,
                child.value(QLatin1String("failed")).toInt(-1),
                child.value(QLatin1String("vmhwmKiB")).toDouble(-1024) / 1024.0);
    std::fflush(stdout);
    return code != 0 ? code : (joined.size() == machines ? 0 : 2);
}
