#pragma once

#include "inventory/palletreport.h"

#include <QCoreApplication>
#include <QString>

namespace Nbc::Ui {

// The printable pallet report: A4 landscape, a title with the workspace and the date, the
// summary, then one line per machine in a table whose header repeats on every page, and
// "Page X of Y" at the foot. Drawn with QPdfWriter (needs a QGuiApplication; the offscreen
// platform will do).
class PalletReportPdf
{
    Q_DECLARE_TR_FUNCTIONS(PalletReportPdf)
public:
    // Writes the PDF to `path` atomically. False with *error set; *pages: how many it has.
    static bool write(const PalletReport &report, const QString &path, QString *error = nullptr,
                      int *pages = nullptr);

    // "45 s", "3 min 07 s", "1 h 02 min"; empty for a negative count.
    static QString durationText(qint64 seconds);
};

// Both files of the report into `dir` (created when missing): inventory.csv and report.pdf.
// What the window's action and `--export-report` do. False with *error set.
bool writePalletReport(const PalletReport &report, const QString &dir, QString *error = nullptr);

} // namespace Nbc::Ui
