#pragma once

#include "model/ports.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Nbc::Sim {

// How a simulated fleet behaves. Everything that varies between machines is drawn from
// one generator seeded with `seed`: the same options give the same fleet.
struct FleetOptions {
    int count = 10;
    quint32 seed = 1;
    QHostAddress serverAddress = QHostAddress(QHostAddress::LocalHost);
    Ports ports;   // the console's (logs: unused, the kernel arguments name the sink)
    int staggerMs = 50;                   // between the power-on of one machine and the next
    qint64 bytesPerSecond = 4 * 1024 * 1024;   // per machine, for kernel and initramfs; 0: unbounded
    double stallFraction = 0.0;           // machines that stop reading their kernel half-way
    double loopFraction = 0.0;            // machines that load the iPXE binary again and again
    double logDelaysScale = 1.0;          // 1.0: Talos's real pace (about a minute to ready)
    double uefiFraction = 0.5;            // the rest boot from a BIOS PXE ROM
    QList<int> stallIndexes;              // these machines stall (besides stallFraction)
    QList<int> hangIndexes;               // these get their boot script and then do nothing
    QList<int> uefiIndexes;               // these boot UEFI whatever uefiFraction draws (the others BIOS)
    QStringList products;                 // when set, machine i is products[i % size] (models of a pallet)
    int stallHoldMs = 90000;              // how long a stalled machine keeps its connection open
    int machineTimeoutMs = 15 * 60 * 1000;   // a machine that is not done by then gives up
};

enum class Firmware { Bios, Uefi };
enum class Misbehaviour { None, Stall, Loop, Hang };   // Hang: never gets past iPXE

QString misbehaviourName(Misbehaviour misbehaviour);

// One simulated machine: who it is and what it will do.
struct MachinePlan {
    int index = 0;
    QString mac;                // 02:00:00:xx:xx:xx (locally administered)
    QHostAddress address;       // 127.1.x.y: its own loopback source address
    Firmware firmware = Firmware::Bios;
    QByteArray guid;            // 16 bytes: option 97 and iPXE's ${uuid}
    QString serial;
    QString manufacturer;
    QString product;
    Misbehaviour misbehaviour = Misbehaviour::None;
    double stallAt = 0.5;       // fraction of the kernel read before a Stall machine stops
    int startDelayMs = 0;

    quint16 clientArch() const { return firmware == Firmware::Uefi ? 7 : 0; }
    // The vendor class a PXE ROM sends (PXE 2.1 2.2.1): "PXEClient:Arch:00007:UNDI:002001".
    QByteArray vendorClass() const;
    QString uuidText() const;   // lower-case 8-4-4-4-12
    bool operator==(const MachinePlan &other) const = default;
};

// The loopback address of machine `index`: 127.1.x.y, never 127.0.0.1 (the console's own).
QHostAddress machineAddress(int index);

// The whole fleet, deterministic in options.seed.
QList<MachinePlan> planFleet(const FleetOptions &options);

// What a fleet did, counted by the simulator itself (to compare with the console's view).
struct FleetCounters {
    int machines = 0;
    int started = 0;
    int finished = 0;
    int succeeded = 0;
    int failed = 0;
    int joined = 0;             // Talos reported "running and ready"
    int installed = 0;          // told to boot from disk ("exit")
    int stalled = 0;
    int looped = 0;
    quint64 dhcpSent = 0;
    quint64 dhcpReplies = 0;
    quint64 tftpTransfers = 0;
    quint64 tftpBytes = 0;
    quint64 httpRequests = 0;
    quint64 httpBytes = 0;
    quint64 scriptsFetched = 0;
    quint64 waits = 0;           // "sleep" in a script: waiting for an assignment
    quint64 configsFetched = 0;
    quint64 logLinesSent = 0;
};

} // namespace Nbc::Sim

Q_DECLARE_METATYPE(Nbc::Sim::FleetCounters)
