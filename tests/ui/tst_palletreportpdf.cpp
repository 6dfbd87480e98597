// The printable pallet report for a simulated pallet: a PDF with the summary and one line
// per machine, read back with pdftotext and rendered with pdftoppm to
// screenshots/pallet-report-page1.png (and page 2 of a long report) to be looked at; the
// window's action; and `netboot-console --export-report` run as a person would.

#include "palletfleet.h"
#include "uitestutil.h"

#include "mainwindow.h"
#include "palletreportactions.h"
#include "palletreportpdf.h"

#include "engine/servicehost.h"
#include "inventory/inventorystore.h"
#include "inventory/palletreport.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QMessageBox>
#include <QProcess>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace Nbc;
using namespace Nbc::Ui;

namespace {

QString screenshot(const QString &name)
{
    QDir().mkpath(QStringLiteral(NBC_BINARY_DIR "/screenshots"));
    return QStringLiteral(NBC_BINARY_DIR "/screenshots/%1.png").arg(name);
}

// A poppler tool's output; ends the test when the tool is missing or fails.
QByteArray runTool(const QString &program, const QStringList &arguments, bool *found)
{
    const QString path = QStandardPaths::findExecutable(program);
    *found = !path.isEmpty();
    if (!*found)
        return {};
    QProcess process;
    process.start(path, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        qWarning("%s failed: %s", qPrintable(program), process.readAllStandardError().constData());
        return {};
    }
    return process.readAllStandardOutput();
}

int pdfPages(const QString &pdf)
{
    bool found = false;
    const QByteArray info = runTool(QStringLiteral("pdfinfo"), {pdf}, &found);
    for (const QByteArray &line : info.split('\n')) {
        if (line.startsWith("Pages:"))
            return line.mid(6).trimmed().toInt();
    }
    return -1;
}

QString pdfText(const QString &pdf)
{
    bool found = false;
    return QString::fromUtf8(runTool(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")},
                                     &found));
}

// Renders page `page` of `pdf` to `png` at 80 dpi; false when pdftoppm is not installed.
bool renderPage(const QString &pdf, int page, const QString &png)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
    if (program.isEmpty())
        return false;
    const QString stem = png.chopped(4);   // pdftoppm adds .png itself with -singlefile
    QProcess process;
    process.start(program, {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("80"), QStringLiteral("-f"),
                            QString::number(page), QStringLiteral("-l"), QString::number(page),
                            QStringLiteral("-singlefile"), pdf, stem});
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        qFatal("pdftoppm failed: %s", process.readAllStandardError().constData());
    return true;
}

PalletRow syntheticRow(int i)
{
    PalletRow row;
    row.mac = UiTest::macOf(i);
    row.vendor = QStringLiteral("QEMU virtual NIC");
    row.manufacturer = QStringLiteral("Demo Hardware Co.");
    row.product = i % 2 ? QStringLiteral("Compact 1U") : QStringLiteral("Storage 2U");
    row.serial = QStringLiteral("NBS-%1").arg(i, 6, 10, QLatin1Char('0'));
    row.firmware = QStringLiteral("uefi");
    row.ip = QStringLiteral("10.77.0.%1").arg(10 + i % 200);
    row.intent = {QStringLiteral("configs/worker.yaml"), QStringLiteral("worker"), QStringLiteral("worker-%1").arg(i),
                  QStringLiteral("workers")};
    row.stage = i % 7 == 0 ? Stage::Installed : Stage::Joined;
    row.firstSeen = QDateTime(QDate(2025, 3, 4), QTime(9, 0), Qt::UTC).addSecs(i * 7);
    row.joinedAt = row.firstSeen.addSecs(90 + i % 50);
    row.secondsToJoin = 90 + i % 50;
    return row;
}

} // namespace

class tst_PalletReportPdf : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settings;
    QTemporaryDir m_out;
    std::unique_ptr<PalletFleet::Fleet> m_fleet;

    void whenShown(QWidget *root, const QString &name, std::function<void(QWidget *)> then)
    {
        UiTest::whenShown(this, root, name, std::move(then));
    }

