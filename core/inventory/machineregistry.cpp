#include "inventory/machineregistry.h"

#include "boot/intentresolver.h"

#include "talos/taloslog.h"

#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace Nbc {

namespace {

// How far into a Talos boot a milestone lies; 0 for those that say nothing about it.
int milestoneRank(Talos::Milestone milestone)
{
    using M = Talos::Milestone;
    switch (milestone) {
    case M::ConfigFetching:
    case M::ConfigFetchFailing:
    case M::Maintenance:
        return 1;
    case M::ConfigLoaded:
        return 2;
    case M::InstallStarted:
        return 3;
    case M::InstallDone:
        return 4;
    case M::Rebooting:
        return 5;
    case M::BootDone:
        return 6;
    case M::BootstrapNeeded:
        return 7;
    case M::Ready:
        return 8;
    default:
        return 0;
    }
}

// A second copy of a line just shown: the same text from the other transport or from
// another of machined's logs, seconds apart (reference §8.1). A line Talos really says
// twice comes by the same way both times and stays.
bool isLogCopy(const QList<LogLine> &logs, const LogLine &line)
{
    const QString text = Talos::logText(line.message);
    int looked = 0;
    for (auto it = logs.crbegin(); it != logs.crend() && looked < 12; ++it, ++looked) {
        if (qAbs(it->time.msecsTo(line.time)) > 5000)
            break;
        if ((it->kernelLog != line.kernelLog || it->service != line.service) && Talos::logText(it->message) == text)
            return true;
    }
    return false;
}

bool isBootArtifact(ArtifactKind kind)
{
    return kind == ArtifactKind::Kernel || kind == ArtifactKind::Initramfs;
}

} // namespace


QString MachineRegistry::ignoresProxyHint()
{
    return tr("The firmware keeps asking after our offer and never fetches its boot file: it ignores proxy "
              "DHCP offers. Use full DHCP mode on an isolated switch.");
}

MachineRegistry::MachineRegistry(QObject *parent)
    : QObject(parent)
    , m_publishTimer(new QTimer(this))
    , m_stallTimer(new QTimer(this))
{
    qRegisterMetaType<Nbc::LogLine>();
    m_publishTimer->setSingleShot(true);
    m_publishTimer->setInterval(kPublishIntervalMs);
    connect(m_publishTimer, &QTimer::timeout, this, &MachineRegistry::publish);
    m_deadlines = {{int(Stage::Discovered), 90}, {int(Stage::FirmwareFiles), 120},
                   {int(Stage::LoadingIpxe), 120}, {int(Stage::Ipxe), 120},
                   {int(Stage::Waiting), 600},   {int(Stage::Kernel), 300},      {int(Stage::Config), 600},
                   {int(Stage::Installing), 1200}};
    m_stallTimer->setInterval(1000);
    connect(m_stallTimer, &QTimer::timeout, this, &MachineRegistry::checkStalls);
    m_stallTimer->start();
}

MachineRegistry::~MachineRegistry() = default;

const Machine *MachineRegistry::machine(const QString &mac) const
{
    const auto it = m_machines.constFind(primaryMac(mac));
    return it == m_machines.constEnd() ? nullptr : &it.value();
}

QString MachineRegistry::primaryMac(const QString &mac) const
{
    return m_aliasOf.value(mac, mac);
}

QString MachineRegistry::macForAddress(const QHostAddress &address) const
{
    bool ok = false;
    const quint32 v4 = address.toIPv4Address(&ok);
    return ok ? m_macByIp.value(v4) : QString();
}

void MachineRegistry::touch(const QString &mac)
{
    m_changed.insert(mac);
    if (!m_publishTimer->isActive())
        m_publishTimer->start();
}

void MachineRegistry::publish()
{
    if (m_changed.isEmpty())
        return;
    // At most kPublishBatch machines per signal: the table, the fleet bar and the session
    // work on each, and 5000 at once kept the window from painting for tens of ms. The
    // rest follows in the next pass of the event loop.
    QStringList macs;
    macs.reserve(std::min<qsizetype>(m_changed.size(), kPublishBatch));
    for (auto it = m_changed.begin(); it != m_changed.end() && macs.size() < kPublishBatch;) {
        macs.append(*it);
        it = m_changed.erase(it);
    }
    if (!m_changed.isEmpty())
        QTimer::singleShot(0, this, &MachineRegistry::publish);
    Q_EMIT machinesChanged(macs);
}

Machine &MachineRegistry::ensure(const QString &mac, const QDateTime &time, bool *created)
{
    auto it = m_machines.find(mac);
    *created = it == m_machines.end();
    if (*created) {
        Machine machine;
        machine.mac = mac;
        machine.firstSeen = time;
        machine.stageSince = time;
        machine.history.append({Stage::Discovered, time, QString()});
        machine.configProblem = m_configProblems.value(mac);
        it = m_machines.insert(mac, machine);
    }
    it->lastSeen = time;
    return it.value();
}

