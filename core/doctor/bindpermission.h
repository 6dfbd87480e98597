#pragma once

#include <QCoreApplication>
#include <QString>

namespace Nbc::Doctor {

// Whether this process may bind the privileged ports the console needs (DHCP 67, TFTP 69).
struct BindPermission {
    Q_DECLARE_TR_FUNCTIONS(BindPermission)
public:
    // Why it is allowed, or Missing.
    enum class Reason { Root, Capability, UnprivilegedPortStart, Missing };

    static constexpr int kCapNetBindService = 10;   // linux/capability.h

    bool allowed = false;
    Reason reason = Reason::Missing;
    quint16 lowestPort = 67;            // the lowest port asked about
    int unprivilegedPortStart = 1024;   // net.ipv4.ip_unprivileged_port_start

    // For a person, with what to do when it is not allowed.
    QString explain() const;
    // For the window: asks for the password in a dialog (polkit).
    // "pkexec setcap cap_net_bind_service,cap_net_raw=+ep <binary>"
    static QString grantCommand(const QString &binaryPath);
    // For a terminal: "sudo setcap cap_net_bind_service,cap_net_raw=+ep <binary>"
    static QString terminalCommand(const QString &binaryPath);

    // The decision itself, from the process's facts: pure, for tests.
    static BindPermission evaluate(bool root, quint64 effectiveCapabilities, int unprivilegedPortStart,
                                   quint16 lowestPort);
};

// Stable key for JSON lines: "root", "capability", "unprivileged-port-start", "missing".
QString reasonKey(BindPermission::Reason reason);

// CapEff of <procRoot>/self/status: the capabilities this process may use now.
quint64 effectiveCapabilities(const QString &procRoot = QStringLiteral("/proc"));

// This process: geteuid(), CapEff of <procRoot>/self/status, and
// <procRoot>/sys/net/ipv4/ip_unprivileged_port_start (of this network namespace).
BindPermission bindPermission(quint16 lowestPort = 67, const QString &procRoot = QStringLiteral("/proc"));

} // namespace Nbc::Doctor
