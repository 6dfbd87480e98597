// Machine ▸ Assign Pi boot folder… as a person meets it: offered for Raspberry Pis only, in
// the Machine menu and the table's context menu; the dialog lists the folders of the piBoot
// folder (not the serial-number folders, which are their own Pi's already) and is worked
// with the keyboard; the choice is written to netboot.yaml, shows in the table where a PC
// shows its config, and is one step of Undo and Redo.
#include "uitestutil.h"

#include "machinetablemodel.h"
#include "machinetableview.h"
#include "mainwindow.h"
#include "pifolderactions.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QInputDialog>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTest>
#include <QUndoStack>

using namespace Nbc;
using namespace Nbc::Ui;

namespace {

const QString kPi = QStringLiteral("dc:a6:32:01:36:c2");
const QString kPc = QStringLiteral("52:54:00:00:00:01");

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class tst_PiFolderActions : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_settings;

    // The bootloader's DISCOVER as DhcpProxy reports it (tst_raspberrypi has the packet).
    static void discoverPi(MachineRegistry *registry)
    {
        MachineEvent e = makeEvent(EventKind::DhcpDiscover, kPi, QHostAddress());
        e.facts.insert(QStringLiteral("arch"), 0);
        e.facts.insert(QStringLiteral("firmware"), QStringLiteral("rpi"));
        e.facts.insert(QStringLiteral("serial"), QStringLiteral("9ffefdef"));
        registry->handleEvent(e);
    }

    static QString configText(MachineTableModel *model, const QString &mac)
    {
        return model->index(model->rowOf(mac), MachineTableModel::ConfigColumn).data().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        UiTest::isolateSettings(m_settings.path());
    }

    void assignWithTheKeyboardUndoAndRedo()
    {
        QTemporaryDir ws;
        UiTest::makeWorkspace(ws.path());
        TestUtil::writeFile(ws.path(), QStringLiteral("pi/uefi-rpi4/RPI_EFI.fd"), QByteArray("uefi"));
        TestUtil::writeFile(ws.path(), QStringLiteral("pi/uefi-rpi4-v2/RPI_EFI.fd"), QByteArray("uefi 2"));
        TestUtil::writeFile(ws.path(), QStringLiteral("pi/9ffefdef/config.txt"), QByteArray("own"));
        TestUtil::writeFile(ws.path(), QStringLiteral("netboot.yaml"),
                            QByteArray("tftpRoot: tftp/\npiBoot: {folder: pi/}\nmachines:\n"
                                       "  - mac: dc:a6:32:01:36:c2\n    config: configs/worker.yaml\n"));
        ConsoleSession session;
        QVERIFY2(session.open(ws.path(), UiTest::loopbackOverrides()), qPrintable(session.error()));
        MainWindow window(&session);
        auto *model = UiTest::child<MachineTableModel>(&window, "machineModel");
        new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest, &window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        discoverPi(session.registry());
        UiTest::discover(session.registry(), kPc);
        session.registry()->publish();
        QCOMPARE(model->rowCount(), 2);

        auto *action = UiTest::child<QAction>(&window, "assignPiFolderAction");
        auto *table = UiTest::child<MachineTableView>(&window, "machineTable");
        // A PC has no Pi boot folder to choose.
        table->selectMacs({kPc});
        QVERIFY(!action->isEnabled());
        table->selectMacs({kPi});
        QVERIFY(action->isEnabled());
        // In the Machine menu, with an access key of its own there, and in the context menu.
        QMenu *machineMenu = nullptr;
        for (QAction *top : window.menuBar()->actions()) {
            if (top->menu() && top->menu()->actions().contains(action))
                machineMenu = top->menu();
        }
        QVERIFY(machineMenu);
        const QChar key = action->text().at(action->text().indexOf(u'&') + 1).toLower();
        int sameKey = 0;
        for (QAction *other : machineMenu->actions()) {
            const qsizetype amp = other->text().indexOf(u'&');
            sameKey += amp >= 0 && other->text().at(amp + 1).toLower() == key ? 1 : 0;
        }
        QCOMPARE(sameKey, 1);
        QMenu *context = window.showMachineMenu(table->visualRect(table->currentIndex()).center());
        QVERIFY(context);
        QVERIFY(context->actions().contains(action));
        context->close();
        // A Pi's row says where its boot files come from, beside its config.
        QCOMPARE(configText(model, kPi), QStringLiteral("worker.yaml"));
        const QString tip = model->index(model->rowOf(kPi), MachineTableModel::ConfigColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QLatin1String("serial-number folder")), qPrintable(tip));

