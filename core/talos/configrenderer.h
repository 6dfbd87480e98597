#pragma once

#include "talos/machineconfig.h"

#include <QCoreApplication>
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Nbc::Talos {

// The per-machine values a served config gets (DESIGN.md: config + hostname + install
// disk + patches, and the console's log sink so logs survive install).
struct RenderInput {
    QString hostname;                 // empty: keep what the config says
    QString installDisk;              // empty: keep what the config says
    QList<QByteArray> patches;        // strategic-merge patches, applied in order
    QString logSinkHost;              // empty or port 0: no log injection
    quint16 logSinkPort = 0;
};

struct RenderResult {
    QByteArray bytes;                 // empty when the config cannot be served
    QList<ConfigProblem> problems;    // errors (nothing served) and warnings
    MachineRole role = MachineRole::Unknown;   // of the rendered config
    bool ok() const { return !bytes.isEmpty(); }
    // The errors as one line each, "file:line: message"; never holds a config value.
    QString errorText(const QString &fileName = {}) const;
};

// A machine's config and its patches as read from their files, for render(): what the
// console serves and what an export writes come from the same bytes. A file that cannot
// be read, or is far larger than any Talos config, stops the reading.
struct ConfigFiles {
    enum class Problem { None, ConfigUnreadable, ConfigTooLarge, PatchUnreadable };
    static constexpr qint64 kMaxSize = 4 * 1024 * 1024;   // a Talos config is tens of KiB
    QByteArray config;
    QList<QByteArray> patches;
    Problem problem = Problem::None;
    QString file;                     // the file that could not be read
    bool ok() const { return problem == Problem::None; }
    static ConfigFiles read(const QString &configPath, const QStringList &patchPaths);
};

// Pure: the same source and input give the same bytes. Keeps key order and every
// scalar of the source (secrets) byte for byte; comments are dropped.
class ConfigRenderer
{
    Q_DECLARE_TR_FUNCTIONS(ConfigRenderer)
public:
    // The name of the KmsgLogConfig document the console injects.
    static QString logConfigName() { return QStringLiteral("netboot-console"); }

    // What Talos would refuse in the per-machine values themselves (a hostname that is
    // not a DNS name, an install disk that is not a device path).
    static QList<ConfigProblem> checkMachineValues(const QString &hostname, const QString &installDisk);

    static RenderResult render(const QByteArray &source, const RenderInput &input,
                               const QString &sourceName = {});

    // The source written the way render() writes, with nothing changed: what a preview
    // compares the rendered config with, so dropped comments do not show as changes.
    // Empty when the source is not readable YAML.
    static QByteArray normalize(const QByteArray &source);

    // Strategic merge of one patch's documents into `documents` (reference §4.4): maps
    // deep-merged, lists appended except podSubnets/serviceSubnets and auditPolicy
    // (replaced), network.interfaces (by interface/deviceSelector), vlans (by vlanId) and
    // admissionControl (by name); `$patch: delete` removes a key, a matched list item or a
    // whole non-v1alpha1 document; documents matched by kind and name, others appended.
    static void applyPatch(std::vector<YAML::Node> &documents, const std::vector<YAML::Node> &patch);
};

} // namespace Nbc::Talos
