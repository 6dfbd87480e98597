#include "talos/configlibrary.h"

#include "talos/configrenderer.h"
#include "talos/talosctlgenerator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

namespace Nbc::Talos {

namespace {

constexpr QFileDevice::Permissions kPrivate = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

bool isConfigFileName(const QString &name)
{
    return !name.startsWith(u'.')
        && (name.endsWith(QLatin1String(".yaml")) || name.endsWith(QLatin1String(".yml")));
}

QString safeFilePart(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            out += c.toLower();
        else if (c == u'-' || c == u'_' || c == u'.')
            out += c;
        else
            out += u'-';
    }
    while (out.startsWith(u'.') || out.startsWith(u'-'))
        out.remove(0, 1);
    return out.left(64);
}

void makePrivateDir(const QString &path)
{
    QDir().mkpath(path);
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

} // namespace

ConfigLibrary::ConfigLibrary(const QString &workspaceDir, QObject *parent)
    : QObject(parent)
    , m_workspaceDir(QDir(workspaceDir).absolutePath())
    , m_watcher(new QFileSystemWatcher(this))
    , m_rescanTimer(new QTimer(this))
{
    // Editors and QSaveFile replace a file in several steps: read the folder once they settle.
    m_rescanTimer->setSingleShot(true);
    m_rescanTimer->setInterval(50);
    connect(m_rescanTimer, &QTimer::timeout, this, &ConfigLibrary::rescan);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_rescanTimer, qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_rescanTimer, qOverload<>(&QTimer::start));
    m_generator = new TalosctlGenerator(this);
    connect(m_generator, &TalosctlGenerator::finished, this, &ConfigLibrary::finishGenerate);
    rescan();
}

ConfigLibrary::~ConfigLibrary() = default;

QString ConfigLibrary::configsDir() const
{
    return m_workspaceDir + QStringLiteral("/configs");
}

QString ConfigLibrary::secretsDir() const
{
    return m_workspaceDir + QStringLiteral("/secrets");
}

const ConfigEntry *ConfigLibrary::entry(const QString &id) const
{
    const auto it = m_entries.constFind(id);
    return it == m_entries.constEnd() ? nullptr : &*it;
}

QString ConfigLibrary::idForPath(const QString &path) const
{
    if (path.isEmpty())
        return {};
    const QString absolute = QDir::cleanPath(QDir(m_workspaceDir).absoluteFilePath(path));
    const QString relative = QDir(m_workspaceDir).relativeFilePath(absolute);
    if (relative.startsWith(QLatin1String("../")) || QDir::isAbsolutePath(relative))
        return {};
    return relative;
}

