// The window on a real X server (run under xvfb-run): a drag made with the X pointer
// itself (XTest), and the demo's window captured to a PNG that a person looks at.

#include "../uitestutil.h"

#include "attentionbar.h"
#include "configlistmodel.h"
#include "fleetbar.h"
#include "fleettimeline.h"
#include "machinefiltermodel.h"
#include "machinetablemodel.h"
#include "machinetableview.h"
#include "mainwindow.h"

#include "engine/servicehost.h"
#include "sim/demo.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QGuiApplication>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLibrary>
#include <QListView>
#include <QMessageBox>
#include <QPixmap>
#include <QScopeGuard>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QProcess>
#include <QSet>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Nbc;
using namespace Nbc::Ui;
using UiTest::macOf;

namespace {

// libXtst is loaded at run time: the test needs no X development headers to build.
class XPointer
{
public:
    bool load()
    {
        QLibrary x11(QStringLiteral("X11"), 6);
        QLibrary xtst(QStringLiteral("Xtst"), 6);
        if (!x11.load() || !xtst.load())
            return false;
        m_open = reinterpret_cast<OpenFn>(x11.resolve("XOpenDisplay"));
        m_flush = reinterpret_cast<FlushFn>(x11.resolve("XFlush"));
        m_motion = reinterpret_cast<MotionFn>(xtst.resolve("XTestFakeMotionEvent"));
        m_button = reinterpret_cast<ButtonFn>(xtst.resolve("XTestFakeButtonEvent"));
        if (!m_open || !m_flush || !m_motion || !m_button)
            return false;
        m_display = m_open(nullptr);
        return m_display != nullptr;
    }
    void move(const QPoint &global)
    {
        m_motion(m_display, -1, global.x(), global.y(), 0);
        m_flush(m_display);
    }
    void button(bool press)
    {
        m_button(m_display, 1, press ? 1 : 0, 0);
        m_flush(m_display);
    }

private:
    using OpenFn = void *(*)(const char *);
    using FlushFn = int (*)(void *);
    using MotionFn = int (*)(void *, int, int, int, unsigned long);
    using ButtonFn = int (*)(void *, unsigned int, int, unsigned long);
    OpenFn m_open = nullptr;
    FlushFn m_flush = nullptr;
    MotionFn m_motion = nullptr;
    ButtonFn m_button = nullptr;
    void *m_display = nullptr;
};

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(line[x]);
    }
    return int(colours.size());
}

} // namespace

class TestXvfbWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void realMouseDragAssigns();
    void demoScreenshot();
    void fleetBarAndTimeline();
    void preflightResultBox();
    void faultsAtTechnicianSizes_data();
    void faultsAtTechnicianSizes();
    void firstStartOpensWizard();

private:
    QTemporaryDir m_settingsDir;
};

void TestXvfbWindow::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs a real X server: run under xvfb-run");
    UiTest::isolateSettings(m_settingsDir.path());
}

