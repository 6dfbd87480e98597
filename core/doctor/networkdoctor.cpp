#include "doctor/networkdoctor.h"

#include "doctor/dhcpprobe.h"

#include <QThread>

#include <memory>

namespace Nbc::Doctor {

NetworkDoctor::NetworkDoctor(QObject *parent)
    : QObject(parent)
    , m_probe(new DhcpProbe(this))
{
    qRegisterMetaType<Nbc::Doctor::DhcpAnswer>();
    qRegisterMetaType<Nbc::Doctor::DoctorReport>();
    connect(m_probe, &DhcpProbe::answerReceived, this, &NetworkDoctor::answerReceived);
    connect(m_probe, &DhcpProbe::finished, this, &NetworkDoctor::probeFinished);
}

NetworkDoctor::~NetworkDoctor()
{
    if (m_worker) {
        // The checks take at most nft's timeout; the thread must not outlive its results.
        m_worker->wait();
        delete m_worker;
    }
}

void NetworkDoctor::run(const QString &interfaceName, const Ports &ports, int probeTimeoutMs)
{
    if (m_running)
        return;
    m_running = true;
    m_probeDone = false;
    m_workerDone = false;

    DoctorReport r;
    r.time = QDateTime::currentDateTimeUtc();
    r.interfaceName = interfaceName;
    r.ports = servicePorts(ports);
    const QList<InterfaceInfo> interfaces = listInterfaces(m_sysClassNet);
    for (const InterfaceInfo &info : interfaces) {
        if (info.name == interfaceName) {
            r.interface = info;
            r.interfaceFound = true;
        }
    }
    quint16 lowest = 65535;
    for (const ServicePort &p : r.ports)
        lowest = qMin(lowest, p.port);
    r.permission = bindPermission(r.ports.isEmpty() ? quint16(67) : lowest, m_procRoot);
    m_report = r;

    // /proc scans and nft may take a moment on a busy machine: not on the window's thread.
    struct Results {
        QList<PortOwner> owners;
        FirewallFinding firewall;
    };
    auto results = std::make_shared<Results>();
    const PortList list = portList(r.ports);
    const QString procRoot = m_procRoot, netPid = m_netPid, nft = m_nftProgram;
    delete m_worker;
    m_worker = QThread::create([results, list, procRoot, netPid, nft] {
        results->owners = portOwners(list, procRoot, netPid);
        results->firewall = checkFirewall(list, nft);
    });
    connect(m_worker, &QThread::finished, this, [this, results] {
        m_report.owners = results->owners;
        m_report.firewall = results->firewall;
        m_workerDone = true;
        finishIfDone();
    });
    // Started from this thread, it is in this thread's network namespace.
    m_worker->start();

    if (!r.interfaceFound) {
        m_report.probeFailure = DhcpProbe::Failure::NoInterface;
        m_report.probeError = tr("There is no network interface '%1'.").arg(interfaceName);
        m_probeDone = true;
        return;
    }
    QString error;
    if (!m_probe->start(interfaceName, probeTimeoutMs, &error)) {
        m_report.probeFailure = m_probe->failure();
        m_report.probeError = error;
        m_probeDone = true;
    }
}

void NetworkDoctor::cancel()
{
    m_probe->cancel();
}

void NetworkDoctor::probeFinished()
{
    m_report.probed = true;
    m_report.answers = m_probe->answers();
    m_report.malformedReplies = m_probe->malformedReplies();
    m_probeDone = true;
    finishIfDone();
}

void NetworkDoctor::finishIfDone()
{
    if (!m_running || !m_probeDone || !m_workerDone)
        return;
    m_running = false;
    m_report.recommend();
    Q_EMIT finished(m_report);
}

} // namespace Nbc::Doctor