void MachineRegistry::learnAddress(Machine &machine, const QHostAddress &address)
{
    bool ok = false;
    const quint32 v4 = address.toIPv4Address(&ok);
    if (!ok || v4 == 0 || v4 == 0xffffffff)
        return;
    machine.ip = QHostAddress(v4);
    // 127.0.0.1 is the console's own address in demo mode (simulated machines each use
    // another loopback address): never attribute by it.
    if (v4 != 0x7f000001)
        m_macByIp.insert(v4, machine.mac);
}

void MachineRegistry::indexIdentity(const Machine &machine, bool add)
{
    if (Boot::meaningfulUuid(machine.uuid)) {
        for (const QString &spelling : Boot::uuidSpellings(machine.uuid)) {
            if (add)
                m_macByUuid.insert(spelling, machine.mac);
            else if (m_macByUuid.value(spelling) == machine.mac)
                m_macByUuid.remove(spelling);
        }
    }
    if (Boot::meaningfulSerial(machine.serial)) {
        if (add)
            m_macsBySerial.insert(machine.serial, machine.mac);
        else
            m_macsBySerial.remove(machine.serial, machine.mac);
    }
}

QString MachineRegistry::sameMachineAs(const MachineEvent &event) const
{
    const QStringList spellings = Boot::uuidSpellings(event.facts.value(QStringLiteral("uuid")).toString());
    if (!spellings.isEmpty() && Boot::meaningfulUuid(spellings.first())) {
        const QString mac = m_macByUuid.value(spellings.first());
        if (!mac.isEmpty() && mac != event.mac && m_machines.contains(mac))
            return mac;
    }
    const QString serial = event.facts.value(QStringLiteral("serial")).toString();
    if (!Boot::meaningfulSerial(serial))
        return {};
    const QString product = event.facts.value(QStringLiteral("product")).toString();
    for (auto it = m_macsBySerial.constFind(serial); it != m_macsBySerial.cend() && it.key() == serial; ++it) {
        const auto machine = m_machines.constFind(it.value());
        if (machine != m_machines.cend() && machine->mac != event.mac
            && (machine->product.isEmpty() || machine->product == product))
            return machine->mac;
    }
    return {};
}

void MachineRegistry::learnIdentity(Machine &machine, const QVariantMap &facts)
{
    indexIdentity(machine, false);
    learnIdentityFields(machine, facts);
    indexIdentity(machine, true);
}

void MachineRegistry::learnIdentityFields(Machine &machine, const QVariantMap &facts)
{
    auto take = [&facts](const char *key, QString *field) {
        const QString value = facts.value(QLatin1String(key)).toString().trimmed();
        if (!value.isEmpty())
            *field = value;
    };
    take("uuid", &machine.uuid);
    take("serial", &machine.serial);
    take("manufacturer", &machine.manufacturer);
    take("product", &machine.product);
    if (machine.uuid.isEmpty()) {
        // PXE option 97 carries the SMBIOS UUID too.
        const QString guid = facts.value(QStringLiteral("guid")).toString();
        if (Boot::meaningfulUuid(guid))
            machine.uuid = guid;
    }
}

void MachineRegistry::setStage(Machine &machine, Stage stage, const QDateTime &time, const QString &detail)
{
    if (machine.stage == stage)
        return;
    machine.stage = stage;
    machine.stageSince = time;
    machine.history.append({stage, time, detail});
    while (machine.history.size() > kHistoryCap)
        machine.history.removeFirst();
    if (stage != Stage::Failed)
        machine.failure.clear();
    // A new stage has a new deadline (and the old one's hint goes); a failure is its own cause.
    if (machine.overdue)
        machine.hint.clear();
    machine.overdue = false;
    machine.cause = stage == Stage::Failed ? detail : QString();
    Q_EMIT stageChanged(machine.mac, stage, detail);
}

void MachineRegistry::advance(Machine &machine, Stage stage, const QDateTime &time, const QString &detail)
{
    // Within one boot a machine only moves forward; Stalled and Failed are left by progress.
    if (machine.stage == Stage::Stalled || machine.stage == Stage::Failed
        || static_cast<int>(stage) > static_cast<int>(machine.stage))
        setStage(machine, stage, time, detail);
}

void MachineRegistry::newBoot(Machine &machine, const QDateTime &time)
{
    const bool hadConfig = machine.configFetchedThisBoot;
    ++machine.boots;
    machine.offersThisBoot = 0;
    machine.bootFilesFetchedThisBoot = 0;
    machine.ipxeFetchesThisBoot = 0;
    machine.bootFileFetched = false;
    machine.configFetchedThisBoot = false;
    machine.installReportedThisBoot = false;
    machine.talosSeenThisBoot = 0;
    machine.talosRankThisBoot = 0;
    machine.configAnswer.clear();
    machine.bootstrapPending = false;
    machine.downloading = false;
    machine.hint.clear();
    setStage(machine, Stage::Discovered, time, tr("network boot #%1").arg(machine.boots));
    if (hadConfig) {
        // Installed Talos reboots (kexec aside) through the firmware: when the firmware
        // prefers the network, the machine comes back here instead of its disk.
        machine.hint = tr("It network-booted again after fetching its config: set the boot order to disk "
                          "first, or keep the after-install policy 'exit' so it is sent to its disk.");
    }
}

