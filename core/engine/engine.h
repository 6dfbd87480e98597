#pragma once

#include "boot/bootsnapshot.h"
#include "model/machineevent.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>

class QTimer;

namespace Nbc {

// One neighbour an engine turned away for taking more than its share (or sending what
// no machine sends): the operator sees who, why and how often, not silence.
struct Refusal {
    QHostAddress address;
    QString reason;          // the counter's reason: "per-address-limit", "too-slow", ...
    quint64 count = 0;       // refusals of this address for this reason since start
    qint64 lastMs = 0;       // when the last one happened (ms since the epoch)
};

// What the services panel and `--headless` show about one engine.
struct EngineStatus {
    enum class State { Stopped, Running, Failed };
    QString engine;                   // "dhcp-proxy", "tftp", "http", "logs"
    State state = State::Stopped;
    QString address;                  // "10.77.0.1:69"
    QMap<QString, quint64> counters;  // "received", "served", "dropped:<reason>", ...
    QString error;                    // what went wrong, for a person
    QString fix;                      // what to do about it, e.g. the exact setcap command
    bool idle = false;                // running, but nothing to serve in this mode (shown grey)
    QList<Refusal> refusals;          // the latest refused neighbours, at most kMaxRefusals
    static constexpr int kMaxRefusals = 16;
};

QString engineStateName(EngineStatus::State state);

// Base of every server engine. An engine is a parentless QObject moved to its own
// QThread by ServiceHost; sockets and timers are created in start(), in that thread.
// It learns what to answer only from the BootSnapshot it is given by value.
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(const QString &name, QObject *parent = nullptr);
    ~Engine() override;

    QString name() const { return m_status.engine; }

public Q_SLOTS:
    // Both are idempotent. start() reports a failed bind through statusChanged, never throws.
    virtual void start() = 0;
    virtual void stop() = 0;
    virtual void setSnapshot(const Nbc::BootSnapshot &snapshot);
    // Talos reported that the machine installed: its next boot goes to its disk. The one
    // change the engines need at once, made without a new snapshot (a pallet reports one
    // machine after another, and a snapshot is built from the whole workspace).
    void markInstalled(const QString &mac);
    // A DHCP engine saw the machine's address (addressLearned of any engine, wired by
    // ServiceHost); engines that bind something to a machine's address keep it.
    virtual void learnAddress(const QString &mac, const QHostAddress &address);

Q_SIGNALS:
    void machineEvent(const Nbc::MachineEvent &event);
    // What a DHCP exchange showed: mac uses address (its lease, or what it asked for).
    void addressLearned(const QString &mac, const QHostAddress &address);
    void statusChanged(const Nbc::EngineStatus &status);

protected:
    const BootSnapshot &snapshot() const { return m_snapshot; }
    // Counters are published at most twice a second, never per packet.
    void count(const QString &key, quint64 n = 1);
    void drop(const QString &reason) { count(QStringLiteral("dropped:") + reason); }
    // A drop that one address caused: counted like drop(), and the address is kept (a
    // bounded list, the oldest goes) so the window can name the neighbour.
    void refuseSource(const QString &reason, const QHostAddress &address);
    // For events about packets that are dropped anyway (a flood of them must not become
    // a flood of event lines and registry work): true for at most kReportsPerSecond a
    // second; the counters still count every one.
    static constexpr int kReportsPerSecond = 50;
    bool reportAllowed();
    void setRunning(const QString &address, bool idle = false);
    void setStopped();
    void setFailed(const QString &error, const QString &fix);
    void publishStatus();
    // Why a bind failed, decided on the error code (never on strerror's words, which
    // follow the locale).
    enum class BindError { Denied, InUse, Other };
    static BindError bindErrorFromErrno(int error);
    static BindError bindErrorFromSocket(QAbstractSocket::SocketError error);
    // A user-facing explanation and fix for a failed bind of a port.
    enum class Transport { Udp, Tcp };
    static QString bindFix(int port, BindError error, Transport transport = Transport::Udp);

private:
    void schedulePublish();

    BootSnapshot m_snapshot;
    EngineStatus m_status;
    QTimer *m_publishTimer = nullptr;
    qint64 m_reportSecond = -1;
    int m_reportsThisSecond = 0;
};

} // namespace Nbc

Q_DECLARE_METATYPE(Nbc::EngineStatus)
