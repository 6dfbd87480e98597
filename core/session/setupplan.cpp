#include "session/setupplan.h"

#include "boot/artifactstore.h"
#include "boot/kernelargs.h"
#include "inventory/workspace.h"
#include "talos/configlibrary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace Nbc {

namespace {

// Copies src to dst through a temporary name in dst's folder, so a reader never sees half
// a kernel and a failure leaves nothing behind.
bool copyAtomically(const QString &src, const QString &dst, QString *error)
{
    if (QFileInfo(src).canonicalFilePath() == QFileInfo(dst).canonicalFilePath() && QFile::exists(dst))
        return true;
    const QString tmp = dst + QStringLiteral(".part");
    QFile::remove(tmp);
    if (!QFile::copy(src, tmp)) {
        QFile::remove(tmp);
        if (error)
            *error = Setup::tr("cannot copy %1 into %2: check the free space and the folder's permissions")
                         .arg(src, QFileInfo(dst).absolutePath());
        return false;
    }
    QFile::setPermissions(tmp, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                   | QFileDevice::ReadOther);
    QFile::remove(dst);
    if (!QFile::rename(tmp, dst)) {
        QFile::remove(tmp);
        if (error)
            *error = Setup::tr("cannot write %1: check the folder's permissions").arg(dst);
        return false;
    }
    return true;
}

} // namespace

bool Setup::needsFirstRun(const QString &workspaceDir)
{
    const QString dir = workspaceDir.isEmpty() ? Workspace::defaultDirectory() : workspaceDir;
    QFile file(QDir(dir).filePath(Workspace::settingsFileName()));
    if (!file.exists() || file.size() == 0)
        return true;
    if (!file.open(QIODevice::ReadOnly))
        return false;
    WorkspaceSettings settings;
    WorkspaceError error;
    if (!Workspace::parse(file.readAll(), file.fileName(), &settings, &error))
        return false;
    return settings.interfaceName.isEmpty() && settings.artifacts.isEmpty();
}

QString Setup::normalizeVersion(const QString &version)
{
    QString v = version.trimmed();
    if (v.startsWith(u'v') || v.startsWith(u'V'))
        v.remove(0, 1);
    return v;
}

QString Setup::setNameFor(const QString &talosVersion)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]"));
    QString v = normalizeVersion(talosVersion);
    v.replace(unsafe, QStringLiteral("-"));
    return v.isEmpty() ? QStringLiteral("talos") : QStringLiteral("talos-") + v;
}

bool Setup::installArtifacts(const QString &workspaceDir, const ArtifactChoice &choice, ArtifactSet *set,
                             QString *error)
{
    const struct {
        const QString &from;
        ArtifactKind kind;
        QString fileName;
        QString ArtifactSet::*field;
    } files[] = {
        {choice.kernelFile, ArtifactKind::Kernel, QStringLiteral("vmlinuz-amd64"), &ArtifactSet::kernelPath},
        {choice.initramfsFile, ArtifactKind::Initramfs, QStringLiteral("initramfs-amd64.xz"), &ArtifactSet::initramfsPath},
    };
    // Both are checked before either is copied: a set is written whole or not at all.
    for (const auto &f : files) {
        const Boot::ArtifactCheck check = Boot::ArtifactStore::inspect(f.from, f.kind);
        if (!check.ok) {
            if (error)
                *error = check.error;
            return false;
        }
    }
    ArtifactSet out;
    out.name = choice.name.isEmpty() ? setNameFor(choice.talosVersion) : choice.name;
    out.talosVersion = normalizeVersion(choice.talosVersion);
    out.extraKernelArgs = choice.extraKernelArgs.trimmed();
    const QString relDir = QStringLiteral("artifacts/") + out.name;
    const QString absDir = QDir(workspaceDir).filePath(relDir);
    if (!QDir().mkpath(absDir)) {
        if (error)
            *error = tr("cannot create %1: check the workspace folder's permissions").arg(absDir);
        return false;
    }
    for (const auto &f : files) {
        if (!copyAtomically(f.from, absDir + u'/' + f.fileName, error))
            return false;
        out.*(f.field) = relDir + u'/' + f.fileName;
    }
    // The factory's command line comes along when it reads as one; else Talos's
    // defaults for the version are used, as for an ISO.
    if (!choice.cmdlineFile.isEmpty() && !Boot::readTalosCmdline(choice.cmdlineFile).isEmpty()) {
        const QString name = QStringLiteral("cmdline-metal-amd64");
        if (!copyAtomically(choice.cmdlineFile, absDir + u'/' + name, error))
            return false;
        out.cmdlinePath = relDir + u'/' + name;
    }
    if (set)
        *set = out;
    return true;
}

void Setup::removeArtifactFiles(const QString &workspaceDir, const ArtifactSet &set)
{
    const QDir ws(workspaceDir);
    const QString ours = QDir::cleanPath(ws.filePath(QStringLiteral("artifacts/") + set.name));
    for (const QString &path : {set.kernelPath, set.initramfsPath, set.cmdlinePath}) {
        if (path.isEmpty())
            continue;
        const QString abs = QDir::cleanPath(QDir::isAbsolutePath(path) ? path : ws.filePath(path));
        if (abs.startsWith(ours + u'/'))
            QFile::remove(abs);
    }
    QDir().rmdir(ours);   // only when empty
}

void Setup::applySettings(const SetupPlan &plan, const ArtifactSet *set, WorkspaceSettings *settings)
{
    if (!plan.interfaceName.isEmpty())
        settings->interfaceName = plan.interfaceName;
    settings->mode = plan.mode;
    settings->serverAddress = plan.serverAddress;
    if (plan.mode == DhcpMode::Full && !plan.dhcpRange.isEmpty())
        settings->dhcpRange = plan.dhcpRange;
    if (!plan.ipxeBios.isEmpty())
        settings->ipxeBios = plan.ipxeBios;
    if (!plan.ipxeUefi.isEmpty())
        settings->ipxeUefi = plan.ipxeUefi;
    settings->unassigned = plan.unassigned;
    if (plan.highPorts) {
        settings->ports.dhcp = 1067;
        settings->ports.tftp = 1069;
    }
    if (set) {
        settings->artifacts.insert(set->name, *set);
        settings->defaultArtifacts = set->name;
    }
}

SetupResult Setup::apply(Workspace &workspace, const SetupPlan &plan)
{
    SetupResult result;
    if (!workspace.ok()) {
        result.error = tr("netboot.yaml has an error and is not overwritten: %1").arg(workspace.error().toString());
        return result;
    }
    ArtifactSet set;
    const bool withArtifacts = !plan.artifacts.isEmpty();
    if (withArtifacts) {
        if (!installArtifacts(workspace.directory(), plan.artifacts, &set, &result.error))
            return result;
        result.artifactSet = set.name;
    }
    if (!plan.configsFolder.isEmpty()) {
        Talos::ConfigLibrary library(workspace.directory());
        const Talos::ImportResult imported = library.importFolder(plan.configsFolder);
        if (!imported.errors.isEmpty()) {
            result.error = imported.errors.join(u'\n');
            return result;
        }
        result.importedConfigs = imported.imported;
        result.talosconfigPath = imported.talosconfigPath;
    }
    WorkspaceSettings before = workspace.settings();
    applySettings(plan, withArtifacts ? &set : nullptr, &workspace.settings());
    if (!workspace.save(&result.error)) {
        workspace.settings() = before;
        return result;
    }
    result.ok = true;
    return result;
}

} // namespace Nbc