private Q_SLOTS:
    void initTestCase()
    {
        UiTest::isolateSettings(m_settings.path());
        registerMetaTypes();
        Sim::raiseOpenFileLimit();
        QString error;
        m_fleet = PalletFleet::boot(10, &error);
        QVERIFY2(m_fleet, qPrintable(error));
    }

    void durations()
    {
        QCOMPARE(PalletReportPdf::durationText(-1), QString());
        QCOMPARE(PalletReportPdf::durationText(0), QStringLiteral("0 s"));
        QCOMPARE(PalletReportPdf::durationText(59), QStringLiteral("59 s"));
        QCOMPARE(PalletReportPdf::durationText(187), QStringLiteral("3 min 07 s"));
        QCOMPARE(PalletReportPdf::durationText(3720), QStringLiteral("1 h 02 min"));
    }

    // The acceptance run: the fleet's PDF, one page, every machine on it, and its picture.
    void fleetReport()
    {
        const PalletReport report = PalletReport::fromSession(*m_fleet->session);
        QCOMPARE(report.rows().size(), 10);
        const QString pdf = m_out.filePath(QStringLiteral("fleet/report.pdf"));
        QString error;
        QVERIFY2(writePalletReport(report, m_out.filePath(QStringLiteral("fleet")), &error), qPrintable(error));
        QVERIFY(QFile::exists(m_out.filePath(QStringLiteral("fleet/inventory.csv"))));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");

        if (!renderPage(pdf, 1, screenshot(QStringLiteral("pallet-report-page1"))))
            QSKIP("pdftoppm is not installed (poppler-utils; scripts/install-deps.sh installs it): the page cannot "
                  "be rendered");
        QVERIFY(QFileInfo(screenshot(QStringLiteral("pallet-report-page1"))).size() > 10000);
        QCOMPARE(pdfPages(pdf), 1);
        const QString text = pdfText(pdf);
        QVERIFY2(text.contains(QLatin1String("Pallet report")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("Page 1 of 1")));
        QVERIFY(text.contains(QLatin1String("10 of 10")));
        QVERIFY(text.contains(QLatin1String("Median time to join")));
        QVERIFY(text.contains(report.workspaceName()));
        for (const PalletRow &row : report.rows()) {
            QVERIFY2(text.contains(row.intent.hostname), qPrintable(row.intent.hostname));
            QVERIFY2(text.contains(row.mac), qPrintable(row.mac));
            QVERIFY(text.contains(row.serial));
        }
        QVERIFY(text.contains(QLatin1String("demo-worker.yaml")));
        QVERIFY(text.contains(QLatin1String("Joined 10")));
    }

    // A long pallet: the table goes on over pages, with its header on each, and each page
    // says which of how many it is.
    void longReportRepeatsTheHeader()
    {
        QList<PalletRow> rows;
        for (int i = 1; i <= 90; ++i)
            rows << syntheticRow(i);
        // Text wider than its column is cut with an ellipsis, never drawn over the next one.
        rows[0].product = QStringLiteral("Extraordinarily Long Product Name Series 9000 Rev B With Options");
        const PalletReport report(rows, QStringLiteral("pallet-7"), QDateTime::currentDateTime());
        const QString pdf = m_out.filePath(QStringLiteral("long.pdf"));
        QString error;
        int pages = 0;
        QVERIFY2(PalletReportPdf::write(report, pdf, &error, &pages), qPrintable(error));
        QVERIFY2(pages >= 3, qPrintable(QString::number(pages)));
        if (!renderPage(pdf, 2, screenshot(QStringLiteral("pallet-report-page2"))))
            QSKIP("pdftoppm is not installed (poppler-utils): the pages cannot be read back");
        QCOMPARE(pdfPages(pdf), pages);
        const QString text = pdfText(pdf);
        QCOMPARE(text.count(QLatin1String("Hostname")), pages);
        for (int page = 1; page <= pages; ++page)
            QVERIFY2(text.contains(QStringLiteral("Page %1 of %2").arg(page).arg(pages)), qPrintable(text));
        for (const PalletRow &row : rows)
            QVERIFY2(text.contains(row.intent.hostname + u' '), qPrintable(row.intent.hostname));
        QVERIFY(!text.contains(rows.first().product));
        QVERIFY(text.contains(QStringLiteral("Demo Hardware Co. Ext")));
        QVERIFY(text.contains(QStringLiteral("…")));
    }

    void emptyInventory()
    {
        const PalletReport report({}, QStringLiteral("new"), QDateTime::currentDateTime());
        int pages = 0;
        QString error;
        QVERIFY2(PalletReportPdf::write(report, m_out.filePath(QStringLiteral("empty.pdf")), &error, &pages),
                 qPrintable(error));
        QCOMPARE(pages, 1);
    }

    void unwritablePathSaysWhy()
    {
        TestUtil::writeFile(m_out.path(), QStringLiteral("a-file"), "x");
        const PalletReport report({syntheticRow(1)}, QStringLiteral("ws"), QDateTime::currentDateTime());
        QString error;
        QVERIFY(!PalletReportPdf::write(report, m_out.filePath(QStringLiteral("a-file/report.pdf")), &error));
        QVERIFY2(error.contains(QLatin1String("a-file/report.pdf")), qPrintable(error));
        QVERIFY(!writePalletReport(report, m_out.filePath(QStringLiteral("a-file/out")), &error));
        QVERIFY(!error.isEmpty());
    }

    void windowAction()
    {
        MainWindow window(m_fleet->session.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *actions = new PalletReportActions(m_fleet->session.get(), &window);
        QCOMPARE(actions->exportAction()->objectName(), QStringLiteral("exportPalletReportAction"));
        QCOMPARE(actions->exportAction()->text(), QStringLiteral("Export pallet &report…"));

        // Cancelling the folder dialog writes nothing.
        bool asked = false;
        whenShown(&window, QStringLiteral("palletReportFolderDialog"), [&asked](QWidget *w) {
            asked = true;
            static_cast<QFileDialog *>(w)->reject();
        });
        QVERIFY(!actions->exportReport());
        QVERIFY(asked);

        const QString folder = m_out.filePath(QStringLiteral("from-window"));
        QVERIFY(actions->exportReport(folder));
        QVERIFY(QFile::exists(folder + QStringLiteral("/inventory.csv")));
        QVERIFY(QFile::exists(folder + QStringLiteral("/report.pdf")));
        QCOMPARE(window.statusBar()->currentMessage(), PalletReportActions::writtenMessage(folder));
        QVERIFY(window.statusBar()->currentMessage().contains(folder));

        // A folder that cannot be made: a warning that says why.
        TestUtil::writeFile(m_out.path(), QStringLiteral("blocker"), "x");
        QString told;
        whenShown(&window, QStringLiteral("palletReportFailed"), [&told](QWidget *w) {
            auto *box = static_cast<QMessageBox *>(w);
            told = box->informativeText();
            box->accept();
        });
        QVERIFY(!actions->exportReport(m_out.filePath(QStringLiteral("blocker/out"))));
        QVERIFY2(told.contains(QLatin1String("blocker")), qPrintable(told));
    }

    // Last: it closes the fleet's session so the program reads the inventory alone.
    void commandLine()
    {
        const QString program = QStringLiteral(NBC_BINARY_DIR "/app/netboot-console");
        if (!QFileInfo(program).isExecutable())
            QSKIP("netboot-console is not built in this build folder");
        QString error;
        QVERIFY(m_fleet->session->inventory()->flush(&error));
        m_fleet->session.reset();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));   // it must choose offscreen itself
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        const auto run = [&](const QStringList &arguments, QByteArray *out, QByteArray *err) {
            QProcess process;
            process.setProcessEnvironment(env);
            process.start(program, arguments);
            if (!process.waitForFinished(60000))
                return -1;
            *out = process.readAllStandardOutput();
            *err = process.readAllStandardError();
            return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        };

        const QString out = m_out.filePath(QStringLiteral("cli"));
        QByteArray stdOut, stdErr;
        QCOMPARE(run({QStringLiteral("--workspace"), m_fleet->dir, QStringLiteral("--export-report"), out}, &stdOut,
                     &stdErr),
                 0);
        QVERIFY2(stdOut.contains(QByteArray(out.toUtf8() + "/report.pdf")), stdOut.constData());
        QFile csv(out + QStringLiteral("/inventory.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QStringList> records = PalletFleet::parseCsv(csv.readAll());
        QCOMPARE(records.size(), 11);
        QCOMPARE(records.constFirst(), PalletReport::columns());
        QCOMPARE(records.at(1).at(PalletReport::columns().indexOf(QLatin1String("stage"))), QStringLiteral("Joined"));
        QFile pdf(out + QStringLiteral("/report.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext is not installed (poppler-utils)");
        QVERIFY(pdfText(out + QStringLiteral("/report.pdf")).contains(QLatin1String("special-1")));

        // OUT where no folder can be: a file is in the way.
        TestUtil::writeFile(m_out.path(), QStringLiteral("in-the-way"), "x");
        const int bad = run({QStringLiteral("--workspace"), m_fleet->dir, QStringLiteral("--export-report"),
                             m_out.filePath(QStringLiteral("in-the-way/out"))},
                            &stdOut, &stdErr);
        QVERIFY(bad != 0);
        QVERIFY2(stdErr.contains("cannot write into"), stdErr.constData());
        QVERIFY2(stdErr.contains("in-the-way"), stdErr.constData());

        // No such workspace: said, and nothing is made there.
        const QString missing = m_out.filePath(QStringLiteral("no-such-workspace"));
        QVERIFY(run({QStringLiteral("--workspace"), missing, QStringLiteral("--export-report"), out}, &stdOut, &stdErr)
                != 0);
        QVERIFY2(stdErr.contains("no workspace folder"), stdErr.constData());
        QVERIFY(!QFileInfo::exists(missing));
    }
};

QTEST_MAIN(tst_PalletReportPdf)
#include "tst_palletreportpdf.moc"
