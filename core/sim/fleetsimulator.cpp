#include "sim/fleetsimulator.h"

#include "sim/fleetrunner.h"

#include <QThread>

namespace Nbc::Sim {

FleetSimulator::FleetSimulator(const FleetOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_plans(planFleet(options))
{
    qRegisterMetaType<Nbc::Sim::FleetCounters>();
    for (const MachinePlan &plan : std::as_const(m_plans))
        m_macs.insert(plan.mac, plan.index);
    m_counters.machines = int(m_plans.size());
}

FleetSimulator::~FleetSimulator()
{
    stop();
}

void FleetSimulator::start()
{
    if (m_thread)
        return;
    m_results.clear();
    m_hostnames.clear();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("fleet-simulator"));
    m_runner = new FleetRunner(m_options);
    m_runner->moveToThread(m_thread);
    connect(m_runner, &FleetRunner::machineFinished, this,
            [this](const QString &mac, bool ok, const QString &reason) {
                m_results.insert(mac, reason);
                Q_EMIT machineFinished(mac, ok, reason);
            });
    connect(m_runner, &FleetRunner::configFetched, this,
            [this](const QString &mac, const QString &hostname) { m_hostnames.insert(mac, hostname); });
    connect(m_runner, &FleetRunner::countersChanged, this, [this](const FleetCounters &counters) {
        m_counters = counters;
        Q_EMIT countersChanged(counters);
    });
    connect(m_runner, &FleetRunner::allFinished, this, &FleetSimulator::allFinished);
    m_thread->start();
    QMetaObject::invokeMethod(m_runner, &FleetRunner::start, Qt::QueuedConnection);
}

void FleetSimulator::stop()
{
    if (!m_thread)
        return;
    FleetRunner *runner = m_runner;
    // The machines' sockets and timers belong to the thread: end them there.
    QMetaObject::invokeMethod(runner, [runner] { delete runner; }, Qt::BlockingQueuedConnection);
    m_runner = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

} // namespace Nbc::Sim
