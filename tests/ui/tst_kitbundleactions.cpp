// File ▸ Export kit bundle… and Import kit bundle… in the window: the menu entries, the
// default file name, progress for a large artefact, the question about a newer file, the
// summaries, and a damaged bundle refused in the window's words. Pictures of each dialog
// land in screenshots/ (kit-*.png).
#include "uitestutil.h"

#include "kitbundleactions.h"
#include "mainwindow.h"

#include "inventory/kitbundle.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QFileDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace Nbc;
using namespace Nbc::Ui;

namespace {

const QString kMac = QStringLiteral("52:54:00:00:00:0a");

QString screenshot(const QString &name)
{
    QDir().mkpath(QStringLiteral(NBC_BINARY_DIR "/screenshots"));
    return QStringLiteral(NBC_BINARY_DIR "/screenshots/%1.png").arg(name);
}

} // namespace

class tst_KitBundleActions : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_settings;
    QTemporaryDir m_root;

    // When the modal widget `name` shows (found under `root`), saves its picture and runs
    // `then` on it.
    void whenShown(QWidget *root, const QString &name, std::function<void(QWidget *)> then, int *seen = nullptr)
    {
        UiTest::whenShown(this, root, name, [=](QWidget *w) {
            if (!w->grab().save(screenshot(QStringLiteral("kit-") + name)))
                qWarning("cannot save the picture of %s", qPrintable(name));
            if (seen)
                ++*seen;
            then(w);
        });
    }

    static void click(QWidget *box, const char *button)
    {
        UiTest::child<QPushButton>(box, button)->click();
    }

