#include "inventory/installedstate.h"

#include "model/mac.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

namespace Nbc {

namespace {
constexpr qint64 kMaxFileSize = 8 * 1024 * 1024;
}

bool InstalledState::load(const QString &dir, QString *warning)
{
    m_path = QDir(dir).filePath(fileName());
    m_macs.clear();
    QFile file(m_path);
    if (!file.exists())
        return true;
    QString problem;
    if (file.size() > kMaxFileSize) {
        problem = tr("larger than %1 bytes").arg(kMaxFileSize);
    } else if (!file.open(QIODevice::ReadOnly)) {
        problem = file.errorString();
    } else {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()
            || !doc.object().value(QLatin1String("installed")).isArray()) {
            problem = tr("not a list of installed machines");
        } else {
            for (const QJsonValue &value : doc.object().value(QLatin1String("installed")).toArray()) {
                const QString mac = normalizeMac(value.toString());
                if (!mac.isEmpty())
                    m_macs.insert(mac);
            }
            return true;
        }
    }
    file.close();
    const QString aside = m_path + QStringLiteral(".broken-")
        + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QFile::rename(m_path, aside);
    *warning = tr("%1 could not be read (%2) and was moved to %3: machines installed before are network-booted "
                  "again until Talos reports their install.").arg(m_path, problem, aside);
    return false;
}

bool InstalledState::save(QString *error) const
{
    if (m_path.isEmpty())
        return true;
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(m_path, file.errorString());
        return false;
    }
    file.write(serialize());
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(m_path, file.errorString());
        return false;
    }
    return true;
}

QByteArray InstalledState::serialize() const
{
    QStringList sorted(m_macs.cbegin(), m_macs.cend());
    std::sort(sorted.begin(), sorted.end());
    QJsonObject root;
    root.insert(QLatin1String("installed"), QJsonArray::fromStringList(sorted));
    return QJsonDocument(root).toJson();
}

bool InstalledState::set(const QString &mac, bool installed)
{
    if (installed == m_macs.contains(mac))
        return false;
    if (installed)
        m_macs.insert(mac);
    else
        m_macs.remove(mac);
    return true;
}

} // namespace Nbc
