// The machine table under load: N machines, each changing ten times a second, shown in
// the real window. Reports the longest main-thread stall (a 1 ms timer's worst lateness)
// and the memory, with the window on screen. Not a test: run it and read the figures.
//
//   bench_ui [machines=1000] [seconds=20] [changes-per-second-per-machine=10]
//   (QT_QPA_PLATFORM=offscreen, or under xvfb-run for a real X server)

#include "machinetablemodel.h"
#include "mainwindow.h"

#include "model/machineevent.h"
#include "session/consolesession.h"
#include "inventory/machineregistry.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

long rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

QString macOf(int i)
{
    return QStringLiteral("02:00:00:%1:%2:%3")
        .arg((i >> 16) & 0xff, 2, 16, QLatin1Char('0'))
        .arg((i >> 8) & 0xff, 2, 16, QLatin1Char('0'))
        .arg(i & 0xff, 2, 16, QLatin1Char('0'));
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int machines = args.value(1, QStringLiteral("1000")).toInt();
    const int seconds = args.value(2, QStringLiteral("20")).toInt();
    const int rate = args.value(3, QStringLiteral("10")).toInt();

    QTemporaryDir dir;
    Nbc::SessionOverrides overrides;
    overrides.serverAddress = QStringLiteral("127.0.0.1");
    Nbc::ConsoleSession session;
    if (!session.open(dir.path(), overrides)) {
        std::fprintf(stderr, "bench_ui: %s\n", qPrintable(session.error()));
        return 1;
    }
    Nbc::MachineRegistry *registry = session.registry();
    Nbc::Ui::MainWindow window(&session);
    window.resize(1600, 1000);
    window.show();

    const long rssBefore = rssKiB();
    std::vector<qint64> bytes(size_t(machines), 0);
    constexpr qint64 kTotal = 64ll << 20;
    // Every event the engines would send for a download: a progress line per machine,
    // `rate` times a second, spread evenly over 10 ms ticks.
    int next = 0;
    const int perTick = std::max(1, machines * rate / 100);
    QTimer feeder;
    feeder.setInterval(10);
    feeder.setTimerType(Qt::PreciseTimer);
    quint64 events = 0;
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int k = 0; k < perTick; ++k, next = (next + 1) % machines) {
            const QString mac = macOf(next);
            Nbc::MachineEvent e;
            e.time = now;
            e.mac = mac;
            e.peer = QHostAddress(quint32(0x7f010000u + quint32(next) + 2));
            if (!registry->machine(mac)) {
                e.kind = Nbc::EventKind::DhcpDiscover;
                e.facts.insert(QStringLiteral("arch"), next % 2 ? 7 : 0);
                registry->handleEvent(e);
                registry->markSimulated(mac);
            }
            qint64 &done = bytes[size_t(next)];
            done = done >= kTotal ? 0 : done + kTotal / 200;
            e.kind = done == 0 ? Nbc::EventKind::HttpStart : Nbc::EventKind::HttpProgress;
            e.detail = QStringLiteral("initramfs.xz");
            e.bytes = done;
            e.total = kTotal;
            e.rate = 3 * 1024 * 1024 + (next % 7) * 100000;
            e.transferId = quint64(next) + 1;
            registry->handleEvent(e);
            ++events;
        }
    });

    // The stall probe: a 1 ms timer; any lateness is time the main thread was busy.
    QElapsedTimer clock;
    qint64 last = 0, worst = 0, worstAt = 0, worstSteady = 0;
    std::vector<qint64> gaps;
    gaps.reserve(size_t(seconds) * 1000);
    QTimer probe;
    probe.setInterval(1);
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed() / 1000;
        if (last > 0) {
            gaps.push_back(now - last);
            if (now > 2000000)
                worstSteady = std::max(worstSteady, now - last);
            if (now - last > worst) {
                worst = now - last;
                worstAt = now;
            }
        }
        last = now;
    });

    QTimer::singleShot(1000, [&] {   // let the window settle first
        clock.start();
        feeder.start();
        probe.start();
    });
    QTimer::singleShot(1000 + seconds * 1000, [&] {
        probe.stop();
        feeder.stop();
        app.quit();
    });
    app.exec();

    std::sort(gaps.begin(), gaps.end());
    auto pct = [&gaps](double p) { return gaps.empty() ? 0 : gaps[size_t(double(gaps.size() - 1) * p)]; };
    const long rssAfter = rssKiB();
    std::printf("bench_ui: %d machines x %d changes/s for %d s on %s\n", machines, rate, seconds,
                qPrintable(QGuiApplication::platformName()));
    std::printf("  events fed            %llu (%.0f/s)\n", static_cast<unsigned long long>(events),
                double(events) / seconds);
    std::printf("  table rows            %d\n", window.findChild<Nbc::Ui::MachineTableModel *>(QStringLiteral("machineModel"))->rowCount());
    std::printf("  main-thread stall     longest %.1f ms, p99 %.1f ms, p50 %.2f ms (1 ms probe, %zu samples)\n",
                double(worst) / 1000.0, double(pct(0.99)) / 1000.0, double(pct(0.5)) / 1000.0, gaps.size());
    // The first second makes the rows (every machine's first event); after it, the rows change.
    std::printf("  longest stall ended   %.3f s into the run (CLOCK_MONOTONIC %.6f s); longest after 2 s: %.1f ms\n",
                double(worstAt) / 1e6, double(clock.msecsSinceReference()) / 1e3 + double(worstAt) / 1e6,
                double(worstSteady) / 1000.0);
    std::printf("  memory (RSS)          %.1f MiB (window shown: %.1f MiB)\n", double(rssAfter) / 1024.0,
                double(rssBefore) / 1024.0);
    std::printf("  target                longest stall < 16 ms: %s\n", worst < 16000 ? "met" : "NOT met");
    return 0;
}
