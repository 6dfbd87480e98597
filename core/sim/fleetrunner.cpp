#include "sim/fleetrunner.h"

#include "sim/simulatedmachine.h"

#include <QTimer>

namespace Nbc::Sim {

FleetRunner::FleetRunner(const FleetOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
}

FleetRunner::~FleetRunner()
{
    stop();
}

void FleetRunner::start()
{
    if (m_launch)
        return;
    m_plans = planFleet(m_options);
    m_counters.machines = int(m_plans.size());
    m_launch = new QTimer(this);
    m_launch->setSingleShot(true);
    connect(m_launch, &QTimer::timeout, this, &FleetRunner::launchDue);
    m_publish = new QTimer(this);
    m_publish->setInterval(250);
    connect(m_publish, &QTimer::timeout, this, &FleetRunner::publish);
    m_publish->start();
    m_clock.start();
    if (m_plans.isEmpty()) {
        publish();
        Q_EMIT allFinished();
        return;
    }
    launchDue();
}

void FleetRunner::launchDue()
{
    if (m_stopped)
        return;
    const qint64 now = m_clock.elapsed();
    while (m_next < m_plans.size() && m_plans.at(m_next).startDelayMs <= now) {
        auto *machine = new SimulatedMachine(m_plans.at(m_next), m_options, &m_counters, this);
        m_running.insert(machine, m_next);
        connect(machine, &SimulatedMachine::configFetched, this, &FleetRunner::configFetched);
        connect(machine, &SimulatedMachine::finished, this,
                [this, machine](const QString &mac, bool ok, const QString &reason) { onFinished(machine, mac, ok, reason); });
        ++m_next;
        machine->start();
    }
    if (m_next < m_plans.size())
        m_launch->start(int(qMax<qint64>(0, m_plans.at(m_next).startDelayMs - now)));
}

void FleetRunner::onFinished(SimulatedMachine *machine, const QString &mac, bool ok, const QString &reason)
{
    if (m_stopped || !m_running.remove(machine))
        return;
    machine->deleteLater();
    Q_EMIT machineFinished(mac, ok, reason);
    if (m_counters.finished >= m_counters.machines) {
        publish();
        m_publish->stop();
        Q_EMIT allFinished();
    }
}

void FleetRunner::publish()
{
    Q_EMIT countersChanged(m_counters);
}

void FleetRunner::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    if (m_launch)
        m_launch->stop();
    if (m_publish)
        m_publish->stop();
    const QList<SimulatedMachine *> machines = m_running.keys();
    m_running.clear();
    qDeleteAll(machines);
}

} // namespace Nbc::Sim
