#include "uitestutil.h"

#include "assigner.h"
#include "assignqueuedialog.h"
#include "attentionbar.h"
#include "configlistmodel.h"
#include "machinedetaildock.h"
#include "machinefiltermodel.h"
#include "machinetablemodel.h"
#include "machinetableview.h"
#include "mainwindow.h"
#include "doctordialog.h"
#include "firstrunwizard.h"
#include "servicespanel.h"
#include "viewplaceholder.h"
#include "wakedialog.h"

#include "engine/servicehost.h"
#include "inventory/wakeonlan.h"
#include "session/rogueguard.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QMenuBar>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDragMoveEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QTabBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUdpSocket>
#include <QUndoStack>

using namespace Nbc;
using namespace Nbc::Ui;
using UiTest::macOf;

namespace {

const QString kWorker = QStringLiteral("configs/worker.yaml");
const QString kBroken = QStringLiteral("configs/broken.yaml");

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void dropOnARowAssignsAndWritesTheWorkspace();
    void dropOnASelectionAssignsEverySelectedMachine();
    void invalidConfigIsRefusedWithAVisibleReason();
    void undoAndRedoWithTheKeyboard();
    void assignAndClearWithTheKeyboard();
    void contextMenuAssignsAndForgets();
    void wakeSendsAMagicPacketOnLoopback();
    void wakeGoesInBatchesWithProgressAndCancel();
    void rogueDhcpServerIsShownWithPxeOnly();
    void detailDockEditsValuesAndShowsTheLog();
    void filterByTextAndStage();
    void layoutIsRemembered();
    void theHttpEngineServesWhatWasDropped();
    void noInterfaceShowsTheProblemAndTheChoices();
    void forgetAsksFirst();
    void enterInTheLibraryAssignsToTheSelection();
    void tabWalksFilterTableLibraryDetail();
    void defaultColumnsShowTheHintAt1600x960();
    void dragOutlinesTargetsAndSelectionIsSummedUp();
    void powerOnQueueNamesNewMachines();
    void consoleBannerWhenServicesAreStopped();
    void neighbourStripNamesWhoWasTurnedAway();
    void stopAndRoleChangeAskFirst();
    void preflightSaysWhatIsMissing();
    void columnMenuHidesColumnsAndRemembers();
    void emptyTableSaysHowMachinesArrive();
    void filterThatHidesEveryMachineSaysSo();
    void emptyLibrarySaysWhereConfigsGo();
    void noInterfaceIsAskedForInTheWindowsWords();
    void artefactsDialogAddsDefaultsAndRemoves();
    void importConfigsFromTheWindow();
    void setupAndDoctorAreInTheMenus();

private:
    QPoint rowCenter(const QString &mac) const;
    bool drop(const QString &configId, const QString &mac, QString *statusDuringDrag = nullptr);
    void selectMacs(const QStringList &macs);
    void addMachines(int count);
    QMessageBox *forgetConfirmation() const;
    // A first start: an empty workspace, no interface chosen, so open() failed.
    std::unique_ptr<MainWindow> firstStart(ConsoleSession *session, const QString &dir);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    UiTest::isolateSettings(m_settingsDir.path());
}