void TestXvfbWindow::realMouseDragAssigns()
{
    XPointer pointer;
    if (!pointer.load())
        QSKIP("libXtst is not available");
    QTemporaryDir dir;
    UiTest::makeWorkspace(dir.path());
    ConsoleSession session;
    QVERIFY2(session.open(dir.path(), UiTest::loopbackOverrides()), qPrintable(session.error()));
    MainWindow window(&session);
    window.move(0, 0);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    for (int i = 0; i < 4; ++i)
        UiTest::discover(session.registry(), macOf(i));
    session.registry()->publish();
    QTest::qWait(200);

    QListView *list = UiTest::child<QListView>(&window, "configList");
    auto *configs = UiTest::child<ConfigListModel>(&window, "configModel");
    const QModelIndex config = configs->index(configs->rowOf(QStringLiteral("configs/worker.yaml")));
    list->scrollTo(config);
    const QPoint from = list->viewport()->mapToGlobal(list->visualRect(config).center());
    MachineTableView *table = UiTest::child<MachineTableView>(&window, "machineTable");
    auto *machines = UiTest::child<MachineTableModel>(&window, "machineModel");
    const QModelIndex target = UiTest::child<MachineFilterModel>(&window, "machineFilterModel")->mapFromSource(
        machines->index(machines->rowOf(macOf(2)), MachineTableModel::StageColumn));
    const QPoint to = table->viewport()->mapToGlobal(table->visualRect(target).center());

    // Press, leave the start distance behind, glide to the row, release. The steps run
    // from timers because QDrag::exec() runs its own event loop once the drag starts.
    QList<std::function<void()>> steps;
    steps << [&] { pointer.move(from); } << [&] { pointer.button(true); };
    for (int i = 1; i <= 4; ++i)
        steps << [&, i] { pointer.move(from + QPoint(4 * i, 3 * i)); };
    for (int i = 1; i <= 10; ++i)
        steps << [&, i] { pointer.move(from + (to - from) * i / 10); };
    steps << [&] { pointer.move(to + QPoint(1, 0)); } << [&] { pointer.button(false); };
    int next = 0;
    QTimer driver;
    driver.setInterval(60);
    connect(&driver, &QTimer::timeout, this, [&] {
        if (next < steps.size())
            steps.at(next++)();
        else
            driver.stop();
    });
    driver.start();
    QTRY_VERIFY_WITH_TIMEOUT(next >= steps.size(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(session.assignment(macOf(2)), QStringLiteral("configs/worker.yaml"), 5000);
    QVERIFY(session.assignment(macOf(1)).isEmpty());
    QVERIFY(session.assignment(macOf(3)).isEmpty());
}

void TestXvfbWindow::demoScreenshot()
{
    ConsoleSession session;
    QString error;
    Sim::DemoDriver *demo = Sim::openDemo(&session, 40, nullptr, &error);
    QVERIFY2(demo, qPrintable(error));
    MainWindow window(&session);
    demo->setParent(&window);
    window.setDemoNote(QStringLiteral("demo: 40 simulated machines on this computer"));
    session.startServices();
    window.resize(1600, 960);
    window.move(0, 0);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // Let the fleet flow: machines appear and move through several stages.
    // Generous: the sanitizer build runs the same demo several times slower.
    QTRY_VERIFY_WITH_TIMEOUT(UiTest::child<MachineTableModel>(&window, "machineModel")->rowCount() >= 40, 120000);
    QSet<int> stages;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 25000) {
        QTest::qWait(500);
        stages.clear();
        int downloading = 0;
        for (int row = 0; row < UiTest::child<MachineTableModel>(&window, "machineModel")->rowCount(); ++row) {
            const QModelIndex index = UiTest::child<MachineTableModel>(&window, "machineModel")->index(row, MachineTableModel::ProgressColumn);
            stages.insert(index.data(MachineTableModel::StageRole).toInt());
            downloading += index.data(MachineTableModel::ProgressRole).toDouble() >= 0 ? 1 : 0;
        }
        if (stages.size() >= 3 && downloading > 0 && clock.elapsed() > 8000)
            break;
    }
    QVERIFY2(stages.size() >= 3, qPrintable(QString::number(stages.size())));
    UiTest::child<MachineTableView>(&window, "machineTable")->selectRow(0);
    QTest::qWait(300);

    const QImage image = window.grab().toImage().convertToFormat(QImage::Format_RGB32);
    // Under QT_SCALE_FACTOR=2 the picture has twice the pixels: keep both side by side.
    const QString path = window.devicePixelRatio() > 1.0
        ? QStringLiteral(NBC_BINARY_DIR "/screenshots/demo-window@%1x.png").arg(window.devicePixelRatio())
        : QStringLiteral(NBC_BINARY_DIR "/screenshots/demo-window.png");
    QDir().mkpath(QFileInfo(path).path());
    QVERIFY(image.save(path));
    qInfo("screenshot: %s (%dx%d, %d colours, %d stages)", qPrintable(path), image.width(), image.height(),
          distinctColours(image), int(stages.size()));
    // What a person needs to act on is in view without scrolling, the Hint included.
    QHeaderView *header = UiTest::child<MachineTableView>(&window, "machineTable")->horizontalHeader();
    const int viewport = UiTest::child<MachineTableView>(&window, "machineTable")->viewport()->width();
    for (int column : {MachineTableModel::MacColumn, MachineTableModel::StageColumn, MachineTableModel::ProgressColumn,
                       MachineTableModel::ConfigColumn, MachineTableModel::HostnameColumn, MachineTableModel::ProductColumn,
                       MachineTableModel::SerialColumn, MachineTableModel::HintColumn}) {
        const int left = header->sectionViewportPosition(column);
        const int right = left + header->sectionSize(column);
        QVERIFY2(left >= 0 && right <= viewport,
                 qPrintable(QStringLiteral("column %1 at %2..%3, viewport %4").arg(column).arg(left).arg(right).arg(viewport)));
    }
    QVERIFY(image.width() >= 1200 && image.height() >= 700);
    QVERIFY(distinctColours(image) > 64);   // icons, stage colours, bars: not a blank window
    QVERIFY(UiTest::child<MachineTableModel>(&window, "machineModel")->rowCount() >= 40);
    session.stopServices();
    session.services()->shutdown();
}

// `--demo 60`: the bar over the table counts the machines per stage and filters the table
// when a stage is pressed; the timeline has a row per machine with its stages as spans.
// Both are captured to screenshots/fleet-*.png to be looked at.
void TestXvfbWindow::fleetBarAndTimeline()
{
    ConsoleSession session;
    QString error;
    Sim::DemoDriver *demo = Sim::openDemo(&session, 60, nullptr, &error);
    QVERIFY2(demo, qPrintable(error));
    MainWindow window(&session);
    demo->setParent(&window);
    window.setDemoNote(QStringLiteral("demo: 60 simulated machines on this computer"));
    session.startServices();
    window.resize(1600, 960);
    window.move(0, 0);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *bar = UiTest::child<FleetBar>(&window, "fleetBar");
    auto *timeline = UiTest::child<FleetTimeline>(&window, "fleetTimeline");
    auto *model = UiTest::child<MachineTableModel>(&window, "machineModel");
    auto *filter = UiTest::child<MachineFilterModel>(&window, "machineFilterModel");
    // Hidden at first, so the table keeps its height; the bar's button shows it.
    QVERIFY(!timeline->isVisible());
    QToolButton *timelineButton = nullptr;
    for (QToolButton *button : bar->findChildren<QToolButton *>()) {
        if (button->defaultAction() && button->defaultAction()->text() == QStringLiteral("Fleet timeline"))
            timelineButton = button;
    }
    QVERIFY(timelineButton);
    timelineButton->click();
    QTRY_VERIFY(timeline->isVisible());
    // The fleet flows until some machines have joined while others are still on their way.
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 60, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(bar->summary().joined >= 10, 240000);
    bar->refresh();
    timeline->refresh();

    // The counts are the table's: every machine in exactly one stage.
    const FleetSummary summary = bar->summary();
    int counted = 0;
    for (int s = 0; s < FleetSummary::kStages; ++s)
        counted += summary.perStage[size_t(s)];
    QCOMPARE(counted, model->rowCount());
    QCOMPARE(summary.fleet, 60);
    QVERIFY2(bar->timeText().contains(QStringLiteral("of 60 joined")), qPrintable(bar->timeText()));
    QVERIFY(summary.elapsedSeconds > 0);
    QVERIFY(summary.medianSecondsToJoin >= 0);

    // A row per machine; a joined one has several stages on its line.
    QCOMPARE(timeline->rows().size(), qsizetype(60));
    int joinedRows = 0;
    for (const FleetTimeline::Row &row : timeline->rows()) {
        if (row.stage == Stage::Joined) {
            ++joinedRows;
            QVERIFY2(row.boot.spans.size() >= 4, qPrintable(row.mac));
            QVERIFY(row.boot.joined.isValid());
        }
    }
    QVERIFY(joinedRows >= 10);

    // Pressing a stage filters the table to it, and the combo box says so; again shows all.
    auto *joinedChip = window.findChild<QToolButton *>(QStringLiteral("fleetChip-Joined"));
    QVERIFY(joinedChip && joinedChip->isVisible());
    joinedChip->click();
    auto *stageFilter = UiTest::child<QComboBox>(&window, "stageFilter");
    QCOMPARE(stageFilter->currentText(), joinedChip->text().section(u' ', 0, 0));
    for (int row = 0; row < filter->rowCount(); ++row)
        QCOMPARE(Stage(filter->index(row, MachineTableModel::ProgressColumn).data(MachineTableModel::StageRole).toInt()),
                 Stage::Joined);
    QVERIFY(filter->rowCount() >= 10);
    QVERIFY(joinedChip->isChecked());
    joinedChip->click();
    QCOMPARE(stageFilter->currentIndex(), 0);
    QCOMPARE(filter->rowCount(), model->rowCount());
    // The combo box's stage presses the bar's button, and back.
    stageFilter->setCurrentIndex(stageFilter->findData(QVariantList{int(Stage::Joined)}));
    QVERIFY(joinedChip->isChecked());
    stageFilter->setCurrentIndex(0);
    QVERIFY(!joinedChip->isChecked());

    // A click on a timeline row selects the machine in the table.
    const QString first = timeline->rows().constFirst().mac;
    QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, QPoint(40, timeline->viewport()->fontMetrics().height() + 8 + 4));
    QCOMPARE(UiTest::child<MachineTableView>(&window, "machineTable")->selectedMacs(), QStringList{first});
    QTest::qWait(300);

    QDir().mkpath(QStringLiteral(NBC_BINARY_DIR "/screenshots"));
    const QImage image = window.grab().toImage().convertToFormat(QImage::Format_RGB32);
    QVERIFY(image.save(QStringLiteral(NBC_BINARY_DIR "/screenshots/fleet-window.png")));
    auto *dock = UiTest::child<QWidget>(&window, "fleetTimelineDock");
    const QImage chart = dock->grab().toImage().convertToFormat(QImage::Format_RGB32);
    QVERIFY(chart.save(QStringLiteral(NBC_BINARY_DIR "/screenshots/fleet-timeline.png")));
    const QImage strip = bar->grab().toImage().convertToFormat(QImage::Format_RGB32);
    QVERIFY(strip.save(QStringLiteral(NBC_BINARY_DIR "/screenshots/fleet-bar.png")));
    qInfo("screenshots: fleet-window.png, fleet-timeline.png, fleet-bar.png (%s)", qPrintable(bar->timeText()));
    QVERIFY(distinctColours(chart) > 8);   // stage colours, not a blank chart
    session.stopServices();
    session.services()->shutdown();
}

