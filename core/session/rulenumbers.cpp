#include "session/rulenumbers.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

namespace Nbc {

bool RuleNumbers::load(const QString &dir, QString *warning)
{
    m_path = QDir(dir).filePath(fileName());
    m_numbers.clear();
    m_dirty = false;
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *warning = tr("%1 cannot be read: %2").arg(m_path, file.errorString());
        return false;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(16 * 1024 * 1024), &error);
    file.close();
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        const QString aside = m_path + QStringLiteral(".broken-") + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmss"));
        QFile::rename(m_path, aside);
        *warning = tr("%1 was not readable and was moved to %2; rule numbers start again.").arg(m_path, aside);
        return false;
    }
    const QJsonObject rules = doc.object();
    for (auto rule = rules.begin(); rule != rules.end(); ++rule) {
        const QJsonObject machines = rule.value().toObject();
        for (auto m = machines.begin(); m != machines.end(); ++m) {
            const int n = m.value().toInt();
            if (n > 0)
                m_numbers[rule.key()].insert(m.key(), n);
        }
    }
    return true;
}

bool RuleNumbers::save(QString *error)
{
    if (!m_dirty || m_path.isEmpty())
        return true;
    QJsonObject rules;
    for (auto rule = m_numbers.cbegin(); rule != m_numbers.cend(); ++rule) {
        QJsonObject machines;
        for (auto m = rule->cbegin(); m != rule->cend(); ++m)
            machines.insert(m.key(), m.value());
        rules.insert(rule.key(), machines);
    }
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(rules).toJson()) < 0 || !file.commit()) {
        *error = tr("%1 cannot be written: %2").arg(m_path, file.errorString());
        return false;
    }
    m_dirty = false;
    return true;
}

int RuleNumbers::numberFor(const QString &rule, const QString &key)
{
    QHash<QString, int> &given = m_numbers[rule];
    if (const int n = given.value(key))
        return n;
    QSet<int> taken;
    for (const int n : std::as_const(given))
        taken.insert(n);
    int n = 1;
    while (taken.contains(n))
        ++n;
    given.insert(key, n);
    m_dirty = true;
    return n;
}

} // namespace Nbc