void TestMainWindow::init()
{
    QSettings().clear();   // each test starts from the default layout
    m_dir = std::make_unique<QTemporaryDir>();
    UiTest::makeWorkspace(m_dir->path());
    m_session = std::make_unique<ConsoleSession>();
    QVERIFY2(m_session->open(m_dir->path(), UiTest::loopbackOverrides()), qPrintable(m_session->error()));
    m_window = std::make_unique<MainWindow>(m_session.get());
    new QAbstractItemModelTester(UiTest::child<MachineFilterModel>(&*m_window, "machineFilterModel"), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_window.get());
    new QAbstractItemModelTester(UiTest::child<ConfigListModel>(&*m_window, "configModel"), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_window.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    addMachines(4);
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_dir.reset();
}

void TestMainWindow::addMachines(int count)
{
    for (int i = 0; i < count; ++i)
        UiTest::discover(m_session->registry(), macOf(i));
    m_session->registry()->publish();
    QCOMPARE(UiTest::child<MachineTableModel>(&*m_window, "machineModel")->rowCount(), count);
}

QPoint TestMainWindow::rowCenter(const QString &mac) const
{
    const QModelIndex source = UiTest::child<MachineTableModel>(&*m_window, "machineModel")->index(UiTest::child<MachineTableModel>(&*m_window, "machineModel")->rowOf(mac), 0);
    const QModelIndex proxy = UiTest::child<MachineFilterModel>(&*m_window, "machineFilterModel")->mapFromSource(source);
    return UiTest::child<MachineTableView>(&*m_window, "machineTable")->visualRect(proxy).center();
}

void TestMainWindow::selectMacs(const QStringList &macs)
{
    MachineTableView *table = UiTest::child<MachineTableView>(&*m_window, "machineTable");
    table->clearSelection();
    for (const QString &mac : macs) {
        const QModelIndex index = table->indexAt(rowCenter(mac));
        table->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    }
    QCOMPARE(table->selectedMacs().size(), macs.size());
}

// The drag's enter, move and drop events, delivered to the table's viewport as a drag
// from the config list would deliver them. True when the drop was accepted.
bool TestMainWindow::drop(const QString &configId, const QString &mac, QString *statusDuringDrag)
{
    const QModelIndex config = UiTest::child<ConfigListModel>(&*m_window, "configModel")->index(UiTest::child<ConfigListModel>(&*m_window, "configModel")->rowOf(configId));
    std::unique_ptr<QMimeData> mime(UiTest::child<ConfigListModel>(&*m_window, "configModel")->mimeData({config}));
    if (!mime)
        return false;
    QWidget *viewport = UiTest::child<MachineTableView>(&*m_window, "machineTable")->viewport();
    const QPoint pos = rowCenter(mac);
    QDragEnterEvent enter(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    if (statusDuringDrag)
        *statusDuringDrag = m_window->statusBar()->currentMessage();
    QDropEvent dropEvent(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &dropEvent);
    return move.isAccepted() && dropEvent.isAccepted();
}

void TestMainWindow::dropOnARowAssignsAndWritesTheWorkspace()
{
    QString status;
    QVERIFY(drop(kWorker, macOf(2), &status));
    QVERIFY2(status.contains(macOf(2)), qPrintable(status));   // "Drop to assign it to …"
    QCOMPARE(m_session->assignment(macOf(2)), kWorker);
    QVERIFY(m_session->assignment(macOf(1)).isEmpty());
    // Written at once (by the file thread): the file on disk has it.
    QVERIFY(m_session->flushFiles());
    QFile yaml(m_session->workspace().settingsPath());
    QVERIFY(yaml.open(QIODevice::ReadOnly));
    const QByteArray text = yaml.readAll();
    QVERIFY(text.contains(macOf(2).toLatin1()));
    QVERIFY(text.contains("configs/worker.yaml"));
    const QModelIndex cell = UiTest::child<MachineTableModel>(&*m_window, "machineModel")->index(UiTest::child<MachineTableModel>(&*m_window, "machineModel")->rowOf(macOf(2)),
                                                             MachineTableModel::ConfigColumn);
    QCOMPARE(cell.data().toString(), QStringLiteral("worker.yaml"));
    QCOMPARE(UiTest::child<QUndoStack>(&*m_window, "undoStack")->count(), 1);
}

// While dragging: the rows it would go to are outlined and the status bar names them by
// hostname; a multi-selection is summed up over the current machine's details.
void TestMainWindow::dragOutlinesTargetsAndSelectionIsSummedUp()
{
    QVERIFY(m_session->setMachineValues(macOf(2), QStringLiteral("rack1-07"), QString()));
    const QModelIndex config = UiTest::child<ConfigListModel>(&*m_window, "configModel")->index(UiTest::child<ConfigListModel>(&*m_window, "configModel")->rowOf(kWorker));
    std::unique_ptr<QMimeData> mime(UiTest::child<ConfigListModel>(&*m_window, "configModel")->mimeData({config}));
    auto *table = UiTest::child<MachineTableView>(&*m_window, "machineTable");
    const QPoint pos = rowCenter(macOf(2));
    QDragEnterEvent enter(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(table->viewport(), &enter);
    QDragMoveEvent move(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(table->viewport(), &move);
    QCOMPARE(table->dropHighlight(), QStringList{macOf(2)});
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QLatin1String("rack1-07")),
             qPrintable(m_window->statusBar()->currentMessage()));
    QDragLeaveEvent leave;
    QApplication::sendEvent(table->viewport(), &leave);
    QVERIFY(table->dropHighlight().isEmpty());

    selectMacs({macOf(0), macOf(1), macOf(3)});
    MachineDetailDock *dock = UiTest::child<MachineDetailDock>(&*m_window, "machineDetailDock");
    QVERIFY2(dock->selectionSummary().startsWith(QLatin1String("3 machines selected: 3 Discovered")),
             qPrintable(dock->selectionSummary()));
    selectMacs({macOf(1)});
    QVERIFY(dock->selectionSummary().isEmpty());
}

// Assign by power-on order: the dialog makes the names, each new machine takes the next.
void TestMainWindow::powerOnQueueNamesNewMachines()
{
    AssignQueueDialog dialog({kWorker});
    dialog.patternEdit()->setText(QStringLiteral("rack1-{n:02}"));
    dialog.firstSpin()->setValue(7);
    dialog.countSpin()->setValue(3);
    QCOMPARE(dialog.preview(), QStringLiteral("Names: rack1-07, rack1-08, rack1-09"));
    dialog.adjustSize();
    QVERIFY(dialog.grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/assign-queue-dialog.png")));
    m_session->setAssignQueue(dialog.entries());
    auto *label = UiTest::child<QLabel>(&*m_window, "queueLabel");
    QVERIFY(!label->isHidden());
    QCOMPARE(label->text(), QStringLiteral("Power-on queue: 3 left, next rack1-07"));
    UiTest::discover(m_session->registry(), macOf(9));
    QCOMPARE(m_session->assignment(macOf(9)), kWorker);
    QCOMPARE(m_session->displayName(macOf(9)), QStringLiteral("rack1-07"));
    QCOMPARE(label->text(), QStringLiteral("Power-on queue: 2 left, next rack1-08"));
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(QLatin1String("rack1-07 (")));
    m_session->setAssignQueue({});
    QVERIFY(label->isHidden());
}

// The console itself is the cause: a banner says so, with what to press.
void TestMainWindow::consoleBannerWhenServicesAreStopped()
{
    auto *bar = UiTest::child<AttentionBar>(&*m_window, "attentionBar");
    m_session->stopServices();
    bar->refresh();
    QVERIFY2(bar->bannerText().contains(QLatin1String("services are stopped")), qPrintable(bar->bannerText()));
    UiTest::download(m_session->registry(), macOf(2), 100, 1000, 10, EventKind::HttpProgress);
    m_session->registry()->publish();
    bar->refresh();
    QVERIFY2(bar->bannerText().endsWith(QLatin1String("A machine waits for it.")), qPrintable(bar->bannerText()));
    QCOMPARE(UiTest::child<QPushButton>(&*m_window, "bannerStart")->text(), QStringLiteral("&Start services"));
    QVERIFY(UiTest::child<QPushButton>(&*m_window, "bannerPort")->isHidden());
    QVERIFY(m_window->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/console-banner.png")));
}

// A neighbour that takes more than its share: a strip names it, the machines' view stays.
void TestMainWindow::neighbourStripNamesWhoWasTurnedAway()
{
    auto *bar = UiTest::child<AttentionBar>(&*m_window, "attentionBar");
    bar->refresh();
    QVERIFY(bar->neighbourText().isEmpty());
    EngineStatus http;
    http.engine = QStringLiteral("http");
    http.state = EngineStatus::State::Running;
    http.refusals = {{QHostAddress(QStringLiteral("10.0.0.9")), QStringLiteral("per-address-limit"), 992,
                      QDateTime::currentMSecsSinceEpoch()}};
    m_session->neighbours()->takeStatus(http);
    for (int i = 0; i < 3; ++i)
        m_session->neighbours()->add(QStringLiteral("registry"), QHostAddress(QStringLiteral("0.0.0.0")),
                                     QStringLiteral("new-machine-rate"));
    bar->refresh();
    const QString text = bar->neighbourText();
    QVERIFY2(text.startsWith(QLatin1String("10.0.0.9 was turned away 992 times: more HTTP connections at once")),
             qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("keep their share")), qPrintable(text));
    auto *strip = UiTest::child<QWidget>(&*m_window, "neighbourBanner");
    QVERIFY(!strip->isHidden());
    QVERIFY2(strip->findChildren<QLabel *>().last()->toolTip().contains(QLatin1String("0.0.0.0 (registry)")),
             qPrintable(strip->findChildren<QLabel *>().last()->toolTip()));
    // The registry's own bounds are in the Services panel, like an engine's counters.
    auto *tree = UiTest::child<QTreeWidget>(&*m_window, "servicesTree");
    auto machinesItem = [tree]() -> QString {
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            if (tree->topLevelItem(i)->text(0).startsWith(QLatin1String("Machines")))
                return tree->topLevelItem(i)->text(0);
        }
        return {};
    };
    QTRY_VERIFY_WITH_TIMEOUT(!machinesItem().isEmpty(), 3000);
    QVERIFY2(machinesItem().contains(QStringLiteral("%1 of 10000 machines").arg(m_session->registry()->machineCount())),
             qPrintable(machinesItem()));
    QVERIFY2(machinesItem().contains(QStringLiteral("ignored 0 · refused 0 · evicted 0")), qPrintable(machinesItem()));
    QTest::qWait(50);   // the layout settles on the wrapped height
    QVERIFY(strip->height() >= 2 * strip->fontMetrics().height());
    QVERIFY(m_window->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/neighbour-strip.png")));
}

// The questions that interrupt work: Cancel is the default, and answering it changes nothing.
void TestMainWindow::stopAndRoleChangeAskFirst()
{
    // Answers the next question box: saves its picture, then presses Cancel or the accept button.
    auto answer = [this](const char *name, const char *accept, bool yes) {
        QTimer::singleShot(0, this, [this, name, accept, yes] {
            QMessageBox *box = nullptr;
            QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QLatin1String(name))) != nullptr);
            QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
            QVERIFY(box->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/%1.png").arg(QLatin1String(name))));
            if (yes)
                UiTest::child<QPushButton>(box, accept)->click();
            else
                box->button(QMessageBox::Cancel)->click();
        });
    };
    m_session->startServices();
    QTRY_VERIFY_WITH_TIMEOUT(UiTest::child<QAction>(&*m_window, "stopAction")->isEnabled(), 10000);
    UiTest::download(m_session->registry(), macOf(2), 100, 1000, 10, EventKind::HttpProgress);
    answer("stopConfirmation", "confirmStop", false);
    UiTest::child<QAction>(&*m_window, "stopAction")->trigger();
    QVERIFY(m_session->registry()->consoleProblem().isEmpty());   // still serving
    answer("stopConfirmation", "confirmStop", true);
    UiTest::child<QAction>(&*m_window, "stopAction")->trigger();
    QVERIFY(m_session->registry()->consoleProblem().contains(QLatin1String("stopped")));

    // A control plane installing: a worker config dropped on it asks first.
    const QHostAddress ip(QStringLiteral("10.77.0.44"));
    m_session->registry()->handleEvent(makeEvent(EventKind::DhcpRequest, macOf(3), ip));
    MachineEvent served = makeEvent(EventKind::ConfigServed, macOf(3), ip, QStringLiteral("cp.yaml"));
    served.facts.insert(QStringLiteral("config"), m_session->workspace().absolutePath(QStringLiteral("configs/cp.yaml")));
    served.facts.insert(QStringLiteral("role"), QStringLiteral("controlplane"));
    m_session->registry()->handleEvent(served);
    MachineEvent line = makeEvent(EventKind::Log, {}, ip, QStringLiteral("[talos] task install (1/1): installing Talos to disk /dev/sda"));
    line.facts.insert(QStringLiteral("transport"), QStringLiteral("tcp"));
    m_session->registry()->handleEvent(line);
    answer("roleChangeConfirmation", "confirmRoleChange", false);
    QVERIFY(!drop(kWorker, macOf(3)) || m_session->assignment(macOf(3)).isEmpty());
    QVERIFY(m_session->assignment(macOf(3)).isEmpty());
    answer("roleChangeConfirmation", "confirmRoleChange", true);
    drop(kWorker, macOf(3));
    QCOMPARE(m_session->assignment(macOf(3)), kWorker);
    m_session->registry()->publish();
    const QModelIndex config = UiTest::child<MachineTableModel>(&*m_window, "machineModel")
                                   ->index(UiTest::child<MachineTableModel>(&*m_window, "machineModel")->rowOf(macOf(3)),
                                           MachineTableModel::ConfigColumn);
    QCOMPARE(config.data().toString(), QStringLiteral("worker.yaml (reinstall to apply)"));
}

