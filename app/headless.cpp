#include "headless.h"
#include "options.h"

#include "engine/servicehost.h"
#include "session/consolesession.h"
#include "inventory/machineregistry.h"
#include "session/rogueguard.h"
#include "sim/demo.h"
#include "sim/fleetsimulator.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalFd[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe work here: wake the event loop, which quits cleanly.
    [[maybe_unused]] const auto written = ::write(g_signalFd[1], &byte, 1);
}

void installSignalHandlers(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalFd[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app] {
        char byte;
        [[maybe_unused]] const auto got = ::read(g_signalFd[0], &byte, 1);
        app.quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool g_flushScheduled = false;

// Lines of one pass of the event loop leave in one write: a burst of a thousand
// requests is not a thousand system calls. Flushed before the loop sleeps again.
void printLine(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout);
    if (g_flushScheduled)
        return;
    g_flushScheduled = true;
    QTimer::singleShot(0, [] {
        g_flushScheduled = false;
        std::fflush(stdout);
    });
}

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject eventLine(const Nbc::MachineEvent &event, Nbc::Stage stage)
{
    QJsonObject line;
    line.insert(QLatin1String("time"), isoTime(event.time));
    line.insert(QLatin1String("mac"), event.mac);
    line.insert(QLatin1String("stage"), event.mac.isEmpty() ? QString() : Nbc::stageName(stage));
    line.insert(QLatin1String("event"), Nbc::eventName(event.kind));
    if (!event.peer.isNull())
        line.insert(QLatin1String("ip"), event.peer.toString());
    if (event.bytes >= 0)
        line.insert(QLatin1String("bytes"), event.bytes);
    if (event.total >= 0)
        line.insert(QLatin1String("total"), event.total);
    if (event.rate >= 0)
        line.insert(QLatin1String("rate"), event.rate);
    if (!event.detail.isEmpty())
        line.insert(QLatin1String("detail"), event.detail);
    for (auto it = event.facts.constBegin(); it != event.facts.constEnd(); ++it) {
        if (!line.contains(it.key()))
            line.insert(it.key(), QJsonValue::fromVariant(it.value()));
    }
    // The typed failure's stable key, what scripts match whatever the detail's wording
    // (an engine's own finer reason, e.g. TFTP's "write-request", is kept).
    if (event.failure != Nbc::FailureCode::None && !line.contains(QLatin1String("reason")))
        line.insert(QLatin1String("reason"), Nbc::failureKey(event.failure));
    return line;
}

QJsonObject serviceLine(const Nbc::EngineStatus &status)
{
    QJsonObject line;
    line.insert(QLatin1String("time"), isoTime(QDateTime::currentDateTimeUtc()));
    line.insert(QLatin1String("event"), QStringLiteral("service"));
    line.insert(QLatin1String("engine"), status.engine);
    line.insert(QLatin1String("state"), Nbc::engineStateName(status.state));
    if (!status.address.isEmpty())
        line.insert(QLatin1String("address"), status.address);
    if (!status.error.isEmpty())
        line.insert(QLatin1String("error"), status.error);
    if (!status.fix.isEmpty())
        line.insert(QLatin1String("fix"), status.fix);
    QJsonObject counters;
    for (auto it = status.counters.constBegin(); it != status.counters.constEnd(); ++it)
        counters.insert(it.key(), static_cast<qint64>(it.value()));
    if (!counters.isEmpty())
        line.insert(QLatin1String("counters"), counters);
    return line;
}

} // namespace

