#include "machinetablemodel.h"

#include "assigner.h"
#include "progressdelegate.h"
#include "stagestyle.h"

#include "boot/raspberrypi.h"
#include "session/consolesession.h"
#include "inventory/machineregistry.h"
#include "inventory/ouidatabase.h"

#include <QDir>
#include <QFont>
#include <QIcon>
#include <QLocale>
#include <QMimeData>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace Nbc::Ui {

namespace {

Stage stageBefore(const Machine &m)
{
    if (m.stage == Stage::Stalled)
        return m.stalledFrom;
    // A failed machine failed in the last stage it reached.
    for (auto it = m.history.crbegin(); it != m.history.crend(); ++it) {
        if (!StageStyle::isProblem(it->stage))
            return it->stage;
    }
    return Stage::Discovered;
}

// "vmlinuz: 3.0 MiB of 12.0 MiB"
QString partText(const QString &name, qint64 bytes, qint64 total)
{
    const QLocale locale;
    return MachineTableModel::tr("%1: %2 of %3").arg(name, locale.formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat),
                                                    locale.formattedDataSize(total, 1, QLocale::DataSizeIecFormat));
}

// A running download's rate and time left; between downloads (vmlinuz fetched, initramfs
// not asked for yet) what was fetched last, so a booting row never looks idle.
QString progressText(const Machine &m)
{
    if (m.downloading)
        return ProgressDelegate::rateText(m.bytes, m.total, m.rate);
    const bool showsLast = m.stage == Stage::FirmwareFiles || m.stage == Stage::LoadingIpxe || m.stage == Stage::Kernel || StageStyle::isProblem(m.stage);
    if (!showsLast || m.download.isEmpty())
        return {};
    const QString name = m.download.section(u'/', -1);
    if (m.total > 0 && m.bytes >= 0 && m.bytes < m.total)
        return partText(name, m.bytes, m.total);   // interrupted or stalled part-way
    return MachineTableModel::tr("%1 done").arg(name);
}

} // namespace

MachineTableModel::MachineTableModel(ConsoleSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    MachineRegistry *registry = session->registry();
    connect(registry, &MachineRegistry::machinesChanged, this, &MachineTableModel::refresh);
    connect(registry, &MachineRegistry::machineRemoved, this, &MachineTableModel::removeMachine);
    connect(session, &ConsoleSession::intentChanged, this, [this] {
        reloadIntent();
        refreshAll();
    });
    reloadIntent();
    refreshAll();
}

MachineTableModel::~MachineTableModel() = default;

QString MachineTableModel::firmwareTitle(const Machine &machine)
{
    if (machine.firmware == QLatin1String("uefi"))
        return machine.arch == QLatin1String("16") ? tr("UEFI HTTP") : tr("UEFI");   // RFC 4578 arch 16: x64 HTTP boot
    if (machine.firmware == QLatin1String("bios"))
        return tr("BIOS");
    if (machine.firmware == QLatin1String("rpi"))
        return tr("Raspberry Pi");
    return machine.firmware;
}

QMimeData *MachineTableModel::encodeConfigIds(const QStringList &ids)
{
    auto *data = new QMimeData;
    data->setData(configMimeType(), ids.join(u'\n').toUtf8());
    return data;
}

QStringList MachineTableModel::decodeConfigIds(const QMimeData *data)
{
    if (!data || !data->hasFormat(configMimeType()))
        return {};
    QStringList ids = QString::fromUtf8(data->data(configMimeType())).split(u'\n', Qt::SkipEmptyParts);
    return ids;
}

void MachineTableModel::setOuiDatabase(std::shared_ptr<const OuiDatabase> database)
{
    m_oui = std::move(database);
    refreshAll();
}

QString MachineTableModel::macAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).mac : QString();
}

int MachineTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MachineTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void MachineTableModel::reloadIntent()
{
    m_intent.clear();
    for (const MachineIntent &m : m_session->workspace().settings().machines)
        m_intent.insert(m.mac, Intent{m.configPath, m.hostname, m.piFolder});
}

bool MachineTableModel::isPi(const Machine &m)
{
    // ConsoleSession::isRaspberryPi's test, on the machine at hand (no lookup by MAC).
    return m.firmware == QLatin1String("rpi") || Boot::RaspberryPi::isRaspberryPiMac(m.mac);
}

