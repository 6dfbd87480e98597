#include "session/rogueguard.h"

#include "doctor/dhcpprobe.h"

#include <QDateTime>
#include <QStringList>
#include <QTimer>

namespace Nbc {

QString RogueGuard::evidenceKey(Evidence evidence)
{
    switch (evidence) {
    case Evidence::Probe:
        return QStringLiteral("probe");
    case Evidence::ClientRequest:
        return QStringLiteral("request");
    case Evidence::ServerReply:
        return QStringLiteral("reply");
    }
    return {};
}

std::optional<RogueGuard::Evidence> RogueGuard::evidenceFromKey(const QString &key)
{
    for (Evidence e : {Evidence::Probe, Evidence::ClientRequest, Evidence::ServerReply}) {
        if (evidenceKey(e) == key)
            return e;
    }
    return std::nullopt;
}

RogueGuard::RogueGuard(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    qRegisterMetaType<Nbc::RogueGuard::Server>();
    connect(m_timer, &QTimer::timeout, this, &RogueGuard::probeNow);
    m_prober = [this](const QString &name, QString *error) { return defaultProbe(name, error); };
}

RogueGuard::~RogueGuard() = default;

qint64 RogueGuard::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

void RogueGuard::start(const QString &interfaceName, int intervalMs)
{
    intervalMs = qMax(0, intervalMs);
    if (m_running && interfaceName == m_interface && intervalMs == m_intervalMs)
        return;
    stop();
    m_interface = interfaceName;
    m_intervalMs = intervalMs;
    m_running = true;
    m_lastRoundMs = nowMs();
    if (m_intervalMs > 0 && !m_interface.isEmpty()) {
        m_timer->start(m_intervalMs);
        probeNow();
    }
}

void RogueGuard::stop()
{
    const bool wasPresent = present();
    m_running = false;
    m_timer->stop();
    m_probing = false;
    if (m_probe)
        m_probe->cancel();
    m_servers.clear();
    m_rounds = 0;
    if (wasPresent) {
        Q_EMIT changed();
        setPresent(true);
    }
}

bool RogueGuard::defaultProbe(const QString &interfaceName, QString *error)
{
    if (!m_probe) {
        m_probe = new Doctor::DhcpProbe(this);
        connect(m_probe, &Doctor::DhcpProbe::finished, this, [this] { takeProbeResult(m_probe->answers()); });
    }
    return m_probe->start(interfaceName, kProbeTimeoutMs, error);
}

void RogueGuard::probeNow()
{
    // A round still listening (an interval shorter than the probe) is left to finish.
    if (!m_running || m_probing || m_interface.isEmpty())
        return;
    m_probing = true;
    QString error;
    if (!m_prober(m_interface, &error)) {
        m_probing = false;
        // Without the probe the guard still hears what the server sees; said once.
        if (error != m_probeProblem) {
            m_probeProblem = error;
            Q_EMIT probeFailed(error);
        }
        return;
    }
    m_probeProblem.clear();
}

bool RogueGuard::isOwn(const QHostAddress &address) const
{
    return address.isNull() || m_own.contains(address) || address.isLoopback()
        || address == QHostAddress(QHostAddress::AnyIPv4) || address == QHostAddress(QHostAddress::Broadcast);
}

void RogueGuard::takeProbeResult(const QList<Doctor::DhcpAnswer> &answers)
{
    if (!m_running || !m_probing)
        return;
    m_probing = false;
    ++m_rounds;
    const qint64 now = nowMs();
    QList<QHostAddress> seen;
    for (const Doctor::DhcpAnswer &answer : answers) {
        // Our own server's offer (a console does not warn about itself).
        if (answer.fromThisHost || isOwn(answer.server) || isOwn(answer.source))
            continue;
        saw(answer.server, Evidence::Probe, answer.describe());
        seen << answer.server;
    }
    // Servers this round did not hear and nothing else showed since the last round.
    const bool wasPresent = present();
    QList<Server> gone;
    for (qsizetype i = m_servers.size() - 1; i >= 0; --i) {
        Server &s = m_servers[i];
        if (seen.contains(s.address))
            continue;
        if (s.lastSeenMs > m_lastRoundMs)
            continue;   // evidence in passing since the last round counts as a sighting
        if (++s.missedRounds >= kMissedRounds)
            gone.prepend(m_servers.takeAt(i));
    }
    m_lastRoundMs = now;
    for (const Server &s : std::as_const(gone))
        Q_EMIT serverGone(s);
    if (!gone.isEmpty()) {
        Q_EMIT changed();
        setPresent(wasPresent);
    }
}

void RogueGuard::takeSighting(const QHostAddress &server, const QString &evidence)
{
    const std::optional<Evidence> how = evidenceFromKey(evidence);
    if (!m_running || !how || *how == Evidence::Probe)
        return;
    const QString detail = *how == Evidence::ClientRequest ? tr("a client asked it for the address it had offered")
                                                           : tr("its DHCP reply reached the console's DHCP port");
    saw(server, *how, detail);
}

void RogueGuard::saw(const QHostAddress &address, Evidence evidence, const QString &detail)
{
    if (isOwn(address))
        return;
    const qint64 now = nowMs();
    for (Server &s : m_servers) {
        if (s.address != address)
            continue;
        s.lastSeenMs = now;
        s.missedRounds = 0;
        // The probe's answer says what the server offers: it replaces a passive sighting.
        if (evidence == Evidence::Probe || s.evidence != Evidence::Probe) {
            const bool differs = s.detail != detail;
            s.detail = detail;
            s.evidence = evidence;
            if (differs)
                Q_EMIT changed();
        }
        return;
    }
    if (m_servers.size() >= kMaxServers)
        return;
    const bool wasPresent = present();
    Server s;
    s.address = address;
    s.detail = detail;
    s.evidence = evidence;
    s.firstSeenMs = s.lastSeenMs = now;
    m_servers.append(s);
    Q_EMIT serverAppeared(s);
    Q_EMIT changed();
    setPresent(wasPresent);
}

void RogueGuard::setPresent(bool wasPresent)
{
    if (present() != wasPresent)
        Q_EMIT presenceChanged(present());
}

QString RogueGuard::warning() const
{
    if (m_servers.isEmpty())
        return {};
    const QString where = m_interface.isEmpty() ? tr("this network") : m_interface;
    if (m_servers.size() == 1) {
        const Server &s = m_servers.constFirst();
        return tr("Another DHCP server answers on %1: %2 (%3). Machines may take its address and not boot from "
                  "this console; switch it off or unplug it from this network.")
            .arg(where, s.address.toString(), s.detail);
    }
    QStringList addresses;
    for (const Server &s : m_servers)
        addresses << s.address.toString();
    return tr("%n other DHCP servers answer on %1: %2. Machines may take their addresses and not boot from this "
              "console; switch them off or unplug them from this network.",
              nullptr, int(m_servers.size()))
        .arg(where, addresses.join(QLatin1String(", ")));
}

} // namespace Nbc
