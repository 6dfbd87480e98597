#include "doctor/bindpermission.h"

#include <QFile>

#include <unistd.h>

namespace Nbc::Doctor {

namespace {

// Only characters a shell takes literally go unquoted; a path with others is single-quoted.
QString shellQuoted(const QString &path)
{
    static const QString safe = QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+,=:@%");
    bool plain = !path.isEmpty();
    for (const QChar c : path)
        plain = plain && safe.contains(c);
    if (plain)
        return path;
    QString quoted = path;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

// cap_net_raw too: SO_BINDTODEVICE needs it on kernels before 5.7, and the DHCP engines
// bind to the chosen interface.
const QLatin1String kCapabilities("cap_net_bind_service,cap_net_raw=+ep");

} // namespace

QString BindPermission::grantCommand(const QString &binaryPath)
{
    return QStringLiteral("pkexec setcap ") + kCapabilities + QLatin1Char(' ') + shellQuoted(binaryPath);
}

QString BindPermission::terminalCommand(const QString &binaryPath)
{
    return QStringLiteral("sudo setcap ") + kCapabilities + QLatin1Char(' ') + shellQuoted(binaryPath);
}

BindPermission BindPermission::evaluate(bool root, quint64 effectiveCapabilities, int unprivilegedPortStart,
                                        quint16 lowestPort)
{
    BindPermission p;
    p.lowestPort = lowestPort;
    p.unprivilegedPortStart = unprivilegedPortStart;
    if (root)
        p.reason = Reason::Root;
    else if (effectiveCapabilities & (quint64(1) << kCapNetBindService))
        p.reason = Reason::Capability;
    else if (int(lowestPort) >= unprivilegedPortStart)
        p.reason = Reason::UnprivilegedPortStart;
    else
        p.reason = Reason::Missing;
    p.allowed = p.reason != Reason::Missing;
    return p;
}

QString BindPermission::explain() const
{
    switch (reason) {
    case Reason::Root:
        return tr("Running as root: the console may use ports 67 and 69.");
    case Reason::Capability:
        return tr("This program has CAP_NET_BIND_SERVICE: it may use ports 67 and 69 without root.");
    case Reason::UnprivilegedPortStart:
        return tr("This system lets every program use ports from %1 up (net.ipv4.ip_unprivileged_port_start), "
                  "so port %2 needs no privilege.")
            .arg(unprivilegedPortStart)
            .arg(lowestPort);
    case Reason::Missing:
        return tr("This program may not use port %1 (DHCP) or other ports below %2. Run it as root, or allow it "
                  "once with: %3")
            .arg(lowestPort)
            .arg(unprivilegedPortStart)
            .arg(terminalCommand(QCoreApplication::applicationFilePath()));
    }
    return {};
}

QString reasonKey(BindPermission::Reason reason)
{
    switch (reason) {
    case BindPermission::Reason::Root: return QStringLiteral("root");
    case BindPermission::Reason::Capability: return QStringLiteral("capability");
    case BindPermission::Reason::UnprivilegedPortStart: return QStringLiteral("unprivileged-port-start");
    case BindPermission::Reason::Missing: return QStringLiteral("missing");
    }
    return {};
}

quint64 effectiveCapabilities(const QString &procRoot)
{
    QFile status(procRoot + QStringLiteral("/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    while (!status.atEnd()) {
        const QByteArray line = status.readLine(4096);
        if (line.startsWith("CapEff:"))
            return line.mid(7).trimmed().toULongLong(nullptr, 16);
    }
    return 0;
}

BindPermission bindPermission(quint16 lowestPort, const QString &procRoot)
{
    const quint64 capabilities = effectiveCapabilities(procRoot);
    // Without the file (kernels before 4.11) every port below 1024 is privileged.
    int start = 1024;
    QFile sysctl(procRoot + QStringLiteral("/sys/net/ipv4/ip_unprivileged_port_start"));
    if (sysctl.open(QIODevice::ReadOnly)) {
        bool ok = false;
        const int value = sysctl.readAll().trimmed().toInt(&ok);
        if (ok)
            start = value;
    }
    return BindPermission::evaluate(::geteuid() == 0, capabilities, start, lowestPort);
}

} // namespace Nbc::Doctor
