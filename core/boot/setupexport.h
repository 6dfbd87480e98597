#pragma once

#include "boot/bootsnapshot.h"
#include "boot/intentresolver.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Nbc {

class ConsoleSession;

namespace Boot {

// What the workspace is exported as (DESIGN.md: `--export dnsmasq-nginx|matchbox DIR`).
enum class SetupFormat {
    DnsmasqNginx,   // dnsmasq (proxy or full DHCP, TFTP) + nginx serving a static tree
    Matchbox,       // Matchbox's data folder (profiles, groups, generic, assets) + dnsmasq
};

// One generated file, at a path relative to the export folder ('/'-separated).
struct SetupFile {
    QString path;
    QByteArray bytes;
    int mode = 0644;          // 0600 for files holding the cluster's secrets
};

// A file of the workspace that goes into the export as it is (kernel, initramfs, iPXE
// binaries): hard-linked when the export folder is on its filesystem, else copied, so the
// folder holds everything it serves and can be moved to another server as it is.
struct SetupArtifact {
    QString path;             // relative to the export folder
    QString source;           // absolute
};

// Everything an export writes, decided before anything is written.
struct SetupExportPlan {
    SetupFormat format = SetupFormat::DnsmasqNginx;
    QList<SetupFile> files;
    QList<SetupArtifact> artifacts;
    // What the export cannot carry (rules for machines never seen, serials that cannot be
    // file names ...): shown to the person and written in the folder's README.md.
    QStringList notes;
    // Why nothing can be exported (no server address, a config that does not render ...).
    QStringList errors;
    bool ok() const { return errors.isEmpty(); }
    const SetupFile *file(const QString &path) const;
};

// What the writer did; `written` holds the relative paths in the order written.
struct SetupWriteResult {
    enum class Error { None, NotEmpty, NotAFolder, UnsafePath, WriteFailed };
    Error error = Error::None;
    QString message;          // for people
    QStringList written;
    bool ok() const { return error == Error::None; }
};

// Turns the workspace (its artefact sets, configs, assignments and the rules resolved for
// the machines seen) into a setup for other tools that serve the same boots with no
// console running. plan() is pure: the same snapshot and machines give the same bytes.
class SetupExport
{
    Q_DECLARE_TR_FUNCTIONS(SetupExport)
public:
    static std::optional<SetupFormat> formatFromName(const QString &name);
    static QString formatName(SetupFormat format);

    // snapshot: as the session resolves it (serverAddress set; machines seen resolved by
    // rules and by entries naming their UUID or serial). seen: the machines the console
    // has seen, so one machine's MACs, UUID and serial all lead to what it resolved to.
    // targetDir: the absolute path the folder will have where it is served (nginx's root,
    // dnsmasq's tftp-root, Matchbox's -data-path).
    static SetupExportPlan plan(const BootSnapshot &snapshot, const QList<MachineFacts> &seen, SetupFormat format,
                                const QString &targetDir);
    // The same from a running (or just opened) session.
    static SetupExportPlan plan(const ConsoleSession &session, SetupFormat format, const QString &targetDir);

    // Writes `plan` into `dir` (made when missing). Refuses a folder that is not empty
    // unless intoNonEmpty, any path that would leave `dir` (also through a symlink already
    // in it), and writes secret files 0600 from their first byte, in folders of 0700.
    static SetupWriteResult write(const SetupExportPlan &plan, const QString &dir, bool intoNonEmpty = false);

    // True when `dir` does not exist or holds nothing.
    static bool isEmptyFolder(const QString &dir);
    // The absolute path `relative` names under `dir`, or empty when it names anything
    // outside (absolute, "..", backslashes, control characters, empty parts).
    static QString targetPath(const QString &dir, const QString &relative);

    // The rendered config the console serves `machine` (ConfigRenderer: hostname, install
    // disk, patches), without the console's log sink: no console listens for logs where
    // the export runs. Empty with *error set when it cannot be rendered.
    static QByteArray renderedConfig(const MachineIntent &machine, QString *error);
};

} // namespace Boot
} // namespace Nbc
