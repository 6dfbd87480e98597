#include "session/consolesession.h"

#include "boot/intentresolver.h"
#include "boot/raspberrypi.h"
#include "boot/safepath.h"

#include "engine/dhcpserver.h"
#include "engine/enginefactory.h"
#include "engine/servicehost.h"
#include "inventory/filewriter.h"
#include "inventory/inventorystore.h"
#include "inventory/machineregistry.h"
#include "inventory/wakeonlan.h"
#include "inventory/wakescheduler.h"
#include "session/rogueguard.h"
#include "talos/configlibrary.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QNetworkInterface>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>

namespace Nbc {

Boot::MachineFacts ConsoleSession::factsOf(const Machine &m)
{
    Boot::MachineFacts facts;
    facts.macs = QStringList{m.mac} + m.otherMacs;
    facts.uuid = m.uuid;
    facts.serial = m.serial;
    facts.manufacturer = m.manufacturer;
    facts.product = m.product;
    facts.firmware = m.firmware;
    return facts;
}

namespace {

// Machines in the order they were first seen (then by MAC): a rule added while a pallet
// is already powered on numbers it {n} in that order, not in the hash's.
QList<const Machine *> inSeenOrder(const QHash<QString, Machine> &machines)
{
    QList<const Machine *> order;
    order.reserve(machines.size());
    for (const Machine &m : machines)
        order << &m;
    std::sort(order.begin(), order.end(), [](const Machine *a, const Machine *b) {
        return a->firstSeen != b->firstSeen ? a->firstSeen < b->firstSeen : a->mac < b->mac;
    });
    return order;
}

} // namespace

ConsoleSession::ConsoleSession(QObject *parent)
    : QObject(parent)
    , m_registry(new MachineRegistry(this))
    , m_services(new ServiceHost(this))
    , m_inventory(new InventoryStore(this))
    , m_files(new FileWriter(this))
    , m_neighbours(new NeighbourWatch(this))
{
    connect(m_services, &ServiceHost::machineEvent, m_registry, &MachineRegistry::handleEvent);
    // Talos said it installed: its next network boot goes to its disk (afterInstall).
    // It is kept in installed.json, never in netboot.yaml: no network event edits the
    // user's file (DESIGN.md security stance).
    connect(m_registry, &MachineRegistry::installReported, this, [this](const QString &mac) {
        const QString key = normalizeMac(mac);
        if (key.isEmpty() || !m_installed.set(key, true))
            return;
        // The engines learn it at once (the machine may reboot any moment), without a new
        // snapshot; the file follows within a quarter of a second, one write for a burst.
        m_services->markInstalled(key);
        scheduleSave();
    });
    connect(m_services, &ServiceHost::statusChanged, this, [this](const EngineStatus &status) {
        m_engineStatus.insert(status.engine, status);
        m_neighbours->takeStatus(status);
        updateConsoleProblem();
    });
    connect(m_registry, &MachineRegistry::refused, m_neighbours,
            [this](const QString &reason, const QHostAddress &source) {
                m_neighbours->add(QStringLiteral("registry"), source, reason);
            });
    connect(m_registry, &MachineRegistry::machineAdded, this, &ConsoleSession::takeQueueEntry);
    // A machine's facts decide what rules and entries by UUID/serial give it: when they
    // change (a new machine, iPXE reported its SMBIOS, another NIC), the engines learn the
    // result. Coalesced: a pallet powering on is one push, not one per machine.
    m_resolveTimer = new QTimer(this);
    m_resolveTimer->setSingleShot(true);
    m_resolveTimer->setInterval(200);
    connect(m_resolveTimer, &QTimer::timeout, this, [this] {
        const QHash<QString, MachineIntent> before = m_resolved;
        pushSnapshot();
        // What the table shows (config, hostname, rule) follows the resolution.
        bool changed = before.size() != m_resolved.size();
        for (auto it = m_resolved.cbegin(); !changed && it != m_resolved.cend(); ++it) {
            const MachineIntent old = before.value(it.key());
            changed = old.configPath != it->configPath || old.hostname != it->hostname || old.rule != it->rule;
        }
        if (changed)
            Q_EMIT intentChanged();
    });
    connect(m_registry, &MachineRegistry::machinesChanged, this, [this](const QStringList &macs) {
        bool changed = false;
        for (const QString &mac : macs) {
            const Machine *m = m_registry->machine(mac);
            if (!m)
                continue;
            // Without rules or entries by UUID/serial, only a machine's other NICs and a
            // Pi's serial change what the engines are given: the rest of a pallet's
            // facts arriving must not rebuild the snapshot five times a second.
            const bool pi = Boot::RaspberryPi::isSerialFolder(m->serial);
            const QString facts = m_resolving
                                      ? QStringList{m->otherMacs.join(u','), m->uuid, m->serial, m->manufacturer,
                                                    m->product, m->firmware}.join(u'|')
                                      : m->otherMacs.join(u',') + u'|' + (pi ? m->serial + m->firmware : QString());
            auto seen = m_factsSeen.find(m->mac);
            if (seen == m_factsSeen.end() ? (m_resolving || facts != QLatin1String("|")) : *seen != facts) {
                m_factsSeen.insert(m->mac, facts);
                changed = true;
            }
        }
        if (changed && !m_resolveTimer->isActive())
            m_resolveTimer->start();
    });
    connect(m_registry, &MachineRegistry::machineRemoved, this, [this](const QString &mac) { m_factsSeen.remove(mac); });
    // A Pi asks for its serial folder right after its DHCP: the TFTP engine learns its serial
    // at once, not with the coalesced push above (one push per pass of the event loop).
    connect(m_registry, &MachineRegistry::eventResolved, this, [this](const MachineEvent &event, Stage) {
        if (event.kind != EventKind::DhcpDiscover && event.kind != EventKind::DhcpRequest)
            return;
        // Only for a machine the registry took: forged DISCOVERs it refused push nothing.
        const QString serial = event.facts.value(QStringLiteral("serial")).toString();
        if (serial.isEmpty() || m_pushedPiSerials.value(event.mac) == serial || !m_registry->machine(event.mac))
            return;
        schedulePush();
    });
    updateConsoleProblem();   // not started yet
    // The served interface's link, every two seconds: an unplugged cable or a switch
    // turned off is the console's problem, not the machines'.
    m_linkTimer = new QTimer(this);
    m_linkTimer->setInterval(2000);
    connect(m_linkTimer, &QTimer::timeout, this, [this] {
        const QString name = interfaceName();
        QString problem;
        if (!name.isEmpty() && m_servicesWanted) {
            const QNetworkInterface iface = QNetworkInterface::interfaceFromName(name);
            problem = interfaceProblem(name, iface.isValid(), iface.flags().testFlag(QNetworkInterface::IsUp),
                                       iface.flags().testFlag(QNetworkInterface::IsRunning));
        }
        if (problem != m_linkProblem) {
            m_linkProblem = problem;
            updateConsoleProblem();
        }
    });
    m_linkTimer->start();
    // The registry's bounds at work, for the Services panel and `service` lines: once a
    // second at most, only when something changed.
    auto *registryTimer = new QTimer(this);
    registryTimer->setInterval(1000);
    connect(registryTimer, &QTimer::timeout, this, [this] {
        const EngineStatus status = registryStatus();
        if (status.address == m_lastRegistryStatus.address && status.counters == m_lastRegistryStatus.counters)
            return;
        m_lastRegistryStatus = status;
        Q_EMIT registryStatusChanged(status);
    });
    registryTimer->start();
    m_pushTimer = new QTimer(this);
    m_pushTimer->setSingleShot(true);
    m_pushTimer->setInterval(0);
    connect(m_pushTimer, &QTimer::timeout, this, &ConsoleSession::pushSnapshot);
    connect(m_files, &FileWriter::failed, this, &ConsoleSession::workspaceError);
    connect(m_files, &FileWriter::conflict, this, &ConsoleSession::onWorkspaceConflict);
    m_saveTimer = new QTimer(this);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(250);
    connect(m_saveTimer, &QTimer::timeout, this, &ConsoleSession::saveScheduled);
    m_waker = new WakeScheduler(m_registry, this);
    m_rogue = new RogueGuard(this);
    // With onRogueDhcp: pxe-only the server follows the guard's finding at once.
    connect(m_rogue, &RogueGuard::presenceChanged, this, &ConsoleSession::pushSnapshot);
}

void ConsoleSession::schedulePush()
{
    // At once, but at most one push per kMinPushIntervalMs: a snapshot is built from the
    // whole workspace and copied to every engine, and a pallet reporting "installed" one
    // machine after another must not rebuild it hundreds of times a second.
    if (m_pushTimer->isActive())
        return;
    const qint64 since = m_lastPush.isValid() ? m_lastPush.elapsed() : kMinPushIntervalMs;
    m_pushTimer->start(int(std::max<qint64>(0, kMinPushIntervalMs - since)));
}

void ConsoleSession::scheduleSave()
{
    if (!m_saveTimer->isActive())
        m_saveTimer->start();
}

void ConsoleSession::saveScheduled()
{
    m_saveTimer->stop();
    // Serialised and written by the file thread, from a copy (implicitly shared: cheap);
    // a failure arrives as workspaceError.
    if (!m_installed.path().isEmpty())
        m_files->write(m_installed.path(), [state = m_installed] { return state.serialize(); });
    Q_EMIT intentChanged();
}

ConsoleSession::~ConsoleSession()
{
    if (m_saveTimer->isActive()) {
        m_saveTimer->stop();
        saveScheduled();
    }
    m_files->flush();
    m_services->shutdown();
    m_inventory->flush();
}

EngineStatus ConsoleSession::registryStatus() const
{
    EngineStatus status;
    status.engine = QStringLiteral("registry");
    status.state = EngineStatus::State::Running;
    status.address = tr("%1 of %n machines", nullptr, m_registry->maxMachines()).arg(m_registry->machineCount());
    status.counters = m_registry->counters();
    return status;
}

QStringList ConsoleSession::describeInterfaces()
{
    QStringList list;
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &iface : interfaces) {
        if (!(iface.flags() & QNetworkInterface::IsUp) || (iface.flags() & QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol) {
                list << QStringLiteral("%1 (%2)").arg(iface.name(), entry.ip().toString());
                break;
            }
        }
    }
    return list;
}

