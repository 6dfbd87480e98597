#include "inventory/machineregistry.h"

namespace Nbc {

namespace {

bool isIpxe(const MachineEvent &event)
{
    return event.facts.value(QStringLiteral("firmware")).toString() == QLatin1String("ipxe");
}

} // namespace

MachineRegistry::MachineRegistry(QObject *parent)
    : QObject(parent)
{
}

const Machine *MachineRegistry::machine(const QString &mac) const
{
    const auto it = m_machines.constFind(mac);
    return it == m_machines.constEnd() ? nullptr : &it.value();
}

QString MachineRegistry::macForAddress(const QHostAddress &address) const
{
    bool ok = false;
    const quint32 v4 = address.toIPv4Address(&ok);
    return ok ? m_macByIp.value(v4) : QString();
}

Machine &MachineRegistry::ensure(const QString &mac, const QDateTime &time)
{
    auto it = m_machines.find(mac);
    if (it == m_machines.end()) {
        Machine machine;
        machine.mac = mac;
        machine.firstSeen = time;
        machine.stageSince = time;
        it = m_machines.insert(mac, machine);
    }
    it->lastSeen = time;
    return it.value();
}

void MachineRegistry::learnAddress(Machine &machine, const QHostAddress &address)
{
    bool ok = false;
    const quint32 v4 = address.toIPv4Address(&ok);
    if (!ok || v4 == 0 || address.isLoopback())
        return;
    machine.ip = QHostAddress(v4);
    m_macByIp.insert(v4, machine.mac);
}

void MachineRegistry::setStage(Machine &machine, Stage stage, const QDateTime &time)
{
    if (machine.stage == stage)
        return;
    machine.stage = stage;
    machine.stageSince = time;
}

void MachineRegistry::advance(Machine &machine, Stage stage, const QDateTime &time)
{
    // Within one boot a machine only moves forward; Stalled/Failed are left by progress.
    if (machine.stage == Stage::Stalled || machine.stage == Stage::Failed
        || static_cast<int>(stage) > static_cast<int>(machine.stage))
        setStage(machine, stage, time);
}

void MachineRegistry::handleEvent(const MachineEvent &incoming)
{
    MachineEvent event = incoming;
    if (event.mac.isEmpty())
        event.mac = macForAddress(event.peer);
    if (event.mac.isEmpty()) {
        // Nothing to attach it to yet (for example TFTP from an address no DHCP told us of).
        Q_EMIT eventResolved(event, Stage::Discovered);
        return;
    }
    Machine &m = ensure(event.mac, event.time);
    const QString detail = event.detail;
    switch (event.kind) {
    case EventKind::DhcpDiscover:
    case EventKind::DhcpRequest:
        if (!event.facts.value(QStringLiteral("firmware")).toString().isEmpty() && !isIpxe(event))
            m.firmware = event.facts.value(QStringLiteral("firmware")).toString();
        if (event.facts.contains(QStringLiteral("arch")))
            m.arch = event.facts.value(QStringLiteral("arch")).toString();
        if (event.kind == EventKind::DhcpRequest)
            learnAddress(m, event.peer);
        if (!isIpxe(event) && static_cast<int>(m.stage) > static_cast<int>(Stage::LoadingIpxe)) {
            // Firmware asking again after it got further: a new boot of the same machine.
            ++m.boots;
            setStage(m, Stage::Discovered, event.time);
        } else if (m.boots == 0) {
            m.boots = 1;
        }
        break;
    case EventKind::DhcpOffer:
    case EventKind::DhcpAck:
    case EventKind::DhcpIgnored:
        break;
    case EventKind::TftpStart:
    case EventKind::TftpProgress:
    case EventKind::TftpDone:
        learnAddress(m, event.peer);
        advance(m, Stage::LoadingIpxe, event.time);
        m.bytes = event.bytes;
        m.total = event.total;
        m.rate = event.rate;
        m.download = detail;
        break;
    case EventKind::TftpFailed:
        m.hint = QStringLiteral("TFTP transfer failed: ") + detail;
        break;
    case EventKind::ScriptServed:
        learnAddress(m, event.peer);
        for (const char *key : {"uuid", "serial", "manufacturer", "product"}) {
            const QString value = event.facts.value(QLatin1String(key)).toString();
            if (value.isEmpty())
                continue;
            if (qstrcmp(key, "uuid") == 0) m.uuid = value;
            else if (qstrcmp(key, "serial") == 0) m.serial = value;
            else if (qstrcmp(key, "manufacturer") == 0) m.manufacturer = value;
            else m.product = value;
        }
        if (detail == QLatin1String("wait") || detail == QLatin1String("no-artifacts")) {
            advance(m, Stage::Waiting, event.time);
        } else if (detail == QLatin1String("exit") || detail == QLatin1String("sanboot")
                   || detail == QLatin1String("http-404")) {
            setStage(m, Stage::Installed, event.time);
        } else if (m.stage == Stage::Discovered || m.stage == Stage::LoadingIpxe) {
            advance(m, Stage::Ipxe, event.time);
        }
        break;
    case EventKind::HttpStart:
    case EventKind::HttpProgress:
    case EventKind::HttpDone:
        learnAddress(m, event.peer);
        if (detail == QLatin1String("vmlinuz") || detail == QLatin1String("initramfs.xz")) {
            advance(m, Stage::Kernel, event.time);
            m.bytes = event.bytes;
            m.total = event.total;
            m.rate = event.rate;
            m.download = detail;
        }
        break;
    case EventKind::HttpFailed:
        if (detail.startsWith(QLatin1String("no artefact")) || detail.contains(QLatin1String("not an")))
            m.hint = detail;
        break;
    case EventKind::ConfigServed:
        learnAddress(m, event.peer);
        advance(m, Stage::Config, event.time);
        m.hint.clear();
        break;
    case EventKind::ConfigRefused:
        m.hint = detail;
        break;
    case EventKind::Log:
        if (detail.contains(QLatin1String("installing Talos to disk")) || detail.contains(QLatin1String("task install")))
            advance(m, Stage::Installing, event.time);
        else if (detail.contains(QLatin1String("machine is running and ready"))
                 || detail.contains(QLatin1String("boot sequence: done")))
            advance(m, Stage::Joined, event.time);
        else if (detail.contains(QLatin1String("fetching machine config")))
            advance(m, Stage::Config, event.time);
        break;
    }
    Q_EMIT eventResolved(event, m.stage);
    Q_EMIT machineChanged(m.mac);
}

} // namespace Nbc
