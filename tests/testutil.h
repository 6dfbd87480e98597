#pragma once

// Helpers shared by the Qt Tests: test data, real peer programs, waiting on signals.

#include "engine/servicehost.h"
#include "model/machineevent.h"

#include <QByteArray>
#include <QDir>
#include <QFileInfo>
#include <QList>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace TestUtil {

inline QString dataPath(const QString &name)
{
    return QStringLiteral(NBC_TEST_DATA_DIR "/") + name;
}

// Writes `bytes` to dir/name (creating its folders) and returns the path; ends the test
// when it cannot.
inline QString writeFile(const QString &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = QDir(dir).filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// What a DHCP engine reports when it sees the machine's exchange: tells every engine of
// host that mac uses address (the HTTP engine serves configs only to that address).
inline void learnAddress(Nbc::ServiceHost *host, const QString &mac, const QHostAddress &address)
{
    for (Nbc::Engine *engine : host->engines()) {
        QMetaObject::invokeMethod(engine, "learnAddress", Qt::QueuedConnection, Q_ARG(QString, mac),
                                  Q_ARG(QHostAddress, address));
    }
}

// The talos.config= URL of a boot script (with its token), as Talos would read it.
inline QString configUrlOf(const QByteArray &script)
{
    const qsizetype at = script.indexOf("talos.config=");
    if (at < 0)
        return {};
    const qsizetype start = at + 13;
    qsizetype end = start;
    while (end < script.size() && script.at(end) != ' ' && script.at(end) != '\n')
        ++end;
    return QString::fromUtf8(script.mid(start, end - start));
}

inline QByteArray readData(const QString &name)
{
    QFile file(dataPath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(name));
    return file.readAll();
}

// Hex dumps in tests/data: '#' starts a comment, whitespace is ignored.
inline QByteArray readHexData(const QString &name)
{
    QByteArray hex;
    const QList<QByteArray> lines = readData(name).split('\n');
    for (QByteArray line : lines) {
        const int hash = line.indexOf('#');
        if (hash >= 0)
            line.truncate(hash);
        hex += line.simplified().replace(' ', "");
    }
    return QByteArray::fromHex(hex);
}

// A real peer program (curl, atftp, udhcpc): its path, or a skip with the reason.
#define NBC_REQUIRE_PROGRAM(var, name)                                                   \
    const QString var = QStandardPaths::findExecutable(QStringLiteral(name));           \
    if (var.isEmpty())                                                                   \
        QSKIP("'" name "' is not installed (make deps installs it)");

// The events of a recorded list that match a predicate (kind, transfer, machine ...).
template<typename Predicate>
QList<Nbc::MachineEvent> filterEvents(const QList<Nbc::MachineEvent> &events, Predicate keep)
{
    QList<Nbc::MachineEvent> out;
    for (const Nbc::MachineEvent &event : events) {
        if (keep(event))
            out.append(event);
    }
    return out;
}

inline QList<Nbc::MachineEvent> eventsOfKind(const QList<Nbc::MachineEvent> &events, Nbc::EventKind kind)
{
    return filterEvents(events, [kind](const Nbc::MachineEvent &e) { return e.kind == kind; });
}

// A UDP port on 127.0.0.1 that was free a moment ago (the kernel's choice).
inline quint16 freeUdpPort()
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

inline bool isRoot()
{
    return ::geteuid() == 0;
}

// A file ArtifactStore accepts as a kernel: the boot sector signature and "HdrS".
inline QByteArray fakeKernel(int size = 4096)
{
    QByteArray k(size, '\0');
    k[0x1fe] = char(0x55);
    k[0x1ff] = char(0xaa);
    k.replace(0x202, 4, "HdrS");
    return k;
}

// A file ArtifactStore accepts as an initramfs: the xz stream magic, then filler.
inline QByteArray fakeInitramfs(int size = 4096)
{
    QByteArray i = QByteArray::fromHex("fd377a585a000004");
    i.append(QByteArray(size - i.size(), 'x'));
    return i;
}

} // namespace TestUtil
