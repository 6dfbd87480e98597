#pragma once

// Helpers shared by the Qt Tests: test data, real peer programs, waiting on signals.

#include "engine/machineevent.h"

#include <QByteArray>
#include <QList>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTest>

#include <unistd.h>

namespace TestUtil {

inline QString dataPath(const QString &name)
{
    return QStringLiteral(NBC_TEST_DATA_DIR "/") + name;
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

inline bool isRoot()
{
    return ::geteuid() == 0;
}

} // namespace TestUtil