bool ConsoleSession::open(const QString &workspaceDir, const SessionOverrides &overrides)
{
    m_overrides = overrides;
    m_workspace = Workspace::open(workspaceDir);
    // configs/ is readable even when netboot.yaml is not: one library, the session's.
    if (!m_configs && !m_workspace.directory().isEmpty()) {
        m_configs = new Talos::ConfigLibrary(m_workspace.directory(), this);
        // An assigned config that becomes invalid is flagged on the machines using it.
        connect(m_configs, &Talos::ConfigLibrary::machineProblemsChanged, this,
                [this] { m_registry->setConfigProblems(m_configs->machineProblems()); });
        connect(this, &ConsoleSession::intentChanged, m_configs,
                [this] { m_configs->setMachines(m_workspace.settings().machines); });
    }
    if (!m_workspace.ok()) {
        m_error = tr("The workspace cannot be used: %1").arg(m_workspace.error().toString());
        return false;
    }
    m_brokenEdit.clear();
    QString installedWarning;
    m_files->flush();   // the previous workspace's last writes land before anything is read
    rememberWorkspaceFile();
    if (!m_installed.load(m_workspace.directory(), &installedWarning))
        m_warnings << installedWarning;
    QString numbersWarning;
    if (!m_ruleNumbers.load(m_workspace.directory(), &numbersWarning))
        m_warnings << numbersWarning;
    // The inventory and the config library only need the workspace: they are there even
    // while no interface is chosen, so the window can show machines and configs already.
    // What was seen before this start; a broken inventory costs history, never a boot.
    m_registry->setMaxMachines(m_workspace.settings().maxMachines > 0 ? m_workspace.settings().maxMachines
                                                                      : MachineRegistry::kDefaultMaxMachines);
    if (!m_inventory->isOpen()) {
        QString inventoryError;
        if (m_inventory->open(m_workspace.directory() + QStringLiteral("/inventory.sqlite"), &inventoryError)) {
            m_registry->restore(m_inventory->load());
            m_inventory->attach(m_registry);
            // An inventory from before a lower cap (or before there was one) shrinks to it,
            // in the file too, giving up first the machines that never got anywhere.
            m_registry->trimToCap();
            connect(m_inventory, &InventoryStore::writeFailed, this, &ConsoleSession::workspaceError);
        } else {
            m_warnings << inventoryError;
        }
    }
    m_configs->setMachines(m_workspace.settings().machines);
    m_registry->setConfigProblems(m_configs->machineProblems());
    if (!m_watcher)
        watchWorkspace();

    BootSnapshot snap = m_workspace.toSnapshot();
    applyOverrides(&snap);
    QString error;
    if (!resolveAddress(&snap, &error)) {
        m_error = error;
        return false;
    }
    m_error.clear();
    // Engines are created once; they learn everything from the snapshots pushed to them.
    if (m_services->engines().isEmpty()) {
        addDefaultEngines(*m_services);
        // What the full-mode server sees of other DHCP servers in passing.
        for (Engine *engine : m_services->engines()) {
            if (auto *server = qobject_cast<DhcpServer *>(engine))
                connect(server, &DhcpServer::otherServerSeen, m_rogue, &RogueGuard::takeSighting);
        }
    }
    // With what the inventory restored resolved now (rules, entries by UUID or serial,
    // installed machines), not at each machine's next event.
    m_services->setSnapshot(snapshot());
    updateRogueGuard();
    return true;
}

