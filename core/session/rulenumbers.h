#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QString>

namespace Nbc {

// The {n} a rule gave each machine (rulenumbers.json in the workspace): stable once given,
// so worker-07 stays worker-07 across restarts and reboots. Written by the console, never
// into netboot.yaml (no network event edits the user's file).
class RuleNumbers
{
    Q_DECLARE_TR_FUNCTIONS(RuleNumbers)
public:
    static QString fileName() { return QStringLiteral("rulenumbers.json"); }

    // A missing file is empty; one that is not ours is moved aside and *warning says so.
    bool load(const QString &dir, QString *warning);
    bool save(QString *error);

    // Machine `key`'s number under `rule`, given now (the lowest free from 1) if it has none.
    int numberFor(const QString &rule, const QString &key);
    int existing(const QString &rule, const QString &key) const { return m_numbers.value(rule).value(key); }
    bool dirty() const { return m_dirty; }

private:
    QString m_path;
    QHash<QString, QHash<QString, int>> m_numbers;
    bool m_dirty = false;
};

} // namespace Nbc