        action->trigger();
        auto *dialog = window.findChild<QInputDialog *>(QStringLiteral("piFolderDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        const QStringList offered = dialog->comboBoxItems();
        QCOMPARE(offered.size(), 3);
        QVERIFY2(offered.first().startsWith(QLatin1String("None")), qPrintable(offered.first()));
        QCOMPARE(offered.mid(1), (QStringList{QStringLiteral("uefi-rpi4"), QStringLiteral("uefi-rpi4-v2")}));
        // For a person to look at: the dialog, and below the table with the folder chosen.
        QDir().mkpath(QStringLiteral(NBC_BINARY_DIR "/screenshots"));
        QVERIFY(dialog->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/pi-folder-dialog.png")));
        auto *combo = dialog->findChild<QComboBox *>();
        QVERIFY(combo);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);
        QTest::keyClick(combo, Qt::Key_Down);
        QTest::keyClick(dialog, Qt::Key_Return);
        QCOMPARE(session.piFolder(kPi), QStringLiteral("uefi-rpi4-v2"));
        QVERIFY(session.flushFiles());   // netboot.yaml is written by the file thread
        const QString settings = ws.filePath(QStringLiteral("netboot.yaml"));
        QVERIFY2(read(settings).contains("piFolder: uefi-rpi4-v2"), read(settings).constData());
        QVERIFY(read(settings).contains("config: configs/worker.yaml"));
        QCOMPARE(session.services()->snapshot().machines.value(kPi).piFolder, QStringLiteral("uefi-rpi4-v2"));
        QCOMPARE(configText(model, kPi), QStringLiteral("worker.yaml · Pi folder uefi-rpi4-v2"));
        window.resize(1400, 500);
        QVERIFY(window.grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/pi-folder-table.png")));
        QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("uefi-rpi4-v2")),
                 qPrintable(window.statusBar()->currentMessage()));

        // One step of Undo and Redo, from the keyboard.
        auto *undo = UiTest::child<QUndoStack>(&window, "undoStack");
        QCOMPARE(undo->count(), 1);
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(session.piFolder(kPi).isEmpty());
        QVERIFY(!read(settings).contains("piFolder"));
        QCOMPARE(configText(model, kPi), QStringLiteral("worker.yaml"));
        QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(session.piFolder(kPi), QStringLiteral("uefi-rpi4-v2"));
        QVERIFY(read(settings).contains("piFolder: uefi-rpi4-v2"));

        // Choosing "None" clears it; the current choice is preselected.
        auto *actions = window.findChild<PiFolderActions *>(QStringLiteral("piFolderActions"));
        QVERIFY(actions);
        dialog = actions->openDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->textValue(), QStringLiteral("uefi-rpi4-v2"));
        dialog->setTextValue(dialog->comboBoxItems().first());
        QTest::keyClick(dialog, Qt::Key_Return);
        QVERIFY(session.piFolder(kPi).isEmpty());
        QCOMPARE(undo->count(), 2);
    }

    // Nothing to choose from: said in the status bar, no dialog.
    void noFolderToChooseIsSaid()
    {
        QTemporaryDir ws;
        UiTest::makeWorkspace(ws.path());
        ConsoleSession session;
        QVERIFY2(session.open(ws.path(), UiTest::loopbackOverrides()), qPrintable(session.error()));
        MainWindow window(&session);
        discoverPi(session.registry());
        session.registry()->publish();
        UiTest::child<MachineTableView>(&window, "machineTable")->selectMacs({kPi});
        auto *actions = window.findChild<PiFolderActions *>(QStringLiteral("piFolderActions"));
        QVERIFY(actions);
        QVERIFY(!actions->openDialog());
        QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("tftpRoot")),
                 qPrintable(window.statusBar()->currentMessage()));
        TestUtil::writeFile(ws.path(), QStringLiteral("tftp/9ffefdef/config.txt"), QByteArray("own"));
        session.workspace().settings().tftpRoot = QStringLiteral("tftp/");
        QVERIFY(!actions->openDialog());
        QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("holds no folder")),
                 qPrintable(window.statusBar()->currentMessage()));
    }
};

QTEST_MAIN(tst_PiFolderActions)
#include "tst_pifolderactions.moc"
