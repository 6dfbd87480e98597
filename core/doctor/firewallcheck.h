#pragma once

#include "doctor/transport.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Nbc::Doctor {

// What the host's nftables input hook would do with the console's ports.
struct FirewallFinding {
    Q_DECLARE_TR_FUNCTIONS(FirewallFinding)
public:
    // Why it was not checked; decisions are made on this, `why` is for people.
    enum class Unchecked { None, NftMissing, NoPermission, NftFailed, Unreadable };

    bool checked = false;
    Unchecked unchecked = Unchecked::None;
    QString why;                // why not checked: nft missing, no permission, ...
    PortList dropped;           // ports the input hook would drop
    QStringList chains;         // the input chains looked at: "inet filter input"
    QString droppingChain;      // the first chain that drops one of them: "inet filter input"

    bool drops(Transport transport, quint16 port) const { return dropped.contains(qMakePair(transport, port)); }
    // One paragraph for a person, with what to do.
    QString describe() const;
};

// Stable key for JSON lines: "", "nft-missing", "no-permission", "nft-failed", "unreadable".
QString uncheckedKey(FirewallFinding::Unchecked unchecked);

// Runs `<nftProgram> -j list ruleset` (a few seconds at most) and judges it with
// judgeRuleset(). nftProgram is a name looked up in PATH or a path.
FirewallFinding checkFirewall(const PortList &ports, const QString &nftProgram = QStringLiteral("nft"));

// The heuristic, on nft's JSON output (libnftables-json(5)). A conservative reading: a
// port is reported dropped only when the rules surely drop a new packet to it from
// another host on the LAN; whenever a rule might accept it, it is taken as accepted.
//
// For each base chain with hook "input" of the ip and inet families (the console serves
// IPv4; chains of several tables must all let a packet through), the rules are walked in
// order for a new UDP or TCP packet to the port:
//  - a rule applies when each of its `match` expressions holds: `udp|tcp|th dport` against
//    a number, a range, an anonymous set or a named set of them (==, !=, in); `meta
//    l4proto`/`ip protocol`; `ct state` (a new packet is "new"); `meta iif|iifname "lo"`
//    never holds (the machines are not on loopback). Any other match (addresses, other
//    interfaces, marks, rate limits, iptables-nft "xt" matches) makes the rule uncertain;
//  - accept (certain or not), and verdicts not understood (queue, vmap with unknown keys),
//    end the walk as accepted;
//  - drop and reject end it as dropped only when the rule is certain; an uncertain one is
//    passed over;
//  - jump/goto walk the target chain (up to a depth of 16): an accept there is an accept;
//    a drop there counts only when the jump itself is certain; return ends a chain;
//  - a vmap on the destination port picks the verdict of the port's element;
//  - at the end of the base chain, its policy decides (accept when none is given).
FirewallFinding judgeRuleset(const QByteArray &nftJson, const PortList &ports);

} // namespace Nbc::Doctor
