#pragma once

// A small pallet booted for the pallet report's tests (core and ui): the demo workspace,
// two models each named by a rule (one product name carries a comma and quotes, the other
// starts like a spreadsheet formula), one machine with an entry of its own, and the
// simulated fleet run against a real ConsoleSession on loopback until every machine joined.

#include "inventory/machineregistry.h"
#include "inventory/workspace.h"
#include "session/consolesession.h"
#include "sim/demo.h"
#include "sim/fleetsimulator.h"

#include <QFile>
#include <QSignalSpy>
#include <QString>
#include <QStringList>
#include <QTest>

#include <memory>

namespace PalletFleet {

// Product names as the machines report them (SMBIOS, from the wire).
inline QString quotedProduct()
{
    return QStringLiteral("Rack \"One\", 1U");
}
inline QString formulaProduct()
{
    return QStringLiteral("=1+2 Edge");
}

struct Fleet {
    std::unique_ptr<Nbc::Sim::DemoEnvironment> env;   // owns the workspace folder
    std::unique_ptr<Nbc::ConsoleSession> session;
    QList<Nbc::Sim::MachinePlan> plans;
    QString dir;
    QString specialMac;   // the machine with an entry of its own: special-1
};

// Boots `count` machines; nullptr with *error set when something did not get there.
inline std::unique_ptr<Fleet> boot(int count, QString *error)
{
    using namespace Nbc;
    using namespace Nbc::Sim;
    auto fleet = std::make_unique<Fleet>();
    DemoEnvironment::Settings settings;
    settings.count = count;
    settings.seed = 13;
    settings.kernelBytes = 64 * 1024;
    settings.initramfsBytes = 64 * 1024;
    settings.lateEvery = 0;
    fleet->env = DemoEnvironment::create(settings, error);
    if (!fleet->env)
        return nullptr;
    FleetOptions options = fleet->env->fleetOptions();
    options.staggerMs = 0;
    options.bytesPerSecond = 64 * 1024 * 1024;
    options.logDelaysScale = 0.01;
    options.machineTimeoutMs = 60000;
    options.products = {quotedProduct(), formulaProduct()};
    fleet->dir = fleet->env->workspaceDir();

    Workspace ws = Workspace::open(fleet->dir);
    if (!ws.ok()) {
        *error = ws.error().toString();
        return nullptr;
    }
    WorkspaceSettings &s = ws.settings();
    s.machines.clear();
    const QStringList names{QStringLiteral("rack-one"), QStringLiteral("edge")};
    const QStringList hostnames{QStringLiteral("rack-{n:02}"), QStringLiteral("edge-{n}")};
    for (int i = 0; i < 2; ++i) {
        MachineRule rule;
        rule.name = names.at(i);
        rule.match.product = options.products.at(i);
        rule.configPath = fleet->env->configPath();
        rule.hostname = hostnames.at(i);
        s.rules.append(rule);
    }
    fleet->plans = planFleet(options);
    fleet->specialMac = fleet->plans.constFirst().mac;
    MachineIntent own;
    own.mac = fleet->specialMac;
    own.configPath = fleet->env->configPath();
    own.hostname = QStringLiteral("special-1");
    s.machines.append(own);
    if (!ws.save(error))
        return nullptr;

    fleet->session = std::make_unique<ConsoleSession>();
    if (!fleet->session->open(fleet->dir, fleet->env->overrides())) {
        *error = fleet->session->error();
        return nullptr;
    }
    fleet->session->startServices();
    FleetSimulator sim(options);
    QSignalSpy all(&sim, &FleetSimulator::allFinished);
    sim.start();
    // New machines wait until their facts are in (the wait script asks again after 5 s).
    if (!all.wait(90000) || sim.counters().joined != count) {
        *error = QStringLiteral("%1 of %2 machines joined").arg(sim.counters().joined).arg(count);
        return nullptr;
    }
    // The registry publishes coalesced; Talos's last lines may still be on their way.
    const bool joined = QTest::qWaitFor(
        [&] {
            for (const MachinePlan &plan : std::as_const(fleet->plans)) {
                const Machine *m = fleet->session->registry()->machine(plan.mac);
                if (!m || m->stage != Stage::Joined)
                    return false;
            }
            return true;
        },
        10000);
    sim.stop();
    // The inventory follows the registry's coalesced changes: send them now, so a flush
    // writes every machine as Joined.
    fleet->session->registry()->publish();
    fleet->session->stopServices();
    if (!joined) {
        *error = QStringLiteral("the registry did not see every machine join");
        return nullptr;
    }
    return fleet;
}

// RFC 4180 read back: records of fields, quotes undone. Test code, strict: an unbalanced
// quote makes it return nothing.
inline QList<QStringList> parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"' && field.isEmpty()) {
            quoted = true;
        } else if (c == u',') {
            record << field;
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            record << field;
            field.clear();
            records << record;
            record.clear();
            ++i;
        } else {
            field += c;
        }
    }
    if (quoted)
        return {};
    if (!field.isEmpty() || !record.isEmpty())
        records << (record << field);
    return records;
}

} // namespace PalletFleet