// Services > Pre-flight check on the demo's workspace: both machines boot, the box says so.
void TestXvfbWindow::preflightResultBox()
{
    ConsoleSession session;
    QString error;
    Sim::DemoDriver *demo = Sim::openDemo(&session, 2, nullptr, &error);
    QVERIFY2(demo, qPrintable(error));
    MainWindow window(&session);
    demo->setParent(&window);
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    UiTest::child<QAction>(&window, "preflightAction")->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = window.findChild<QMessageBox *>(QStringLiteral("preflightResult"))) != nullptr, 60000);
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->text().contains(QLatin1String("Both machines booted")), qPrintable(box->text() + box->informativeText()));
    QVERIFY(box->informativeText().contains(QLatin1String("BIOS machine: Joined")));
    QVERIFY(box->informativeText().contains(QLatin1String("UEFI machine: Joined")));
    QTest::qWait(200);
    const QString path = QStringLiteral(NBC_BINARY_DIR "/screenshots/preflight-result.png");
    QDir().mkpath(QFileInfo(path).path());
    QVERIFY(box->grab().save(path));
    box->close();
}

void TestXvfbWindow::faultsAtTechnicianSizes_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1366x768") << QSize(1366, 768);
    QTest::newRow("1600x1000") << QSize(1600, 1000);
}

