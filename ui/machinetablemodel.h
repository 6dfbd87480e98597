#pragma once

#include "model/stage.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QStringList>

#include <array>
#include <functional>
#include <memory>

namespace Nbc {
class ConsoleSession;
class OuiDatabase;
struct Machine;
}

namespace Nbc::Ui {

class Assigner;

// The machine table: one row per machine, keyed by MAC through a hash. Rows change only
// when the registry publishes (coalesced, at most ten times a second): new machines come
// in as one block, changed ones as one dataChanged per contiguous range of rows, with
// the roles of the columns that changed. Accepts drops of configs; what a drop means is
// the Assigner's business.
class MachineTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // In the order they are shown: what tells a person what to do comes first (the hint
    // included), what identifies the hardware after it.
    enum Column {
        MacColumn,
        StageColumn,
        ProgressColumn,
        IpColumn,
        ConfigColumn,
        HostnameColumn,
        HintColumn,
        FirmwareColumn,
        VendorColumn,
        ManufacturerColumn,
        ProductColumn,
        SerialColumn,
        LastSeenColumn,
        ColumnCount
    };
    enum Role {
        MacRole = Qt::UserRole + 1,   // QString
        StageRole,                    // int (Nbc::Stage)
        StepRole,                     // int: position on the normal path
        DownloadingRole,              // bool: a download runs now
        ProgressRole,                 // double 0..1, or -1 when no download runs or its size is unknown
        RateRole,                     // qint64 bytes per second, -1 unknown
        EtaRole,                      // qint64 seconds, -1 unknown
        SimulatedRole,                // bool
        NeedsAttentionRole,           // bool: failed, stalled, waiting, past its stage's deadline
        SortRole,                     // what the column sorts by
        FilterTextRole,               // everything the filter box matches, one string
    };

    explicit MachineTableModel(ConsoleSession *session, QObject *parent = nullptr);
    ~MachineTableModel() override;

    // The firmware column and the detail dock: "UEFI HTTP" for a UEFI machine that booted
    // by HTTP (client arch 16); Machine::firmware itself stays "uefi" for rules and reports.
    static QString firmwareTitle(const Machine &machine);
    static QString configMimeType() { return QStringLiteral("application/x-netboot-console-config"); }
    static QMimeData *encodeConfigIds(const QStringList &ids);
    static QStringList decodeConfigIds(const QMimeData *data);

    void setAssigner(Assigner *assigner) { m_assigner = assigner; }
    // The machines a drop on `mac` is meant for (the selection it is part of, or itself).
    void setDropTargets(std::function<QStringList(const QString &mac)> targets) { m_dropTargets = std::move(targets); }
    // Vendor names; the list is read in the background and may arrive after the rows.
    void setOuiDatabase(std::shared_ptr<const OuiDatabase> database);

    QString macAt(int row) const;
    int rowOf(const QString &mac) const { return m_rowOf.value(mac, -1); }
    // The order of SortRole in `column` (ties by MAC), read from the rows themselves: the
    // sort proxy asks this thousands of times when rows arrive, without a QVariant each.
    bool lessThan(int leftRow, int rightRow, int column) const;
    // Why the last drop asked about was refused; empty when it was accepted.
    QString dropRefusal() const { return m_dropRefusal; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

    // Re-reads these machines from the registry (what machinesChanged triggers).
    void refresh(const QStringList &macs);
    void refreshAll();

private:
    struct Row {
        QString mac;
        std::array<QString, ColumnCount> text;
        Stage stage = Stage::Discovered;
        int step = 0;
        qint64 bytes = -1, total = -1, rate = -1;
        bool downloading = false;
        bool simulated = false;
        bool attention = false;
        bool reinstall = false;   // it runs another config than the one assigned now
        quint32 ip = 0;
        QDateTime lastSeen;
        QString tooltip;   // the MAC column's: other NICs, first seen, boots
        QString download;  // the running or last download's name
        QString config;    // the assigned config as the workspace names it
        QString rule;      // the rule that gave it, if a rule did
        bool pi = false;   // a Raspberry Pi: its boot folder shows with its config
        QString piFolder;  // its `piFolder:`, if it has one
    };
    Row makeRow(const Machine &machine) const;
    // Bit mask of the columns whose content differs.
    static quint32 changedColumns(const Row &a, const Row &b);
    static QList<int> rolesOf(int column);
    void reloadIntent();
    struct Intent;
    // Its own entry by MAC, else what the session resolved (entry by UUID/serial, rule).
    Intent intentOf(const Machine &machine, QString *rule) const;
    static bool isPi(const Machine &machine);
    void removeMachine(const QString &mac);
    QString targetMac(int row, const QModelIndex &parent) const;

    ConsoleSession *m_session = nullptr;
    Assigner *m_assigner = nullptr;
    std::function<QStringList(const QString &)> m_dropTargets;
    std::shared_ptr<const OuiDatabase> m_oui;
    QList<Row> m_rows;
    QHash<QString, int> m_rowOf;
    // New machines beyond kInsertSlice in one refresh wait here for the next pass of the
    // event loop: inserting thousands of rows into the sorted view at once is one long stall.
    static constexpr qsizetype kInsertSlice = 200;
    QStringList m_pendingInserts;
    struct Intent {
        QString config;
        QString hostname;
        QString piFolder;
    };
    QHash<QString, Intent> m_intent;
    mutable QString m_dropRefusal;
    // Local times without a time-zone lookup per row: the offset is taken once per
    // refresh, and "first seen" texts are kept by their second (5000 rows refreshed ten
    // times a second spent a third of their time converting dates).
    QString localClock(const QDateTime &utc) const;
    QString firstSeenText(const QDateTime &utc) const;
    int m_utcOffset = 0;
    mutable qint64 m_clockSecond = -1;   // local seconds of m_clockText
    mutable QString m_clockText;
    mutable QHash<qint64, QString> m_firstSeenText;
};

} // namespace Nbc::Ui