BootSnapshot ConsoleSession::snapshot() const
{
    BootSnapshot snap = m_workspace.toSnapshot();
    resolveMachines(&snap);
    for (const QString &mac : m_installed.macs())
        snap.markInstalled(mac);
    for (auto it = m_identify.cbegin(); it != m_identify.cend(); ++it)
        snap.identify.insert(it.key());
    for (const Machine &m : m_registry->machines()) {
        // The cheap test first: most machines are not Pis and have no Pi serial.
        if (!Boot::RaspberryPi::isSerialFolder(m.serial) || !isRaspberryPi(m.mac))
            continue;
        snap.piSerials.insert(m.mac, m.serial);
        for (const QString &other : m.otherMacs)
            snap.piSerials.insert(other, m.serial);
    }
    applyOverrides(&snap);
    QString ignored;
    resolveAddress(&snap, &ignored);
    return snap;
}

void ConsoleSession::resolveMachines(BootSnapshot *snap) const
{
    m_resolved.clear();
    if (snap->rules.isEmpty() && snap->identityEntries.isEmpty()) {
        // Entries by MAC only: still one machine across its NICs.
        for (const Machine &m : m_registry->machines()) {
            const auto own = snap->machines.constFind(m.mac);
            for (const QString &other : m.otherMacs) {
                if (own != snap->machines.constEnd() && !snap->machines.contains(other)) {
                    MachineIntent copy = *own;
                    copy.mac = other;
                    snap->machines.insert(other, copy);
                    m_resolved.insert(other, copy);
                }
            }
        }
        return;
    }
    const QHash<QString, MachineIntent> byMac = snap->machines;
    auto numbers = [this](const QString &rule, const QString &key) { return m_ruleNumbers.numberFor(rule, key); };
    for (const Machine *machine : inSeenOrder(m_registry->machines())) {
        const Machine &m = *machine;
        const Boot::MachineFacts facts = factsOf(m);
        const Boot::Resolution resolution = Boot::resolveIntent(byMac, snap->identityEntries, snap->rules, facts, numbers);
        if (!resolution.found)
            continue;
        for (const QString &mac : std::as_const(facts.macs)) {
            MachineIntent intent = resolution.intent;
            intent.mac = mac;
            intent.rule = resolution.rule;
            const auto own = byMac.constFind(mac);
            if (own != byMac.constEnd() && !own->configPath.isEmpty())
                continue;   // its own entry stands
            if (own != byMac.constEnd()) {
                intent.installed = own->installed;
                // A Pi boot folder of its own stands too, whatever gives it its config.
                if (!own->piFolder.isEmpty())
                    intent.piFolder = own->piFolder;
            }
            snap->machines.insert(mac, intent);
            m_resolved.insert(mac, intent);
        }
    }
    if (m_ruleNumbers.dirty()) {
        QString error;
        if (!m_ruleNumbers.save(&error))
            qWarning("%s", qPrintable(error));
    }
}

QString ConsoleSession::ruleOf(const QString &mac) const
{
    return m_resolved.value(normalizeMac(mac)).rule;
}

namespace {

// A machine to show a hostname template on when none matches yet.
Boot::MachineFacts exampleFacts()
{
    Boot::MachineFacts facts;
    facts.macs = {QStringLiteral("52:54:00:12:34:56")};
    facts.manufacturer = QStringLiteral("Dell Inc.");
    facts.product = QStringLiteral("OptiPlex 7060");
    facts.serial = QStringLiteral("5CG1234XYZ");
    facts.firmware = QStringLiteral("uefi");
    return facts;
}

// As netboot.yaml keeps it: no stray spaces, firmware in lower case.
MachineRule tidyRule(MachineRule rule)
{
    for (QString *text : {&rule.name, &rule.configPath, &rule.artifacts, &rule.installDisk, &rule.hostname,
                          &rule.match.macPrefix, &rule.match.macRange, &rule.match.manufacturer, &rule.match.product,
                          &rule.match.serial, &rule.match.firmware})
        *text = text->trimmed();
    rule.match.firmware = rule.match.firmware.toLower();
    return rule;
}

// The hex digits of a MAC or part of one written with `separators` between them, lower
// case; false when anything else is in it.
bool macDigits(const QString &text, QStringView separators, QString *digits)
{
    digits->clear();
    for (const QChar c : text) {
        const QChar lower = c.toLower();
        if (c.isDigit() || (lower >= u'a' && lower <= u'f'))
            *digits += lower;
        else if (!separators.contains(c))
            return false;
    }
    return true;
}

} // namespace

QString RuleProblem::fieldName(Field field)
{
    switch (field) {
    case Field::Name: return ConsoleSession::tr("name");
    case Field::MacPrefix: return ConsoleSession::tr("MAC prefix");
    case Field::MacRange: return ConsoleSession::tr("MAC range");
    case Field::Firmware: return ConsoleSession::tr("firmware");
    case Field::Config: return ConsoleSession::tr("config");
    case Field::Artifacts: return ConsoleSession::tr("artefact set");
    case Field::InstallDisk: return ConsoleSession::tr("install disk");
    case Field::Hostname: return ConsoleSession::tr("hostname");
    }
    return {};
}

QString RuleProblem::toString() const
{
    const QString who = ruleName.isEmpty() ? ConsoleSession::tr("rule %1").arg(rule + 1)
                                           : ConsoleSession::tr("rule '%1'").arg(ruleName);
    return ConsoleSession::tr("%1, %2: %3").arg(who, fieldName(field), message);
}

