// File ▸ Import dnsmasq setup… in the window: the plan dialog (what is imported, what was
// not understood, each at its file and line), the import through the session, the
// refusal of a workspace that is not empty until the person says replace, and a folder
// that holds no setup. The plan's picture lands in screenshots/import-dnsmasq.png.
#include "uitestutil.h"

#include "mainwindow.h"
#include "setupimportactions.h"

#include "boot/setupimport.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>

#include <functional>

using namespace Nbc;
using namespace Nbc::Ui;

namespace {

QString seed()
{
    return TestUtil::dataPath(QStringLiteral("seed-setup"));
}

// Every text of a tree, one line per item, children indented.
QString treeText(const QTreeWidget *tree)
{
    QStringList lines;
    std::function<void(const QTreeWidgetItem *, int)> walk = [&](const QTreeWidgetItem *item, int depth) {
        lines << QString(depth * 2, u' ') + item->text(0) + QStringLiteral(" | ") + item->text(1);
        for (int i = 0; i < item->childCount(); ++i)
            walk(item->child(i), depth + 1);
    };
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        walk(tree->topLevelItem(i), 0);
    return lines.join(u'\n');
}

} // namespace

class tst_SetupImportActions : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_settings;

    void whenShown(QWidget *root, const QString &name, std::function<void(QWidget *)> then)
    {
        UiTest::whenShown(this, root, name, std::move(then));
    }

    static void closeMessage(QWidget *w)
    {
        auto *box = qobject_cast<QMessageBox *>(w);
        QVERIFY(box);
        box->button(QMessageBox::Ok)->click();
    }

private Q_SLOTS:
    void initTestCase()
    {
        UiTest::isolateSettings(m_settings.path());
    }

    void importThroughTheWindow()
    {
        QTemporaryDir ws;
        QVERIFY(ws.isValid());
        ConsoleSession session;
        QVERIFY2(session.open(ws.path(), UiTest::loopbackOverrides()), qPrintable(session.error()));
        MainWindow window(&session);
        auto *actions = new SetupImportActions(&session, &window);
        QCOMPARE(actions->importAction()->text(), QStringLiteral("Import d&nsmasq setup…"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QString planText, notesText;
        bool pictured = false;
        whenShown(&window, QStringLiteral("setupImportPlan"), [&](QWidget *dialog) {
            QDir().mkpath(QStringLiteral(NBC_BINARY_DIR "/screenshots"));
            pictured = dialog->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/import-dnsmasq.png"));
            planText = treeText(UiTest::child<QTreeWidget>(dialog, "planTree"));
            notesText = UiTest::child<QTextBrowser>(dialog, "notesView")->toPlainText();
            QVERIFY(!UiTest::child<QCheckBox>(dialog, "replaceCheck")->isVisible());
            QPushButton *import = UiTest::child<QPushButton>(dialog, "importButton");
            QVERIFY(import->isEnabled());
            whenShown(&window, QStringLiteral("setupImportDone"), closeMessage);
            import->click();
        });
        QVERIFY(actions->importSetup(seed()));
        QVERIFY(pictured);
        // The plan says what comes in ...
        QVERIFY2(planText.contains(QLatin1String("Proxy DHCP")), qPrintable(planText));
        QVERIFY2(planText.contains(QStringLiteral("52:54:00:ab:cd:ef → configs/controlplane.yaml")), qPrintable(planText));
        QVERIFY2(planText.contains(QStringLiteral("52:54:00:12:34:56 → configs/52-54-00-12-34-56.yaml (worker-1)")),
                 qPrintable(planText));
        QVERIFY2(planText.contains(QLatin1String("www/talos/vmlinuz-amd64")), qPrintable(planText));
        // ... and what it did not understand, at its line.
        QVERIFY2(notesText.contains(QLatin1String("dnsmasq.conf:31  dns-forward-max=150\n'dns-forward-max' is not one of")),
                 qPrintable(notesText));
        QVERIFY2(notesText.contains(QLatin1String("www/boot.ipxe:11")), qPrintable(notesText));

        // The session opened the workspace again with what was imported.
        QCOMPARE(session.assignment(QStringLiteral("52:54:00:ab:cd:ef")), QStringLiteral("configs/controlplane.yaml"));
        QCOMPARE(session.assignment(QStringLiteral("52:54:00:12:34:56")), QStringLiteral("configs/52-54-00-12-34-56.yaml"));
        QCOMPARE(session.defaultArtifacts(), QStringLiteral("talos-1.12"));
        QVERIFY2(session.error().isEmpty(), qPrintable(session.error()));

        // Again: the workspace is no longer empty; Import waits for "replace".
        bool disabledFirst = false;
        whenShown(&window, QStringLiteral("setupImportPlan"), [&](QWidget *dialog) {
            auto *replace = UiTest::child<QCheckBox>(dialog, "replaceCheck");
            QPushButton *import = UiTest::child<QPushButton>(dialog, "importButton");
            disabledFirst = replace->isVisible() && !import->isEnabled();
            replace->setChecked(true);
            QVERIFY(import->isEnabled());
            UiTest::child<QPushButton>(dialog, "cancelButton")->click();
        });
        QVERIFY(!actions->importSetup(seed()));
        QVERIFY(disabledFirst);
    }

    void aFolderWithoutASetupIsSaidSo()
    {
        QTemporaryDir ws, empty;
        ConsoleSession session;
        QVERIFY(session.open(ws.path(), UiTest::loopbackOverrides()));
        MainWindow window(&session);
        auto *actions = new SetupImportActions(&session, &window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QString said;
        whenShown(&window, QStringLiteral("setupImportFailed"), [&](QWidget *w) {
            said = qobject_cast<QMessageBox *>(w)->informativeText();
            closeMessage(w);
        });
        QVERIFY(!actions->importSetup(empty.path()));
        QVERIFY2(said.contains(QLatin1String("dnsmasq.conf")), qPrintable(said));
    }
};

QTEST_MAIN(tst_SetupImportActions)
#include "tst_setupimportactions.moc"
