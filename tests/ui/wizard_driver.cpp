// Walks the real first-run wizard (offscreen) the way a person would: interface, doctor,
// Image Factory download from a mirror, config import, summary, finish. The end-to-end
// test runs it inside its network namespace and then boots a machine from the result.
//
//   wizard_driver --workspace DIR --interface IF --mirror URL --version V --configs DIR
//                 [--unassigned wait|maintenance] [--expect-mode proxy|dhcp] [--extra-args ARGS]
//                 [--screenshots DIR]
// Prints one JSON line with what it did; exits 0 when the workspace was written.
#include "artifactpicker.h"
#include "firstrunwizard.h"

#include "inventory/workspace.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTreeWidget>

#include <cstdio>

using namespace Nbc;
using namespace Nbc::Ui;

namespace {

template <class T>
T *part(QWidget *root, const char *name)
{
    T *found = root->findChild<T *>(QLatin1String(name));
    if (!found) {
        std::fprintf(stderr, "wizard_driver: no %s named %s\n", T::staticMetaObject.className(), name);
        std::exit(2);
    }
    return found;
}

bool waitFor(const std::function<bool()> &done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

int fail(const QString &why)
{
    std::fprintf(stderr, "wizard_driver: %s\n", qPrintable(why));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    for (const char *name : {"workspace", "interface", "mirror", "version", "configs", "unassigned", "expect-mode",
                             "screenshots", "extra-args"})
        parser.addOption(QCommandLineOption(QLatin1String(name), QString(), QStringLiteral("value")));
    parser.process(app);
    const QString ws = parser.value(QStringLiteral("workspace"));
    const QString shots = parser.value(QStringLiteral("screenshots"));
    auto shot = [&shots](QWidget *w, const QString &name) {
        if (!shots.isEmpty()) {
            QDir().mkpath(shots);
            w->grab().save(shots + QStringLiteral("/wizard-e2e-") + name + QStringLiteral(".png"));
        }
    };

    FirstRunWizard wizard(ws, Ports{}, [ws](const SetupPlan &plan) {
        Workspace workspace = Workspace::open(ws);
        return Setup::apply(workspace, plan);
    });
    wizard.show();

    // 1. Network
    auto *list = part<QTreeWidget>(&wizard, "interfaceList");
    const auto items = list->findItems(parser.value(QStringLiteral("interface")), Qt::MatchExactly, 0);
    if (items.size() != 1)
        return fail(QStringLiteral("interface %1 is not listed").arg(parser.value(QStringLiteral("interface"))));
    list->setCurrentItem(items.first());
    shot(&wizard, QStringLiteral("1-network"));
    wizard.next();

    // 2. Doctor: its recommendation is taken as it is.
    if (!waitFor([&] { return wizard.currentPage()->isComplete(); }, 30000))
        return fail(QStringLiteral("the network doctor did not finish"));
    const QString report = part<QPlainTextEdit>(&wizard, "doctorReport")->toPlainText();
    const bool proxy = part<QRadioButton>(&wizard, "proxyMode")->isChecked();
    const QString expected = parser.value(QStringLiteral("expect-mode"));
    if (!expected.isEmpty() && (expected == QLatin1String("proxy")) != proxy)
        return fail(QStringLiteral("the doctor recommended the other mode:\n%1").arg(report));
    shot(&wizard, QStringLiteral("2-doctor"));
    wizard.next();

    // 3. Talos from the mirror
    part<QComboBox>(&wizard, "talosVersion")->setEditText(parser.value(QStringLiteral("version")));
    part<QLineEdit>(&wizard, "extraKernelArgs")->setText(parser.value(QStringLiteral("extra-args")));
    part<QRadioButton>(&wizard, "sourceFactory")->click();
    part<QLineEdit>(&wizard, "factoryBaseUrl")->setText(parser.value(QStringLiteral("mirror")));
    wizard.findChild<ArtifactPicker *>()->setDownloadFolder(ws + QStringLiteral(".downloads"));
    part<QPushButton>(&wizard, "downloadButton")->click();
    if (!waitFor([&] { return wizard.currentPage()->isComplete(); }, 120000))
        return fail(QStringLiteral("the download did not complete: %1")
                        .arg(part<QLabel>(&wizard, "downloadStatus")->text()));
    shot(&wizard, QStringLiteral("3-talos"));
    wizard.next();

    // 4. Configs
    part<QRadioButton>(&wizard, "importConfigs")->click();
    auto *folder = part<QLineEdit>(&wizard, "configFolder");
    folder->setText(parser.value(QStringLiteral("configs")));
    Q_EMIT folder->editingFinished();
    if (!wizard.currentPage()->isComplete())
        return fail(QStringLiteral("the configs were refused:\n%1").arg(part<QPlainTextEdit>(&wizard, "configPreview")->toPlainText()));
    auto *policy = part<QComboBox>(&wizard, "unassignedPolicy");
    policy->setCurrentIndex(policy->findData(int(parser.value(QStringLiteral("unassigned")) == QLatin1String("maintenance")
                                                     ? UnassignedPolicy::Maintenance
                                                     : UnassignedPolicy::Wait)));
    shot(&wizard, QStringLiteral("4-configs"));
    wizard.next();

    // 5. Summary, then finish.
    shot(&wizard, QStringLiteral("5-summary"));
    wizard.button(QWizard::FinishButton)->click();
    const SetupResult &result = wizard.result();
    QJsonObject line{{QStringLiteral("ok"), result.ok},
                     {QStringLiteral("error"), result.error},
                     {QStringLiteral("artifactSet"), result.artifactSet},
                     {QStringLiteral("configs"), QJsonValue::fromVariant(result.importedConfigs)},
                     {QStringLiteral("mode"), proxy ? QStringLiteral("proxy") : QStringLiteral("dhcp")}};
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    return result.ok ? 0 : 1;
}
