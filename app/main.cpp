#include "doctor.h"
#include "exportreport.h"
#include "exportsetup.h"
#include "headless.h"
#include "options.h"
#include "revision.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#ifdef NBC_WITH_GUI
#include "languagechoice.h"
#include "runwindow.h"
#include <QApplication>
#include <QGuiApplication>
#endif

#include <algorithm>
#include <cstdio>
#include <memory>

#include <sys/resource.h>

namespace {

bool wantsHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--headless" || arg == "--doctor" || arg == "--version" || arg == "--help" || arg == "-h" || arg == "-v")
            return true;
    }
    return false;
}

} // namespace

// Every TFTP transfer and HTTP connection is a descriptor; desktop sessions often start
// with a soft limit of 1024, far below what a thousand machines booting at once need.
static void raiseDescriptorLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return;
    const rlim_t wanted = std::min<rlim_t>(limit.rlim_max, 65536);
    if (limit.rlim_cur < wanted) {
        limit.rlim_cur = wanted;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

int main(int argc, char **argv)
{
    raiseDescriptorLimit();
    std::unique_ptr<QCoreApplication> app;
#ifdef NBC_WITH_GUI
    if (wantsExportReport(argc, argv)) {
        // The PDF needs fonts, not a display: it works over ssh with none.
        qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else if (wantsHeadless(argc, argv) || wantsExportSetup(argc, argv))
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);
#else
    Q_UNUSED(wantsHeadless);
    app = std::make_unique<QCoreApplication>(argc, argv);
#endif
    QCoreApplication::setApplicationName(QStringLiteral("netboot-console"));
    QCoreApplication::setOrganizationName(QStringLiteral("netboot-console"));
    // "0.1.0 (revision 1a2b3c4d5e6f)": what --version prints after the name.
    QCoreApplication::setApplicationVersion(QStringLiteral(NBC_VERSION " (revision " NBC_REVISION ")"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main",
        "Network-boot station for Talos Linux: proxy DHCP, TFTP, HTTP and a log receiver."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(QStringLiteral("headless"),
        QCoreApplication::translate("main", "Engines only, no window; events as JSON lines on stdout."));
    const QCommandLineOption demo(QStringLiteral("demo"),
        QCoreApplication::translate("main", "Drive the console with N simulated machines on loopback."),
        QStringLiteral("N"));
    const QCommandLineOption demoFaults(QStringLiteral("demo-faults"),
        QCoreApplication::translate("main", "With --demo: some simulated machines stall, hang in iPXE or get a broken config."));
    const QCommandLineOption workspace(QStringLiteral("workspace"),
        QCoreApplication::translate("main", "Workspace folder (default under the XDG data directory)."),
        QStringLiteral("DIR"));
    const QCommandLineOption iface(QStringLiteral("interface"),
        QCoreApplication::translate("main", "Interface to serve on (overrides the workspace)."),
        QStringLiteral("NAME"));
    const QCommandLineOption mode(QStringLiteral("mode"),
        QCoreApplication::translate("main", "proxy: next to an existing DHCP server; dhcp: full DHCP on an isolated network."),
        QStringLiteral("proxy|dhcp"));
    // One option per port of Nbc::Ports, in its order; the defaults are the struct's.
    static const char *const portHelp[] = {
        QT_TRANSLATE_NOOP("main", "DHCP port (default %1)."),
        QT_TRANSLATE_NOOP("main", "PXE proxy port (default %1)."),
        QT_TRANSLATE_NOOP("main", "TFTP port (default %1)."),
        QT_TRANSLATE_NOOP("main", "HTTP port (default %1)."),
        QT_TRANSLATE_NOOP("main", "Log receiver port, TCP and UDP (default %1)."),
    };
    const Nbc::Ports defaultPorts;
    QList<QCommandLineOption> portOptions;
    for (size_t i = 0; i < Nbc::allPorts().size(); ++i) {
        const Nbc::PortInfo &info = Nbc::allPorts()[i];
        portOptions.append(QCommandLineOption(QString::fromLatin1(info.flag),
            QCoreApplication::translate("main", portHelp[i]).arg(defaultPorts.value(info.which)), QStringLiteral("N")));
    }
    const QCommandLineOption tftpRoot(QStringLiteral("tftp-root"),
        QCoreApplication::translate("main", "Also serve the files of DIR over TFTP, read-only."), QStringLiteral("DIR"));
    const QCommandLineOption httpRoot(QStringLiteral("http-root"),
        QCoreApplication::translate("main", "Also serve the files of DIR over HTTP, read-only, under /files/."), QStringLiteral("DIR"));
    parser.addOptions({headless, demo, demoFaults, workspace, iface, mode});
    parser.addOptions(portOptions);
    // Worded exactly as DESIGN.md's command-line contract spells it.
    const QCommandLineOption doctor(QStringLiteral("doctor"),
        QCoreApplication::translate("main", "print the network doctor's report for --interface and exit (text; JSON lines "
                                            "with --headless)"));
    const QCommandLineOption exportReport(QStringLiteral("export-report"),
        QCoreApplication::translate("main", "write OUT/inventory.csv and OUT/report.pdf from the workspace and exit"),
        QStringLiteral("OUT"));
    // The folder is the first argument after the format: `--export matchbox DIR`.
    const QCommandLineOption exportSetup(QStringLiteral("export"),
        QCoreApplication::translate("main", "write the workspace as a setup for those tools and exit"),
        QStringLiteral("dnsmasq-nginx|matchbox DIR"));
    parser.addOptions({tftpRoot, httpRoot, doctor, exportReport, exportSetup});
    parser.process(*app);

    AppOptions options;
    options.headless = parser.isSet(headless);
    options.workspace = parser.value(workspace);
    options.interfaceName = parser.value(iface);
    options.mode = parser.value(mode);
    options.tftpRoot = parser.value(tftpRoot);
    options.httpRoot = parser.value(httpRoot);

    auto parsePort = [&](const QCommandLineOption &option, int *out) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const int port = parser.value(option).toInt(&ok);
        if (!ok || port < 0 || port > 65535) {
            std::fprintf(stderr, "netboot-console: --%s takes a port number from 0 to 65535, not '%s'\n",
                         qPrintable(option.names().constFirst()), qPrintable(parser.value(option)));
            return false;
        }
        *out = port;
        return true;
    };
    for (qsizetype i = 0; i < portOptions.size(); ++i) {
        if (!parsePort(portOptions.at(i), options.ports.field(Nbc::allPorts()[size_t(i)].which)))
            return 2;
    }
    if (parser.isSet(demo)) {
        bool ok = false;
        options.demo = parser.value(demo).toInt(&ok);
        if (!ok || options.demo < 1 || options.demo > 5000) {
            std::fprintf(stderr, "netboot-console: --demo takes a number of machines from 1 to 5000\n");
            return 2;
        }
    }
    options.demoFaults = parser.isSet(demoFaults);
    if (options.demoFaults && options.demo == 0) {
        std::fprintf(stderr, "netboot-console: --demo-faults goes with --demo N\n");
        return 2;
    }
    if (!options.mode.isEmpty() && options.mode != QLatin1String("proxy") && options.mode != QLatin1String("dhcp")) {
        std::fprintf(stderr, "netboot-console: --mode is 'proxy' or 'dhcp', not '%s'\n", qPrintable(options.mode));
        return 2;
    }

    if (parser.isSet(exportSetup))
        return runExportSetup(options, parser.value(exportSetup), parser.positionalArguments().value(0));
    if (parser.isSet(exportReport))
        return runExportReport(options, parser.value(exportReport));
    if (parser.isSet(doctor))
        return runDoctor(*app, options);

#ifdef NBC_WITH_GUI
    if (options.headless || !qobject_cast<QApplication *>(app.get()))
        return runHeadless(*app, options);
    // The window speaks the language chosen under View > Language, else the system's.
    Nbc::Ui::LanguageChoice::install();
    // The installed .desktop file's name: docks and task bars show its icon and name.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.netbootconsole.NetbootConsole"));
    return Nbc::Ui::runWindow(*qobject_cast<QApplication *>(app.get()), options.workspace, options.sessionOverrides(),
                              options.demo, options.demoFaults);
#else
    return runHeadless(*app, options);
#endif
}
