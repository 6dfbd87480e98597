#include "sim/fleetplan.h"

#include <QRandomGenerator>
#include <QSet>
#include <QUuid>

namespace Nbc::Sim {

namespace {

// Made-up vendors: a simulated machine must never pass for a real product in the table.
const char *const kManufacturers[] = {"Netboot Sim Labs", "Example Computers", "Demo Hardware Co."};
const char *const kProducts[] = {"SIM-1U X10", "Demo Box 2", "Rack Node 3000", "Edge Mini"};

} // namespace

QString misbehaviourName(Misbehaviour misbehaviour)
{
    switch (misbehaviour) {
    case Misbehaviour::None: return QStringLiteral("none");
    case Misbehaviour::Stall: return QStringLiteral("stall");
    case Misbehaviour::Loop: return QStringLiteral("loop");
    case Misbehaviour::Hang: return QStringLiteral("hang");
    }
    return {};
}

QByteArray MachinePlan::vendorClass() const
{
    return QByteArray("PXEClient:Arch:") + QByteArray::number(clientArch()).rightJustified(5, '0') + ":UNDI:002001";
}

QString MachinePlan::uuidText() const
{
    return QUuid::fromRfc4122(guid).toString(QUuid::WithoutBraces);
}

QHostAddress machineAddress(int index)
{
    // 250 hosts per /24 keeps away from .0 and .255; 127/8 is all loopback on Linux.
    const quint32 third = quint32(index / 250) & 0xff;
    const quint32 fourth = quint32(index % 250) + 1;
    return QHostAddress((127u << 24) | (1u << 16) | (third << 8) | fourth);
}

QList<MachinePlan> planFleet(const FleetOptions &options)
{
    QRandomGenerator rng(options.seed);
    QList<MachinePlan> plans;
    QSet<QString> macs;
    plans.reserve(options.count);
    for (int i = 0; i < options.count; ++i) {
        MachinePlan p;
        p.index = i;
        p.address = machineAddress(i);
        do {
            const quint32 tail = rng.generate() & 0xffffff;
            p.mac = QStringLiteral("02:00:00:%1:%2:%3")
                        .arg(tail >> 16, 2, 16, QLatin1Char('0'))
                        .arg((tail >> 8) & 0xff, 2, 16, QLatin1Char('0'))
                        .arg(tail & 0xff, 2, 16, QLatin1Char('0'));
        } while (macs.contains(p.mac));
        macs.insert(p.mac);
        p.firmware = rng.generateDouble() < options.uefiFraction ? Firmware::Uefi : Firmware::Bios;
        QByteArray guid(16, '\0');
        for (int b = 0; b < 16; ++b)
            guid[b] = char(rng.bounded(256));
        guid[6] = char((guid[6] & 0x0f) | 0x40);   // RFC 4122 version 4
        guid[8] = char((guid[8] & 0x3f) | 0x80);
        p.guid = guid;
        p.serial = QStringLiteral("NBS%1").arg(rng.bounded(100000000u), 8, 10, QLatin1Char('0'));
        p.manufacturer = QLatin1String(kManufacturers[rng.bounded(int(std::size(kManufacturers)))]);
        p.product = QLatin1String(kProducts[rng.bounded(int(std::size(kProducts)))]);
        if (!options.products.isEmpty())
            p.product = options.products.at(i % options.products.size());
        const double roll = rng.generateDouble();
        if (roll < options.stallFraction)
            p.misbehaviour = Misbehaviour::Stall;
        else if (roll < options.stallFraction + options.loopFraction)
            p.misbehaviour = Misbehaviour::Loop;
        p.stallAt = 0.2 + 0.4 * rng.generateDouble();
        if (options.stallIndexes.contains(i))
            p.misbehaviour = Misbehaviour::Stall;
        if (options.hangIndexes.contains(i))
            p.misbehaviour = Misbehaviour::Hang;
        if (!options.uefiIndexes.isEmpty())
            p.firmware = options.uefiIndexes.contains(i) ? Firmware::Uefi : Firmware::Bios;
        p.startDelayMs = i * qMax(0, options.staggerMs);
        plans.append(p);
    }
    return plans;
}

} // namespace Nbc::Sim
