#pragma once

#include "sim/fleetplan.h"

#include <QHash>
#include <QObject>

class QThread;

namespace Nbc::Sim {

class FleetRunner;

// N virtual machines booting through the real protocols against the console's real
// engines on loopback: for the demo, for tests and for load. The machines run in the
// simulator's own thread; this object lives in the caller's and relays what they report.
//
//   FleetSimulator sim(options);
//   connect(&sim, &FleetSimulator::allFinished, ...);
//   sim.start();
class FleetSimulator : public QObject
{
    Q_OBJECT
public:
    explicit FleetSimulator(const FleetOptions &options, QObject *parent = nullptr);
    ~FleetSimulator() override;

    const FleetOptions &options() const { return m_options; }
    // What each machine is and will do; the same as the running machines use.
    const QList<MachinePlan> &plans() const { return m_plans; }
    bool isSimulated(const QString &mac) const { return m_macs.contains(mac); }

    bool isRunning() const { return m_thread != nullptr; }
    // The last counters reported (at most four times a second, and when all finished).
    FleetCounters counters() const { return m_counters; }
    // The reason each finished machine gave ("joined", "installed", "stalled", ...).
    const QHash<QString, QString> &results() const { return m_results; }
    // The hostname each machine's served config named (machines that fetched one).
    const QHash<QString, QString> &servedHostnames() const { return m_hostnames; }

public Q_SLOTS:
    void start();
    // Stops the machines and joins the thread; safe to call twice.
    void stop();

Q_SIGNALS:
    void machineFinished(const QString &mac, bool ok, const QString &reason);
    void countersChanged(const Nbc::Sim::FleetCounters &counters);
    void allFinished();

private:
    FleetOptions m_options;
    QList<MachinePlan> m_plans;
    QHash<QString, int> m_macs;
    QThread *m_thread = nullptr;
    FleetRunner *m_runner = nullptr;
    FleetCounters m_counters;
    QHash<QString, QString> m_results;
    QHash<QString, QString> m_hostnames;
};

} // namespace Nbc::Sim
