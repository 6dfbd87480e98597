#pragma once

#include <QCoreApplication>
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <vector>

namespace Nbc::Talos {

enum class MachineRole { Unknown, ControlPlane, Worker };

// Something Talos would refuse (Error) or that is likely a mistake (Warning).
struct ConfigProblem {
    enum class Severity { Error, Warning };
    // Problems a per-machine value can fix: the config stays assignable.
    enum class Kind { Other, Syntax, InstallDiskMissing };

    Severity severity = Severity::Error;
    Kind kind = Kind::Other;
    int line = 0;                     // 1-based; 0 when not about a line
    QString message;                  // says what is wrong and what to do

    bool isError() const { return severity == Severity::Error; }
    // "file:line: message" for lists and logs (never holds a config value).
    QString toString(const QString &fileName) const;
};

// What the console reads out of a config (DESIGN.md: role, cluster, endpoint, disk, version).
struct MachineConfigFacts {
    MachineRole role = MachineRole::Unknown;
    QString clusterName;
    QString endpoint;                 // cluster.controlPlane.endpoint
    QString installDisk;              // machine.install.disk; empty with a diskSelector
    bool hasDiskSelector = false;
    QString installImage;
    QString talosVersion;             // "1.7", "1.12": from the installer image tag
    bool hasHostnameConfig = false;   // a HostnameConfig document (Talos 1.12+)
    bool hasUnattendedInstall = false;   // an UnattendedInstallConfig document (Talos 1.14+)
    QString hostname;                 // the static hostname, wherever it is set
};

// One Talos machine config: its YAML documents (reference §4.2), the facts above and
// the problems Talos would refuse at boot on metal (reference §2.5, §4.1). Pure: bytes
// in, value out; never logs or stores the secrets it holds.
class MachineConfig
{
    Q_DECLARE_TR_FUNCTIONS(MachineConfig)
public:
    static MachineConfig parse(const QByteArray &bytes, const QString &fileName = {});
    // Validates documents built elsewhere (the renderer's output).
    static MachineConfig fromDocuments(const std::vector<YAML::Node> &documents,
                                       const QString &fileName = {});

    QString fileName() const { return m_fileName; }
    const std::vector<YAML::Node> &documents() const { return m_documents; }
    const MachineConfigFacts &facts() const { return m_facts; }
    const QList<ConfigProblem> &problems() const { return m_problems; }

    bool parsed() const { return m_parsed; }      // readable YAML, not empty
    bool valid() const;                           // no errors at all
    // Can be given to a machine: only errors a per-machine value fixes.
    bool assignable() const;
    QStringList errorMessages() const;            // "file:line: message" of every error

    // The v1alpha1 document (the one with `version:`); a null node when there is none.
    YAML::Node v1alpha1() const;
    // The document with that kind (and name, when given); a null node when there is none.
    YAML::Node document(const QString &kind, const QString &name = {}) const;

    static QString roleName(MachineRole role);
    // "1.7" from "ghcr.io/siderolabs/installer:v1.7.6" or "factory.talos.dev/...:v1.12.0".
    static QString versionFromInstallerImage(const QString &image);

private:
    void validate();

    QString m_fileName;
    std::vector<YAML::Node> m_documents;
    MachineConfigFacts m_facts;
    QList<ConfigProblem> m_problems;
    bool m_parsed = false;
};

} // namespace Nbc::Talos
