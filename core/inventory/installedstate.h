#pragma once

#include <QCoreApplication>
#include <QSet>
#include <QString>

namespace Nbc {

// Which machines Talos reported installed (installed.json in the workspace). The console
// writes this file, never netboot.yaml, for what it learns from the network: the user's
// file keeps its comments and unknown keys, and no network event edits it.
// `installed: true` written by hand in netboot.yaml counts too (Workspace reads it).
class InstalledState
{
    Q_DECLARE_TR_FUNCTIONS(InstalledState)
public:
    static QString fileName() { return QStringLiteral("installed.json"); }

    // Reads dir/installed.json; a missing file is an empty set. A file that is not ours is
    // moved aside (installed.json.broken-<time>), the set starts empty and *warning says so.
    bool load(const QString &dir, QString *warning);
    // Atomic write; false with *error when it cannot be written.
    bool save(QString *error) const;
    // What save() writes, and where (for a write on another thread).
    QByteArray serialize() const;
    QString path() const { return m_path; }

    bool contains(const QString &mac) const { return m_macs.contains(mac); }
    // True when the set changed.
    bool set(const QString &mac, bool installed);
    const QSet<QString> &macs() const { return m_macs; }

private:
    QString m_path;
    QSet<QString> m_macs;
};

} // namespace Nbc