QString MachineRegistry::resolveMac(const MachineEvent &event) const
{
    if (!event.mac.isEmpty())
        return primaryMac(event.mac);
    return macForAddress(event.peer);
}

void MachineRegistry::handleEvent(const MachineEvent &incoming)
{
    MachineEvent event = incoming;
    event.mac = resolveMac(event);

    // Another NIC of a known machine: the same SMBIOS UUID or serial (iPXE reports both).
    // Looked up in hashes: a request naming a fresh MAC costs the same with 10 000 rows.
    if (!event.mac.isEmpty() && event.kind == EventKind::ScriptServed) {
        const auto own = m_machines.constFind(event.mac);
        // A row of its own made by this NIC's DHCP a moment ago, with nothing that says it
        // is another machine (no UUID or serial of its own yet): it is that machine's NIC.
        const bool fresh = own == m_machines.cend()
            || (own->uuid.isEmpty() && !Boot::meaningfulSerial(own->serial) && own->otherMacs.isEmpty());
        const QString primary = fresh ? sameMachineAs(event) : QString();
        if (!primary.isEmpty()) {
            QHostAddress address;
            if (own != m_machines.cend()) {
                address = own->ip;
                forget(event.mac);
            }
            m_aliasOf.insert(event.mac, primary);
            Machine &machine = m_machines[primary];
            machine.otherMacs.append(event.mac);
            // It boots from this NIC now: its address is this NIC's.
            if (!address.isNull())
                learnAddress(machine, address);
            event.mac = primary;
            touch(primary);
        }
    }

    const bool known = !event.mac.isEmpty() && m_machines.contains(event.mac);
    // Only a PXE or iPXE client's DHCP, seen on the served interface, makes a machine;
    // the LAN's phones and laptops, whose DHCP the proxy ignores, never become rows. An
    // HTTP, TFTP or log packet can name any MAC, so it only ever updates a known machine.
    const bool creates = event.kind == EventKind::DhcpDiscover || event.kind == EventKind::DhcpRequest
        || event.kind == EventKind::DhcpOffer || event.kind == EventKind::DhcpAck;
    if (!event.mac.isEmpty() && !known && !creates)
        ++m_counters[QStringLiteral("ignored:unknown-machine")];
    if (event.mac.isEmpty() || (!known && (!creates || !admitNewMachine(event)))) {
        Q_EMIT eventResolved(event, Stage::Discovered);
        return;
    }

    bool created = false;
    Machine &m = ensure(event.mac, event.time.isValid() ? event.time : now(), &created);
    if (created) {
        m_unproven.push_back(m.mac);
        if (m_unproven.size() > size_t(2 * m_maxMachines) + 1024) {
            // Forgotten machines leave stale names behind; keep the queue near the rows.
            std::deque<QString> kept;
            for (const QString &mac : m_unproven) {
                if (m_machines.contains(mac))
                    kept.push_back(mac);
            }
            m_unproven.swap(kept);
        }
    }
    m.live = true;
    const QDateTime time = m.lastSeen;
    const QString detail = event.detail;
    const QString firmwareFact = event.facts.value(QStringLiteral("firmware")).toString();
    const bool fromIpxe = firmwareFact == QLatin1String("ipxe");

    switch (event.kind) {
    case EventKind::DhcpDiscover:
    case EventKind::DhcpRequest: {
        if (event.facts.contains(QStringLiteral("arch"))) {
            const int arch = event.facts.value(QStringLiteral("arch")).toInt();
            m.arch = QString::number(arch);
            m.firmware = arch == 0 ? QStringLiteral("bios") : QStringLiteral("uefi");
        }
        if (firmwareFact == QLatin1String("rpi"))
            m.firmware = firmwareFact;   // arch 0 like a BIOS PC, but no PC: rules for bios must not match it
        learnIdentity(m, event.facts);
        if (event.kind == EventKind::DhcpRequest)
            learnAddress(m, event.peer);
        const int stage = static_cast<int>(m.stage == Stage::Stalled ? m.stalledFrom : m.stage);
        const bool again = fromIpxe ? stage >= static_cast<int>(Stage::Kernel)
                                    : (stage >= static_cast<int>(Stage::Ipxe) || m.bootFileFetched
                                       || m.stage == Stage::Failed || m.stage == Stage::Installed);
        if (created)
            m.boots = 1;
        else if (again && event.kind == EventKind::DhcpDiscover)
            newBoot(m, time);
        break;
    }
    case EventKind::DhcpOffer:
    case EventKind::DhcpAck:
        if (!fromIpxe && !m.bootFileFetched && event.kind == EventKind::DhcpOffer) {
            ++m.offersThisBoot;
            if (m.offersThisBoot >= kOffersWithoutFetch)
                m.hint = ignoresProxyHint();
        }
        break;
    case EventKind::DhcpIgnored:
        break;
    case EventKind::TftpStart:
    case EventKind::TftpProgress:
    case EventKind::TftpDone: {
        m.bootFileFetched = true;
        if (m.hint == ignoresProxyHint())
            m.hint.clear();
        // A Raspberry Pi's bootloader fetches its firmware files itself (start4.elf,
        // fixup4.dat, config.txt ..., eeprom-bootloader.adoc TFTP_PREFIX) before anything
        // like iPXE runs: a stage of its own. An iPXE binary is iPXE, whoever asks for it.
        const bool piFirmware = m.firmware == QLatin1String("rpi") && event.artifact != ArtifactKind::IpxeBinary;
        advance(m, piFirmware ? Stage::FirmwareFiles : Stage::LoadingIpxe, time, detail);
        m.download = detail;
        m.bytes = event.bytes;
        m.total = event.total;
        m.rate = event.rate;
        m.lastProgress = time;
        m.downloading = event.kind != EventKind::TftpDone;
        if (event.kind == EventKind::TftpDone && event.failure == FailureCode::None
            && event.artifact == ArtifactKind::IpxeBinary) {
            if (++m.ipxeFetchesThisBoot >= kIpxeLoop) {
                m.hint = tr("iPXE is loaded again and again: something hands iPXE the iPXE binary instead of "
                            "its script (another PXE server on this network?). Stop it or use full DHCP mode.");
            }
        }
        break;
    }
    case EventKind::TftpFailed: {
        m.downloading = false;
        if (event.failure == FailureCode::NotFound && event.artifact == ArtifactKind::IpxeBinary) {
            m.failure = tr("The iPXE binary it asked for is missing: install Debian's 'ipxe' package or set "
                           "'ipxe:' in the workspace.");
            setStage(m, Stage::Failed, time, m.failure);
        } else {
            m.hint = detail;
        }
        break;
    }
    case EventKind::ScriptServed:
        // Facts come only with scripts served to the machine's own address (the route).
        learnIdentity(m, event.facts);
        m.bootFileFetched = true;
        if (event.script == ScriptKind::AddressUnconfirmed) {
            advance(m, Stage::Waiting, time);
            m.hint = m.ip.isNull()
                ? tr("The console has not seen this machine's DHCP exchange, so it does not know its address and "
                     "serves it no config. Is the console on the machines' network segment (no DHCP relay between)?")
                : tr("Its boot script was asked for from %1, but its DHCP exchange gave it %2: it is served only "
                     "to that address.").arg(event.peer.toString(), m.ip.toString());
        } else if (event.script == ScriptKind::Wait) {
            advance(m, Stage::Waiting, time);
            m.hint = tr("No machine config is assigned: drag one onto this machine; it boots as soon as it has one.");
        } else if (event.script == ScriptKind::NoArtifacts) {
            advance(m, Stage::Waiting, time);
            m.hint = tr("No Talos kernel and initramfs are set up: add an artefact set.");
        } else if (sendsToDisk(event.script)) {
            m.hint.clear();
            setStage(m, Stage::Installed, time, detail);
        } else {
            if (event.script == ScriptKind::BootTalos || event.script == ScriptKind::Maintenance)
                m.hint.clear();
            advance(m, Stage::Ipxe, time, detail);
        }
        break;
    case EventKind::HttpStart:
    case EventKind::HttpProgress:
    case EventKind::HttpDone:
        if (isBootArtifact(event.artifact) || event.artifact == ArtifactKind::IpxeBinary) {
            m.bootFileFetched = true;
            advance(m, isBootArtifact(event.artifact) ? Stage::Kernel : Stage::LoadingIpxe, time, detail);
            m.download = detail;
            m.bytes = event.bytes;
            m.total = event.total;
            m.rate = event.rate;
            m.lastProgress = time;
            m.downloading = event.kind != EventKind::HttpDone;
        }
        break;
    case EventKind::HttpFailed:
        if (isBootArtifact(event.artifact) && isBrokenSetup(event.failure)) {
            m.failure = detail;
            m.downloading = false;
            setStage(m, Stage::Failed, time, detail);
        } else if (isBootArtifact(event.artifact) && event.failure != FailureCode::None) {
            m.hint = tr("The download of %1 was interrupted.").arg(artifactRouteName(event.artifact));
            m.downloading = false;
        }
        break;
    case EventKind::ConfigServed:
        m.configAnswer = QStringLiteral("200");
        if (event.facts.contains(QStringLiteral("config"))) {
            m.servedConfig = event.facts.value(QStringLiteral("config")).toString();
            m.servedRole = event.facts.value(QStringLiteral("role")).toString();
        }
        m.configFetchedThisBoot = true;
        m.downloading = false;
        m.hint.clear();
        advance(m, Stage::Config, time, detail);
        break;
    case EventKind::ConfigRefused:
        if (event.failure != FailureCode::Unauthorized) {
            const int status = event.facts.value(QStringLiteral("status")).toInt();
            m.configAnswer = (status > 0 ? QString::number(status) + QStringLiteral(": ") : QString()) + detail;
        }
        if (event.failure == FailureCode::Unauthorized) {
            // Someone else asked for this machine's config (the window says so); the
            // machine itself is not changed by it.
        } else if (event.failure == FailureCode::NoConfigAssigned) {
            m.hint = tr("Talos asked for its machine config but none is assigned: drag a config onto this machine.");
        } else {
            m.failure = tr("Its config could not be served: %1").arg(detail);
            setStage(m, Stage::Failed, time, m.failure);
        }
        break;
    case EventKind::Log:
        applyLog(m, event);
        break;
    }
    // The machine's own log shows the console's side too, between Talos's lines.
    if (event.kind != EventKind::Log && event.kind != EventKind::TftpProgress && event.kind != EventKind::HttpProgress) {
        LogLine line;
        line.time = time;
        line.service = QStringLiteral("console");
        line.message = eventName(event.kind) + (detail.isEmpty() ? QString() : QStringLiteral(": ") + detail)
            + (event.failure == FailureCode::None ? QString() : QStringLiteral(" (") + failureKey(event.failure) + u')')
            + (event.peer.isNull() ? QString() : QStringLiteral(" from ") + event.peer.toString());
        m.events.append(line);
        while (m.events.size() > kEventCap)
            m.events.removeFirst();
        Q_EMIT eventLogged(m.mac, line);
    }
    if (created)
        Q_EMIT machineAdded(m.mac);
    touch(m.mac);
    Q_EMIT eventResolved(event, m.stage);
}

