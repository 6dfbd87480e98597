#pragma once

#include "boot/bootsnapshot.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Nbc::Boot {

// What is known about one machine, for matching entries and rules: every MAC it has
// booted from, what iPXE reported (SMBIOS) and what its firmware is.
struct MachineFacts {
    QStringList macs;         // normalized; the first is the machine's primary MAC
    QString uuid;
    QString serial;
    QString manufacturer;
    QString product;
    QString firmware;         // "bios" | "uefi" | empty
};

struct Resolution {
    MachineIntent intent;     // configPath etc.; mac is the primary MAC
    QString rule;             // the rule that gave it; empty for an entry of its own
    bool found = false;
};

// Gives rule `rule` machine `key`'s number {n}: the same number every time once given.
using RuleNumbers = std::function<int(const QString &rule, const QString &key)>;

// An entry naming one of the machine's MACs, else its UUID (either byte order), else its
// serial (placeholders such as "To be filled by O.E.M." name nobody), else the first rule
// that matches. An explicit entry always beats a rule.
// byMac: entries by MAC; others: entries by UUID or serial (no MAC).
Resolution resolveIntent(const QHash<QString, MachineIntent> &byMac, const QList<MachineIntent> &others,
                         const QList<MachineRule> &rules, const MachineFacts &facts, const RuleNumbers &numbers);

bool ruleMatches(const MachineRule &rule, const MachineFacts &facts);

// "worker-{n:02}" with n = 7 -> "worker-07"; {serial}, {product}, {manufacturer}, {mac}
// (dashes) are taken from the facts. The result is made a valid hostname: lower case,
// letters, digits and '-', at most 63 characters; empty when nothing is left.
QString expandHostname(const QString &pattern, const MachineFacts &facts, int n);

// Whether a UUID or serial identifies a machine (not all zeros, not a vendor placeholder).
bool meaningfulUuid(const QString &uuid);
bool meaningfulSerial(const QString &serial);
// Two spellings of one SMBIOS UUID: firmware and tools disagree on the byte order of the
// first three fields (SMBIOS 2.6+ little-endian vs. big-endian readers).
QStringList uuidSpellings(const QString &uuid);

} // namespace Nbc::Boot