MachineTableModel::Intent MachineTableModel::intentOf(const Machine &m, QString *rule) const
{
    // Its own entry from m_intent; the rest from the session's resolution, looked up once
    // (by the MAC as the registry has it: no parsing, no walk over the entries).
    Intent intent = m_intent.value(m.mac);
    const bool pi = isPi(m);
    if (!intent.config.isEmpty() && (!pi || !intent.piFolder.isEmpty()))
        return intent;
    const MachineIntent resolved = m_session->resolvedIntent(m.mac);
    if (intent.config.isEmpty()) {
        intent.config = resolved.configPath;
        *rule = resolved.rule;
        if (intent.hostname.isEmpty())
            intent.hostname = resolved.hostname;
    }
    if (pi && intent.piFolder.isEmpty())
        intent.piFolder = resolved.piFolder;
    return intent;
}

MachineTableModel::Row MachineTableModel::makeRow(const Machine &m) const
{
    Row r;
    r.mac = m.mac;
    r.stage = m.stage;
    r.step = StageStyle::step(m.stage, stageBefore(m));
    r.bytes = m.bytes;
    r.total = m.total;
    r.rate = m.rate;
    r.downloading = m.downloading;
    r.simulated = m.simulated;
    r.attention = m.needsAttention();
    const Intent assigned = intentOf(m, &r.rule);
    r.config = assigned.config;
    // The same test as ConsoleSession::needsReinstall, without its lookup per row.
    r.reinstall = !m.servedConfig.isEmpty() && !assigned.config.isEmpty()
        && QDir::cleanPath(m_session->workspace().absolutePath(assigned.config)) != QDir::cleanPath(m.servedConfig);
    r.ip = m.ip.isNull() ? 0 : m.ip.toIPv4Address();
    r.lastSeen = m.lastSeen;

    const Intent &intent = assigned;
    r.text[MacColumn] = m.mac;
    r.text[VendorColumn] = m_oui ? m_oui->vendor(m.mac)
                                 : (OuiDatabase::isLocallyAdministered(m.mac) ? OuiDatabase::locallyAdministeredText()
                                                                             : QString());
    r.text[ManufacturerColumn] = m.manufacturer;
    r.text[ProductColumn] = m.product;
    r.text[SerialColumn] = m.serial;
    r.text[IpColumn] = m.ip.isNull() ? QString() : m.ip.toString();
    r.text[FirmwareColumn] = firmwareTitle(m);
    r.text[StageColumn] = m.stage == Stage::Stalled
        ? tr("Stalled in %1").arg(StageStyle::title(m.stalledFrom))
        : StageStyle::title(m.stage);
    r.download = m.download;
    r.text[ProgressColumn] = progressText(m);
    r.text[ConfigColumn] = r.reinstall ? tr("%1 (reinstall to apply)").arg(intent.config.section(u'/', -1))
                         : r.rule.isEmpty() ? intent.config.section(u'/', -1)
                                            : tr("%1 (rule %2)").arg(intent.config.section(u'/', -1), r.rule);
    // A Pi's firmware comes from its boot folder before any config is asked for: both, where
    // a PC shows its config alone.
    r.pi = isPi(m);
    r.piFolder = r.pi ? intent.piFolder : QString();
    if (!r.piFolder.isEmpty()) {
        r.text[ConfigColumn] = r.text[ConfigColumn].isEmpty()
            ? tr("Pi folder %1").arg(r.piFolder)
            : tr("%1 · Pi folder %2", "config, then a Raspberry Pi's boot folder").arg(r.text[ConfigColumn], r.piFolder);
    }
    r.text[HostnameColumn] = intent.hostname;
    r.text[LastSeenColumn] = m.lastSeen.isValid() ? localClock(m.lastSeen) : QString();
    r.text[HintColumn] = m.stage == Stage::Failed && !m.failure.isEmpty() ? m.failure
                       : !m.hint.isEmpty()                             ? m.hint
                                                                       : m.configProblem;

    QStringList tip;
    if (m.simulated)
        tip << tr("Simulated machine (demo): it exists only on this computer.");
    if (!m.otherMacs.isEmpty())
        tip << tr("Other network cards: %1").arg(m.otherMacs.join(QLatin1String(", ")));
    if (m.firstSeen.isValid())
        tip << tr("First seen %1").arg(firstSeenText(m.firstSeen));
    if (m.boots > 0)
        tip << tr("Network boots seen: %1").arg(m.boots);
    r.tooltip = tip.join(u'\n');
    return r;
}

QString MachineTableModel::localClock(const QDateTime &utc) const
{
    const qint64 seconds = utc.toSecsSinceEpoch() + m_utcOffset;
    // Most rows of a refresh were seen in the same second.
    if (seconds != m_clockSecond) {
        const int ofDay = int(((seconds % 86400) + 86400) % 86400);
        m_clockText = QTime::fromMSecsSinceStartOfDay(ofDay * 1000).toString(QStringLiteral("HH:mm:ss"));
        m_clockSecond = seconds;
    }
    return m_clockText;
}

