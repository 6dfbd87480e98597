#pragma once

#include "inventory/machineregistry.h"
#include "model/stage.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>

namespace Nbc {

class ConsoleSession;
class OuiDatabase;

// What the workspace intends for one machine, as the session resolves it (its own entry
// or a rule), and the role of that config.
struct PalletIntent {
    QString config;     // workspace path, "configs/worker.yaml"
    QString role;       // "controlplane" / "worker"; empty when unknown
    QString hostname;
    QString rule;       // the rule that gave it config and hostname; empty for its own entry
};

// One line of the pallet report: one machine, as it stands in the inventory.
struct PalletRow {
    QString mac;
    QStringList otherMacs;
    QString vendor;        // of the MAC's prefix (IEEE OUI list)
    QString manufacturer, product, serial, uuid;   // SMBIOS, as iPXE reported them: from the wire
    QString firmware;      // "bios" / "uefi"
    QString ip;
    PalletIntent intent;
    Stage stage = Stage::Discovered;
    Stage stalledFrom = Stage::Discovered;
    QDateTime firstSeen;
    // When it first became Joined in the last network boot in which it joined (an
    // Installed machine joined in an earlier boot than the one that sent it to its disk).
    QDateTime joinedAt;
    qint64 secondsToJoin = -1;   // joinedAt minus the start of that boot; -1 when not known
};

// The report's summary block.
struct PalletSummary {
    int machines = 0;
    QMap<Stage, int> perStage;     // only stages some machine is in
    int joined = 0;                // machines with a known joinedAt (Installed ones too)
    qint64 medianSecondsToJoin = -1;
    qint64 maxSecondsToJoin = -1;
    QDateTime firstSeen;           // the earliest first sighting
    QDateTime lastJoined;          // the latest join
    qint64 spanSeconds = -1;       // firstSeen -> lastJoined
};

// The pallet report (issue "bring-up kit"): the inventory as a CSV for spreadsheets and
// asset systems, and the rows and summary the printable PDF is made of (ui/palletreportpdf).
class PalletReport
{
    Q_DECLARE_TR_FUNCTIONS(PalletReport)
public:
    static QString csvFileName() { return QStringLiteral("inventory.csv"); }
    static QString pdfFileName() { return QStringLiteral("report.pdf"); }

    PalletReport() = default;
    PalletReport(QList<PalletRow> rows, const QString &workspaceName, const QDateTime &generatedAt);

    // Every machine of the session's registry, sorted by hostname then MAC. The session
    // resolves rules first (a snapshot), so hostnames given by rules are in. Vendors come
    // from `oui` (the system's list by default; a null one: only the locally-administered note).
    static PalletReport fromSession(ConsoleSession &session,
                                    std::shared_ptr<const OuiDatabase> oui = defaultOui());
    static std::shared_ptr<const OuiDatabase> defaultOui();

    // One machine's row: its facts and history, and what the workspace intends for it.
    static PalletRow rowFor(const Machine &machine, const PalletIntent &intent, const QString &vendor);
    // When the machine joined and how long that boot took to get there (from its history).
    static void joinTimes(const Machine &machine, QDateTime *joinedAt, qint64 *secondsToJoin);
    static PalletSummary summarize(const QList<PalletRow> &rows);

    // The CSV's header line, a contract for scripts: keep names and order.
    static QStringList columns();
    // RFC 4180 text, CRLF line ends, UTF-8 without BOM: the header, then one line per row.
    static QByteArray toCsv(const QList<PalletRow> &rows);
    // One cell: neutralised against formula injection, then quoted when it must be.
    static QString csvCell(const QString &value);
    // The row's cells in columns() order, before quoting.
    static QStringList cells(const PalletRow &row);
    // "2024-05-01T10:00:00Z"; empty for an invalid time.
    static QString isoUtc(const QDateTime &time);

    const QList<PalletRow> &rows() const { return m_rows; }
    PalletSummary summary() const { return summarize(m_rows); }
    QString workspaceName() const { return m_workspaceName; }
    QDateTime generatedAt() const { return m_generatedAt; }
    QByteArray csv() const { return toCsv(m_rows); }
    // Writes dir/inventory.csv atomically (QSaveFile), creating dir. False with *error set.
    bool writeCsv(const QString &dir, QString *error = nullptr) const;

private:
    QList<PalletRow> m_rows;
    QString m_workspaceName;
    QDateTime m_generatedAt;
};

} // namespace Nbc
