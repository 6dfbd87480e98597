#include "inventory/ouidatabase.h"

#include <QCoreApplication>
#include <QFile>

#include <mutex>

namespace Nbc {

namespace {

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

bool parseHexPrefix(QByteArrayView text, quint32 *prefix)
{
    quint32 value = 0;
    int digits = 0;
    for (const char c : text) {
        if (c == '-' || c == ':')
            continue;
        const int v = hexValue(QLatin1Char(c));
        if (v < 0)
            return false;
        value = (value << 4) | quint32(v);
        if (++digits > 6)
            return false;
    }
    if (digits != 6)
        return false;
    *prefix = value;
    return true;
}

// One CSV record's fields (RFC 4180 quoting); the registry's addresses hold commas.
QList<QByteArray> csvFields(const QByteArray &line)
{
    QList<QByteArray> fields;
    QByteArray field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line.at(i);
        if (quoted) {
            if (c == '"') {
                if (i + 1 < line.size() && line.at(i + 1) == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.append(field);
            field.clear();
        } else {
            field += c;
        }
    }
    fields.append(field);
    return fields;
}

} // namespace

bool ouiPrefix(const QString &mac, quint32 *prefix)
{
    quint32 value = 0;
    int digits = 0;
    for (const QChar c : mac) {
        if (c == u':' || c == u'-')
            continue;
        const int v = hexValue(c);
        if (v < 0)
            return false;
        if (digits < 6)
            value = (value << 4) | quint32(v);
        ++digits;
    }
    if (digits < 6)
        return false;
    *prefix = value;
    return true;
}

void OuiDatabase::insert(quint32 prefix, const QString &name, QHash<QString, QString> *names)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return;
    // Many prefixes belong to one company: keep one copy of its name.
    auto it = names->constFind(trimmed);
    if (it == names->constEnd())
        it = names->insert(trimmed, trimmed);
    m_vendors.insert(prefix, it.value());
}

OuiDatabase OuiDatabase::parseText(const QByteArray &text)
{
    // "00-22-72   (hex)\t\tAmerican Micro-Fuel Device Corp."
    OuiDatabase db;
    QHash<QString, QString> names;
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype end = text.indexOf('\n', pos);
        if (end < 0)
            end = text.size();
        const QByteArrayView line(text.constData() + pos, end - pos);
        pos = end + 1;
        const qsizetype marker = line.indexOf("(hex)");
        if (marker < 0)
            continue;
        quint32 prefix = 0;
        if (!parseHexPrefix(line.first(marker).trimmed(), &prefix))
            continue;
        db.insert(prefix, QString::fromUtf8(line.sliced(marker + 5)), &names);
    }
    return db;
}

OuiDatabase OuiDatabase::parseCsv(const QByteArray &text)
{
    // "MA-L,002272,American Micro-Fuel Device Corp.,2181 Buchanan Loop ..."
    OuiDatabase db;
    QHash<QString, QString> names;
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith("Registry,"))
            continue;
        const QList<QByteArray> fields = csvFields(line);
        if (fields.size() < 3)
            continue;
        quint32 prefix = 0;
        if (!parseHexPrefix(fields.at(1).trimmed(), &prefix))
            continue;
        db.insert(prefix, QString::fromUtf8(fields.at(2)), &names);
    }
    return db;
}

OuiDatabase OuiDatabase::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    return path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? parseCsv(bytes) : parseText(bytes);
}

std::shared_ptr<const OuiDatabase> OuiDatabase::shared()
{
    static std::once_flag once;
    static std::shared_ptr<const OuiDatabase> db;
    std::call_once(once, [] {
        OuiDatabase loaded = fromFile(defaultTextPath());
        if (loaded.isEmpty())
            loaded = fromFile(defaultCsvPath());
        db = std::make_shared<const OuiDatabase>(std::move(loaded));
    });
    return db;
}

bool OuiDatabase::isLocallyAdministered(const QString &mac)
{
    quint32 prefix = 0;
    return ouiPrefix(mac, &prefix) && (prefix & 0x020000u);
}

QString OuiDatabase::locallyAdministeredText()
{
    return QCoreApplication::translate("OuiDatabase", "simulated / locally administered");
}

QString OuiDatabase::vendor(const QString &mac) const
{
    quint32 prefix = 0;
    if (!ouiPrefix(mac, &prefix))
        return {};
    if (prefix & 0x020000u)
        return locallyAdministeredText();
    return m_vendors.value(prefix);
}

} // namespace Nbc