QString MachineTableModel::firstSeenText(const QDateTime &utc) const
{
    const qint64 key = utc.toSecsSinceEpoch();
    const auto known = m_firstSeenText.constFind(key);
    if (known != m_firstSeenText.constEnd())
        return *known;
    if (m_firstSeenText.size() > 20000)
        m_firstSeenText.clear();
    return *m_firstSeenText.insert(key, QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat));
}

quint32 MachineTableModel::changedColumns(const Row &a, const Row &b)
{
    quint32 mask = 0;
    for (int c = 0; c < ColumnCount; ++c) {
        if (a.text[c] != b.text[c])
            mask |= 1u << c;
    }
    if (a.simulated != b.simulated || a.tooltip != b.tooltip || a.attention != b.attention)
        mask |= 1u << MacColumn;
    if (a.stage != b.stage || a.step != b.step)
        mask |= 1u << StageColumn;
    if (a.bytes != b.bytes || a.total != b.total || a.downloading != b.downloading || a.rate != b.rate
        || a.download != b.download)
        mask |= 1u << ProgressColumn;
    if (a.ip != b.ip)
        mask |= 1u << IpColumn;
    if (a.pi != b.pi || a.piFolder != b.piFolder || a.config != b.config)
        mask |= 1u << ConfigColumn;   // its tooltip
    if (a.lastSeen != b.lastSeen)
        mask |= 1u << LastSeenColumn;
    return mask;
}

QList<int> MachineTableModel::rolesOf(int column)
{
    QList<int> roles{Qt::DisplayRole, Qt::ToolTipRole, SortRole, FilterTextRole};
    switch (column) {
    case MacColumn:
        roles << Qt::DecorationRole << Qt::FontRole << SimulatedRole << NeedsAttentionRole;
        break;
    case StageColumn:
        roles << Qt::DecorationRole << StageRole << StepRole;
        break;
    case ProgressColumn:
        roles << DownloadingRole << ProgressRole << RateRole << EtaRole;
        break;
    default:
        break;
    }
    return roles;
}

void MachineTableModel::refreshAll()
{
    m_firstSeenText.clear();   // the language (and with it the date format) may have changed
    QStringList macs;
    macs.reserve(m_rows.size());
    for (const Row &r : std::as_const(m_rows))
        macs << r.mac;
    // Machines the registry already had when the model was made come in as one block.
    const auto &all = m_session->registry()->machines();
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        if (!m_rowOf.contains(it.key()))
            macs << it.key();
    }
    refresh(macs);
}

void MachineTableModel::refresh(const QStringList &macs)
{
    m_utcOffset = QDateTime::currentDateTime().offsetFromUtc();
    const MachineRegistry *registry = m_session->registry();
    QList<Row> added;
    QSet<QString> addedMacs;
    QList<QPair<int, quint32>> changed;
    const bool wasWaiting = !m_pendingInserts.isEmpty();
    for (const QString &mac : macs) {
        const int index = m_rowOf.value(mac, -1);
        if (index < 0 && added.size() >= kInsertSlice) {
            if (!addedMacs.contains(mac))
                m_pendingInserts.append(mac);   // made from the registry when its turn comes
            continue;
        }
        const Machine *m = registry->machine(mac);
        if (!m || m->mac != mac)
            continue;   // forgotten meanwhile (machineRemoved handles its row)
        Row row = makeRow(*m);
        if (index < 0) {
            if (!addedMacs.contains(mac)) {
                addedMacs.insert(mac);
                added.append(std::move(row));
            }
            continue;
        }
        const quint32 mask = changedColumns(m_rows.at(index), row);
        if (mask) {
            m_rows[index] = std::move(row);
            changed.append({index, mask});
        }
    }

    if (!wasWaiting && !m_pendingInserts.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            const QStringList next = std::exchange(m_pendingInserts, {});
            refresh(next);
        });
    }

    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        // Grown by doubling: each reallocation moves every row (twenty strings apiece).
        if (m_rows.capacity() < first + added.size())
            m_rows.reserve(std::max<qsizetype>(first + added.size(), 2 * m_rows.capacity()));
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (Row &row : added) {
            m_rowOf.insert(row.mac, int(m_rows.size()));
            m_rows.append(std::move(row));
        }
        endInsertRows();
    }

    // One dataChanged per run of adjacent rows, spanning the columns that changed in it.
    std::sort(changed.begin(), changed.end());
    for (qsizetype i = 0; i < changed.size();) {
        qsizetype j = i;
        quint32 mask = changed.at(i).second;
        while (j + 1 < changed.size() && changed.at(j + 1).first == changed.at(j).first + 1) {
            ++j;
            mask |= changed.at(j).second;
        }
        int firstColumn = ColumnCount, lastColumn = -1;
        QList<int> roles;
        for (int c = 0; c < ColumnCount; ++c) {
            if (!(mask & (1u << c)))
                continue;
            firstColumn = std::min(firstColumn, c);
            lastColumn = c;
            for (int role : rolesOf(c)) {
                if (!roles.contains(role))
                    roles.append(role);
            }
        }
        Q_EMIT dataChanged(index(changed.at(i).first, firstColumn), index(changed.at(j).first, lastColumn), roles);
        i = j + 1;
    }
}