// Pre-flight from the Services menu; this workspace has no Talos files, and says so.
void TestMainWindow::preflightSaysWhatIsMissing()
{
    QAction *preflight = UiTest::child<QAction>(&*m_window, "preflightAction");
    QVERIFY(preflight->isEnabled());
    preflight->trigger();
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QLatin1String("no Talos kernel and initramfs")),
             qPrintable(m_window->statusBar()->currentMessage()));
    QVERIFY(preflight->isEnabled());
}

void TestMainWindow::dropOnASelectionAssignsEverySelectedMachine()
{
    selectMacs({macOf(0), macOf(1), macOf(3)});
    QString status;
    QVERIFY(drop(kWorker, macOf(1), &status));
    QVERIFY2(status.contains(QLatin1String("3 selected")), qPrintable(status));
    QCOMPARE(m_session->assignment(macOf(0)), kWorker);
    QCOMPARE(m_session->assignment(macOf(1)), kWorker);
    QCOMPARE(m_session->assignment(macOf(3)), kWorker);
    QVERIFY(m_session->assignment(macOf(2)).isEmpty());
    // A drop on a row outside the selection is for that row only.
    QVERIFY(drop(QStringLiteral("configs/controlplane.yaml"), macOf(2)));
    QCOMPARE(m_session->assignment(macOf(2)), QStringLiteral("configs/controlplane.yaml"));
    QCOMPARE(m_session->assignment(macOf(0)), kWorker);
}

void TestMainWindow::invalidConfigIsRefusedWithAVisibleReason()
{
    QString status;
    QVERIFY(!drop(kBroken, macOf(1), &status));
    QVERIFY2(status.contains(QLatin1String("broken.yaml")) && status.contains(QLatin1String("cannot be assigned")),
             qPrintable(status));
    QVERIFY(m_session->assignment(macOf(1)).isEmpty());
    QCOMPARE(UiTest::child<QUndoStack>(&*m_window, "undoStack")->count(), 0);
    // The library says so before anyone drags it.
    const QModelIndex broken = UiTest::child<ConfigListModel>(&*m_window, "configModel")->index(UiTest::child<ConfigListModel>(&*m_window, "configModel")->rowOf(kBroken));
    QVERIFY(!broken.data(ConfigListModel::AssignableRole).toBool());
    QVERIFY(!broken.data(ConfigListModel::ProblemsRole).toStringList().isEmpty());
}