// `--demo 40 --demo-faults` as a technician sees it on a small laptop and a larger
// screen: the stuck machines, their grouped causes and the columns that matter, all in
// view without scrolling. The pictures are written to screenshots/ to be looked at.
void TestXvfbWindow::faultsAtTechnicianSizes()
{
    QFETCH(QSize, size);
    ConsoleSession session;
    QString error;
    Sim::DemoDriver *demo = Sim::openDemo(&session, 40, nullptr, &error, true);
    QVERIFY2(demo, qPrintable(error));
    MainWindow window(&session);
    demo->setParent(&window);
    window.setDemoNote(QStringLiteral("demo: 40 simulated machines, some with faults"));
    session.startServices();
    window.resize(size);
    window.move(0, 0);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // The faults show: stalls after 12 s, hangs in iPXE after a 20 s deadline, a broken
    // config at once. Generous for the sanitizer build.
    auto *model = UiTest::child<MachineTableModel>(&window, "machineModel");
    auto stuck = [&] {
        int n = 0;
        for (int row = 0; row < model->rowCount(); ++row)
            n += model->index(row, 0).data(MachineTableModel::NeedsAttentionRole).toBool() ? 1 : 0;
        return n;
    };
    auto *bar = UiTest::child<AttentionBar>(&window, "attentionBar");
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 40, 120000);
    // 4 broken configs, 3 stalls, 2 hangs: at least three groups.
    QTRY_VERIFY_WITH_TIMEOUT(stuck() >= 9 && bar->groupTexts().size() >= 3, 180000);
    QTest::qWait(600);
    const QStringList groups = bar->groupTexts();
    QVERIFY2(groups.join(u'\n').contains(QLatin1String("4 machines: configs/demo-broken.yaml")), qPrintable(groups.join(u'\n')));
    QVERIFY2(groups.join(u'\n').contains(QLatin1String("3 machines:")), qPrintable(groups.join(u'\n')));
    QVERIFY2(groups.join(u'\n').contains(QLatin1String("2 machines:")), qPrintable(groups.join(u'\n')));

    auto *table = UiTest::child<MachineTableView>(&window, "machineTable");
    auto save = [&](const QString &name) {
        const QImage image = window.grab().toImage().convertToFormat(QImage::Format_RGB32);
        const QString path = QStringLiteral(NBC_BINARY_DIR "/screenshots/%1-%2x%3.png").arg(name).arg(size.width()).arg(size.height());
        QDir().mkpath(QFileInfo(path).path());
        QVERIFY(image.save(path));
        qInfo("screenshot: %s (%dx%d)", qPrintable(path), image.width(), image.height());
    };
    save(QStringLiteral("faults-all"));
    // The technician's columns in view, the hint readable.
    QHeaderView *header = table->horizontalHeader();
    const int viewport = table->viewport()->width();
    for (int column : {MachineTableModel::MacColumn, MachineTableModel::StageColumn, MachineTableModel::ProgressColumn,
                       MachineTableModel::HostnameColumn, MachineTableModel::ConfigColumn, MachineTableModel::HintColumn}) {
        QVERIFY2(!header->isSectionHidden(column), qPrintable(QString::number(column)));
        const int left = header->sectionViewportPosition(column);
        const int right = left + header->sectionSize(column);
        QVERIFY2(left >= 0 && right <= viewport,
                 qPrintable(QStringLiteral("column %1 at %2..%3, viewport %4").arg(column).arg(left).arg(right).arg(viewport)));
    }
    QVERIFY(header->sectionSize(MachineTableModel::HintColumn) >= table->fontMetrics().horizontalAdvance(QLatin1String("No machine config is assigned")));
    if (size.width() >= 1600) {   // room for what identifies the box, too
        QVERIFY(!header->isSectionHidden(MachineTableModel::ProductColumn));
        QVERIFY(!header->isSectionHidden(MachineTableModel::SerialColumn));
    }

    // "Needs attention": every stuck machine in one screen, no scrolling.
    auto *filter = UiTest::child<QComboBox>(&window, "stageFilter");
    filter->setCurrentIndex(filter->findText(QStringLiteral("Needs attention")));
    auto *proxy = UiTest::child<MachineFilterModel>(&window, "machineFilterModel");
    QTRY_VERIFY(proxy->rowCount() >= 9);
    table->selectRow(0);
    QTest::qWait(400);
    for (int row = 0; row < proxy->rowCount(); ++row) {
        const QRect rect = table->visualRect(proxy->index(row, MachineTableModel::HintColumn));
        QVERIFY2(rect.isValid() && rect.bottom() <= table->viewport()->height(),
                 qPrintable(QStringLiteral("row %1 of %2 below the fold").arg(row).arg(proxy->rowCount())));
    }
    // The selected machine's whole hint under the table.
    auto *hint = UiTest::child<QLabel>(&window, "hintStrip");
    QVERIFY(hint->isVisible() && !hint->text().isEmpty());
    save(QStringLiteral("faults-attention"));
    session.stopServices();
    session.services()->shutdown();
}

