#pragma once

#include <QObject>
#include <QString>

class QProcess;
class QTimer;

namespace Nbc::Talos {

// What `talosctl gen config` is asked for (reference §4.3).
struct GenerateRequest {
    QString clusterName;
    QString endpoint;        // https://10.0.0.10:6443
    QString installDisk;     // /dev/sda
    QString talosVersion;    // "1.9" or "v1.9.5": --talos-version; empty: talosctl's own
};

// Runs `talosctl gen config` into a folder and says when it is done. The library imports
// the result at once; the first-run wizard keeps it in a private folder until the user
// accepts the summary, so nothing reaches the workspace before that.
class TalosctlGenerator : public QObject
{
    Q_OBJECT
public:
    explicit TalosctlGenerator(QObject *parent = nullptr);
    ~TalosctlGenerator() override;

    // The program defaults to `talosctl` on PATH.
    void setProgram(const QString &program) { m_program = program; }
    QString programPath() const;      // empty when it cannot be found
    static QString missingMessage();
    // Why the request cannot be used; empty when it can.
    static QString checkRequest(const GenerateRequest &request);

    // Starts talosctl with outputDir as its working folder. False (and *error) when it cannot
    // start: bad input, talosctl missing, one already running.
    bool start(const GenerateRequest &request, const QString &outputDir, QString *error = nullptr);
    bool isRunning() const { return m_process != nullptr; }
    void cancel();

Q_SIGNALS:
    // ok: controlplane.yaml, worker.yaml and talosconfig are in the output folder.
    void finished(bool ok, const QString &message);

private:
    void finish(bool ok, const QString &message);

    QString m_program = QStringLiteral("talosctl");
    QProcess *m_process = nullptr;
};

} // namespace Nbc::Talos