int runHeadless(QCoreApplication &app, const AppOptions &options)
{
    Nbc::ConsoleSession session;
    // --demo N: a throw-away workspace on loopback, driven by N simulated machines.
    std::unique_ptr<Nbc::Sim::DemoDriver> demo;
    if (options.demo > 0) {
        QString error;
        demo.reset(Nbc::Sim::openDemo(&session, options.demo, nullptr, &error, options.demoFaults));
        if (!demo) {
            std::fprintf(stderr, "netboot-console: the demo cannot start: %s\n", qPrintable(error));
            return 1;
        }
    } else if (!session.open(options.workspace, options.sessionOverrides())) {
        std::fprintf(stderr, "netboot-console: %s\n", qPrintable(session.error()));
        return 1;
    }
    installSignalHandlers(app);

    QObject::connect(session.registry(), &Nbc::MachineRegistry::eventResolved, &app,
                     [](const Nbc::MachineEvent &event, Nbc::Stage stage) { printLine(eventLine(event, stage)); });
    QObject::connect(session.services(), &Nbc::ServiceHost::statusChanged, &app,
                     [](const Nbc::EngineStatus &status) {
                         printLine(serviceLine(status));
                         if (status.state == Nbc::EngineStatus::State::Failed)
                             std::fprintf(stderr, "netboot-console: %s\n  %s\n", qPrintable(status.error),
                                          qPrintable(status.fix));
                     });
    QObject::connect(&session, &Nbc::ConsoleSession::registryStatusChanged, &app,
                     [](const Nbc::EngineStatus &status) { printLine(serviceLine(status)); });
    QObject::connect(&session, &Nbc::ConsoleSession::workspaceError, &app, [](const QString &message) {
        QJsonObject line;
        line.insert(QLatin1String("time"), isoTime(QDateTime::currentDateTimeUtc()));
        line.insert(QLatin1String("event"), QStringLiteral("workspace-error"));
        line.insert(QLatin1String("detail"), message);
        printLine(line);
        std::fprintf(stderr, "netboot-console: %s\n", qPrintable(message));
    });
    // A neighbour turned away (per-address limits, a slow reader, forged DHCP): once, then
    // at most every ten seconds while it goes on, with the running count.
    QObject::connect(session.neighbours(), &Nbc::NeighbourWatch::refused, &app,
                     [](const Nbc::NeighbourWatch::Entry &entry) {
                         QJsonObject line;
                         line.insert(QLatin1String("time"), isoTime(QDateTime::fromMSecsSinceEpoch(entry.lastMs)));
                         line.insert(QLatin1String("event"), QStringLiteral("refused"));
                         line.insert(QLatin1String("engine"), entry.engine);
                         line.insert(QLatin1String("ip"), entry.address.toString());
                         line.insert(QLatin1String("reason"), entry.reason);
                         line.insert(QLatin1String("count"), qint64(entry.count));
                         line.insert(QLatin1String("detail"), Nbc::NeighbourWatch::describe(entry.engine, entry.reason));
                         printLine(line);
                     });
    // Another DHCP server on the segment in full mode: once per server, and again when it
    // comes back after it went away.
    QObject::connect(session.rogueGuard(), &Nbc::RogueGuard::serverAppeared, &app,
                     [](const Nbc::RogueGuard::Server &server) {
                         QJsonObject line;
                         line.insert(QLatin1String("time"), isoTime(QDateTime::fromMSecsSinceEpoch(server.firstSeenMs)));
                         line.insert(QLatin1String("event"), QStringLiteral("rogue-dhcp"));
                         line.insert(QLatin1String("ip"), server.address.toString());
                         line.insert(QLatin1String("evidence"), Nbc::RogueGuard::evidenceKey(server.evidence));
                         line.insert(QLatin1String("detail"), server.detail);
                         printLine(line);
                     });
    QObject::connect(session.rogueGuard(), &Nbc::RogueGuard::serverGone, &app,
                     [](const Nbc::RogueGuard::Server &server) {
                         QJsonObject line;
                         line.insert(QLatin1String("time"), isoTime(QDateTime::currentDateTimeUtc()));
                         line.insert(QLatin1String("event"), QStringLiteral("rogue-dhcp-gone"));
                         line.insert(QLatin1String("ip"), server.address.toString());
                         printLine(line);
                     });
    QObject::connect(session.rogueGuard(), &Nbc::RogueGuard::probeFailed, &app, [](const QString &message) {
        std::fprintf(stderr, "netboot-console: the rogue-DHCP probe cannot run: %s\n", qPrintable(message));
    });
    QObject::connect(&session, &Nbc::ConsoleSession::workspaceReloaded, &app, [] {
        QJsonObject line;
        line.insert(QLatin1String("time"), isoTime(QDateTime::currentDateTimeUtc()));
        line.insert(QLatin1String("event"), QStringLiteral("workspace-reloaded"));
        printLine(line);
    });

    if (demo) {
        QObject::connect(demo.get(), &Nbc::Sim::DemoDriver::fleetStarted, &app, [&demo] {
            QJsonObject line;
            line.insert(QLatin1String("time"), isoTime(QDateTime::currentDateTimeUtc()));
            line.insert(QLatin1String("event"), QStringLiteral("demo-started"));
            line.insert(QLatin1String("detail"), QStringLiteral("%1 simulated machines, workspace %2")
                                                     .arg(demo->simulator()->plans().size())
                                                     .arg(demo->environment()->workspaceDir()));
            printLine(line);
        });
        QObject::connect(demo.get(), &Nbc::Sim::DemoDriver::failed, &app, [](const QString &message) {
            std::fprintf(stderr, "netboot-console: demo: %s\n", qPrintable(message));
        });
    }

    session.startServices();
    const int code = app.exec();
    demo.reset();   // the machines stop before the engines they talk to
    session.stopServices();
    session.services()->shutdown();
    std::fflush(stdout);
    return code;
}