QList<RuleProblem> ConsoleSession::ruleProblems(const QList<MachineRule> &rules) const
{
    QList<RuleProblem> problems;
    QSet<QString> names;
    for (int i = 0; i < rules.size(); ++i) {
        const MachineRule rule = tidyRule(rules.at(i));
        auto problem = [&](RuleProblem::Field field, const QString &message) {
            problems.append({i, rule.name, field, message});
        };
        // The name keys the numbers {n} gave (rulenumbers.json) and shows in the table.
        if (rule.name.isEmpty())
            problem(RuleProblem::Field::Name, tr("give the rule a name"));
        else if (names.contains(rule.name))
            problem(RuleProblem::Field::Name, tr("another rule is named '%1' too").arg(rule.name));
        names.insert(rule.name);

        const RuleMatch &m = rule.match;
        if (!m.macPrefix.isEmpty()) {
            QString digits;
            if (!macDigits(m.macPrefix, u":-.", &digits) || digits.isEmpty() || digits.size() > 12)
                problem(RuleProblem::Field::MacPrefix,
                        tr("'%1' is not the start of a MAC: hex digits, ':' between the bytes (52:54:00)").arg(m.macPrefix));
        }
        if (!m.macRange.isEmpty()) {
            // Ends are split at '-', so they are written with ':' (Boot::ruleMatches).
            const QStringList ends = m.macRange.split(u'-');
            QString low;
            QString high;
            const bool wellFormed = ends.size() == 2 && macDigits(ends.at(0).trimmed(), u":.", &low)
                && macDigits(ends.at(1).trimmed(), u":.", &high) && low.size() == 12 && high.size() == 12;
            if (!wellFormed)
                problem(RuleProblem::Field::MacRange,
                        tr("'%1' is not a range of MACs: two whole MACs with '-' between them "
                           "(52:54:00:00:00:10-52:54:00:00:00:3f)").arg(m.macRange));
            else if (low > high)
                problem(RuleProblem::Field::MacRange,
                        tr("the range runs backwards: %1 comes after %2").arg(ends.at(0).trimmed(), ends.at(1).trimmed()));
        }
        if (!m.firmware.isEmpty() && m.firmware != QLatin1String("bios") && m.firmware != QLatin1String("uefi"))
            problem(RuleProblem::Field::Firmware, tr("'%1' is neither bios nor uefi").arg(m.firmware));

        if (rule.configPath.isEmpty()) {
            problem(RuleProblem::Field::Config, tr("choose the config the rule gives"));
        } else {
            const QFileInfo config(m_workspace.absolutePath(rule.configPath));
            if (!config.exists())
                problem(RuleProblem::Field::Config, QDir::isAbsolutePath(rule.configPath)
                                                        ? tr("%1 does not exist").arg(rule.configPath)
                                                        : tr("%1 is not in the workspace folder").arg(rule.configPath));
            else if (!config.isFile())
                problem(RuleProblem::Field::Config, tr("%1 is not a file").arg(rule.configPath));
        }
        if (!rule.artifacts.isEmpty() && !m_workspace.settings().artifacts.contains(rule.artifacts))
            problem(RuleProblem::Field::Artifacts, tr("there is no artefact set named %1").arg(rule.artifacts));
        if (!rule.installDisk.isEmpty() && !rule.installDisk.startsWith(u'/'))
            problem(RuleProblem::Field::InstallDisk,
                    tr("'%1' is not a device path like /dev/sda or /dev/nvme0n1").arg(rule.installDisk));

        if (!rule.hostname.isEmpty()) {
            static const QRegularExpression braces(QStringLiteral("\\{([^{}]*)\\}"));
            static const QRegularExpression known(QStringLiteral("^(n|serial|product|manufacturer|mac)(:0?\\d+)?$"));
            QString unknown;
            bool anyUnknown = false;
            for (auto it = braces.globalMatch(rule.hostname); it.hasNext() && !anyUnknown;) {
                unknown = it.next().captured(1);
                anyUnknown = !known.match(unknown).hasMatch();
            }
            if (anyUnknown)
                problem(RuleProblem::Field::Hostname,
                        tr("{%1} is not a field: use {n}, {n:02}, {serial}, {product}, {manufacturer} or {mac}")
                            .arg(unknown));
            else if (Boot::expandHostname(rule.hostname, exampleFacts(), 1).isEmpty())
                problem(RuleProblem::Field::Hostname,
                        tr("'%1' leaves no hostname: use letters, digits, '-' and fields like {n}").arg(rule.hostname));
        }
    }
    return problems;
}

bool ConsoleSession::setRules(const QList<MachineRule> &rules, QString *error)
{
    const QList<RuleProblem> problems = ruleProblems(rules);
    if (!problems.isEmpty()) {
        if (error) {
            QStringList lines;
            for (const RuleProblem &problem : problems)
                lines << problem.toString();
            *error = lines.join(QLatin1String("; "));
        }
        return false;
    }
    WorkspaceSettings &settings = m_workspace.settings();
    const QList<MachineRule> before = settings.rules;
    const QByteArray readBefore = m_files->expected(m_workspace.settingsPath());
    settings.rules.clear();
    for (const MachineRule &rule : rules)
        settings.rules.append(tidyRule(rule));
    if (!saveWorkspace(error)) {
        // Unless a hand edit was read meanwhile: that one stands as the file has it.
        if (m_files->expected(m_workspace.settingsPath()) == readBefore)
            settings.rules = before;
        return false;
    }
    Q_EMIT intentChanged();
    return true;
}

QStringList ConsoleSession::machinesMatching(const MachineRule &rule) const
{
    const MachineRule tidy = tidyRule(rule);
    QStringList macs;
    for (const Machine *m : inSeenOrder(m_registry->machines())) {
        if (Boot::ruleMatches(tidy, factsOf(*m)))
            macs << m->mac;
    }
    return macs;
}

QString ConsoleSession::hostnameFor(const MachineRule &rule, const QString &mac) const
{
    const MachineRule tidy = tidyRule(rule);
    const Machine *m = mac.isEmpty() ? nullptr : m_registry->machine(mac);
    int n = 1;
    if (m && tidy.hostname.contains(QLatin1String("{n"))) {
        // On a copy: a preview gives nobody a number (rulenumbers.json is for machines served).
        RuleNumbers numbers = m_ruleNumbers;
        n = numbers.numberFor(tidy.name, m->mac);
    }
    return Boot::expandHostname(tidy.hostname, m ? factsOf(*m) : exampleFacts(), n);
}

void ConsoleSession::identify(const QStringList &macs, int seconds)
{
    const QDateTime until = QDateTime::currentDateTimeUtc().addSecs(seconds);
    for (const QString &mac : macs) {
        const QString key = normalizeMac(mac);
        if (!key.isEmpty())
            m_identify.insert(key, until);
    }
    pushSnapshot();
    QTimer::singleShot(seconds * 1000 + 50, this, [this] {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const qsizetype before = m_identify.size();
        m_identify.removeIf([&now](const auto &entry) { return entry.value() <= now; });
        if (m_identify.size() != before)
            pushSnapshot();
    });
}

bool ConsoleSession::isIdentifying(const QString &mac) const
{
    return m_identify.contains(normalizeMac(mac));
}