ConfigEntry ConfigLibrary::readEntry(const QString &fileName) const
{
    ConfigEntry e;
    e.id = QStringLiteral("configs/") + fileName;
    e.path = configsDir() + u'/' + fileName;
    QFile file(e.path);
    if (!file.open(QIODevice::ReadOnly)) {
        ConfigProblem p;
        p.message = tr("the file cannot be read: check its owner and permissions");
        e.problems.append(p);
        e.digest = "unreadable";
        return e;
    }
    const QByteArray bytes = file.readAll();
    const MachineConfig config = MachineConfig::parse(bytes, e.id);
    const MachineConfigFacts &facts = config.facts();
    e.role = facts.role;
    e.clusterName = facts.clusterName;
    e.endpoint = facts.endpoint;
    e.installDisk = facts.installDisk;
    e.talosVersion = facts.talosVersion;
    e.valid = config.valid();
    e.assignable = config.assignable();
    e.problems = config.problems();

    const QFileDevice::Permissions permissions = file.permissions();
    e.permissionsOk = !(permissions & kOthers);
    if (!e.permissionsOk) {
        ConfigProblem p;
        p.severity = ConfigProblem::Severity::Warning;
        p.message = tr("other users of this computer can read this file, and it holds cluster secrets: "
                       "run 'chmod 600 %1'").arg(e.path);
        e.problems.append(p);
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(bytes);
    hash.addData(QByteArray::number(int(permissions)));
    e.digest = hash.result();
    return e;
}

void ConfigLibrary::rescan()
{
    QMap<QString, ConfigEntry> fresh;
    const QDir dir(configsDir());
    if (dir.exists()) {
        const QStringList names = dir.entryList(QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
        for (const QString &name : names) {
            if (isConfigFileName(name)) {
                ConfigEntry e = readEntry(name);
                fresh.insert(e.id, e);
            }
        }
    }

    QStringList added;
    QStringList changed;
    QStringList removed;
    for (auto it = fresh.cbegin(); it != fresh.cend(); ++it) {
        const auto old = m_entries.constFind(it.key());
        if (old == m_entries.constEnd())
            added.append(it.key());
        else if (old->digest != it->digest)
            changed.append(it.key());
    }
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (!fresh.contains(it.key()))
            removed.append(it.key());
    }
    m_entries = fresh;
    updateWatches();

    for (const QString &id : std::as_const(removed))
        Q_EMIT configRemoved(id);
    for (const QString &id : std::as_const(added))
        Q_EMIT configAdded(id);
    for (const QString &id : std::as_const(changed))
        Q_EMIT configChanged(id);
    updateMachineProblems();
}

void ConfigLibrary::updateWatches()
{
    QStringList wanted;
    // Until configs/ exists, watch the workspace for it to appear.
    wanted.append(QDir(configsDir()).exists() ? configsDir() : m_workspaceDir);
    for (const ConfigEntry &e : std::as_const(m_entries))
        wanted.append(e.path);
    QStringList current = m_watcher->files() + m_watcher->directories();
    QStringList stale;
    for (const QString &path : std::as_const(current)) {
        if (!wanted.contains(path))
            stale.append(path);
    }
    if (!stale.isEmpty())
        m_watcher->removePaths(stale);
    QStringList missing;
    for (const QString &path : std::as_const(wanted)) {
        // A replaced file drops out of the watcher: add it again.
        if (!current.contains(path) && QFileInfo::exists(path))
            missing.append(path);
    }
    if (!missing.isEmpty())
        m_watcher->addPaths(missing);
}

void ConfigLibrary::setMachines(const QList<MachineIntent> &machines)
{
    m_machines = machines;
    updateMachineProblems();
}

void ConfigLibrary::updateMachineProblems()
{
    QHash<QString, QString> problems;
    // A pallet shares a few configs: each path is resolved once, not once per machine.
    QHash<QString, QString> ids;
    for (const MachineIntent &m : std::as_const(m_machines)) {
        if (m.configPath.isEmpty())
            continue;
        auto known = ids.constFind(m.configPath);
        if (known == ids.constEnd())
            known = ids.insert(m.configPath, idForPath(m.configPath));
        const QString &id = *known;
        const ConfigEntry *e = entry(id);
        if (!e) {
            problems.insert(m.mac, tr("the assigned config %1 is not in the configs folder: assign "
                                      "another one or put it back").arg(id.isEmpty() ? m.configPath : id));
            continue;
        }
        QString reason;
        for (const ConfigProblem &p : e->problems) {
            if (!p.isError())
                continue;
            // A config without an install disk is fine for a machine that has its own.
            if (p.kind == ConfigProblem::Kind::InstallDiskMissing && !m.installDisk.isEmpty())
                continue;
            reason = p.toString(e->id);
            break;
        }
        if (reason.isEmpty()) {
            const QList<ConfigProblem> values = ConfigRenderer::checkMachineValues(m.hostname, m.installDisk);
            if (!values.isEmpty())
                reason = values.first().message;
        }
        if (!reason.isEmpty())
            problems.insert(m.mac, reason);
    }
    if (problems != m_machineProblems) {
        m_machineProblems = problems;
        Q_EMIT machineProblemsChanged();
    }
}

bool ConfigLibrary::writePrivateFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("cannot write %1 (%2): check the folder's permissions").arg(path, file.errorString());
        return false;
    }
    // Restrict the temporary file before a single secret is written into it.
    file.setPermissions(kPrivate);
    file.write(bytes);
    if (!file.commit()) {
        if (error)
            *error = tr("cannot write %1 (%2): check the free space and the folder's permissions")
                         .arg(path, file.errorString());
        return false;
    }
    if (!QFile::setPermissions(path, kPrivate)) {
        if (error)
            *error = tr("cannot restrict %1 to its owner: run 'chmod 600 %1'").arg(path);
        return false;
    }
    return true;
}

bool ConfigLibrary::fixPermissions(const QString &id, QString *error)
{
    const ConfigEntry *e = entry(id);
    if (!e) {
        if (error)
            *error = tr("there is no config %1").arg(id);
        return false;
    }
    if (!QFile::setPermissions(e->path, kPrivate)) {
        if (error)
            *error = tr("cannot change the permissions of %1: run 'chmod 600 %1' as its owner").arg(e->path);
        return false;
    }
    rescan();
    return true;
}

bool FolderPreview::ok() const
{
    if (configs.isEmpty())
        return false;
    for (const File &f : configs) {
        if (!f.importable)
            return false;
    }
    return true;
}

FolderPreview ConfigLibrary::previewFolder(const QString &dir)
{
    FolderPreview preview;
    const QDir source(dir);
    for (const QString &name : {QStringLiteral("controlplane.yaml"), QStringLiteral("worker.yaml")}) {
        QFile file(source.filePath(name));
        if (!file.exists())
            continue;
        FolderPreview::File entry;
        entry.fileName = name;
        entry.path = file.fileName();
        if (!file.open(QIODevice::ReadOnly)) {
            ConfigProblem p;
            p.message = tr("cannot be read: check its permissions");
            entry.problems.append(p);
        } else {
            const MachineConfig config = MachineConfig::parse(file.readAll(), name);
            entry.facts = config.facts();
            entry.problems = config.problems();
            entry.importable = config.parsed();
        }
        preview.configs.append(entry);
    }
    preview.hasTalosconfig = QFile::exists(source.filePath(QStringLiteral("talosconfig")));
    if (preview.configs.isEmpty())
        preview.error = tr("%1 has no controlplane.yaml or worker.yaml: choose the folder "
                           "'talosctl gen config' wrote").arg(dir);
    return preview;
}