void MachineRegistry::setMaxMachines(int maximum)
{
    m_maxMachines = std::max(1, maximum);
}

bool MachineRegistry::admitNewMachine(const MachineEvent &event)
{
    const qint64 nowMs = now().toMSecsSinceEpoch();
    // Forged DISCOVERs come from 0.0.0.0 like every unconfigured client; a real pallet's
    // machines also show up by their REQUESTs, each from its own address.
    if (m_newMachineBuckets.size() > 4096)
        m_newMachineBuckets.clear();
    auto bucket = m_newMachineBuckets.find(event.peer);
    if (bucket == m_newMachineBuckets.end())
        bucket = m_newMachineBuckets.insert(event.peer, Bucket{double(kNewMachineBurst), nowMs});
    bucket->tokens = std::min<double>(kNewMachineBurst,
                                      bucket->tokens + double(std::max<qint64>(0, nowMs - bucket->atMs))
                                                           * kNewMachinesPerSecond / 1000.0);
    bucket->atMs = nowMs;
    if (bucket->tokens < 1.0) {
        ++m_counters[QStringLiteral("refused:new-machine-rate")];
        Q_EMIT refused(QStringLiteral("new-machine-rate"), event.peer);
        return false;
    }
    if (m_machines.size() >= m_maxMachines && !evictUnproven()) {
        ++m_counters[QStringLiteral("refused:registry-full")];
        Q_EMIT refused(QStringLiteral("registry-full"), event.peer);
        return false;
    }
    bucket->tokens -= 1.0;
    return true;
}