void ConsoleSession::applyOverrides(BootSnapshot *snapshot) const
{
    BootSnapshot &snap = *snapshot;
    const SessionOverrides &o = m_overrides;
    if (!o.interfaceName.isEmpty())
        snap.interfaceName = o.interfaceName;
    if (o.mode)
        snap.mode = *o.mode;
    o.ports.applyTo(&snap.ports);
    if (!o.tftpRoot.isEmpty())
        snap.tftpRoot = m_workspace.absolutePath(o.tftpRoot);
    if (!o.httpRoot.isEmpty())
        snap.httpRoot = m_workspace.absolutePath(o.httpRoot);
    if (!o.serverAddress.isEmpty())
        snap.serverAddress = QHostAddress(o.serverAddress);
    snap.pxeClientsOnly = snap.mode == DhcpMode::Full && m_rogue->present()
        && m_workspace.settings().onRogueDhcp == RogueDhcpPolicy::PxeOnly;
}

namespace {

// The netmask of address on iface, or on any interface when iface is not valid: full DHCP
// mode hands out addresses of that subnet.
QHostAddress netmaskOf(const QHostAddress &address, const QNetworkInterface &iface)
{
    const QList<QNetworkInterface> candidates = iface.isValid() ? QList<QNetworkInterface>{iface}
                                                                : QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &i : candidates) {
        for (const QNetworkAddressEntry &entry : i.addressEntries()) {
            if (entry.ip() == address)
                return entry.netmask();
        }
    }
    return {};
}

} // namespace

bool ConsoleSession::resolveAddress(BootSnapshot *snap, QString *error) const
{
    if (snap->interfaceName.isEmpty()) {
        if (!snap->serverAddress.isNull()) {
            snap->bindAddress = snap->serverAddress;
            if (snap->netmask.isNull())
                snap->netmask = netmaskOf(snap->serverAddress, QNetworkInterface());
            return true;
        }
        const QStringList available = describeInterfaces();
        *error = tr("Choose the network interface the machines are on, with --interface NAME or in the "
                    "workspace (network: interface:). Available: %1")
                     .arg(available.isEmpty() ? tr("none with an IPv4 address") : available.join(QLatin1String(", ")));
        return false;
    }
    const QNetworkInterface iface = QNetworkInterface::interfaceFromName(snap->interfaceName);
    if (!iface.isValid()) {
        const QStringList available = describeInterfaces();
        *error = tr("There is no network interface '%1'. Available: %2")
                     .arg(snap->interfaceName,
                          available.isEmpty() ? tr("none with an IPv4 address") : available.join(QLatin1String(", ")));
        return false;
    }
    if (snap->serverAddress.isNull()) {
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol) {
                snap->serverAddress = entry.ip();
                break;
            }
        }
    }
    if (snap->serverAddress.isNull()) {
        *error = tr("Interface '%1' has no IPv4 address. Give it one (for example: sudo ip addr add "
                    "10.77.0.1/24 dev %1) or set network: serverAddress: in the workspace.")
                     .arg(snap->interfaceName);
        return false;
    }
    snap->bindAddress = snap->serverAddress;
    if (snap->netmask.isNull())
        snap->netmask = netmaskOf(snap->serverAddress, iface);
    return true;
}

void ConsoleSession::startServices()
{
    m_servicesWanted = true;
    m_services->start();
    updateConsoleProblem();
    updateRogueGuard();
}

void ConsoleSession::stopServices()
{
    m_servicesWanted = false;
    m_services->stop();
    updateConsoleProblem();
    updateRogueGuard();
}

void ConsoleSession::updateRogueGuard()
{
    // Without an interface (loopback) there is nothing to probe; what the server sees
    // still counts.
    const QString name = interfaceName();
    if (!m_servicesWanted || mode() != DhcpMode::Full || !m_error.isEmpty()) {
        m_rogue->stop();
        return;
    }
    // An answer from any address of this computer is our own server's.
    QList<QHostAddress> own = QNetworkInterface::allAddresses();
    if (!m_overrides.serverAddress.isEmpty())
        own << QHostAddress(m_overrides.serverAddress);
    m_rogue->setOwnAddresses(own);
    m_rogue->start(name, m_workspace.settings().rogueProbeSeconds * 1000);
}

bool ConsoleSession::setRogueDhcpPolicy(RogueDhcpPolicy policy, QString *error)
{
    const RogueDhcpPolicy before = m_workspace.settings().onRogueDhcp;
    m_workspace.settings().onRogueDhcp = policy;
    if (!saveWorkspace(error)) {
        m_workspace.settings().onRogueDhcp = before;
        return false;
    }
    return true;
}

void ConsoleSession::updateConsoleProblem()
{
    QString problem;
    if (!m_servicesWanted) {
        problem = tr("The console's services are stopped: start them (Services ▸ Start).");
    } else if (!m_linkProblem.isEmpty()) {
        problem = m_linkProblem;
    } else {
        QStringList failed;
        for (const EngineStatus &status : std::as_const(m_engineStatus)) {
            if (status.state == EngineStatus::State::Failed)
                failed << (status.error.isEmpty() ? status.engine : status.engine + QStringLiteral(" (") + status.error + u')');
        }
        failed.sort();
        if (!failed.isEmpty())
            problem = tr("The console's %1 service failed: see the Services panel.").arg(failed.join(QStringLiteral(", ")));
    }
    m_registry->setConsoleProblem(problem);
}

QString ConsoleSession::interfaceProblem(const QString &name, bool exists, bool up, bool running)
{
    if (!exists)
        return tr("The interface %1 is gone (a USB adapter unplugged?): plug it in again, or choose another "
                  "interface.").arg(name);
    if (!up)
        return tr("The interface %1 is down: bring it up (ip link set %1 up), or choose another interface.").arg(name);
    if (!running)
        return tr("The interface %1 has no link: check its cable and that the switch is on.").arg(name);
    return {};
}

QStringList ConsoleSession::roleChanges(const QStringList &macs, const QString &configPath) const
{
    const QString id = m_configs ? m_configs->idForPath(m_workspace.absolutePath(configPath)) : QString();
    const Talos::ConfigEntry *entry = m_configs && !id.isEmpty() ? m_configs->entry(id) : nullptr;
    if (!entry || entry->role == Talos::MachineRole::Unknown)
        return {};
    const QString newRole = Talos::MachineConfig::roleName(entry->role);
    QStringList changes;
    for (const QString &mac : macs) {
        const Machine *m = m_registry->machine(mac);
        const bool committed = isInstalled(mac)
            || (m && (m->stage == Stage::Installing || m->stage == Stage::Joined || m->stage == Stage::Installed));
        if (!committed)
            continue;
        // The role it runs: what it was served, else what it is assigned.
        QString role = m ? m->servedRole : QString();
        if (role.isEmpty()) {
            const QString current = assignment(mac);
            const Talos::ConfigEntry *now = current.isEmpty()
                ? nullptr
                : m_configs->entry(m_configs->idForPath(m_workspace.absolutePath(current)));
            role = now ? Talos::MachineConfig::roleName(now->role) : QString();
        }
        if (!role.isEmpty() && role != newRole)
            changes << mac;
    }
    return changes;
}