ImportResult ConfigLibrary::importFolder(const QString &dir, bool overwrite)
{
    ImportResult result;
    const QDir source(dir);
    QString cluster;
    static const char *const roles[] = {"controlplane", "worker"};
    for (const char *role : roles) {
        const QString name = QLatin1String(role) + QStringLiteral(".yaml");
        QFile file(source.filePath(name));
        if (!file.exists())
            continue;
        if (!file.open(QIODevice::ReadOnly)) {
            result.errors.append(tr("%1 cannot be read: check its permissions").arg(file.fileName()));
            continue;
        }
        const QByteArray bytes = file.readAll();
        const MachineConfig config = MachineConfig::parse(bytes, name);
        if (!config.parsed()) {
            for (const ConfigProblem &p : config.problems())
                result.errors.append(p.toString(file.fileName()));
            continue;
        }
        if (cluster.isEmpty())
            cluster = safeFilePart(config.facts().clusterName);
        const QString target = cluster.isEmpty() ? name : cluster + u'-' + name;
        const QString id = QStringLiteral("configs/") + target;
        const QString path = configsDir() + u'/' + target;
        QFile existing(path);
        if (existing.exists()) {
            const bool same = existing.open(QIODevice::ReadOnly) && existing.readAll() == bytes;
            if (same) {
                QFile::setPermissions(path, kPrivate);
                result.imported.append(id);
                continue;
            }
            if (!overwrite) {
                result.errors.append(tr("%1 already exists with other contents: rename or remove it, "
                                        "or import again replacing it").arg(id));
                continue;
            }
        }
        makePrivateDir(configsDir());
        QString error;
        if (!writePrivateFile(path, bytes, &error)) {
            result.errors.append(error);
            continue;
        }
        result.imported.append(id);
    }

    const QString talosconfig = source.filePath(QStringLiteral("talosconfig"));
    if (QFile::exists(talosconfig)) {
        QFile file(talosconfig);
        if (!file.open(QIODevice::ReadOnly)) {
            result.errors.append(tr("%1 cannot be read: check its permissions").arg(talosconfig));
        } else {
            // Admin credentials: kept for the user, outside configs/, never served.
            makePrivateDir(secretsDir());
            const QString target = secretsDir() + u'/'
                + (cluster.isEmpty() ? QStringLiteral("talosconfig") : cluster + QStringLiteral("-talosconfig"));
            QString error;
            if (QFile::exists(target) && !overwrite) {
                QFile old(target);
                if (!(old.open(QIODevice::ReadOnly) && old.readAll() == file.readAll()))
                    result.errors.append(tr("%1 already exists with other contents: rename or remove it, "
                                            "or import again replacing it").arg(target));
                else
                    result.talosconfigPath = target;
            } else if (writePrivateFile(target, file.readAll(), &error)) {
                result.talosconfigPath = target;
            } else {
                result.errors.append(error);
            }
        }
    }

    if (result.imported.isEmpty() && result.errors.isEmpty())
        result.errors.append(tr("%1 has no controlplane.yaml or worker.yaml: choose the folder "
                                "'talosctl gen config' wrote").arg(dir));
    rescan();
    return result;
}

QString ConfigLibrary::talosctlPath() const
{
    return m_generator->programPath();
}

void ConfigLibrary::setTalosctlProgram(const QString &program)
{
    m_generator->setProgram(program);
}

QString ConfigLibrary::talosctlMissingMessage()
{
    return TalosctlGenerator::missingMessage();
}

bool ConfigLibrary::isGenerating() const
{
    return m_generator->isRunning();
}

bool ConfigLibrary::generateWithTalosctl(const QString &clusterName, const QString &endpoint,
                                         const QString &installDisk, QString *error, const QString &talosVersion)
{
    if (m_generator->isRunning()) {
        if (error)
            *error = tr("talosctl is already generating a cluster: wait for it to finish");
        return false;
    }
    // talosctl writes into its working folder: a private temporary one, imported when done.
    auto dir = std::make_unique<QTemporaryDir>();
    if (!dir->isValid()) {
        if (error)
            *error = tr("cannot create a temporary folder: check the free space in %1").arg(QDir::tempPath());
        return false;
    }
    if (!m_generator->start({clusterName, endpoint, installDisk, talosVersion}, dir->path(), error))
        return false;
    m_generateDir = std::move(dir);
    return true;
}

void ConfigLibrary::finishGenerate(bool ok, const QString &message)
{
    QStringList ids;
    QString text = message;
    if (ok && m_generateDir) {
        const ImportResult imported = importFolder(m_generateDir->path());
        ids = imported.imported;
        ok = imported.ok();
        text = ok ? tr("generated %1; the talosconfig is in %2")
                        .arg(ids.join(QLatin1String(", ")), imported.talosconfigPath)
                  : imported.errors.join(u'\n');
    }
    m_generateDir.reset();
    Q_EMIT generateFinished(ok, text, ids);
}

} // namespace Nbc::Talos
