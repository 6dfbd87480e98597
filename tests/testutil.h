#pragma once

// Helpers shared by the Qt Tests: test data, real peer programs, waiting on signals.

#include <QByteArray>
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

inline bool isRoot()
{
    return ::geteuid() == 0;
}

} // namespace TestUtil
