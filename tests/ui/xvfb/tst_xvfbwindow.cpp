// The window on a real X server (run under xvfb-run): a drag made with the X pointer
// itself (XTest), and the demo's window captured to a PNG that a person looks at.

#include "../uitestutil.h"

#include "configlistmodel.h"
#include "machinefiltermodel.h"
#include "machinetablemodel.h"
#include "machinetableview.h"
#include "mainwindow.h"

#include "engine/servicehost.h"
#include "sim/demo.h"

#include <QApplication>
#include <QDir>
#include <QGuiApplication>
#include <QHeaderView>
#include <QImage>
#include <QLibrary>
#include <QListView>
#include <QPixmap>
#include <QScopeGuard>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QProcess>
#include <QSet>
#include <QTest>
#include <QTimer>

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
                       MachineTableModel::IpColumn, MachineTableModel::ConfigColumn, MachineTableModel::HostnameColumn,
                       MachineTableModel::HintColumn}) {
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
