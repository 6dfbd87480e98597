#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>

namespace Nbc {

// Vendor names by the first three bytes of a MAC, from the IEEE MA-L registry as Debian's
// ieee-data ships it (oui.txt, or oui.csv). About 32 000 prefixes: a hash of 24-bit
// prefixes to names, with repeated names shared.
class OuiDatabase
{
public:
    static QString defaultTextPath() { return QStringLiteral("/usr/share/ieee-data/oui.txt"); }
    static QString defaultCsvPath() { return QStringLiteral("/usr/share/ieee-data/oui.csv"); }

    // Pure parsers. Lines they cannot read are skipped.
    static OuiDatabase parseText(const QByteArray &text);
    static OuiDatabase parseCsv(const QByteArray &text);
    // Reads a .txt or .csv file (by its suffix); an empty database when it cannot be read.
    static OuiDatabase fromFile(const QString &path);

    // The system's list, read once on first use (thread-safe: a background thread may ask
    // first). Empty when ieee-data is not installed.
    static std::shared_ptr<const OuiDatabase> shared();

    // The registered owner of the MAC's prefix; for a locally administered MAC (second
    // bit of the first byte set: virtual machines, simulators, randomised MACs) a note
    // saying so; empty when unknown.
    QString vendor(const QString &mac) const;
    static bool isLocallyAdministered(const QString &mac);
    static QString locallyAdministeredText();

    int size() const { return int(m_vendors.size()); }
    bool isEmpty() const { return m_vendors.isEmpty(); }

private:
    void insert(quint32 prefix, const QString &name, QHash<QString, QString> *names);

    QHash<quint32, QString> m_vendors;
};

// The 24-bit prefix of a MAC written with ':' '-' or no separators; false when it is not one.
bool ouiPrefix(const QString &mac, quint32 *prefix);

} // namespace Nbc