private Q_SLOTS:
    void initTestCase()
    {
        UiTest::isolateSettings(m_settings.path());
    }

    void exportAndImportThroughTheWindow()
    {
        // The laptop that made the kit: two configs, an assignment and a large artefact.
        const QString source = m_root.filePath(QStringLiteral("source"));
        UiTest::makeWorkspace(source);
        ConsoleSession session;
        QVERIFY2(session.open(source, UiTest::loopbackOverrides()), qPrintable(session.error()));
        QVERIFY(session.assign({kMac}, QStringLiteral("configs/worker.yaml")));
        UiTest::discover(session.registry(), kMac);
        QByteArray big(96 * 1024 * 1024, Qt::Uninitialized);
        quint64 x = 88172645463325252ULL;
        for (qsizetype i = 0; i + 8 <= big.size(); i += 8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            memcpy(big.data() + i, &x, 8);
        }
        TestUtil::writeFile(source, QStringLiteral("artifacts/talos-big/initramfs.xz"), big);
        big.clear();
        MainWindow window(&session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *actions = UiTest::child<KitBundleActions>(&window, "kitBundleActions");

        // Both are in the File menu, each with its own access key.
        QMenu *file = nullptr;
        for (QAction *menu : window.menuBar()->actions()) {
            if (menu->menu() && menu->text() == QLatin1String("&File"))
                file = menu->menu();
        }
        QVERIFY(file);
        QVERIFY(file->actions().contains(actions->exportAction()));
        QVERIFY(file->actions().contains(actions->importAction()));
        file->popup(window.mapToGlobal(QPoint(0, 0)));
        QVERIFY(QTest::qWaitForWindowExposed(file));
        QVERIFY(file->grab().save(screenshot(QStringLiteral("kit-file-menu"))));
        file->close();
        QSet<QChar> keys;
        for (QAction *action : file->actions()) {
            const qsizetype amp = action->text().indexOf(u'&');
            if (amp >= 0)
                QVERIFY2(!keys.contains(action->text().at(amp + 1).toLower()), qPrintable(action->text()));
            if (amp >= 0)
                keys.insert(action->text().at(amp + 1).toLower());
        }

        // The file dialog proposes netboot-kit-<date>.tar.zst; cancelling it writes nothing.
        QString proposed;
        whenShown(&window, QStringLiteral("kitExportFileDialog"), [&proposed](QWidget *w) {
            auto *dialog = static_cast<QFileDialog *>(w);
            proposed = UiTest::child<QLineEdit>(dialog, "fileNameEdit")->text();
            dialog->reject();
        });
        QVERIFY(!actions->exportBundle());
        QCOMPARE(proposed, KitBundle::defaultFileName());

        // Written with progress, then a summary that says what is not in it.
        const QString bundle = m_root.filePath(QStringLiteral("netboot-kit.tar.zst"));
        int progressSeen = 0;
        whenShown(&window, QStringLiteral("kitProgress"), [](QWidget *) {}, &progressSeen);
        QString summary;
        whenShown(&window, QStringLiteral("kitExportDone"), [&summary](QWidget *w) {
            auto *box = static_cast<QMessageBox *>(w);
            summary = box->text() + u'\n' + box->informativeText();
            box->accept();
        });
        QVERIFY(actions->exportBundle(bundle));
        QVERIFY(QFileInfo(bundle).size() > 90 * 1024 * 1024);
        QVERIFY2(summary.contains(QLatin1String("The kit bundle is written")), qPrintable(summary));
        // The default iPXE binaries are Debian's, outside the workspace: said, not carried.
        QVERIFY2(summary.contains(QLatin1String("/usr/lib/ipxe/")), qPrintable(summary));
        if (!progressSeen)
            qWarning("the export was done before its progress dialog showed (no kit-kitProgress.png)");

        // The other laptop: a first start made its own netboot.yaml and inventory, newer
        // than the bundle's. The person confirms, takes the bundle's for both, and the
        // window serves the imported assignment.
        const QString target = m_root.filePath(QStringLiteral("target"));
        ConsoleSession other;
        QVERIFY2(other.open(target, UiTest::loopbackOverrides()), qPrintable(other.error()));
        MainWindow otherWindow(&other);
        otherWindow.show();
        QVERIFY(QTest::qWaitForWindowExposed(&otherWindow));
        auto *otherActions = UiTest::child<KitBundleActions>(&otherWindow, "kitBundleActions");
        whenShown(&otherWindow, QStringLiteral("kitImportConfirm"), [](QWidget *w) {
            QCOMPARE(static_cast<QMessageBox *>(w)->defaultButton(), static_cast<QMessageBox *>(w)->button(QMessageBox::Cancel));
            click(w, "kitImportButton");
        });
        int asked = 0;
        whenShown(&otherWindow, QStringLiteral("kitNewerFile"), [&asked](QWidget *w) {
            ++asked;
            auto *box = static_cast<QMessageBox *>(w);
            QCOMPARE(box->defaultButton(), UiTest::child<QPushButton>(box, "keepButton"));
            UiTest::child<QCheckBox>(box, "sameForAllCheck")->setChecked(true);
            click(w, "overwriteButton");
        });
        QString imported;
        whenShown(&otherWindow, QStringLiteral("kitImportDone"), [&imported](QWidget *w) {
            auto *box = static_cast<QMessageBox *>(w);
            imported = box->text() + u'\n' + box->informativeText();
            box->accept();
        });
        QVERIFY(otherActions->importBundle(bundle));
        QCOMPARE(asked, 1);   // the second newer file took the same answer
        QVERIFY2(imported.contains(QLatin1String("written")), qPrintable(imported));
        QCOMPARE(other.assignment(kMac), QStringLiteral("configs/worker.yaml"));
        // The machine the other laptop had seen is in the table, from the bundle's inventory.
        QTRY_COMPARE(UiTest::child<QAbstractItemModel>(&otherWindow, "machineModel")->rowCount(), 1);
        QVERIFY(QFileInfo(target + QStringLiteral("/artifacts/talos-big/initramfs.xz")).size() == 96 * 1024 * 1024);

        // A bundle cut short: refused, in words, and nothing written.
        QByteArray bytes;
        {
            QFile f(bundle);
            QVERIFY(f.open(QIODevice::ReadOnly));
            bytes = f.read(f.size() / 2);
        }
        const QString cut = m_root.filePath(QStringLiteral("cut.tar.zst"));
        TestUtil::writeFile(m_root.path(), QStringLiteral("cut.tar.zst"), bytes);
        const QString third = m_root.filePath(QStringLiteral("third"));
        ConsoleSession thirdSession;
        QVERIFY(thirdSession.open(third, UiTest::loopbackOverrides()));
        MainWindow thirdWindow(&thirdSession);
        thirdWindow.show();
        QVERIFY(QTest::qWaitForWindowExposed(&thirdWindow));
        whenShown(&thirdWindow, QStringLiteral("kitImportConfirm"), [](QWidget *w) { click(w, "kitImportButton"); });
        QString refusal;
        whenShown(&thirdWindow, QStringLiteral("kitImportFailed"), [&refusal](QWidget *w) {
            refusal = static_cast<QMessageBox *>(w)->informativeText();
            static_cast<QMessageBox *>(w)->accept();
        });
        QVERIFY(!UiTest::child<KitBundleActions>(&thirdWindow, "kitBundleActions")->importBundle(cut));
        QVERIFY2(refusal.startsWith(QLatin1String("The kit bundle is damaged or incomplete")), qPrintable(refusal));
        QVERIFY(refusal.endsWith(QLatin1String("nothing was written.")));
        QVERIFY(thirdSession.assignment(kMac).isEmpty());
        QVERIFY(!QFileInfo::exists(third + QStringLiteral("/configs/worker.yaml")));
    }
};

QTEST_MAIN(tst_KitBundleActions)
#include "tst_kitbundleactions.moc"
