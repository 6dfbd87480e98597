// File > Export for dnsmasq + nginx / for Matchbox as a person meets them: the export is
// written and said so; a folder that is not empty is used only after asking, and Cancel
// writes nothing; a workspace that cannot be exported says why. The boxes' pictures land
// in screenshots/export-*.png.
#include "uitestutil.h"

#include "mainwindow.h"
#include "setupexportactions.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace Nbc;
using namespace Nbc::Ui;

class tst_SetupExportActions : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_settings;

    static void picture(QWidget *w, const QString &name)
    {
        QDir().mkpath(QStringLiteral(NBC_BINARY_DIR "/screenshots"));
        QVERIFY(w->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/export-%1.png").arg(name)));
    }

    // A workspace that can be exported: an interface, a kernel set and one machine with
    // its config.
    static void makeExportable(const QString &dir)
    {
        UiTest::makeWorkspace(dir);
        QDir().mkpath(dir + QStringLiteral("/artifacts"));
        for (const char *name : {"vmlinuz-amd64", "initramfs-amd64.xz"}) {
            QFile file(dir + QStringLiteral("/artifacts/") + QLatin1String(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("stand-in");
        }
        QFile yaml(dir + QStringLiteral("/netboot.yaml"));
        QVERIFY(yaml.open(QIODevice::WriteOnly));
        yaml.write("network:\n  interface: lo\n  mode: proxy\n  serverAddress: 127.0.0.1\n"
                   "artifacts:\n  talos-1.7:\n    kernel: artifacts/vmlinuz-amd64\n"
                   "    initramfs: artifacts/initramfs-amd64.xz\n    talosVersion: \"1.7\"\n"
                   "defaultArtifacts: talos-1.7\n"
                   "machines:\n  - mac: 52:54:00:00:00:01\n    config: configs/worker.yaml\n    hostname: worker-1\n");
    }

private Q_SLOTS:
    void initTestCase()
    {
        UiTest::isolateSettings(m_settings.path());
    }

    void exportAskFirstAndFailure()
    {
        QTemporaryDir ws;
        makeExportable(ws.path());
        ConsoleSession session;
        QVERIFY2(session.open(ws.path(), UiTest::loopbackOverrides()), qPrintable(session.error()));
        MainWindow window(&session);
        auto *actions = window.findChild<SetupExportActions *>(QStringLiteral("setupExportActions"));
        QVERIFY(actions);
        QVERIFY(actions->dnsmasqNginxAction()->text().contains(QStringLiteral("dnsmasq")));

        // Into an empty folder: written, and a box says where and what the configs expose.
        QTemporaryDir out;
        QString doneText;
        UiTest::whenShown(this, &window, QStringLiteral("setupExportDone"), [&](QWidget *w) {
            auto *box = qobject_cast<QMessageBox *>(w);
            doneText = box->text() + u'\n' + box->detailedText() + box->informativeText();
            picture(w, QStringLiteral("done"));
            box->accept();
        });
        QVERIFY(actions->exportSetup(Boot::SetupFormat::DnsmasqNginx, out.path()));
        QVERIFY2(doneText.contains(QStringLiteral("secrets")), qPrintable(doneText));
        QVERIFY(QFile::exists(out.filePath(QStringLiteral("dnsmasq.conf"))));
        QVERIFY(QFile::exists(out.filePath(QStringLiteral("README.md"))));

        // The same folder again: asked first; Cancel writes nothing.
        QFile::remove(out.filePath(QStringLiteral("dnsmasq.conf")));
        UiTest::whenShown(this, &window, QStringLiteral("setupExportNotEmpty"), [&](QWidget *w) {
            picture(w, QStringLiteral("not-empty"));
            qobject_cast<QMessageBox *>(w)->button(QMessageBox::Cancel)->click();
        });
        QVERIFY(!actions->exportSetup(Boot::SetupFormat::Matchbox, out.path()));
        QVERIFY(!QFile::exists(out.filePath(QStringLiteral("dnsmasq.conf"))));
        QVERIFY(!QDir(out.filePath(QStringLiteral("profiles"))).exists());

        // A workspace without a kernel set: nothing exported, and why.
        QFile::remove(ws.filePath(QStringLiteral("artifacts/vmlinuz-amd64")));
        QTemporaryDir out2;
        QString failText;
        UiTest::whenShown(this, &window, QStringLiteral("setupExportFailed"), [&](QWidget *w) {
            auto *box = qobject_cast<QMessageBox *>(w);
            failText = box->text() + u'\n' + box->informativeText() + box->detailedText();
            picture(w, QStringLiteral("failed"));
            box->accept();
        });
        QVERIFY(!actions->exportSetup(Boot::SetupFormat::DnsmasqNginx, out2.path()));
        QVERIFY2(failText.contains(QStringLiteral("vmlinuz-amd64")), qPrintable(failText));
        QVERIFY(QDir(out2.path()).isEmpty());
    }
};

QTEST_MAIN(tst_SetupExportActions)
#include "tst_setupexportactions.moc"