// What `make run` does on a fresh account: the real binary with an empty HOME opens the
// set-up wizard, writes nothing while it is open, and the screen is captured as X shows it.
void TestXvfbWindow::firstStartOpensWizard()
{
    const QString xwininfo = QStandardPaths::findExecutable(QStringLiteral("xwininfo"));
    const QString import = QStandardPaths::findExecutable(QStringLiteral("import"));
    if (xwininfo.isEmpty() || import.isEmpty())
        QSKIP("xwininfo (x11-utils) or import (imagemagick) is missing: make deps installs them");
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    for (const char *name : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "QT_QPA_PLATFORM"})
        env.remove(QLatin1String(name));
    QProcess app;
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::ForwardedChannels);
    app.start(QStringLiteral(NBC_BINARY_DIR "/app/netboot-console"), {});
    QVERIFY(app.waitForStarted());
    auto stop = qScopeGuard([&app] {
        app.kill();   // the process this test started, by its handle
        app.waitForFinished(5000);
    });
    auto windows = [&xwininfo] {
        QProcess list;
        list.start(xwininfo, {QStringLiteral("-root"), QStringLiteral("-tree")});
        list.waitForFinished(5000);
        return QString::fromUtf8(list.readAllStandardOutput());
    };
    QTRY_VERIFY_WITH_TIMEOUT(windows().contains(QLatin1String("\"Set up Netboot Console\"")), 30000);
    QTest::qWait(1000);   // let it paint
    QDir().mkpath(QStringLiteral(NBC_BINARY_DIR "/screenshots"));
    const QString shot = QStringLiteral(NBC_BINARY_DIR "/screenshots/first-start-wizard.png");
    QCOMPARE(QProcess::execute(import, {QStringLiteral("-window"), QStringLiteral("root"), shot}), 0);
    QImage image(shot);
    QVERIFY(!image.isNull());
    qInfo("screenshot: %s (%dx%d)", qPrintable(shot), image.width(), image.height());
    // Open, but not accepted: nothing in the workspace yet.
    QVERIFY(!QFileInfo::exists(home.path() + QStringLiteral("/.local/share/netboot-console/workspace/netboot.yaml")));
}

QTEST_MAIN(TestXvfbWindow)
#include "tst_xvfbwindow.moc"
