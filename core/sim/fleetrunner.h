#pragma once

#include "sim/fleetplan.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

class QTimer;

namespace Nbc::Sim {

class SimulatedMachine;

// The simulator's worker: powers the machines on at their planned times and collects
// what they report. A parentless QObject that lives in FleetSimulator's thread.
class FleetRunner : public QObject
{
    Q_OBJECT
public:
    explicit FleetRunner(const FleetOptions &options, QObject *parent = nullptr);
    ~FleetRunner() override;

public Q_SLOTS:
    void start();
    // Ends every running machine at once (its sockets close); nothing is reported after.
    void stop();

Q_SIGNALS:
    void machineFinished(const QString &mac, bool ok, const QString &reason);
    void configFetched(const QString &mac, const QString &hostname);
    void countersChanged(const Nbc::Sim::FleetCounters &counters);
    void allFinished();

private:
    void launchDue();
    void onFinished(SimulatedMachine *machine, const QString &mac, bool ok, const QString &reason);
    void publish();

    FleetOptions m_options;
    QList<MachinePlan> m_plans;
    FleetCounters m_counters;
    QHash<SimulatedMachine *, int> m_running;
    QTimer *m_launch = nullptr;
    QTimer *m_publish = nullptr;
    QElapsedTimer m_clock;
    int m_next = 0;
    bool m_stopped = false;
};

} // namespace Nbc::Sim