void TestMainWindow::undoAndRedoWithTheKeyboard()
{
    QVERIFY(drop(kWorker, macOf(1)));
    QVERIFY(drop(QStringLiteral("configs/controlplane.yaml"), macOf(1)));
    QCOMPARE(m_session->assignment(macOf(1)), QStringLiteral("configs/controlplane.yaml"));
    UiTest::child<MachineTableView>(&*m_window, "machineTable")->setFocus();
    QTest::keyClick(UiTest::child<MachineTableView>(&*m_window, "machineTable"), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_session->assignment(macOf(1)), kWorker);
    QTest::keyClick(UiTest::child<MachineTableView>(&*m_window, "machineTable"), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(m_session->assignment(macOf(1)).isEmpty());
    // Undo writes the workspace too.
    QVERIFY(m_session->flushFiles());
    Workspace reread = Workspace::open(m_dir->path());
    const MachineIntent *intent = reread.machine(macOf(1));
    QVERIFY(!intent || intent->configPath.isEmpty());
    QTest::keyClick(UiTest::child<MachineTableView>(&*m_window, "machineTable"), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_session->assignment(macOf(1)), kWorker);
}

void TestMainWindow::assignAndClearWithTheKeyboard()
{
    selectMacs({macOf(0), macOf(2)});
    MachineTableView *table = UiTest::child<MachineTableView>(&*m_window, "machineTable");
    table->setFocus();
    QVERIFY(UiTest::child<QAction>(&*m_window, "assignAction")->isEnabled());
    QTest::keyClick(table, Qt::Key_E, Qt::ControlModifier);
    auto *dialog = m_window->findChild<QInputDialog *>(QStringLiteral("assignDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    // Only configs that can be assigned are offered, by name and role (not as a path).
    const QStringList offered = dialog->comboBoxItems();
    const QStringList workers = offered.filter(QRegularExpression(QStringLiteral("^worker\\.yaml — worker")));
    QVERIFY2(workers.size() == 1, qPrintable(offered.join(u'\n')));
    QVERIFY(!offered.join(u'\n').contains(kBroken.section(u'/', -1)));
    QVERIFY(!offered.join(u'\n').contains(QLatin1String("configs/")));
    dialog->setTextValue(workers.first());
    QTest::keyClick(dialog, Qt::Key_Return);
    QCOMPARE(m_session->assignment(macOf(0)), kWorker);
    QCOMPARE(m_session->assignment(macOf(2)), kWorker);
    QVERIFY(m_session->assignment(macOf(1)).isEmpty());

    table->setFocus();
    QTest::keyClick(table, Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(m_session->assignment(macOf(0)).isEmpty());
    QVERIFY(m_session->assignment(macOf(2)).isEmpty());
    QCOMPARE(UiTest::child<QUndoStack>(&*m_window, "undoStack")->count(), 2);
    QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_session->assignment(macOf(0)), kWorker);
}

void TestMainWindow::contextMenuAssignsAndForgets()
{
    QWidget *viewport = UiTest::child<MachineTableView>(&*m_window, "machineTable")->viewport();
    const QPoint pos = rowCenter(macOf(3));
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, viewport->mapToGlobal(pos));
    QApplication::sendEvent(viewport, &event);
    auto *menu = m_window->findChild<QMenu *>(QStringLiteral("machineContextMenu"));
    QVERIFY(menu);
    QTRY_VERIFY(menu->isVisible());
    // The row under the pointer became the selection.
    QCOMPARE(UiTest::child<MachineTableView>(&*m_window, "machineTable")->selectedMacs(), QStringList{macOf(3)});
    auto *assignTo = menu->findChild<QMenu *>(QStringLiteral("assignSubmenu"));
    QVERIFY(assignTo);
    QAction *worker = nullptr;
    for (QAction *action : assignTo->actions()) {
        if (action->data().toString() == kWorker)
            worker = action;
        if (action->data().toString() == kBroken)
            QVERIFY(!action->isEnabled());   // offered, greyed out, with the reason as its tip
    }
    QVERIFY(worker);
    worker->trigger();
    menu->close();
    QCOMPARE(m_session->assignment(macOf(3)), kWorker);

    const QList<QAction *> actions = m_window->showMachineMenu(rowCenter(macOf(1)))->actions();
    QVERIFY(actions.contains(UiTest::child<QAction>(&*m_window, "forgetAction")));
    QVERIFY(actions.contains(UiTest::child<QAction>(&*m_window, "clearAction")));
    QVERIFY(actions.contains(UiTest::child<QAction>(&*m_window, "reinstallAction")));
    QVERIFY(actions.contains(UiTest::child<QAction>(&*m_window, "wakeAction")));
    UiTest::child<QAction>(&*m_window, "forgetAction")->trigger();
    QMessageBox *box = forgetConfirmation();
    QVERIFY(box);
    auto *confirm = box->findChild<QPushButton *>(QStringLiteral("confirmForget"));
    QVERIFY(confirm);
    confirm->click();
    m_session->registry()->publish();
    QCOMPARE(UiTest::child<MachineTableModel>(&*m_window, "machineModel")->rowOf(macOf(1)), -1);
    QCOMPARE(UiTest::child<MachineTableModel>(&*m_window, "machineModel")->rowCount(), 3);
}

void TestMainWindow::wakeSendsAMagicPacketOnLoopback()
{
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    m_session->setWakePort(receiver.localPort());
    selectMacs({macOf(2)});
    UiTest::child<MachineTableView>(&*m_window, "machineTable")->setFocus();
    QTest::keyClick(UiTest::child<MachineTableView>(&*m_window, "machineTable"), Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(receiver.hasPendingDatagrams());
    QByteArray packet(receiver.pendingDatagramSize(), 0);
    receiver.readDatagram(packet.data(), packet.size());
    QCOMPARE(packet, wakeOnLanPacket(macOf(2)));
}

// More machines than a batch: a batch at a time, the next when the last has its kernel
// and initramfs; the dialog says how far it is, takes the batch size, and cancels the rest.
void TestMainWindow::wakeGoesInBatchesWithProgressAndCancel()
{
    QSettings().setValue(QStringLiteral("wake/batchSize"), 4);
    QStringList macs;
    for (int i = 0; i < 12; ++i) {
        UiTest::discover(m_session->registry(), macOf(i));
        macs << macOf(i);
    }
    m_session->registry()->publish();
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    m_session->setWakePort(receiver.localPort());
    auto received = [&receiver](int count) {
        QSet<QString> got;
        // The caller compares what came; waiting longer would not change it.
        [[maybe_unused]] const bool enough = QTest::qWaitFor([&] {
            while (receiver.hasPendingDatagrams()) {
                QByteArray packet(receiver.pendingDatagramSize(), 0);
                receiver.readDatagram(packet.data(), packet.size());
                got.insert(QString::fromLatin1(packet.mid(6, 6).toHex(':')));
            }
            return got.size() >= count;
        }, 3000);
        QTest::qWait(count == 0 ? 200 : 0);
        while (receiver.hasPendingDatagrams()) {
            QByteArray packet(receiver.pendingDatagramSize(), 0);
            receiver.readDatagram(packet.data(), packet.size());
            got.insert(QString::fromLatin1(packet.mid(6, 6).toHex(':')));
        }
        return got;
    };
    auto hasItsKernel = [this](const QString &mac) {
        for (ArtifactKind artifact : {ArtifactKind::Kernel, ArtifactKind::Initramfs}) {
            MachineEvent e = makeEvent(EventKind::HttpDone, mac, QHostAddress(QStringLiteral("10.0.0.5")),
                                       artifactRouteName(artifact));
            e.artifact = artifact;
            m_session->registry()->handleEvent(e);
        }
    };
    selectMacs(macs);
    m_window->findChild<QAction *>(QStringLiteral("wakeAction"))->trigger();
    const QSet<QString> first = received(4);
    QCOMPARE(first.size(), 4);
    auto *dialog = m_window->findChild<WakeDialog *>(QStringLiteral("wakeDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->text(), QStringLiteral("Waking 12 machines: batch 1 of 3, 0 woken"));
    QCOMPARE(UiTest::child<QSpinBox>(dialog, "wakeBatchSize")->value(), 4);
    QVERIFY(received(0).isEmpty());   // the next batch waits for these

    for (const QString &mac : first)
        hasItsKernel(mac);
    const QSet<QString> second = received(4);
    QCOMPARE(second.size(), 4);
    QVERIFY(!second.intersects(first));
    QTRY_COMPARE(dialog->text(), QStringLiteral("Waking 12 machines: batch 2 of 3, 4 woken"));
    QDir().mkpath(QStringLiteral(NBC_BINARY_DIR "/screenshots"));
    QVERIFY(dialog->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/wake-progress.png")));

    UiTest::child<QPushButton>(dialog, "wakeCancel")->click();
    QVERIFY2(dialog->text().startsWith(QLatin1String("Cancelled: 8 of 12 machines")), qPrintable(dialog->text()));
    for (const QString &mac : second)
        hasItsKernel(mac);
    QVERIFY(received(0).isEmpty());
    QVERIFY(!UiTest::child<QPushButton>(dialog, "wakeCancel")->isEnabled());
    QVERIFY(dialog->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/wake-cancelled.png")));
}

// Another DHCP server on a full-mode segment: a red strip over the table names it, and its
// button makes the server answer PXE clients only (written to netboot.yaml).
void TestMainWindow::rogueDhcpServerIsShownWithPxeOnly()
{
    auto *bar = UiTest::child<AttentionBar>(&*m_window, "attentionBar");
    // Full mode on loopback: the guard runs with the services and hears what the server sees.
    m_session->workspace().settings().dhcpRange = QStringLiteral("127.0.0.100-127.0.0.102");
    QVERIFY(m_session->setMode(DhcpMode::Full));
    m_session->startServices();
    RogueGuard *guard = m_session->rogueGuard();
    QVERIFY(guard->isRunning());
    bar->refresh();
    QVERIFY(bar->rogueText().isEmpty());
    // What DhcpServer::otherServerSeen delivers: a client asked 10.0.0.2 for its offer.
    guard->takeSighting(QHostAddress(QStringLiteral("10.0.0.2")), QStringLiteral("request"));
    QVERIFY(!m_session->snapshot().pxeClientsOnly);   // onRogueDhcp: warn, the default
    bar->refresh();
    QVERIFY2(bar->rogueText().startsWith(QLatin1String("Another DHCP server answers on this network: 10.0.0.2")),
             qPrintable(bar->rogueText()));
    auto *pxeOnly = UiTest::child<QPushButton>(&*m_window, "rogueDhcpPxeOnly");
    QVERIFY(!pxeOnly->isHidden());
    QTest::qWait(50);
    QDir().mkpath(QStringLiteral(NBC_BINARY_DIR "/screenshots"));
    QVERIFY(m_window->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/rogue-dhcp-warning.png")));

    pxeOnly->click();
    QCOMPARE(m_session->workspace().settings().onRogueDhcp, RogueDhcpPolicy::PxeOnly);
    QVERIFY(m_session->flushFiles());   // netboot.yaml is written by the file thread
    QFile yaml(QDir(m_dir->path()).filePath(QStringLiteral("netboot.yaml")));
    QVERIFY(yaml.open(QIODevice::ReadOnly));
    QVERIFY(yaml.readAll().contains("onRogueDhcp: pxe-only"));
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QLatin1String("pxe-only")),
             qPrintable(m_window->statusBar()->currentMessage()));
    QVERIFY(m_session->snapshot().pxeClientsOnly);
    QVERIFY2(bar->rogueText().contains(QLatin1String("only to machines that network-boot")), qPrintable(bar->rogueText()));
    QVERIFY(pxeOnly->isHidden());
    QTest::qWait(50);
    QVERIFY(m_window->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/rogue-dhcp-pxe-only.png")));

    // Stopped services: no guard, no rogue, every client answered again when they start.
    m_session->stopServices();
    QVERIFY(!guard->isRunning());
    QVERIFY(!m_session->snapshot().pxeClientsOnly);
    bar->refresh();
    QVERIFY(bar->rogueText().isEmpty());
}

void TestMainWindow::detailDockEditsValuesAndShowsTheLog()
{
    selectMacs({macOf(1)});
    MachineDetailDock *dock = UiTest::child<MachineDetailDock>(&*m_window, "machineDetailDock");
    QCOMPARE(dock->machine(), macOf(1));

    // Values: a bad hostname is refused with what to do, a good one is written.
    dock->hostnameEdit()->setText(QStringLiteral("not a hostname!"));
    QVERIFY(!dock->saveValues());
    QVERIFY(!dock->valuesMessage()->text().isEmpty());
    dock->hostnameEdit()->setText(QStringLiteral("node-7"));
    dock->installDiskEdit()->setText(QStringLiteral("/dev/nvme0n1"));
    QTest::mouseClick(dock->saveValuesButton(), Qt::LeftButton);
    const MachineIntent *intent = m_session->workspace().machine(macOf(1));
    QVERIFY(intent);
    QCOMPARE(intent->hostname, QStringLiteral("node-7"));
    QCOMPARE(intent->installDisk, QStringLiteral("/dev/nvme0n1"));
    const QModelIndex hostname = UiTest::child<MachineTableModel>(&*m_window, "machineModel")->index(UiTest::child<MachineTableModel>(&*m_window, "machineModel")->rowOf(macOf(1)),
                                                                 MachineTableModel::HostnameColumn);
    QCOMPARE(hostname.data().toString(), QStringLiteral("node-7"));

    // The preview is what the machine would be served: with its values.
    QVERIFY(drop(kWorker, macOf(1)));
    QTRY_VERIFY(dock->configPreview()->toPlainText().contains(QLatin1String("node-7")));
    QVERIFY(dock->configPreview()->toPlainText().contains(QLatin1String("+ ")));

    // Log: live, filtered, paused.
    UiTest::logLine(m_session->registry(), macOf(1), QStringLiteral("hello from machined"));
    UiTest::logLine(m_session->registry(), macOf(1), QStringLiteral("etcd is waiting"), QStringLiteral("etcd"));
    UiTest::logLine(m_session->registry(), macOf(2), QStringLiteral("another machine"));
    QString log = dock->logView()->toPlainText();
    QVERIFY(log.contains(QLatin1String("hello from machined")));
    // The console's own events about it come between Talos's lines; long lines wrap.
    QVERIFY2(log.contains(QLatin1String("console: dhcp-discover")), qPrintable(log));
    QVERIFY(log.indexOf(QLatin1String("console: dhcp-discover")) < log.indexOf(QLatin1String("hello from machined")));
    QCOMPARE(dock->logView()->lineWrapMode(), QPlainTextEdit::WidgetWidth);
    QVERIFY(log.contains(QLatin1String("etcd is waiting")));
    QVERIFY(!log.contains(QLatin1String("another machine")));
    dock->logFilterEdit()->setText(QStringLiteral("etcd"));
    log = dock->logView()->toPlainText();
    QVERIFY(!log.contains(QLatin1String("hello from machined")));
    QVERIFY(log.contains(QLatin1String("etcd is waiting")));
    dock->logFilterEdit()->clear();
    dock->pauseLogCheck()->setChecked(true);
    UiTest::logLine(m_session->registry(), macOf(1), QStringLiteral("while paused"));
    QVERIFY(!dock->logView()->toPlainText().contains(QLatin1String("while paused")));
    dock->pauseLogCheck()->setChecked(false);
    QVERIFY(dock->logView()->toPlainText().contains(QLatin1String("while paused")));
    QCOMPARE(dock->logView()->maximumBlockCount(), MachineDetailDock::kLogLineCap);

    // Timeline: a row per stage, with a duration.
    UiTest::download(m_session->registry(), macOf(1), 0, 1000, 100, EventKind::HttpStart);
    m_session->registry()->publish();
    QTreeWidget *timeline = dock->timeline();
    QVERIFY(timeline->topLevelItemCount() >= 2);
    QCOMPARE(timeline->topLevelItem(timeline->topLevelItemCount() - 1)->text(0), QStringLiteral("Kernel"));
    QVERIFY(!timeline->topLevelItem(0)->text(2).isEmpty());
}

void TestMainWindow::filterByTextAndStage()
{
    UiTest::download(m_session->registry(), macOf(2), 0, 1000, 100, EventKind::HttpStart);
    m_session->registry()->publish();
    QTest::keyClicks(UiTest::child<QLineEdit>(&*m_window, "machineFilter"), QStringLiteral("00:02"));
    QCOMPARE(UiTest::child<MachineFilterModel>(&*m_window, "machineFilterModel")->rowCount(), 1);
    UiTest::child<QLineEdit>(&*m_window, "machineFilter")->clear();
    QCOMPARE(UiTest::child<MachineFilterModel>(&*m_window, "machineFilterModel")->rowCount(), 4);
    QComboBox *stages = UiTest::child<QComboBox>(&*m_window, "stageFilter");
    stages->setCurrentIndex(stages->findText(QStringLiteral("Kernel")));
    QCOMPARE(UiTest::child<MachineFilterModel>(&*m_window, "machineFilterModel")->rowCount(), 1);
    QCOMPARE(UiTest::child<MachineFilterModel>(&*m_window, "machineFilterModel")->index(0, 0).data(MachineTableModel::MacRole).toString(), macOf(2));
    stages->setCurrentIndex(stages->findText(QStringLiteral("Discovered")));
    QCOMPARE(UiTest::child<MachineFilterModel>(&*m_window, "machineFilterModel")->rowCount(), 3);
    stages->setCurrentIndex(0);
    QCOMPARE(UiTest::child<MachineFilterModel>(&*m_window, "machineFilterModel")->rowCount(), 4);
}

void TestMainWindow::layoutIsRemembered()
{
    QHeaderView *header = UiTest::child<MachineTableView>(&*m_window, "machineTable")->horizontalHeader();
    header->hideSection(MachineTableModel::SerialColumn);
    header->resizeSection(MachineTableModel::HintColumn, 123);
    m_window->resize(1000, 700);
    m_window->close();
    m_window = std::make_unique<MainWindow>(m_session.get());
    QVERIFY(UiTest::child<MachineTableView>(&*m_window, "machineTable")->horizontalHeader()->isSectionHidden(MachineTableModel::SerialColumn));
    QCOMPARE(m_window->size(), QSize(1000, 700));
}

void TestMainWindow::theHttpEngineServesWhatWasDropped()
{
    QString httpAddress;
    connect(m_session->services(), &ServiceHost::statusChanged, this, [&httpAddress](const EngineStatus &status) {
        if (status.engine == QLatin1String("http") && status.state == EngineStatus::State::Running)
            httpAddress = status.address;
    });
    QTest::keyClick(UiTest::child<MachineTableView>(&*m_window, "machineTable"), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);   // Start
    QTRY_VERIFY_WITH_TIMEOUT(!httpAddress.isEmpty(), 10000);
    QVERIFY(UiTest::child<QAction>(&*m_window, "stopAction")->isEnabled());

    QNetworkAccessManager http;
    auto get = [&](const QString &path, QByteArray *body) {
        QNetworkReply *reply = http.get(QNetworkRequest(QUrl(QStringLiteral("http://%1%2").arg(httpAddress, path))));
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(10000))
            return -1;
        *body = reply->readAll();
        reply->deleteLater();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    };
    // The machine's DHCP exchange was seen from this address; it fetches its config as
    // Talos does: the URL (and token) its boot script names.
    TestUtil::learnAddress(m_session->services(), macOf(1), QHostAddress(httpAddress.section(u':', 0, 0)));
    const QString scriptPath = QStringLiteral("/m/%1/script.ipxe").arg(macOf(1));
    QByteArray body;
    auto configPath = [&]() {
        QByteArray script;
        get(scriptPath, &script);
        return QUrl(TestUtil::configUrlOf(script)).toString(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    };
    // A kernel and initramfs, added by hand as a user would.
    const QString dir = m_session->workspace().directory();
    QByteArray kernel(4096, '\0');
    kernel[0x1fe] = char(0x55);
    kernel[0x1ff] = char(0xaa);
    kernel.replace(0x202, 4, "HdrS");
    TestUtil::writeFile(dir, QStringLiteral("artifacts/vmlinuz"), kernel);
    TestUtil::writeFile(dir, QStringLiteral("artifacts/initramfs.xz"), QByteArray::fromHex("fd377a585a00") + "rest");
    QVERIFY(m_session->flushFiles());   // netboot.yaml is written by the file thread
    QFile settings(QDir(dir).filePath(QStringLiteral("netboot.yaml")));
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QByteArray yaml = settings.readAll();
    settings.close();
    yaml.replace("artifacts:\n  {}\n", "artifacts:\n  t: {kernel: artifacts/vmlinuz, initramfs: artifacts/initramfs.xz}\n");
    QSignalSpy reloaded(m_session.get(), &ConsoleSession::workspaceReloaded);
    QVERIFY(settings.open(QIODevice::WriteOnly | QIODevice::Truncate));
    settings.write(yaml);
    settings.close();
    QTRY_COMPARE(reloaded.size(), 1);
    QTRY_VERIFY(get(scriptPath, &body) == 200 && body.contains("no machine config is assigned"));   // nothing assigned yet
    QCOMPARE(get(QStringLiteral("/m/%1/config.yaml").arg(macOf(1)), &body), 403);   // and no token
    // The window says who asked for which machine's config.
    QTRY_VERIFY(m_window->statusBar()->currentMessage().contains(
        QStringLiteral("The config of %1 was asked for by 127.0.0.1 and refused").arg(macOf(1))));
    QDir().mkpath(QStringLiteral(NBC_BINARY_DIR "/screenshots"));
    m_window->resize(1400, 800);
    QVERIFY(m_window->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/config-refused.png")));

    selectMacs({macOf(1)});
    UiTest::child<MachineDetailDock>(&*m_window, "machineDetailDock")->hostnameEdit()->setText(QStringLiteral("rack1-n3"));
    QVERIFY(UiTest::child<MachineDetailDock>(&*m_window, "machineDetailDock")->saveValues());
    QVERIFY(drop(kWorker, macOf(1)));
    QString tokenPath;
    QTRY_VERIFY((tokenPath = configPath()).contains(QLatin1String("?t=")));
    QCOMPARE(get(tokenPath, &body), 200);
    QVERIFY(body.contains("type: worker"));
    QVERIFY(body.contains("rack1-n3"));
    // The preview in the detail dock is exactly what was served (removed lines aside).
    QTRY_VERIFY(UiTest::child<MachineDetailDock>(&*m_window, "machineDetailDock")->configPreview()->toPlainText().contains(QLatin1String("rack1-n3")));
    QStringList previewed;
    const QStringList lines = UiTest::child<MachineDetailDock>(&*m_window, "machineDetailDock")->configPreview()->toPlainText().split(u'\n');
    for (const QString &line : lines) {
        if (!line.startsWith(QLatin1String("- ")))
            previewed << line.mid(2);
    }
    QCOMPARE(previewed.join(u'\n').trimmed(), QString::fromUtf8(body).trimmed());

    // Undo is served next too.
    UiTest::child<QAction>(&*m_window, "undoAction")->trigger();
    QTRY_COMPARE(get(tokenPath, &body), 404);
}

void TestMainWindow::noInterfaceShowsTheProblemAndTheChoices()
{
    ConsoleSession session;
    QTemporaryDir dir;
    UiTest::makeWorkspace(dir.path());
    SessionOverrides none;   // no interface, no address: open() cannot start
    QVERIFY(!session.open(dir.path(), none));
    MainWindow window(&session);
    window.setOpenError(session.error());
    QVERIFY(UiTest::child<ServicesPanel>(&window, "servicesPanel")->sessionProblem().contains(QLatin1String("interface")));
    QVERIFY(!UiTest::child<QAction>(&window, "startAction")->isEnabled());
    QVERIFY(UiTest::child<QComboBox>(&window, "interfaceCombo")->count() >= 1);
    // The library is there to look at before the services run.
    QVERIFY(UiTest::child<ConfigListModel>(&window, "configModel"));
    QVERIFY(UiTest::child<ConfigListModel>(&window, "configModel")->rowOf(kWorker) >= 0);
}

QMessageBox *TestMainWindow::forgetConfirmation() const
{
    auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("forgetConfirmation"));
    if (box && !QTest::qWaitFor([box] { return box->isVisible(); }))
        return nullptr;
    return box;
}

void TestMainWindow::forgetAsksFirst()
{
    selectMacs({macOf(0), macOf(2)});
    MachineTableView *table = UiTest::child<MachineTableView>(&*m_window, "machineTable");
    table->setFocus();
    // Delete asks, with the count; Escape keeps the machines.
    QTest::keyClick(table, Qt::Key_Delete);
    QPointer<QMessageBox> box = forgetConfirmation();
    QVERIFY(box);
    QVERIFY2(box->text().contains(QLatin1String("2 selected")), qPrintable(box->text()));
    QCOMPARE(box->windowModality(), Qt::WindowModal);
    QTest::keyClick(box, Qt::Key_Escape);
    QTRY_VERIFY(!box);   // closed and deleted
    m_session->registry()->publish();
    QCOMPARE(UiTest::child<MachineTableModel>(&*m_window, "machineModel")->rowCount(), 4);

    // Delete, then Enter: the default button forgets both.
    m_window->activateWindow();   // offscreen has no window manager to hand it back
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Delete);
    box = forgetConfirmation();
    QVERIFY(box);
    auto *confirm = box->findChild<QPushButton *>(QStringLiteral("confirmForget"));
    QVERIFY(confirm);
    QCOMPARE(box->defaultButton(), confirm);
    QVERIFY(confirm->text().contains(QLatin1String("2")));
    QTest::keyClick(box, Qt::Key_Return);
    QTRY_VERIFY(!box);
    m_session->registry()->publish();
    QCOMPARE(UiTest::child<MachineTableModel>(&*m_window, "machineModel")->rowCount(), 2);
    QCOMPARE(UiTest::child<MachineTableModel>(&*m_window, "machineModel")->rowOf(macOf(0)), -1);
    QCOMPARE(UiTest::child<MachineTableModel>(&*m_window, "machineModel")->rowOf(macOf(2)), -1);
    QVERIFY(UiTest::child<MachineTableModel>(&*m_window, "machineModel")->rowOf(macOf(1)) >= 0);
}

void TestMainWindow::enterInTheLibraryAssignsToTheSelection()
{
    QListView *list = UiTest::child<QListView>(&*m_window, "configList");
    ConfigListModel *configs = UiTest::child<ConfigListModel>(&*m_window, "configModel");

    // Nothing selected: Enter says what to do and assigns nothing.
    UiTest::child<MachineTableView>(&*m_window, "machineTable")->clearSelection();
    list->setFocus();
    list->setCurrentIndex(configs->index(configs->rowOf(kWorker)));
    QTest::keyClick(list, Qt::Key_Return);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QLatin1String("Select machines")), qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(UiTest::child<QUndoStack>(&*m_window, "undoStack")->count(), 0);

    // Enter on a config assigns it to every selected machine, one undo step.
    selectMacs({macOf(1), macOf(3)});
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(m_session->assignment(macOf(1)), kWorker);
    QCOMPARE(m_session->assignment(macOf(3)), kWorker);
    QVERIFY(m_session->assignment(macOf(0)).isEmpty());
    QCOMPARE(UiTest::child<QUndoStack>(&*m_window, "undoStack")->count(), 1);

    // The broken config is refused as a drop is, with the same reason.
    list->setCurrentIndex(configs->index(configs->rowOf(kBroken)));
    QTest::keyClick(list, Qt::Key_Enter, Qt::KeypadModifier);   // the keypad's Enter too
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QLatin1String("cannot be assigned")), qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(m_session->assignment(macOf(1)), kWorker);
    QCOMPARE(UiTest::child<QUndoStack>(&*m_window, "undoStack")->count(), 1);
    QString dropStatus;
    QVERIFY(!drop(kBroken, macOf(1), &dropStatus));
    QCOMPARE(dropStatus, m_window->statusBar()->currentMessage());
}

void TestMainWindow::tabWalksFilterTableLibraryDetail()
{
    selectMacs({macOf(1)});   // the detail dock shows a machine
    QLineEdit *filter = UiTest::child<QLineEdit>(&*m_window, "machineFilter");
    filter->setFocus(Qt::TabFocusReason);
    QTRY_COMPARE(QApplication::focusWidget(), filter);
    QList<QWidget *> visited;
    for (int i = 0; i < 8; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        visited << QApplication::focusWidget();
    }
    const int table = int(visited.indexOf(UiTest::child<MachineTableView>(&*m_window, "machineTable")));
    const int library = int(visited.indexOf(UiTest::child<QListView>(&*m_window, "configList")));
    const int services = int(visited.indexOf(UiTest::child<ServicesPanel>(&*m_window, "servicesPanel")->tree()));
    int detail = -1;
    for (int i = 0; i < visited.size() && detail < 0; ++i) {
        if (visited.at(i) && UiTest::child<MachineDetailDock>(&*m_window, "machineDetailDock")->isAncestorOf(visited.at(i)))
            detail = i;
    }
    QVERIFY2(table >= 0 && library == table + 1, qPrintable(QStringLiteral("table %1, library %2").arg(table).arg(library)));
    QVERIFY2(services > library && detail > services,
             qPrintable(QStringLiteral("library %1, services %2, detail %3").arg(library).arg(services).arg(detail)));
    // The first Tab from the filter goes to the stage filter, the next to the table.
    QCOMPARE(visited.at(0), UiTest::child<QComboBox>(&*m_window, "stageFilter"));
    QCOMPARE(table, 1);
}

void TestMainWindow::defaultColumnsShowTheHintAt1600x960()
{
    m_window.reset();
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->resize(1600, 960);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    UiTest::discover(m_session->registry(), macOf(9));
    m_session->registry()->publish();
    MachineTableView *table = UiTest::child<MachineTableView>(&*m_window, "machineTable");
    QHeaderView *header = table->horizontalHeader();
    const int viewport = table->viewport()->width();
    // What a technician needs (issue: the window for technicians); the rest is a menu away.
    for (int column : {MachineTableModel::MacColumn, MachineTableModel::StageColumn, MachineTableModel::ProgressColumn,
                       MachineTableModel::HostnameColumn, MachineTableModel::ConfigColumn, MachineTableModel::ProductColumn,
                       MachineTableModel::SerialColumn, MachineTableModel::HintColumn}) {
        const int left = header->sectionViewportPosition(column);
        const int right = left + header->sectionSize(column);
        QVERIFY2(!header->isSectionHidden(column) && left >= 0 && right <= viewport,
                 qPrintable(QStringLiteral("column %1 at %2..%3, viewport %4").arg(column).arg(left).arg(right).arg(viewport)));
    }
    // The hint has room for a useful part of its sentence; the rest elides.
    const int hintWidth = header->sectionSize(MachineTableModel::HintColumn);
    QVERIFY2(hintWidth >= table->fontMetrics().horizontalAdvance(QLatin1String("No machine config is assigned")),
             qPrintable(QString::number(hintWidth)));
    QCOMPARE(table->textElideMode(), Qt::ElideRight);
    // The Hint is last, and takes the rest of the width.
    QCOMPARE(header->logicalIndex(header->count() - 1 - [&] {
        int hiddenAfter = 0;
        for (int visual = header->visualIndex(MachineTableModel::HintColumn) + 1; visual < header->count(); ++visual)
            hiddenAfter += header->isSectionHidden(header->logicalIndex(visual)) ? 1 : 0;
        return hiddenAfter;
    }()), int(MachineTableModel::HintColumn));
    for (int column : {MachineTableModel::IpColumn, MachineTableModel::FirmwareColumn, MachineTableModel::VendorColumn,
                       MachineTableModel::ManufacturerColumn, MachineTableModel::LastSeenColumn})
        QVERIFY(header->isSectionHidden(column));
}

void TestMainWindow::columnMenuHidesColumnsAndRemembers()
{
    MachineTableView *table = UiTest::child<MachineTableView>(&*m_window, "machineTable");
    QHeaderView *header = table->horizontalHeader();
    QMenu *menu = table->showColumnMenu(QPoint(10, 5));
    QVERIFY(menu);
    QAction *firmware = nullptr;
    for (QAction *action : menu->actions()) {
        QVERIFY(action->data().toInt() != MachineTableModel::MacColumn || action->isSeparator()
                || action->objectName() == QLatin1String("resetColumns"));
        if (action->text() == QLatin1String("Firmware"))
            firmware = action;
    }
    QVERIFY(firmware);
    QVERIFY(!firmware->isChecked());   // not one of the technician's columns
    firmware->trigger();
    menu->close();
    QVERIFY(!header->isSectionHidden(MachineTableModel::FirmwareColumn));
    // Remembered at once, not only when the window closes.
    QVERIFY(!QSettings().value(QStringLiteral("window/technicianColumns")).toByteArray().isEmpty());
    m_window.reset();
    m_window = std::make_unique<MainWindow>(m_session.get());
    header = UiTest::child<MachineTableView>(&*m_window, "machineTable")->horizontalHeader();
    QVERIFY(!header->isSectionHidden(MachineTableModel::FirmwareColumn));

    // The View menu has the same entries for the keyboard; Reset brings the defaults back.
    auto *columns = m_window->findChild<QMenu *>(QStringLiteral("columnsMenu"));
    QVERIFY(columns);
    Q_EMIT columns->aboutToShow();
    QAction *reset = columns->findChild<QAction *>(QStringLiteral("resetColumns"));
    if (!reset) {
        for (QAction *action : columns->actions()) {
            if (action->objectName() == QLatin1String("resetColumns"))
                reset = action;
        }
    }
    QVERIFY(reset);
    reset->trigger();
    QVERIFY(header->isSectionHidden(MachineTableModel::FirmwareColumn));
}

QTEST_MAIN(TestMainWindow)

std::unique_ptr<MainWindow> TestMainWindow::firstStart(ConsoleSession *session, const QString &dir)
{
    const SessionOverrides none;
    if (session->open(dir, none))
        return nullptr;
    auto window = std::make_unique<MainWindow>(session);
    window->setOpenError(session->error());
    return window;
}

void TestMainWindow::emptyTableSaysHowMachinesArrive()
{
    ConsoleSession session;
    QTemporaryDir dir;
    const std::unique_ptr<MainWindow> window = firstStart(&session, dir.path());
    QVERIFY(window);
    MachineTableView *table = UiTest::child<MachineTableView>(&*window, "machineTable");
    QVERIFY(table->isPlaceholderVisible());
    QVERIFY(table->placeholderText().startsWith(QLatin1String("No machines yet.")));
    QVERIFY(table->placeholderText().contains(QLatin1String("netboot-console --demo 40")));

    UiTest::discover(session.registry(), macOf(7));
    session.registry()->publish();
    QCOMPARE(UiTest::child<MachineFilterModel>(&*window, "machineFilterModel")->rowCount(), 1);
    QVERIFY(!table->isPlaceholderVisible());
    QVERIFY(table->placeholderText().isEmpty());
}

void TestMainWindow::filterThatHidesEveryMachineSaysSo()
{
    MachineTableView *table = UiTest::child<MachineTableView>(&*m_window, "machineTable");
    QVERIFY(!table->isPlaceholderVisible());
    QTest::keyClicks(UiTest::child<QLineEdit>(&*m_window, "machineFilter"), QStringLiteral("no-such-machine"));
    QCOMPARE(UiTest::child<MachineFilterModel>(&*m_window, "machineFilterModel")->rowCount(), 0);
    QVERIFY(table->isPlaceholderVisible());
    QCOMPARE(table->placeholderText(), QStringLiteral("No machine matches the filter."));
    UiTest::child<QLineEdit>(&*m_window, "machineFilter")->clear();
    QCOMPARE(UiTest::child<MachineFilterModel>(&*m_window, "machineFilterModel")->rowCount(), 4);
    QVERIFY(!table->isPlaceholderVisible());
}

void TestMainWindow::emptyLibrarySaysWhereConfigsGo()
{
    // The test workspace has configs: nothing over the list.
    QVERIFY(UiTest::child<ViewPlaceholder>(&*m_window, "configPlaceholder")->text().isEmpty());

    ConsoleSession session;
    QTemporaryDir dir;
    const std::unique_ptr<MainWindow> window = firstStart(&session, dir.path());
    QVERIFY(window);
    QCOMPARE(UiTest::child<ConfigListModel>(&*window, "configModel")->rowCount(), 0);
    QVERIFY(UiTest::child<ViewPlaceholder>(&*window, "configPlaceholder")->text().startsWith(QLatin1String("No machine configs yet.")));
    QVERIFY(UiTest::child<ViewPlaceholder>(&*window, "configPlaceholder")->text().contains(QLatin1String("'talosctl gen config'")));
}

void TestMainWindow::noInterfaceIsAskedForInTheWindowsWords()
{
    ConsoleSession session;
    QTemporaryDir dir;
    const std::unique_ptr<MainWindow> window = firstStart(&session, dir.path());
    QVERIFY(window);
    // The core keeps its words for the command line ...
    QVERIFY(session.error().contains(QLatin1String("--interface")));
    // ... the window points at its own toolbar, then lists what there is to choose.
    const QString problem = UiTest::child<ServicesPanel>(&*window, "servicesPanel")->sessionProblem();
    QVERIFY2(problem.startsWith(QLatin1String("Choose the network interface the machines are on in the toolbar's "
                                              "Interface list.")),
             qPrintable(problem));
    QVERIFY(!problem.contains(QLatin1String("--interface")));
    QVERIFY(!problem.contains(QLatin1String("network: interface:")));
    QVERIFY(problem.contains(QLatin1String("Available interfaces:")));
    QCOMPARE(window->statusBar()->currentMessage(),
             QStringLiteral("Choose the network interface the machines are on in the toolbar's Interface list."));
}

#include "tst_mainwindow.moc"

void TestMainWindow::artefactsDialogAddsDefaultsAndRemoves()
{
    auto *action = UiTest::child<QAction>(&*m_window, "artifactsAction");
    QVERIFY(action->isEnabled());
    action->trigger();
    auto *dialog = UiTest::child<QDialog>(&*m_window, "artifactsDialog");
    auto *list = UiTest::child<QTreeWidget>(dialog, "artifactSetList");
    const int before = list->topLevelItemCount();
    // What the Add… dialog yields, added through the session as the dialog does.
    const QString src = m_dir->filePath(QStringLiteral("src"));
    ArtifactChoice choice;
    choice.talosVersion = QStringLiteral("1.11.2");
    choice.kernelFile = TestUtil::writeFile(src, QStringLiteral("k"), TestUtil::fakeKernel());
    choice.initramfsFile = TestUtil::writeFile(src, QStringLiteral("i"), TestUtil::fakeInitramfs());
    QString error;
    QVERIFY2(m_session->addArtifactSet(choice, true, nullptr, &error), qPrintable(error));
    QCOMPARE(list->topLevelItemCount(), before + 1);
    const auto rows = list->findItems(QStringLiteral("talos-1.11.2"), Qt::MatchExactly, 0);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first()->text(4), QStringLiteral("default"));
    list->setCurrentItem(rows.first());
    QVERIFY(UiTest::child<QPushButton>(dialog, "removeArtifactSet")->isEnabled());
    QVERIFY(!UiTest::child<QPushButton>(dialog, "defaultArtifactSet")->isEnabled());
    QVERIFY(m_session->removeArtifactSet(QStringLiteral("talos-1.11.2"), &error));
    QCOMPARE(list->topLevelItemCount(), before);
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("artifacts/talos-1.11.2/vmlinuz-amd64"))));
    QVERIFY(m_session->addArtifactSet(choice, true, nullptr, &error));
    QDir().mkpath(QStringLiteral(NBC_BINARY_DIR "/screenshots"));
    QVERIFY(dialog->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/artifacts-dialog.png")));
    dialog->close();
}

void TestMainWindow::importConfigsFromTheWindow()
{
    auto *configs = UiTest::child<ConfigListModel>(&*m_window, "configModel");
    const int before = configs->rowCount();
    const QString gen = m_dir->filePath(QStringLiteral("gen"));
    QDir().mkpath(gen);
    QVERIFY(QFile::copy(TestUtil::dataPath(QStringLiteral("talos/talos-1.7-controlplane.yaml")), gen + QStringLiteral("/controlplane.yaml")));
    QVERIFY(QFile::copy(TestUtil::dataPath(QStringLiteral("talos/talosconfig")), gen + QStringLiteral("/talosconfig")));
    QVERIFY(UiTest::child<QAction>(&*m_window, "importConfigsAction")->isEnabled());
    m_window->importConfigs(gen);
    QTRY_COMPARE(configs->rowCount(), before + 1);
    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(QLatin1String("Imported configs/")),
             qPrintable(m_window->statusBar()->currentMessage()));
    // A folder with nothing to import says so and changes nothing.
    m_window->importConfigs(m_dir->filePath(QStringLiteral("artifacts")));
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(QLatin1String("Not imported:")));
    QCOMPARE(configs->rowCount(), before + 1);
}