void MachineRegistry::trimToCap()
{
    while (m_machines.size() > m_maxMachines && evictUnproven()) {
    }
}

bool MachineRegistry::evictUnproven()
{
    while (!m_unproven.empty()) {
        const QString mac = m_unproven.front();
        m_unproven.pop_front();
        const auto it = m_machines.constFind(mac);
        if (it == m_machines.cend())
            continue;
        const bool proven = it->stage != Stage::Discovered
            || std::any_of(it->history.cbegin(), it->history.cend(),
                           [](const StageChange &change) { return change.stage != Stage::Discovered; });
        if (proven)
            continue;
        ++m_counters[QStringLiteral("evicted")];
        forget(mac);
        return true;
    }
    return false;
}

void MachineRegistry::reportInstall(Machine &m, const MachineEvent &event)
{
    // Only over TCP: a UDP line's source address is whatever the sender wrote, and this
    // report sends the machine to its disk at its next boot.
    if (m.installReportedThisBoot || event.facts.value(QStringLiteral("transport")) != QLatin1String("tcp"))
        return;
    m.installReportedThisBoot = true;
    Q_EMIT installReported(m.mac);
}

Talos::LogRecord MachineRegistry::logRecordOf(const MachineEvent &event)
{
    Talos::LogRecord record;
    record.message = event.detail;
    record.level = event.facts.value(QStringLiteral("talos-level")).toString();
    record.service = event.facts.value(QStringLiteral("talos-service")).toString();
    record.error = event.facts.value(QStringLiteral("error")).toString();
    record.kernelLog = event.facts.contains(QStringLiteral("seq"));
    return record;
}

