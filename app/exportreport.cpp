#include "exportreport.h"

#include "options.h"

#include "inventory/inventorystore.h"
#include "inventory/palletreport.h"
#include "inventory/workspace.h"
#include "session/consolesession.h"

#ifdef NBC_WITH_GUI
#include "palletreportpdf.h"
#endif

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QString>

#include <cstdio>

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "netboot-console: %s\n", qPrintable(message));
    return 1;
}

} // namespace

bool wantsExportReport(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--export-report" || arg.startsWith("--export-report="))
            return true;
    }
    return false;
}

int runExportReport(const AppOptions &options, const QString &outDir)
{
    const QString dir =
        QDir(options.workspace.isEmpty() ? Nbc::Workspace::defaultDirectory() : options.workspace).absolutePath();
    // A report is read from a workspace that exists: opening a missing one would make a new,
    // empty one and report nothing.
    if (!QFileInfo(dir).isDir())
        return fail(QCoreApplication::translate("exportreport", "there is no workspace folder %1; give the one the "
                                                                "machines were booted from with --workspace DIR")
                        .arg(QDir::toNativeSeparators(dir)));
    if (!QFileInfo::exists(QDir(dir).filePath(Nbc::Workspace::settingsFileName())))
        return fail(QCoreApplication::translate("exportreport", "%1 is not a workspace: it has no %2")
                        .arg(QDir::toNativeSeparators(dir), Nbc::Workspace::settingsFileName()));
    const QString out = QDir(outDir).absolutePath();
    if (outDir.isEmpty() || !QDir().mkpath(out) || !QFileInfo(out).isWritable())
        return fail(QCoreApplication::translate("exportreport", "cannot write into %1: choose a folder you may write to")
                        .arg(QDir::toNativeSeparators(out)));

    Nbc::ConsoleSession session;
    // The services are not started: only the workspace, its configs and the inventory are
    // needed, so an interface that is not here (the report is made on another computer)
    // does not matter.
    if (!session.open(dir, options.sessionOverrides()) && !session.workspace().ok())
        return fail(session.error());
    if (!session.inventory()->isOpen())
        return fail(QCoreApplication::translate("exportreport", "the inventory of %1 cannot be read: %2")
                        .arg(QDir::toNativeSeparators(dir), session.warnings().join(QLatin1String("; "))));

    const Nbc::PalletReport report = Nbc::PalletReport::fromSession(session);
    QString error;
    const QString csvPath = QDir::toNativeSeparators(QDir(out).filePath(Nbc::PalletReport::csvFileName()));
#ifdef NBC_WITH_GUI
    if (!Nbc::Ui::writePalletReport(report, out, &error))
        return fail(error);
    const QString pdfPath = QDir::toNativeSeparators(QDir(out).filePath(Nbc::PalletReport::pdfFileName()));
    const int machines = int(report.rows().size());
    std::printf("%s\n", qPrintable(QCoreApplication::translate("exportreport", "%n machine(s): wrote %1 and %2", nullptr,
                                                               machines).arg(csvPath, pdfPath)));
    return 0;
#else
    if (!report.writeCsv(out, &error))
        return fail(error);
    const int machines = int(report.rows().size());
    std::printf("%s\n", qPrintable(QCoreApplication::translate("exportreport", "%n machine(s): wrote %1", nullptr,
                                                               machines).arg(csvPath)));
    std::fprintf(stderr, "netboot-console: %s\n",
                 qPrintable(QCoreApplication::translate("exportreport", "report.pdf needs the build with the window "
                                                                        "(NBC_BUILD_GUI=ON); only inventory.csv was written")));
    return 3;
#endif
}
