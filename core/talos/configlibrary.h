#pragma once

#include "boot/bootsnapshot.h"
#include "talos/machineconfig.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QFileSystemWatcher;
class QProcess;
class QTemporaryDir;
class QTimer;

namespace Nbc::Talos {

class TalosctlGenerator;

// One file of <workspace>/configs as the library shows it. Holds facts and problems,
// never the file's contents.
struct ConfigEntry {
    QString id;                       // path relative to the workspace, "configs/worker.yaml"
    QString path;                     // absolute
    MachineRole role = MachineRole::Unknown;
    QString clusterName;
    QString endpoint;
    QString installDisk;
    QString talosVersion;
    bool valid = false;               // nothing Talos would refuse
    bool assignable = false;          // readable and complete but for per-machine values
    bool permissionsOk = true;        // not readable or writable by other users
    QList<ConfigProblem> problems;    // validation, then permissions
    QByteArray digest;                // of the contents: tells a real change from a touch
};

struct ImportResult {
    QStringList imported;             // config ids written (or already there, identical)
    QString talosconfigPath;          // where talosconfig was kept aside; empty if none
    QStringList errors;               // what was not imported and why
    bool ok() const { return errors.isEmpty() && !imported.isEmpty(); }
};

// What an import would take from a `talosctl gen config` folder, read without writing.
struct FolderPreview {
    struct File {
        QString fileName;             // "controlplane.yaml"
        QString path;                 // absolute
        MachineConfigFacts facts;
        QList<ConfigProblem> problems;   // with line numbers; an Error keeps it out
        bool importable = false;
    };
    QList<File> configs;
    bool hasTalosconfig = false;      // kept aside on import, never served
    QString error;                    // the folder holds nothing to import (why)
    bool ok() const;                  // something importable, nothing refused
};

// The workspace's Talos configs (DESIGN.md `configs/`, 0600): scanned, watched for added,
// changed and removed files, imported from `talosctl gen config` output or generated
// with talosctl. Lives on the main thread.
class ConfigLibrary : public QObject
{
    Q_OBJECT
public:
    explicit ConfigLibrary(const QString &workspaceDir, QObject *parent = nullptr);
    ~ConfigLibrary() override;

    QString workspaceDir() const { return m_workspaceDir; }
    QString configsDir() const;
    // talosconfig files (admin credentials) live here: never under configs/, never served.
    QString secretsDir() const;

    QList<ConfigEntry> entries() const { return m_entries.values(); }   // sorted by id
    const ConfigEntry *entry(const QString &id) const;
    // "configs/x.yaml" for an absolute path or a workspace-relative one; empty when the
    // path is outside the workspace.
    QString idForPath(const QString &path) const;

    // Reads the folder now (the watcher calls it too, coalesced).
    void rescan();

    // Copies controlplane.yaml / worker.yaml (as <cluster>-<role>.yaml, 0600) and keeps
    // talosconfig aside in secretsDir(). An existing file with other contents is kept
    // unless `overwrite`.
    ImportResult importFolder(const QString &dir, bool overwrite = false);
    static FolderPreview previewFolder(const QString &dir);
    // Restricts a config to its owner (chmod 600).
    bool fixPermissions(const QString &id, QString *error = nullptr);

    // Atomic (QSaveFile) write readable only by its owner.
    static bool writePrivateFile(const QString &path, const QByteArray &bytes, QString *error = nullptr);

    // talosctl (reference §4.3). The program defaults to `talosctl` on PATH.
    void setTalosctlProgram(const QString &program);
    QString talosctlPath() const;     // empty when it cannot be found
    static QString talosctlMissingMessage();
    // Starts `talosctl gen config NAME ENDPOINT --install-disk DISK` in a private temporary
    // folder and imports its output; the answer comes with generateFinished(). False (and
    // *error) when it cannot start: bad input, talosctl missing, one already running.
    bool generateWithTalosctl(const QString &clusterName, const QString &endpoint,
                              const QString &installDisk, QString *error = nullptr,
                              const QString &talosVersion = {});
    bool isGenerating() const;

    // The machines' assignments (from the workspace); the library flags those whose
    // config cannot be served to them.
    void setMachines(const QList<MachineIntent> &machines);
    // MAC → why its assigned config cannot be served (missing, invalid, needs a disk).
    QHash<QString, QString> machineProblems() const { return m_machineProblems; }

Q_SIGNALS:
    void configAdded(const QString &id);
    void configChanged(const QString &id);
    void configRemoved(const QString &id);
    void machineProblemsChanged();
    void generateFinished(bool ok, const QString &message, const QStringList &ids);

private:
    ConfigEntry readEntry(const QString &fileName) const;
    void updateWatches();
    void updateMachineProblems();
    void finishGenerate(bool ok, const QString &message);

    QString m_workspaceDir;
    QMap<QString, ConfigEntry> m_entries;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_rescanTimer = nullptr;
    QList<MachineIntent> m_machines;
    QHash<QString, QString> m_machineProblems;
    TalosctlGenerator *m_generator = nullptr;
    std::unique_ptr<QTemporaryDir> m_generateDir;
};

} // namespace Nbc::Talos
