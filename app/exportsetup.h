#pragma once

class QString;
struct AppOptions;

// `--export dnsmasq-nginx|matchbox DIR`: the workspace as a setup for those tools, written
// into DIR without a window and without starting the services (SetupExport). Returns the
// exit code: 0 when everything was written (and prints what); 1 when the workspace cannot
// be exported or DIR cannot be used (a DIR that is not empty is refused); 2 for a format
// that is not one of the two or a missing DIR, like other option errors.
int runExportSetup(const AppOptions &options, const QString &format, const QString &dir);

// The export is asked for on this command line (`--export`, not `--export-report`): the
// application is then made without a window.
bool wantsExportSetup(int argc, char **argv);
