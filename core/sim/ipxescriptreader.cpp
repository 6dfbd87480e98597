#include "sim/ipxescriptreader.h"

#include <QUrl>

namespace Nbc::Sim {

QString IpxeSettings::value(const QString &name) const
{
    auto it = m_values.constFind(name);
    if (it != m_values.constEnd())
        return it.value();
    // iPXE resolves an unscoped name against the most recent device: ${mac} is ${net0/mac}.
    it = m_values.constFind(QStringLiteral("net0/") + name);
    return it == m_values.constEnd() ? QString() : it.value();
}

QString IpxeSettings::expand(const QString &text) const
{
    QString out;
    out.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        if (text.at(i) == u'$' && i + 1 < text.size() && text.at(i + 1) == u'{') {
            const qsizetype close = text.indexOf(u'}', i + 2);
            if (close < 0) {
                out += text.mid(i);
                break;
            }
            const QString spec = text.mid(i + 2, close - i - 2);
            const QString name = spec.section(u':', 0, 0);
            const QString type = spec.section(u':', 1);
            QString v = value(name);
            if (type == QLatin1String("hexhyp")) {
                v.replace(u':', u'-');
            } else if (type == QLatin1String("uristring")) {
                // iPXE keeps only RFC 3986 unreserved characters, like QUrl's default here.
                v = QString::fromLatin1(QUrl::toPercentEncoding(v));
            }
            out += v;
            i = close + 1;
            continue;
        }
        out += text.at(i);
        ++i;
    }
    return out;
}

QList<IpxeStatement> IpxeScriptReader::read(const QByteArray &text, QString *error)
{
    QList<IpxeStatement> statements;
    const QList<QByteArray> lines = text.split('\n');
    if (lines.isEmpty() || !lines.first().trimmed().startsWith("#!ipxe")) {
        *error = QStringLiteral("not an iPXE script");
        return {};
    }
    for (const QByteArray &raw : lines) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        IpxeStatement statement;
        if (line.startsWith(u':')) {
            statement.label = line.mid(1).section(u' ', 0, 0);
            statements.append(statement);
            continue;
        }
        IpxeCommand command;
        const QStringList words = line.split(u' ', Qt::SkipEmptyParts);
        for (const QString &word : words) {
            if (word == QLatin1String("&&") || word == QLatin1String("||")) {
                statement.commands.append(command);
                command = IpxeCommand();
                command.join = word == QLatin1String("&&") ? IpxeCommand::Join::IfSucceeded
                                                           : IpxeCommand::Join::IfFailed;
                continue;
            }
            command.words.append(word);
        }
        statement.commands.append(command);
        statements.append(statement);
    }
    return statements;
}

int IpxeScriptReader::labelIndex(const QList<IpxeStatement> &statements, const QString &label)
{
    for (int i = 0; i < statements.size(); ++i) {
        if (statements.at(i).label == label)
            return i;
    }
    return -1;
}

} // namespace Nbc::Sim