void MachineRegistry::applyLog(Machine &m, const MachineEvent &event)
{
    const QDateTime time = m.lastSeen;
    LogLine line;
    line.time = time;
    line.level = event.facts.value(QStringLiteral("talos-level")).toString();
    line.service = event.facts.value(QStringLiteral("talos-service")).toString();
    line.message = event.detail;
    line.kernelLog = event.facts.contains(QStringLiteral("seq"));
    if (!isLogCopy(m.logs, line)) {
        m.logs.append(line);
        while (m.logs.size() > kLogCap)
            m.logs.removeFirst();
        Q_EMIT logReceived(m.mac, line);
    }

    const Talos::LogOutcome outcome = Talos::classifyLog(logRecordOf(event));
    if (outcome.milestone == Talos::Milestone::None)
        return;

    // Talos sends one line up to three times, by two transports, in no fixed order
    // (reference §8.1): a milestone counts once per boot, and a late copy of an earlier
    // step never takes the state back.
    const quint32 bit = 1u << static_cast<int>(outcome.milestone);
    if (outcome.milestone == Talos::Milestone::Booting) {
        m.talosSeenThisBoot = 0;
        m.talosRankThisBoot = 0;
    } else if (Talos::oncePerBoot(outcome.milestone) && (m.talosSeenThisBoot & bit)) {
        // A copy over TCP still reports an install that a UDP copy could not.
        if (outcome.milestone == Talos::Milestone::InstallDone)
            reportInstall(m, event);
        return;
    }
    m.talosSeenThisBoot |= bit;
    const int rank = milestoneRank(outcome.milestone);
    const bool current = rank >= m.talosRankThisBoot;
    if (current)
        m.talosRankThisBoot = rank;
    const bool failedThisBoot = m.stage == Stage::Failed;

    const QString node = m.ip.isNull() ? QStringLiteral("<ip>") : m.ip.toString();
    switch (outcome.milestone) {
    case Talos::Milestone::None:
        break;
    case Talos::Milestone::KsppRefused:
        m.failure = tr("Talos refused to boot: the kernel argument %1 is missing or wrong. Add \"%1\" to the "
                       "artefact set's extra kernel arguments.").arg(outcome.subject);
        setStage(m, Stage::Failed, time, m.failure);
        break;
    case Talos::Milestone::ConfigRejected:
        m.failure = tr("Talos refused its machine config: %1. Fix the config (the Configs panel shows what "
                       "Talos would refuse) and reboot the machine.").arg(outcome.subject);
        setStage(m, Stage::Failed, time, m.failure);
        break;
    case Talos::Milestone::ConfigFetchFailing:
        if (!current)
            break;
        m.talosState = tr("cannot download its config");
        if (m.configAnswer.isEmpty() || m.configAnswer == QLatin1String("200"))
            m.hint = tr("Talos cannot download its machine config and keeps trying (%1); no request for it has "
                        "reached the console this boot: check that the machine can reach this computer.")
                         .arg(outcome.subject);
        else
            m.hint = tr("Talos cannot download its machine config and keeps trying (%1); the console answered "
                        "%2. Assign a config that can be served and Talos takes it at its next try.")
                         .arg(outcome.subject, m.configAnswer);
        break;
    case Talos::Milestone::ConfigFetching:
        // Talos retrying after a refused config is nothing new: Failed stays.
        if (m.stage != Stage::Failed)
            advance(m, Stage::Config, time);
        if (current)
            m.talosState = tr("fetching its config");
        break;
    case Talos::Milestone::ConfigLoaded:
        advance(m, Stage::Config, time);
        if (current)
            m.talosState = tr("config loaded");
        break;
    case Talos::Milestone::Maintenance:
        if (!current)
            break;
        m.talosState = tr("maintenance mode");
        m.hint = tr("Talos is in maintenance mode (no complete config). Assign a config and reboot it, or "
                    "apply one: talosctl apply-config --insecure --nodes %1 --file CONFIG.yaml").arg(node);
        break;
    case Talos::Milestone::InstallStarted:
        if (!current)
            break;
        advance(m, Stage::Installing, time);
        m.talosState = tr("installing");
        break;
    case Talos::Milestone::InstallDone:
        advance(m, Stage::Installing, time);
        if (current)
            m.talosState = tr("installed to disk");
        reportInstall(m, event);
        break;
    case Talos::Milestone::InstallFailed:
        m.failure = tr("The Talos install failed: %1").arg(outcome.subject);
        setStage(m, Stage::Failed, time, m.failure);
        break;
    case Talos::Milestone::SequenceFailed:
        // The task's own failure, read first, says more than the sequence giving up.
        if (failedThisBoot)
            break;
        m.failure = tr("Talos stopped: %1").arg(outcome.subject);
        setStage(m, Stage::Failed, time, m.failure);
        break;
    case Talos::Milestone::Booting:
        m.talosState = outcome.subject.isEmpty() ? tr("booting Talos") : tr("booting Talos %1").arg(outcome.subject);
        break;
    case Talos::Milestone::Rebooting:
        if (current)
            m.talosState = tr("rebooting");
        break;
    case Talos::Milestone::BootDone:
        if (current)
            m.talosState = tr("services up, waiting for the node to be ready");
        break;
    case Talos::Milestone::BootstrapNeeded:
        if (!current)
            break;
        m.bootstrapPending = true;
        m.talosState = tr("bootstrap needed");
        m.hint = tr("etcd waits for a bootstrap: if this is the first control-plane node, run "
                    "talosctl bootstrap --nodes %1").arg(node);
        break;
    case Talos::Milestone::Ready:
        advance(m, Stage::Joined, time);
        m.talosState = tr("running and ready");
        // The bootstrap hint stays until etcd runs: it is what the person still has to do.
        if (!m.bootstrapPending)
            m.hint.clear();
        break;
    case Talos::Milestone::ServiceRunning:
        if (outcome.subject == QLatin1String("etcd") && m.bootstrapPending) {
            m.bootstrapPending = false;
            m.hint.clear();
        }
        if (m.talosRankThisBoot < milestoneRank(Talos::Milestone::BootDone))
            m.talosState = tr("%1 running").arg(outcome.subject);
        break;
    }
}

