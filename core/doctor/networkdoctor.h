#pragma once

#include "doctor/doctorreport.h"
#include "model/ports.h"

#include <QObject>
#include <QString>

class QThread;

namespace Nbc::Doctor {

class DhcpProbe;

// Looks at one interface the way the console would use it: the interface itself, who
// answers a PXE client's DHCPDISCOVER there, who holds the console's ports, whether this
// process may bind them, and whether the firewall lets them in; then recommends a mode.
// run() returns at once; finished() comes when the probe's wait is over (the port and
// firewall checks run meanwhile in a short-lived thread).
//
// The DHCP probe's socket, the port tables and nft belong to the network namespace of the
// thread that calls run().
class NetworkDoctor : public QObject
{
    Q_OBJECT
public:
    explicit NetworkDoctor(QObject *parent = nullptr);
    ~NetworkDoctor() override;

    // Ignored while a run is under way.
    void run(const QString &interfaceName, const Nbc::Ports &ports, int probeTimeoutMs = 6000);
    // Stops the probe early; finished() follows with what was found so far.
    void cancel();
    bool isRunning() const { return m_running; }
    // The last finished report.
    DoctorReport report() const { return m_report; }

    // Where the facts come from: for tests, and for looking into another namespace.
    void setSysClassNet(const QString &path) { m_sysClassNet = path; }
    void setProcRoot(const QString &path) { m_procRoot = path; }
    void setNetPid(const QString &pid) { m_netPid = pid; }
    void setNftProgram(const QString &program) { m_nftProgram = program; }

Q_SIGNALS:
    // As the probe hears them, before finished().
    void answerReceived(const Nbc::Doctor::DhcpAnswer &answer);
    void finished(const Nbc::Doctor::DoctorReport &report);

private:
    void probeFinished();
    void finishIfDone();

    DhcpProbe *m_probe = nullptr;
    QThread *m_worker = nullptr;
    DoctorReport m_report;
    bool m_running = false;
    bool m_probeDone = false;
    bool m_workerDone = false;
    QString m_sysClassNet = QStringLiteral("/sys/class/net");
    QString m_procRoot = QStringLiteral("/proc");
    QString m_netPid = QStringLiteral("self");
    QString m_nftProgram = QStringLiteral("nft");
};

} // namespace Nbc::Doctor
