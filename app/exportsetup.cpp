#include "exportsetup.h"

#include "options.h"

#include "boot/setupexport.h"
#include "inventory/workspace.h"
#include "session/consolesession.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QString>

#include <cstdio>

namespace {

int fail(const QString &message, int code = 1)
{
    std::fprintf(stderr, "netboot-console: %s\n", qPrintable(message));
    return code;
}

} // namespace

bool wantsExportSetup(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--export" || arg.startsWith("--export="))
            return true;
    }
    return false;
}

int runExportSetup(const AppOptions &options, const QString &formatName, const QString &outDir)
{
    using Nbc::Boot::SetupExport;
    const std::optional<Nbc::Boot::SetupFormat> format = SetupExport::formatFromName(formatName);
    if (!format)
        return fail(QCoreApplication::translate("exportsetup", "--export is 'dnsmasq-nginx' or 'matchbox', not '%1'")
                        .arg(formatName), 2);
    if (outDir.isEmpty())
        return fail(QCoreApplication::translate("exportsetup", "--export takes a format and a folder: --export "
                                                               "dnsmasq-nginx|matchbox DIR"), 2);
    const QString dir =
        QDir(options.workspace.isEmpty() ? Nbc::Workspace::defaultDirectory() : options.workspace).absolutePath();
    // Exported from a workspace that exists: opening a missing one would make a new, empty one.
    if (!QFileInfo::exists(QDir(dir).filePath(Nbc::Workspace::settingsFileName())))
        return fail(QCoreApplication::translate("exportsetup", "%1 is not a workspace: it has no %2; give the "
                                                               "workspace with --workspace DIR")
                        .arg(QDir::toNativeSeparators(dir), Nbc::Workspace::settingsFileName()));
    const QString out = QDir(outDir).absolutePath();
    // Asked before the workspace is opened, so a refusal costs nothing; the writer checks again.
    if (!SetupExport::isEmptyFolder(out))
        return fail(QCoreApplication::translate("exportsetup", "%1 is not empty: give an empty or new folder (the "
                                                               "export never mixes its files with others)")
                        .arg(QDir::toNativeSeparators(out)));

    Nbc::ConsoleSession session;
    // The services are not started. An interface that is not on this computer only matters
    // when netboot.yaml gives no serverAddress: the plan says so then.
    if (!session.open(dir, options.sessionOverrides()) && !session.workspace().ok())
        return fail(session.error());
    const Nbc::Boot::SetupExportPlan plan = SetupExport::plan(session, *format, out);
    if (!plan.ok()) {
        for (const QString &error : plan.errors)
            fail(error);
        return 1;
    }
    const Nbc::Boot::SetupWriteResult written = SetupExport::write(plan, out);
    if (!written.ok())
        return fail(written.message);
    std::printf("%s\n", qPrintable(QCoreApplication::translate("exportsetup", "%n file(s) written into %1 for %2:", nullptr,
                                                               int(written.written.size()))
                                       .arg(QDir::toNativeSeparators(out), SetupExport::formatName(*format))));
    for (const QString &path : written.written)
        std::printf("  %s\n", qPrintable(path));
    for (const QString &note : plan.notes)
        std::printf("%s\n", qPrintable(QCoreApplication::translate("exportsetup", "note: %1").arg(note)));
    std::printf("%s\n", qPrintable(QCoreApplication::translate("exportsetup", "%1 says how to start it and who can read "
                                                                              "the machine configs.")
                                       .arg(QDir::toNativeSeparators(QDir(out).filePath(QStringLiteral("README.md"))))));
    return 0;
}
