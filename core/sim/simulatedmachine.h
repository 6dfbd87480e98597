#pragma once

#include "protocol/dhcp/dhcppacket.h"
#include "sim/fleetplan.h"
#include "sim/ipxescriptreader.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

class QTcpSocket;
class QTimer;

namespace Nbc::Sim {

// One virtual machine booting the way real hardware does, through the console's real
// engines: firmware DHCP (and the 4011 request on UEFI), TFTP of iPXE, iPXE's DHCP,
// the iPXE scripts over HTTP, kernel and initramfs, then Talos: its config and its log
// lines. Lives in the simulator's thread; every step has a timeout.
class SimulatedMachine : public QObject
{
    Q_OBJECT
public:
    SimulatedMachine(const MachinePlan &plan, const FleetOptions &options, FleetCounters *counters,
                     QObject *parent = nullptr);
    ~SimulatedMachine() override;

    const MachinePlan &plan() const { return m_plan; }
    void start();

    // How many times a Loop machine loads the iPXE binary before it gives up.
    static constexpr int kLoopRounds = 4;

Q_SIGNALS:
    void finished(const QString &mac, bool ok, const QString &reason);
    // Its config was served: the hostname it names (empty when none).
    void configFetched(const QString &mac, const QString &hostname);

private:
    enum class Step { Ok, Failed, Pending, Jumped, Ended };

    Dhcp::Packet packet(Dhcp::MessageType type, bool ipxe) const;
    void exchange(const Dhcp::Packet &request, quint16 port, Dhcp::MessageType expected, int tries,
                  std::function<void(const std::optional<Dhcp::Packet> &)> next);
    void firmwareDhcp();
    void loadIpxe();
    void ipxeDhcp();
    void requestThenContinue(const Dhcp::Packet &offer, bool ipxe, std::function<void()> next);

    void fetchScript(const QString &url);
    void runScript();
    void resumeScript(bool ok);
    Step execute(const QStringList &words);
    void fetchArtifact(const QString &url, bool kernel);

    void bootTalos();
    void fetchConfig();
    void sendLogLines(int next);
    // One Talos line, sent the ways Talos would send it (TalosLineFlag).
    void sendTalos(const QString &message, const QString &fields, int flags);
    void sendRecord(const QString &message, const QString &fields, const QString &service);

    void finish(bool ok, const QString &reason);

    MachinePlan m_plan;
    FleetOptions m_options;
    FleetCounters *m_counters;
    IpxeSettings m_settings;
    QTimer *m_deadline = nullptr;
    QPointer<QObject> m_pending;            // the running DHCP exchange, transfer or timer
    QTcpSocket *m_log = nullptr;
    bool m_done = false;

    QByteArray m_bootFile;
    quint32 m_nextServer = 0;
    int m_ipxeLoads = 0;
    quint32 m_xid = 0;

    QList<IpxeStatement> m_script;
    int m_pc = 0;
    int m_command = 0;
    bool m_status = true;
    int m_steps = 0;
    QStringList m_kernelArgs;
    bool m_kernelLoaded = false;

    QString m_configUrl;
    QString m_installDisk = QStringLiteral("/dev/sda");
    quint64 m_logSeq = 0;
    bool m_serviceLog = false;   // the config named the console as a service-log destination
    QList<std::pair<QString, QString>> m_machinedLog;   // machined's lines so far: the service log replays them
};

} // namespace Nbc::Sim
