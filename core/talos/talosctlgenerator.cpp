#include "talosctlgenerator.h"

#include "talos/configrenderer.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

namespace Nbc::Talos {

TalosctlGenerator::TalosctlGenerator(QObject *parent)
    : QObject(parent)
{
}

TalosctlGenerator::~TalosctlGenerator()
{
    cancel();
}

QString TalosctlGenerator::programPath() const
{
    if (m_program.contains(u'/'))
        return QFileInfo(m_program).isExecutable() ? m_program : QString();
    return QStandardPaths::findExecutable(m_program);
}

QString TalosctlGenerator::missingMessage()
{
    return tr("talosctl is not installed: download talosctl-linux-amd64 from "
              "https://github.com/siderolabs/talos/releases (the version of Talos you boot), make it "
              "executable and put it on PATH as talosctl; or run 'talosctl gen config' on another "
              "computer and import the folder it writes");
}

QString TalosctlGenerator::checkRequest(const GenerateRequest &request)
{
    static const QRegularExpression name(QStringLiteral("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"));
    if (!name.match(request.clusterName).hasMatch())
        return tr("the cluster name '%1' is not usable: use lower-case letters, digits and '-'").arg(request.clusterName);
    const QUrl url(request.endpoint, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || url.scheme() != QLatin1String("https"))
        return tr("the endpoint '%1' is not a URL: write it like https://10.0.0.10:6443").arg(request.endpoint);
    const QList<ConfigProblem> values = ConfigRenderer::checkMachineValues({}, request.installDisk);
    if (!values.isEmpty())
        return values.first().message;
    static const QRegularExpression version(QStringLiteral("^v?[0-9]+\\.[0-9]+(\\.[0-9]+)?$"));
    if (!request.talosVersion.isEmpty() && !version.match(request.talosVersion).hasMatch())
        return tr("the Talos version '%1' is not a version: write it like 1.9 or v1.9.5").arg(request.talosVersion);
    return {};
}

bool TalosctlGenerator::start(const GenerateRequest &request, const QString &outputDir, QString *error)
{
    auto refuse = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (m_process)
        return refuse(tr("talosctl is already generating a cluster: wait for it to finish"));
    const QString problem = checkRequest(request);
    if (!problem.isEmpty())
        return refuse(problem);
    const QString program = programPath();
    if (program.isEmpty())
        return refuse(missingMessage());

    QStringList args{QStringLiteral("gen"), QStringLiteral("config"), request.clusterName, request.endpoint,
                     QStringLiteral("--install-disk"), request.installDisk};
    if (!request.talosVersion.isEmpty()) {
        QString v = request.talosVersion;
        if (!v.startsWith(u'v'))
            v.prepend(u'v');
        args << QStringLiteral("--talos-version") << v;
    }
    m_process = new QProcess(this);
    m_process->setProgram(program);
    m_process->setArguments(args);
    // talosctl writes into its working folder.
    m_process->setWorkingDirectory(outputDir);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        if (status != QProcess::NormalExit || code != 0) {
            const QString stderrText = QString::fromLocal8Bit(m_process->readAllStandardError()).trimmed();
            finish(false, tr("talosctl gen config failed (%1): check the name and endpoint").arg(stderrText.left(400)));
            return;
        }
        finish(true, {});
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finish(false, tr("talosctl could not be started: %1").arg(missingMessage()));
    });
    auto *timer = new QTimer(m_process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, m_process, &QProcess::kill);
    timer->start(120000);
    m_process->start();
    return true;
}

void TalosctlGenerator::cancel()
{
    if (!m_process)
        return;
    QProcess *process = m_process;
    m_process = nullptr;
    process->disconnect(this);
    process->kill();
    process->waitForFinished(1000);
    delete process;
}

void TalosctlGenerator::finish(bool ok, const QString &message)
{
    if (!m_process)
        return;
    QProcess *process = m_process;
    m_process = nullptr;
    process->disconnect(this);
    process->deleteLater();
    Q_EMIT finished(ok, message);
}

} // namespace Nbc::Talos