bool Machine::needsAttention() const
{
    return stage == Stage::Waiting || stage == Stage::Stalled || stage == Stage::Failed || overdue
        || !configProblem.isEmpty();
}

void MachineRegistry::setStageDeadline(Stage stage, int seconds)
{
    m_deadlines.insert(int(stage), qMax(0, seconds));
}

int MachineRegistry::stageDeadline(Stage stage) const
{
    return m_deadlines.value(int(stage));
}

namespace {

QString duration(qint64 seconds)
{
    if (seconds < 120)
        return MachineRegistry::tr("%n s", nullptr, int(seconds));
    return MachineRegistry::tr("%n min", nullptr, int(seconds / 60));
}

} // namespace

QString MachineRegistry::overdueHint(const Machine &m, qint64 seconds, QString *cause) const
{
    const QString time = duration(seconds);
    switch (m.stage) {
    case Stage::Discovered:
        *cause = tr("Their firmware took no boot file from the console: another DHCP or PXE server may answer "
                    "them, or they ignore proxy offers (use full DHCP mode on an isolated switch).");
        return tr("Its firmware asked for a boot file %1 ago and has fetched nothing since: another DHCP or PXE "
                  "server may answer it, or it ignores proxy offers (use full DHCP mode on an isolated switch).")
            .arg(time);
    case Stage::FirmwareFiles:
        *cause = tr("Their Raspberry Pi firmware files were fetched and nothing was asked for since: look at their "
                    "screens (HDMI); config.txt may name a file their boot folder does not hold.");
        return tr("It fetched its Raspberry Pi firmware files %1 ago and has asked for nothing since: look at its "
                  "screen (HDMI); config.txt may name a file its boot folder does not hold.").arg(time);
    case Stage::LoadingIpxe:
        *cause = tr("iPXE started and never asked for its script: the iPXE binary may not suit the firmware "
                    "(BIOS or UEFI, Secure Boot on?).");
        return tr("It started loading iPXE %1 ago and has not asked for its boot script: the iPXE binary may "
                  "not suit its firmware (BIOS or UEFI, Secure Boot on?). Look at its screen.").arg(time);
    case Stage::Ipxe:
        *cause = tr("iPXE got its script and did not start Talos's download: look at their screens.");
        return tr("iPXE got its script %1 ago and has not started downloading Talos: look at its screen for "
                  "an iPXE error.").arg(time);
    case Stage::Waiting:
        *cause = m.hint;
        return tr("Waiting for %1. %2").arg(time, m.hint);
    case Stage::Kernel:
        *cause = tr("Talos was downloaded and never asked for its config: look at their screens (a kernel "
                    "panic, the wrong architecture?).");
        return tr("Talos was downloaded %1 ago and has not asked for its config: look at its screen (a kernel "
                  "panic, the wrong architecture?).").arg(time);
    case Stage::Config:
        *cause = tr("Talos took its config and reports nothing since: are their logs reaching the console? "
                    "Look at their screens.");
        return tr("Talos took its config %1 ago and has reported nothing since: are its logs reaching the "
                  "console (port %2)? Look at its screen.").arg(time).arg(QStringLiteral("4050"));
    case Stage::Installing:
        *cause = tr("The Talos install takes far longer than usual: look at their screens or logs.");
        return tr("Talos has been installing for %1, far longer than usual: look at its screen or its log.")
            .arg(time);
    default:
        cause->clear();
        return {};
    }
}

void MachineRegistry::checkStalls()
{
    const QDateTime t = now();
    for (auto it = m_machines.begin(); it != m_machines.end(); ++it) {
        Machine &m = it.value();
        // A shown rate follows the bytes: halved each idle second, zero after a few, so a
        // dead download never shows its last speed and time left.
        if (m.downloading && m.rate > 0 && m.lastProgress.isValid()) {
            const qint64 idleMs = m.lastProgress.msecsTo(t);
            if (idleMs >= 1500) {
                const qint64 rate = idleMs >= kRateDecaySeconds * 1000 ? 0 : m.rate / 2;
                if (rate != m.rate) {
                    m.rate = rate;
                    touch(m.mac);
                }
            }
        }
        if (m.downloading && m.stage != Stage::Stalled && m.lastProgress.isValid()
            && m.lastProgress.secsTo(t) >= m_stallSeconds) {
            const qint64 idle = m.lastProgress.secsTo(t);
            m.stalledFrom = m.stage;
            m.rate = 0;
            const int percent = m.total > 0 ? int(100 * qMax<qint64>(m.bytes, 0) / m.total) : 0;
            if (!m_consoleProblem.isEmpty()) {
                m.hint = tr("%1 The download of %2 stopped at %3%: the machine goes on by itself when the console "
                            "serves again, or power-cycle it then.").arg(m_consoleProblem, m.download).arg(percent);
            } else {
                m.hint = tr("The download of %1 stopped at %2% %3 s ago: check the cable and the switch, then "
                            "power-cycle the machine.").arg(m.download).arg(percent).arg(idle);
            }
            setStage(m, Stage::Stalled, t, m.hint);
            m.cause = m_consoleProblem.isEmpty() ? tr("Their downloads stopped mid-way: check the cables and the switch, "
                                                      "then power-cycle them.")
                                                 : m_consoleProblem;
            touch(m.mac);
            continue;
        }
        // Every stage has a deadline, not only downloads.
        const int deadline = m_deadlines.value(int(m.stage));
        if (m.overdue || deadline <= 0 || m.downloading || !m.stageSince.isValid() || !m.live)
            continue;
        // A Pi fetches file after file in FirmwareFiles (a kernel over TFTP takes minutes):
        // its deadline runs from the last of them.
        const QDateTime since = m.stage == Stage::FirmwareFiles && m.lastProgress.isValid()
            ? std::max(m.stageSince, m.lastProgress)
            : m.stageSince;
        const qint64 inStage = since.secsTo(t);
        if (inStage < deadline)
            continue;
        QString cause;
        const QString hint = overdueHint(m, inStage, &cause);
        if (hint.isEmpty())
            continue;
        m.overdue = true;
        if (!m_consoleProblem.isEmpty()) {
            m.hint = tr("%1 It goes on by itself when the console serves again.").arg(m_consoleProblem);
            m.cause = m_consoleProblem;
        } else {
            m.hint = hint;
            m.cause = cause;
        }
        touch(m.mac);
    }
}

