#pragma once

class QString;
struct AppOptions;

// `--export-report OUT`: the workspace's inventory as OUT/inventory.csv and OUT/report.pdf,
// without a window and without starting the services. Returns the exit code: 0 when both
// are written; 1 when the workspace or OUT cannot be used; 3 in the build without the
// window, which writes the CSV only.
int runExportReport(const AppOptions &options, const QString &outDir);

// The report is asked for on this command line: the application is then made on the
// offscreen platform (the PDF needs fonts, not a display), so it works over ssh.
bool wantsExportReport(int argc, char **argv);
