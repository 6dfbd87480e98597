#include "doctor/portowner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QSet>

#include <cstring>
#include <dirent.h>
#include <unistd.h>

namespace Nbc::Doctor {

namespace {

constexpr int kTcpListen = 0x0A;   // include/net/tcp_states.h TCP_LISTEN

struct Socket {
    Transport transport;
    quint16 port;
    QString address;
    quint64 inode;
};

// /proc/net/{udp,tcp}[6] print each 32-bit word of the address with %08X of its value in
// host byte order: the bytes of the word as the kernel holds it are the wire order.
QString addressFromHex(const QByteArray &hex)
{
    if (hex.size() != 8 && hex.size() != 32)
        return {};
    QByteArray wire;
    for (qsizetype i = 0; i < hex.size(); i += 8) {
        bool ok = false;
        const quint32 word = hex.mid(i, 8).toUInt(&ok, 16);
        if (!ok)
            return {};
        char bytes[4];
        std::memcpy(bytes, &word, 4);
        wire.append(bytes, 4);
    }
    if (wire.size() == 4)
        return QHostAddress(quint32((quint8(wire[0]) << 24) | (quint8(wire[1]) << 16) | (quint8(wire[2]) << 8)
                                    | quint8(wire[3])))
            .toString();
    return QHostAddress(reinterpret_cast<const quint8 *>(wire.constData())).toString();
}

// One table: "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid
// timeout inode ...", a header line first.
void readTable(const QString &path, Transport transport, const QSet<quint16> &wanted, QList<Socket> *out)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    file.readLine();   // header
    while (!file.atEnd()) {
        const QList<QByteArray> fields = file.readLine(1024).simplified().split(' ');
        if (fields.size() < 10)
            continue;
        const QList<QByteArray> local = fields.at(1).split(':');
        if (local.size() != 2)
            continue;
        bool ok = false;
        const quint16 port = quint16(local.at(1).toUInt(&ok, 16));
        if (!ok || !wanted.contains(port))
            continue;
        const int state = fields.at(3).toInt(&ok, 16);
        // A TCP socket holds a port for new connections only while it listens; UDP
        // sockets (state 07, or 01 when connected) all receive on theirs.
        if (!ok || (transport == Transport::Tcp && state != kTcpListen))
            continue;
        const quint64 inode = fields.at(9).toULongLong(&ok);
        if (!ok)
            continue;
        out->append({transport, port, addressFromHex(local.at(0)), inode});
    }
}

// inode → (pid, program) for every socket of every visible process.
QHash<quint64, QList<QPair<qint64, QString>>> socketOwners(const QString &procRoot, const QSet<quint64> &inodes)
{
    QHash<quint64, QList<QPair<qint64, QString>>> owners;
    const QDir proc(procRoot);
    const QStringList entries = proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        // readdir/readlink rather than QDir: a busy machine has tens of thousands of
        // descriptors, and these links point at nothing a stat() could follow.
        const QByteArray fdDir = QFile::encodeName(proc.filePath(entry) + QStringLiteral("/fd"));
        DIR *dir = ::opendir(fdDir.constData());
        if (!dir)
            continue;   // another user's process, without root; or it just ended
        QString program;
        while (const dirent *d = ::readdir(dir)) {
            if (d->d_name[0] == '.')
                continue;
            char target[64];
            const QByteArray link = fdDir + '/' + d->d_name;
            const ssize_t n = ::readlink(link.constData(), target, sizeof target - 1);
            if (n <= 9 || std::strncmp(target, "socket:[", 8) != 0 || target[n - 1] != ']')
                continue;
            bool ok = false;
            const quint64 inode = QByteArray(target + 8, n - 9).toULongLong(&ok);
            if (!ok || !inodes.contains(inode))
                continue;
            if (program.isEmpty()) {
                QFile comm(proc.filePath(entry) + QStringLiteral("/comm"));
                if (comm.open(QIODevice::ReadOnly))
                    program = QString::fromUtf8(comm.readAll()).trimmed();
            }
            QList<QPair<qint64, QString>> &list = owners[inode];
            if (!list.contains(qMakePair(pid, program)))
                list.append({pid, program});
        }
        ::closedir(dir);
    }
    return owners;
}

} // namespace

bool PortOwner::isThisProcess() const
{
    return pid == QCoreApplication::applicationPid();
}

QString PortOwner::describe() const
{
    const QString what = transport == Transport::Tcp ? tr("TCP port %1").arg(port) : tr("UDP port %1").arg(port);
    const QString where = localAddress.isEmpty() ? what : tr("%1 (%2)").arg(what, localAddress);
    if (isThisProcess())
        return tr("%1 is held by this console itself.").arg(where);
    if (pid < 0)
        return tr("%1 is held by a program this user cannot see: run the doctor as root to name it, "
                  "or find it with: sudo ss -%2lpn 'sport = :%3'")
            .arg(where)
            .arg(transport == Transport::Tcp ? QLatin1Char('t') : QLatin1Char('u'))
            .arg(port);
    return tr("%1 is held by %2 (pid %3): stop it (or its service) before the console starts, "
              "or choose another port.")
        .arg(where, program.isEmpty() ? tr("a program") : program)
        .arg(pid);
}

QList<PortOwner> portOwners(const PortList &ports, const QString &procRoot, const QString &netPid)
{
    QSet<quint16> udp, tcp;
    for (const auto &p : ports)
        (p.first == Transport::Tcp ? tcp : udp).insert(p.second);
    const QString net = procRoot + QLatin1Char('/') + netPid + QStringLiteral("/net/");
    QList<Socket> sockets;
    if (!udp.isEmpty()) {
        readTable(net + QStringLiteral("udp"), Transport::Udp, udp, &sockets);
        readTable(net + QStringLiteral("udp6"), Transport::Udp, udp, &sockets);
    }
    if (!tcp.isEmpty()) {
        readTable(net + QStringLiteral("tcp"), Transport::Tcp, tcp, &sockets);
        readTable(net + QStringLiteral("tcp6"), Transport::Tcp, tcp, &sockets);
    }
    if (sockets.isEmpty())
        return {};
    QSet<quint64> inodes;
    for (const Socket &s : sockets)
        inodes.insert(s.inode);
    const auto owners = socketOwners(procRoot, inodes);

    QList<PortOwner> out;
    for (const Socket &s : sockets) {
        PortOwner base;
        base.transport = s.transport;
        base.port = s.port;
        base.localAddress = s.address;
        base.inode = s.inode;
        const QList<QPair<qint64, QString>> holders = owners.value(s.inode);
        if (holders.isEmpty()) {
            out.append(base);
            continue;
        }
        for (const auto &holder : holders) {
            PortOwner o = base;
            o.pid = holder.first;
            o.program = holder.second;
            out.append(o);
        }
    }
    return out;
}

} // namespace Nbc::Doctor