void MachineRegistry::setConsoleProblem(const QString &problem)
{
    if (problem == m_consoleProblem)
        return;
    const QString before = m_consoleProblem;
    m_consoleProblem = problem;
    for (auto it = m_machines.begin(); it != m_machines.end(); ++it) {
        Machine &m = it.value();
        if (!problem.isEmpty() && (m.downloading || m.overdue || m.stage == Stage::Stalled)) {
            // Waiting on the console: say so, not what the machine should check.
            m.cause = problem;
            m.hint = tr("%1 It goes on by itself when the console serves again.").arg(problem);
            touch(m.mac);
        } else if (problem.isEmpty() && !before.isEmpty() && m.cause == before) {
            m.cause = tr("The console serves again; these machines have not come back yet: power-cycle them.");
            m.hint = tr("The console serves again. If this machine does not go on within a minute, power-cycle it.");
            touch(m.mac);
        }
    }
}

QList<MachineRegistry::CauseGroup> MachineRegistry::causeGroups(int minimum) const
{
    QHash<QString, QStringList> byCause;
    QStringList order;
    for (auto it = m_machines.cbegin(); it != m_machines.cend(); ++it) {
        const Machine &m = it.value();
        if (!m.needsAttention())
            continue;
        QString cause = !m.configProblem.isEmpty() ? m.configProblem : m.cause;
        if (cause.isEmpty())
            cause = m.stage == Stage::Failed && !m.failure.isEmpty() ? m.failure : m.hint;
        if (cause.isEmpty())
            continue;
        if (!byCause.contains(cause))
            order << cause;
        byCause[cause] << m.mac;
    }
    QList<CauseGroup> groups;
    for (const QString &cause : std::as_const(order)) {
        QStringList macs = byCause.value(cause);
        if (macs.size() < qMax(1, minimum))
            continue;
        macs.sort();
        groups.append({cause, macs});
    }
    std::stable_sort(groups.begin(), groups.end(), [](const CauseGroup &a, const CauseGroup &b) {
        return a.macs.size() != b.macs.size() ? a.macs.size() > b.macs.size() : a.cause < b.cause;
    });
    return groups;
}

void MachineRegistry::restore(const QList<Machine> &machines)
{
    for (Machine m : machines) {
        m.downloading = false;
        m_machines.insert(m.mac, m);
        indexIdentity(m, true);
        m_unproven.push_back(m.mac);
        for (const QString &other : std::as_const(m.otherMacs))
            m_aliasOf.insert(other, m.mac);
        learnAddress(m_machines[m.mac], m.ip);
        Q_EMIT machineAdded(m.mac);
    }
}

void MachineRegistry::setConfigProblems(const QHash<QString, QString> &problems)
{
    m_configProblems = problems;
    for (auto it = m_machines.begin(); it != m_machines.end(); ++it) {
        const QString problem = problems.value(it.key());
        if (it->configProblem != problem) {
            it->configProblem = problem;
            touch(it.key());
        }
    }
}

void MachineRegistry::markSimulated(const QString &mac)
{
    auto it = m_machines.find(primaryMac(mac));
    if (it != m_machines.end() && !it->simulated) {
        it->simulated = true;
        touch(it->mac);
    }
}

void MachineRegistry::forget(const QString &mac)
{
    const QString key = primaryMac(mac);
    const auto it = m_machines.find(key);
    if (it == m_machines.end())
        return;
    for (const QString &other : std::as_const(it->otherMacs))
        m_aliasOf.remove(other);
    indexIdentity(*it, false);
    for (auto ip = m_macByIp.begin(); ip != m_macByIp.end();) {
        if (ip.value() == key)
            ip = m_macByIp.erase(ip);
        else
            ++ip;
    }
    m_machines.erase(it);
    m_changed.remove(key);
    Q_EMIT machineRemoved(key);
}

} // namespace Nbc
