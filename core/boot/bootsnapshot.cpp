#include "boot/bootsnapshot.h"

namespace Nbc {

QString BootSnapshot::httpBaseUrl() const
{
    return QStringLiteral("http://%1:%2").arg(serverAddress.toString()).arg(ports.http);
}

QHostAddress BootSnapshot::listenAddress() const
{
    if (!bindAddress.isNull())
        return bindAddress;
    if (!serverAddress.isNull())
        return serverAddress;
    return QHostAddress(QHostAddress::AnyIPv4);
}

QHostAddress BootSnapshot::dhcpListenAddress() const
{
    if (!interfaceName.isEmpty())
        return QHostAddress(QHostAddress::AnyIPv4);
    return listenAddress();
}

bool BootSnapshot::isPrivateFile(const QString &canonicalPath) const
{
    for (const QString &path : privatePaths) {
        if (path.endsWith(u'/') ? canonicalPath.startsWith(path) : canonicalPath == path)
            return true;
    }
    return false;
}

void BootSnapshot::markInstalled(const QString &mac)
{
    MachineIntent &m = machines[mac];
    m.mac = mac;
    m.installed = true;
}

const ArtifactSet *BootSnapshot::artifactsFor(const QString &mac) const
{
    QString name = defaultArtifacts;
    const auto machine = machines.constFind(mac);
    if (machine != machines.constEnd() && !machine->artifacts.isEmpty())
        name = machine->artifacts;
    const auto it = artifacts.constFind(name);
    if (it != artifacts.constEnd())
        return &it.value();
    if (artifacts.size() == 1)
        return &artifacts.constBegin().value();
    return nullptr;
}

} // namespace Nbc
