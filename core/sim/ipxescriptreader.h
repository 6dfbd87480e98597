#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Nbc::Sim {

// The settings a simulated iPXE knows (net0/mac, net0/ip, uuid, serial, manufacturer,
// product, buildarch, platform) and iPXE's expansion of ${name} and ${name:type}.
class IpxeSettings
{
public:
    void set(const QString &name, const QString &value) { m_values.insert(name, value); }
    QString value(const QString &name) const;
    // ${name:hexhyp} gives a MAC as 02-00-00-.., ${name:uristring} percent-encodes every
    // byte but RFC 3986 unreserved ones (iPXE core/settings.c); an unknown setting expands
    // to nothing, as in iPXE.
    QString expand(const QString &text) const;

private:
    QHash<QString, QString> m_values;
};

// One command of a statement and how it is joined to the one before it.
struct IpxeCommand {
    enum class Join { First, IfSucceeded, IfFailed };   // "", "&&", "||"
    Join join = Join::First;
    QStringList words;          // empty after a trailing "||": "ignore the failure"
};

struct IpxeStatement {
    QString label;              // ":name" lines; no commands then
    QList<IpxeCommand> commands;
};

// An iPXE script read into statements: enough of iPXE's language to follow the console's
// scripts (labels, goto, isset, &&/||, sleep, chain, kernel, initrd, boot, exit).
class IpxeScriptReader
{
public:
    // Fails (empty list, *error set) when the text does not start with "#!ipxe".
    static QList<IpxeStatement> read(const QByteArray &text, QString *error);
    static int labelIndex(const QList<IpxeStatement> &statements, const QString &label);
};

} // namespace Nbc::Sim