void TestMainWindow::setupAndDoctorAreInTheMenus()
{
    QStringList inMenus;
    for (QAction *menu : m_window->menuBar()->actions()) {
        for (QAction *a : menu->menu()->actions())
            inMenus << a->objectName();
    }
    for (const char *name : {"setupAction", "artifactsAction", "importConfigsAction", "generateConfigsAction", "doctorAction"})
        QVERIFY2(inMenus.contains(QLatin1String(name)), name);
    // The wizard opens over the running window and closes without writing.
    QVERIFY(m_session->flushFiles());   // netboot.yaml is written by the file thread
    const QByteArray yaml = [this] {
        QFile f(m_dir->filePath(QStringLiteral("netboot.yaml")));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    FirstRunWizard *wizard = m_window->openSetupWizard();
    QVERIFY(wizard->isVisible());
    wizard->reject();
    QFile f(m_dir->filePath(QStringLiteral("netboot.yaml")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), yaml);
    // The generate dialog says what to do when talosctl is missing, instead of failing later.
    QDialog *generate = m_window->openGenerateDialog();
    QVERIFY(generate);
    QVERIFY(!UiTest::child<QLabel>(generate, "generateMessage")->text().isEmpty());
    QDir().mkpath(QStringLiteral(NBC_BINARY_DIR "/screenshots"));
    QVERIFY(generate->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/generate-dialog.png")));
    generate->close();
    QVERIFY(m_window->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/window-config-buttons.png")));
    // The doctor dialog, on loopback only (a test never probes a real network).
    DoctorDialog doctor(QStringLiteral("lo"), Ports{});
    doctor.setProbeTimeout(300);
    QSignalSpy ready(&doctor, &DoctorDialog::reportReady);
    doctor.show();
    doctor.run();
    QVERIFY(ready.wait(20000));
    QVERIFY(ready.first().first().toString().contains(QLatin1String("lo")));
    QVERIFY(doctor.grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/doctor-dialog.png")));
}