bool ConsoleSession::needsReinstall(const QString &mac) const
{
    const Machine *m = m_registry->machine(mac);
    if (!m || m->servedConfig.isEmpty())
        return false;
    const QString assigned = assignment(mac);
    return !assigned.isEmpty()
        && QDir::cleanPath(m_workspace.absolutePath(assigned)) != QDir::cleanPath(m->servedConfig);
}

void ConsoleSession::setAssignQueue(const QList<QueueEntry> &entries)
{
    if (entries == m_queue)
        return;
    m_queue = entries;
    Q_EMIT assignQueueChanged();
}

QList<ConsoleSession::QueueEntry> ConsoleSession::queueFromPattern(const QString &config, const QString &hostnamePattern,
                                                                   int first, int count)
{
    static const QRegularExpression slot(QStringLiteral("\\{n(?::0?(\\d+))?\\}"));
    QList<QueueEntry> out;
    for (int i = 0; i < count; ++i) {
        const int n = first + i;
        QString name = hostnamePattern;
        for (QRegularExpressionMatch m = slot.match(name); m.hasMatch(); m = slot.match(name)) {
            const int width = m.captured(1).toInt();
            name.replace(m.capturedStart(), m.capturedLength(), QStringLiteral("%1").arg(n, width, 10, QLatin1Char('0')));
        }
        out.append({config, name});
    }
    return out;
}

void ConsoleSession::takeQueueEntry(const QString &mac)
{
    const Machine *m = m_registry->machine(mac);
    if (m_queue.isEmpty() || !m || !m->live || !assignment(mac).isEmpty())
        return;
    const QueueEntry entry = m_queue.takeFirst();
    QString error;
    const MachineIntent *intent = m_workspace.machine(normalizeMac(mac));
    const QString disk = intent ? intent->installDisk : QString();
    if (!assign({mac}, entry.config, &error) || !setMachineValues(mac, entry.hostname, disk, &error)) {
        m_queue.prepend(entry);   // not taken: the next machine gets it
        Q_EMIT workspaceError(error);
        return;
    }
    Q_EMIT assignQueueChanged();
    Q_EMIT queueAssigned(normalizeMac(mac), entry.config, entry.hostname);
}

void ConsoleSession::pushSnapshot()
{
    m_lastPush.start();
    updateRogueGuard();
    const BootSnapshot snap = snapshot();
    m_pushedPiSerials = snap.piSerials;
    m_resolving = !snap.rules.isEmpty() || !snap.identityEntries.isEmpty();
    m_services->setSnapshot(snap);
}

bool ConsoleSession::saveWorkspace(QString *error)
{
    QString ignored;
    QString &why = error ? *error : ignored;
    // The file is the user's: a hand edit that does not parse is never written over (it
    // is kept until it parses again), nor is one made since the console last read it.
    if (!m_brokenEdit.isEmpty()) {
        why = tr("netboot.yaml has an error (%1); nothing is written to it until it is fixed, so this change "
                 "was not saved.").arg(m_brokenEdit);
        return false;
    }
    if (!m_workspace.ok()) {
        why = tr("netboot.yaml has an error and is not overwritten: %1").arg(m_workspace.error().toString());
        return false;
    }
    const QString path = m_workspace.settingsPath();
    // While no write of ours is under way, the file must still hold what we last wrote:
    // checked here, so the caller hears of it at once. A write under way checks the
    // same on the file thread, and a conflict arrives as workspaceError.
    if (!m_files->pending(path)) {
        QFile current(path);
        if (current.open(QIODevice::ReadOnly) && current.readAll() != m_files->expected(path)) {
            current.close();
            why = workspaceConflictMessage();
            onWorkspaceFileChanged();
            return false;
        }
    }
    // Serialised and written on the file thread: 5000 machines take longer than a frame.
    // The settings are copied here (implicitly shared, cheap), so later changes are not
    // seen by this write.
    const WorkspaceSettings settings = m_workspace.settings();
    m_files->writeIfUnchanged(path, [settings] { return Workspace::fileBytes(settings); });
    pushSnapshot();
    return true;
}

QString ConsoleSession::workspaceConflictMessage()
{
    return tr("netboot.yaml was changed on disk since the console read it; that edit is read now and this "
              "change was not saved. Make it again.");
}

void ConsoleSession::rememberWorkspaceFile()
{
    QFile file(m_workspace.settingsPath());
    m_files->expect(m_workspace.settingsPath(), file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray());
}

void ConsoleSession::onWorkspaceConflict(const QString &path)
{
    if (path != m_workspace.settingsPath())
        return;
    Q_EMIT workspaceError(workspaceConflictMessage());
    onWorkspaceFileChanged();
}

bool ConsoleSession::flushFiles(QString *error)
{
    return m_files->flush(error);
}

bool ConsoleSession::assign(const QStringList &macs, const QString &configPath, QString *error)
{
    for (const QString &mac : macs) {
        const QString key = normalizeMac(mac);
        if (key.isEmpty())
            continue;
        m_workspace.setAssignment(key, configPath);
    }
    if (!saveWorkspace(error))
        return false;
    Q_EMIT intentChanged();
    return true;
}

bool ConsoleSession::setMachineValues(const QString &mac, const QString &hostname, const QString &installDisk,
                                      QString *error)
{
    const QString key = normalizeMac(mac);
    MachineIntent *m = m_workspace.machine(key);
    if (!m) {
        m_workspace.setAssignment(key, QString());
        m = m_workspace.machine(key);
    }
    m->hostname = hostname.trimmed();
    m->installDisk = installDisk.trimmed();
    if (!saveWorkspace(error))
        return false;
    Q_EMIT intentChanged();
    return true;
}

bool ConsoleSession::setInstalled(const QString &mac, bool installed, QString *error)
{
    const QString key = normalizeMac(mac);
    if (key.isEmpty())
        return true;
    bool changed = m_installed.set(key, installed);
    // Through the file thread, after any write of a burst still queued, and waited for:
    // a person's "Reinstall" hears at once whether it was kept.
    if (changed && !m_installed.path().isEmpty()) {
        m_files->write(m_installed.path(), [state = m_installed] { return state.serialize(); });
        if (!m_files->flush(error))
            return false;
    }
    // An `installed: true` written by hand is the user's; "Reinstall", a person's choice
    // too, clears it.
    MachineIntent *m = m_workspace.machine(key);
    if (!installed && m && m->installed) {
        m->installed = false;
        if (!saveWorkspace(error))
            return false;
        changed = true;
    }
    if (!changed)
        return true;
    pushSnapshot();
    Q_EMIT intentChanged();
    return true;
}