void MachineTableModel::removeMachine(const QString &mac)
{
    const int row = m_rowOf.value(mac, -1);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    m_rowOf.remove(mac);
    for (int i = row; i < m_rows.size(); ++i)
        m_rowOf[m_rows.at(i).mac] = i;
    endRemoveRows();
}

bool MachineTableModel::lessThan(int leftRow, int rightRow, int column) const
{
    const Row &a = m_rows.at(leftRow);
    const Row &b = m_rows.at(rightRow);
    auto progress = [](const Row &r) { return r.downloading && r.total > 0 ? double(r.bytes) / double(r.total) : -1.0; };
    switch (column) {
    case IpColumn:
        if (a.ip != b.ip)
            return a.ip < b.ip;
        break;
    case StageColumn: {
        const int x = int(a.stage) * 16 + a.step, y = int(b.stage) * 16 + b.step;
        if (x != y)
            return x < y;
        break;
    }
    case ProgressColumn: {
        const double x = progress(a), y = progress(b);
        if (x != y)
            return x < y;
        break;
    }
    case LastSeenColumn:
        if (a.lastSeen != b.lastSeen)
            return a.lastSeen < b.lastSeen;
        break;
    default:
        if (const int order = QString::compare(a.text[column], b.text[column], Qt::CaseInsensitive))
            return order < 0;
        break;
    }
    // Equal keys sort by MAC so the order is stable while rows change.
    return a.mac < b.mac;
}

QVariant MachineTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return r.text[column];
    case Qt::ToolTipRole:
        if (column == MacColumn)
            return r.tooltip.isEmpty() ? QVariant() : QVariant(r.tooltip);
        if (column == StageColumn)
            return StageStyle::description(r.stage);
        if (column == ProgressColumn && !r.download.isEmpty() && !r.text[column].isEmpty()) {
            const QString name = r.download.section(u'/', -1);
            return r.total > 0 && r.bytes >= 0 ? partText(name, r.bytes, r.total) : name;
        }
        if (column == HintColumn && !r.text[column].isEmpty()) {
            // Rich text, so a long hint wraps in its tooltip instead of running off the screen.
            return QStringLiteral("<p>%1</p>").arg(r.text[column].toHtmlEscaped());
        }
        if (column == ConfigColumn && r.pi) {
            const QString folder = r.piFolder.isEmpty()
                ? tr("No Pi boot folder assigned: it fetches its boot files from its serial-number folder if the piBoot "
                     "folder has one, else from the TFTP root (Machine ▸ Assign Pi boot folder…).")
                : tr("Boot files from the Pi boot folder %1 first (Machine ▸ Assign Pi boot folder…).").arg(r.piFolder);
            const QString config = r.config.isEmpty() ? tr("No config assigned.") : tr("Config: %1").arg(r.config);
            return QStringLiteral("%1\n%2").arg(folder, config);
        }
        if (column == ConfigColumn) {
            const QString id = r.config;
            if (!r.rule.isEmpty() && !r.reinstall)
                return tr("%1, given by rule %2 in netboot.yaml; an assignment of its own (drag a config onto it) "
                          "takes its place.").arg(id, r.rule);
            if (r.reinstall)
                return tr("%1 is assigned, but the machine runs the config it was served before: reinstall it "
                          "(Machine ▸ Reinstall, then power-cycle) to apply the change.").arg(id);
            return id.isEmpty() ? tr("No config assigned: drag one from the config library onto this machine.") : id;
        }
        return r.text[column].isEmpty() ? QVariant() : QVariant(r.text[column]);
    case Qt::DecorationRole:
        if (column == MacColumn && r.simulated) {
            // One icon for every row: a QIcon made per call parses its SVG again.
            static const QIcon simulated(QStringLiteral(":/icons/simulated.svg"));
            return simulated;
        }
        if (column == StageColumn)
            return StageStyle::icon(r.stage);
        return {};
    case Qt::FontRole:
        if (column == MacColumn && r.simulated) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case MacRole:
        return r.mac;
    case StageRole:
        return int(r.stage);
    case StepRole:
        return r.step;
    case DownloadingRole:
        return r.downloading;
    case ProgressRole:
        if (!r.downloading || r.total <= 0 || r.bytes < 0)
            return -1.0;
        return std::clamp(double(r.bytes) / double(r.total), 0.0, 1.0);
    case RateRole:
        return r.rate;
    case EtaRole:
        if (!r.downloading || r.rate <= 0 || r.total <= 0 || r.bytes < 0)
            return qint64(-1);
        return (r.total - r.bytes + r.rate - 1) / r.rate;
    case SimulatedRole:
        return r.simulated;
    case NeedsAttentionRole:
        return r.attention;
    case SortRole:
        switch (column) {
        case IpColumn:
            return r.ip;
        case StageColumn:
            return int(r.stage) * 16 + r.step;
        case ProgressColumn:
            return r.downloading && r.total > 0 ? double(r.bytes) / double(r.total) : -1.0;
        case LastSeenColumn:
            return r.lastSeen;
        default:
            return r.text[column];
        }
    case FilterTextRole: {
        QString text;
        for (const QString &t : r.text)
            text += t + u'\n';
        return text;
    }
    default:
        return {};
    }
}

