#pragma once

#include "engine/machineevent.h"
#include "inventory/stage.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QObject>

namespace Nbc {

// What the console knows about one machine. Keyed by MAC.
struct Machine {
    QString mac;
    Stage stage = Stage::Discovered;
    QDateTime firstSeen;
    QDateTime lastSeen;
    QDateTime stageSince;
    QHostAddress ip;
    QString firmware;        // "bios", "uefi", "ipxe"
    QString arch;
    QString uuid, serial, manufacturer, product;
    qint64 bytes = -1, total = -1, rate = -1;   // the running download, if any
    QString download;        // its name
    QString hint;            // what a person should look at, if anything
    int boots = 0;           // firmware DHCP boots seen
};

// The single place that decides a machine's stage (DESIGN.md data flow). Lives on the
// main thread and consumes the engines' events; engines never decide stages.
class MachineRegistry : public QObject
{
    Q_OBJECT
public:
    explicit MachineRegistry(QObject *parent = nullptr);

    const QHash<QString, Machine> &machines() const { return m_machines; }
    const Machine *machine(const QString &mac) const;
    // The MAC last seen using this IPv4 address (TFTP and logs carry no MAC).
    QString macForAddress(const QHostAddress &address) const;

public Q_SLOTS:
    void handleEvent(const Nbc::MachineEvent &event);

Q_SIGNALS:
    // Every event, with its MAC resolved where possible, and the machine's stage after it.
    void eventResolved(const Nbc::MachineEvent &event, Nbc::Stage stage);
    void machineChanged(const QString &mac);

private:
    Machine &ensure(const QString &mac, const QDateTime &time);
    void setStage(Machine &machine, Stage stage, const QDateTime &time);
    void advance(Machine &machine, Stage stage, const QDateTime &time);
    void learnAddress(Machine &machine, const QHostAddress &address);

    QHash<QString, Machine> m_machines;
    QHash<quint32, QString> m_macByIp;
};

} // namespace Nbc