QString ConsoleSession::displayName(const QString &mac) const
{
    const QString key = normalizeMac(mac);
    for (const MachineIntent &m : m_workspace.settings().machines) {
        if (m.mac == key && !m.hostname.isEmpty())
            return m.hostname;
    }
    const QString resolved = m_resolved.value(key).hostname;
    return resolved.isEmpty() ? key : resolved;
}

bool ConsoleSession::isInstalled(const QString &mac) const
{
    const QString key = normalizeMac(mac);
    if (m_installed.contains(key))
        return true;
    for (const MachineIntent &m : m_workspace.settings().machines) {
        if (m.mac == key)
            return m.installed;
    }
    return false;
}

bool ConsoleSession::isRaspberryPi(const QString &mac) const
{
    const QString key = normalizeMac(mac);
    const Machine *m = m_registry->machine(key);
    // Its bootloader said so, or its MAC does (a Pi that went on to UEFI firmware reports
    // "uefi" there, and is a Pi still).
    return (m && m->firmware == QLatin1String("rpi")) || Boot::RaspberryPi::isRaspberryPiMac(key);
}

QString ConsoleSession::piFolder(const QString &mac) const
{
    const QString key = normalizeMac(mac);
    for (const MachineIntent &m : m_workspace.settings().machines) {
        if (m.mac == key && !m.piFolder.isEmpty())
            return m.piFolder;
    }
    // An entry by UUID or serial, or another NIC's.
    return m_resolved.value(key).piFolder;
}

QString ConsoleSession::piBootFolder() const
{
    BootSnapshot snap = m_workspace.toSnapshot();
    applyOverrides(&snap);
    return snap.piBootFolder();
}

QStringList ConsoleSession::piBootFolders() const
{
    const QString root = piBootFolder();
    QStringList folders;
    if (root.isEmpty())
        return folders;
    const QDir dir(root);
    const QStringList names = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::IgnoreCase);
    for (const QString &name : names) {
        // Serial-number folders are served to their own Pi without being assigned; a folder
        // that leads out of the piBoot folder would be refused at the first request.
        if (Boot::RaspberryPi::isSerialFolder(name) || !resolveFolderUnderRoot(root, name).ok())
            continue;
        folders << name;
    }
    return folders;
}

bool ConsoleSession::setPiFolder(const QStringList &macs, const QString &folder, QString *error)
{
    const QString name = folder.trimmed();
    if (!name.isEmpty()) {
        if (const QString problem = Workspace::piFolderProblem(name); !problem.isEmpty()) {
            if (error)
                *error = tr("%1 cannot be a Pi boot folder: %2").arg(name, problem);
            return false;
        }
    }
    for (const QString &mac : macs) {
        const QString key = normalizeMac(mac);
        if (!key.isEmpty())
            m_workspace.setPiFolder(key, name);
    }
    if (!saveWorkspace(error))
        return false;
    Q_EMIT intentChanged();
    return true;
}

QString ConsoleSession::assignment(const QString &mac) const
{
    const QString key = normalizeMac(mac);
    for (const MachineIntent &m : m_workspace.settings().machines) {
        if (m.mac == key && !m.configPath.isEmpty())
            return m.configPath;
    }
    // By UUID or serial, another NIC's entry, or a rule: the path as the workspace writes it.
    return resolvedIntent(key).configPath;
}

MachineIntent ConsoleSession::resolvedIntent(const QString &mac) const
{
    MachineIntent resolved = m_resolved.value(mac);
    const QString dir = m_workspace.directory() + u'/';
    if (resolved.configPath.startsWith(dir))
        resolved.configPath = resolved.configPath.mid(dir.size());
    return resolved;
}

void ConsoleSession::watchWorkspace()
{
    m_watcher = new QFileSystemWatcher(this);
    // Editors and QSaveFile replace the file: watch the folder as well as the file.
    m_watcher->addPath(m_workspace.directory());
    m_watcher->addPath(m_workspace.settingsPath());
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(200);
    connect(m_reloadTimer, &QTimer::timeout, this, &ConsoleSession::onWorkspaceFileChanged);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_reloadTimer, qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_reloadTimer, qOverload<>(&QTimer::start));
}

void ConsoleSession::onWorkspaceFileChanged()
{
    if (!m_watcher->files().contains(m_workspace.settingsPath()))
        m_watcher->addPath(m_workspace.settingsPath());
    // Our own write under way: look again once it has landed (never wait for it here).
    if (m_files->pending(m_workspace.settingsPath())) {
        m_reloadTimer->start();
        return;
    }
    QFile file(m_workspace.settingsPath());
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QByteArray yaml = file.readAll();
    if (yaml == m_files->expected(m_workspace.settingsPath()))
        return;
    m_files->expect(m_workspace.settingsPath(), yaml);
    WorkspaceError error;
    if (!m_workspace.reload(&error)) {
        m_brokenEdit = error.toString();
        Q_EMIT workspaceError(tr("The edit of netboot.yaml was not applied: %1. Nothing is written to the file "
                                 "until it reads again.").arg(m_brokenEdit));
        return;
    }
    m_brokenEdit.clear();
    m_registry->setMaxMachines(m_workspace.settings().maxMachines > 0 ? m_workspace.settings().maxMachines
                                                                      : MachineRegistry::kDefaultMaxMachines);
    m_registry->trimToCap();
    pushSnapshot();
    Q_EMIT workspaceReloaded();
    Q_EMIT intentChanged();
}

QString ConsoleSession::interfaceName() const
{
    return m_overrides.interfaceName.isEmpty() ? m_workspace.settings().interfaceName : m_overrides.interfaceName;
}

DhcpMode ConsoleSession::mode() const
{
    return m_overrides.mode ? *m_overrides.mode : m_workspace.settings().mode;
}

ConsoleSession::InterfaceChange ConsoleSession::setInterface(const QString &name, QString *error)
{
    const QString dir = m_workspace.directory();
    if (dir.isEmpty())
        return InterfaceChange::NotOpened;
    m_overrides.interfaceName = name;
    m_overrides.serverAddress.clear();
    if (m_workspace.ok()) {
        m_workspace.settings().interfaceName = name;
        if (!saveWorkspace(error))
            return InterfaceChange::NotSaved;
    }
    // Opening again resolves the new interface's address and (re)creates what was missing.
    if (!open(dir, m_overrides))
        return InterfaceChange::NotOpened;
    if (m_workspace.settings().interfaceName != name) {
        m_workspace.settings().interfaceName = name;
        if (!saveWorkspace(error))
            return InterfaceChange::NotSaved;
    }
    return InterfaceChange::Done;
}

bool ConsoleSession::setMode(DhcpMode mode, QString *error)
{
    m_overrides.mode = mode;
    m_workspace.settings().mode = mode;
    if (!m_workspace.ok() || !m_error.isEmpty())
        return true;   // written with the next successful open
    return saveWorkspace(error);
}