QVariant MachineTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case MacColumn: return tr("MAC");
        case VendorColumn: return tr("Vendor");
        case ManufacturerColumn: return tr("Manufacturer");
        case ProductColumn: return tr("Product");
        case SerialColumn: return tr("Serial");
        case IpColumn: return tr("IP");
        case FirmwareColumn: return tr("Firmware");
        case StageColumn: return tr("Stage");
        case ProgressColumn: return tr("Download", "column: download progress");
        case ConfigColumn: return tr("Config", "column: the assigned machine config");
        case HostnameColumn: return tr("Hostname");
        case LastSeenColumn: return tr("Last seen");
        case HintColumn: return tr("Hint");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case VendorColumn: return tr("The network card's maker, from the IEEE OUI list");
        case ManufacturerColumn:
        case ProductColumn:
        case SerialColumn: return tr("As iPXE reads it from the machine's SMBIOS");
        case ConfigColumn: return tr("The Talos machine config assigned to it: drag one from the library");
        default: break;
        }
    }
    return {};
}

Qt::ItemFlags MachineTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDropEnabled | Qt::ItemNeverHasChildren;
}

QStringList MachineTableModel::mimeTypes() const
{
    return {configMimeType()};
}

Qt::DropActions MachineTableModel::supportedDropActions() const
{
    return Qt::CopyAction;
}

QString MachineTableModel::targetMac(int row, const QModelIndex &parent) const
{
    if (parent.isValid() && parent.model() == this)
        return macAt(parent.row());
    if (!parent.isValid() && row >= 0 && row < m_rows.size())
        return macAt(row);
    return {};
}

bool MachineTableModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                        const QModelIndex &parent) const
{
    Q_UNUSED(column);
    m_dropRefusal.clear();
    if (!data || !data->hasFormat(configMimeType())) {
        m_dropRefusal = tr("Only configs from the config library can be dropped on machines.");
        return false;
    }
    if (action != Qt::CopyAction && action != Qt::MoveAction && action != Qt::LinkAction)
        return false;
    if (targetMac(row, parent).isEmpty()) {
        m_dropRefusal = tr("Drop the config onto a machine's row.");
        return false;
    }
    const QStringList ids = decodeConfigIds(data);
    if (ids.size() != 1) {
        m_dropRefusal = tr("Drop one config at a time: a machine boots with one config.");
        return false;
    }
    if (!m_assigner) {
        m_dropRefusal = tr("Configs cannot be assigned right now: the workspace is not open.");
        return false;
    }
    QString reason;
    if (!m_assigner->canAssign(ids.constFirst(), &reason)) {
        m_dropRefusal = reason;
        return false;
    }
    return true;
}

bool MachineTableModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                     const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const QString mac = targetMac(row, parent);
    const QStringList macs = m_dropTargets ? m_dropTargets(mac) : QStringList{mac};
    // The Assigner owns what an assignment means (workspace, undo); the model only asks.
    return m_assigner->assign(macs, decodeConfigIds(data).constFirst());
}

} // namespace Nbc::Ui