WakeTarget ConsoleSession::wakeTarget() const
{
    const BootSnapshot snap = snapshot();
    WakeTarget target;
    target.address = wakeOnLanBroadcast(snap.interfaceName);
    if (target.address.isNull()) {
        // No real interface (demo, tests): the packet stays on this computer.
        target.address = QHostAddress(QHostAddress::LocalHost);
        target.port = m_wakePort;
    } else {
        target.from = snap.serverAddress;
    }
    return target;
}

} // namespace Nbc

namespace Nbc {

QMap<QString, ArtifactSet> ConsoleSession::artifactSets() const
{
    return m_workspace.settings().artifacts;
}

QString ConsoleSession::defaultArtifacts() const
{
    return m_workspace.settings().defaultArtifacts;
}

bool ConsoleSession::addArtifactSet(const ArtifactChoice &choice, bool makeDefault, QString *name, QString *error)
{
    if (!m_workspace.ok() || m_workspace.directory().isEmpty()) {
        if (error)
            *error = tr("the workspace cannot be used: %1").arg(m_workspace.error().toString());
        return false;
    }
    ArtifactSet set;
    if (!Setup::installArtifacts(m_workspace.directory(), choice, &set, error))
        return false;
    WorkspaceSettings &settings = m_workspace.settings();
    settings.artifacts.insert(set.name, set);
    if (makeDefault || settings.defaultArtifacts.isEmpty())
        settings.defaultArtifacts = set.name;
    if (!saveWorkspace(error))
        return false;
    if (name)
        *name = set.name;
    Q_EMIT artifactsChanged();
    return true;
}

bool ConsoleSession::removeArtifactSet(const QString &name, QString *error)
{
    WorkspaceSettings &settings = m_workspace.settings();
    if (!settings.artifacts.contains(name))
        return true;
    for (const MachineIntent &m : std::as_const(settings.machines)) {
        if (m.artifacts == name) {
            if (error)
                *error = tr("%1 is used by %2: give that machine another set first").arg(name, m.mac);
            return false;
        }
    }
    const ArtifactSet set = settings.artifacts.take(name);
    if (settings.defaultArtifacts == name)
        settings.defaultArtifacts = settings.artifacts.isEmpty() ? QString() : settings.artifacts.firstKey();
    if (!saveWorkspace(error)) {
        settings.artifacts.insert(name, set);
        return false;
    }
    Setup::removeArtifactFiles(m_workspace.directory(), set);
    Q_EMIT artifactsChanged();
    return true;
}

bool ConsoleSession::setDefaultArtifacts(const QString &name, QString *error)
{
    WorkspaceSettings &settings = m_workspace.settings();
    if (!settings.artifacts.contains(name)) {
        if (error)
            *error = tr("there is no artefact set named %1").arg(name);
        return false;
    }
    settings.defaultArtifacts = name;
    if (!saveWorkspace(error))
        return false;
    Q_EMIT artifactsChanged();
    return true;
}

SetupResult ConsoleSession::applySetup(const SetupPlan &plan)
{
    const bool wasRunning = m_services->isRunning();
    m_files->flush();   // a change still being written lands before the plan's
    SetupResult result = Setup::apply(m_workspace, plan);
    if (!result.ok)
        return result;
    rememberWorkspaceFile();
    // The plan's choices replace this run's command-line overrides.
    if (!plan.interfaceName.isEmpty()) {
        m_overrides.interfaceName = plan.interfaceName;
        m_overrides.serverAddress.clear();
    }
    m_overrides.mode = plan.mode;
    if (wasRunning)
        stopServices();
    const bool opened = open(m_workspace.directory(), m_overrides);
    if (m_configs)
        m_configs->rescan();
    Q_EMIT artifactsChanged();
    Q_EMIT intentChanged();
    Q_EMIT workspaceReloaded();
    if (opened)
        startServices();
    return result;
}

} // namespace Nbc

namespace Nbc {

KitExportResult ConsoleSession::exportKitBundle(const QString &outFile, const KitExportOptions &options)
{
    if (m_saveTimer->isActive())
        saveScheduled();
    m_files->flush();
    m_inventory->flush();
    return KitBundle::exportBundle(m_workspace.directory(), outFile, options);
}

KitImportResult ConsoleSession::importKitBundle(const QString &bundleFile, const KitImportOptions &options)
{
    KitImportResult result;
    // Services stopped and their threads done (the DHCP server writes leases.json as it
    // stops) before the bundle's files are compared and moved in; reopened after.
    rewriteWorkspace([&](const QString &dir) {
        const bool inventoryWasOpen = m_inventory->isOpen();
        m_inventory->flush();
        m_inventory->close();
        result = KitBundle::importBundle(bundleFile, dir, options);
        if (!inventoryWasOpen && !result.inventoryReplaced())
            return true;
        QString error;
        if (!m_inventory->open(dir + QStringLiteral("/inventory.sqlite"), &error)) {
            m_warnings << error;
            return true;
        }
        if (result.inventoryReplaced()) {
            // The bundle's history replaces this one; machines seen in this run stay.
            const QStringList known = m_registry->machines().keys();
            for (const QString &mac : known) {
                const Machine *m = m_registry->machine(mac);
                if (m && !m->live)
                    m_registry->forget(mac);
            }
            QList<Machine> restored;
            const QList<Machine> imported = m_inventory->load();
            for (const Machine &m : imported) {
                if (!m_registry->machine(m.mac))
                    restored.append(m);
            }
            m_registry->restore(restored);
            m_registry->trimToCap();
        }
        m_inventory->attach(m_registry);
        if (!inventoryWasOpen)
            connect(m_inventory, &InventoryStore::writeFailed, this, &ConsoleSession::workspaceError);
        return true;
    });
    return result;
}

} // namespace Nbc

namespace Nbc {

bool ConsoleSession::rewriteWorkspace(const std::function<bool(const QString &workspaceDir)> &write)
{
    const QString dir = m_workspace.directory();
    // What Talos reported is written before the files change under it.
    if (m_saveTimer->isActive())
        saveScheduled();
    m_files->flush();
    const bool wasRunning = m_services->isRunning();
    if (wasRunning) {
        stopServices();
        // The engines stop in their own threads (the DHCP server writes leases.json as it stops).
        for (Engine *engine : m_services->engines())
            QMetaObject::invokeMethod(engine, [] {}, Qt::BlockingQueuedConnection);
    }
    const bool written = write(dir);
    const bool opened = open(dir, m_overrides);
    if (m_configs)
        m_configs->rescan();
    Q_EMIT artifactsChanged();
    Q_EMIT intentChanged();
    Q_EMIT workspaceReloaded();
    if (wasRunning && opened)
        startServices();
    return written;
}

} // namespace Nbc
