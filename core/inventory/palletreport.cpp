#include "palletreport.h"

#include "inventory/ouidatabase.h"
#include "session/consolesession.h"
#include "talos/configlibrary.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringView>

#include <algorithm>

namespace Nbc {

namespace {

// Like a person sorts names: runs of digits by their value, so worker-2 comes before worker-10.
int naturalCompare(const QString &a, const QString &b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a.at(i).isDigit() && b.at(j).isDigit()) {
            qsizetype ei = i, ej = j;
            while (ei < a.size() && a.at(ei).isDigit())
                ++ei;
            while (ej < b.size() && b.at(ej).isDigit())
                ++ej;
            // Without leading zeros, a longer run is a larger number.
            QStringView x = QStringView(a).mid(i, ei - i), y = QStringView(b).mid(j, ej - j);
            while (x.size() > 1 && x.front() == u'0')
                x = x.mid(1);
            while (y.size() > 1 && y.front() == u'0')
                y = y.mid(1);
            if (x.size() != y.size())
                return x.size() < y.size() ? -1 : 1;
            if (const int c = x.compare(y); c != 0)
                return c;
            i = ei;
            j = ej;
            continue;
        }
        if (a.at(i) != b.at(j))
            return a.at(i) < b.at(j) ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size())
        return 1;
    if (j < b.size())
        return -1;
    return a.compare(b);
}

} // namespace

PalletReport::PalletReport(QList<PalletRow> rows, const QString &workspaceName, const QDateTime &generatedAt)
    : m_rows(std::move(rows))
    , m_workspaceName(workspaceName)
    , m_generatedAt(generatedAt)
{
}

std::shared_ptr<const OuiDatabase> PalletReport::defaultOui()
{
    return OuiDatabase::shared();
}

PalletReport PalletReport::fromSession(ConsoleSession &session, std::shared_ptr<const OuiDatabase> oui)
{
    // ruleOf() and displayName() answer from the rules resolved with the last snapshot;
    // right after open() (the command line) none was taken yet.
    session.snapshot();
    Talos::ConfigLibrary *library = session.configs();
    QList<PalletRow> rows;
    const QHash<QString, Machine> &machines = session.registry()->machines();
    rows.reserve(machines.size());
    for (const Machine &m : machines) {
        PalletIntent intent;
        intent.config = session.assignment(m.mac);
        intent.rule = session.ruleOf(m.mac);
        const QString name = session.displayName(m.mac);
        if (name != m.mac)
            intent.hostname = name;
        // The role of the config in the config column; what it was last served when the
        // library cannot tell (the file is gone or is no Talos config).
        const Talos::ConfigEntry *entry =
            library && !intent.config.isEmpty() ? library->entry(library->idForPath(intent.config)) : nullptr;
        if (entry && entry->role != Talos::MachineRole::Unknown)
            intent.role = Talos::MachineConfig::roleName(entry->role);
        else
            intent.role = m.servedRole;
        const QString vendor = oui ? oui->vendor(m.mac)
                                   : (OuiDatabase::isLocallyAdministered(m.mac) ? OuiDatabase::locallyAdministeredText()
                                                                               : QString());
        rows.append(rowFor(m, intent, vendor));
    }
    std::sort(rows.begin(), rows.end(), [](const PalletRow &a, const PalletRow &b) {
        // Named machines first, in their names' order (worker-2 before worker-10), then by MAC.
        if (a.intent.hostname.isEmpty() != b.intent.hostname.isEmpty())
            return b.intent.hostname.isEmpty();
        const int byName = naturalCompare(a.intent.hostname, b.intent.hostname);
        return byName != 0 ? byName < 0 : a.mac < b.mac;
    });
    const QString dir = session.workspace().directory();
    return PalletReport(std::move(rows), QFileInfo(dir).fileName(), QDateTime::currentDateTimeUtc());
}

void PalletReport::joinTimes(const Machine &machine, QDateTime *joinedAt, qint64 *secondsToJoin)
{
    *joinedAt = {};
    *secondsToJoin = -1;
    // Each network boot starts with a Discovered entry (the machine's first, or "network
    // boot #n"). Within a boot a machine can join, stall and join again: its first join
    // counts. An Installed machine joined in an earlier boot: the last boot with a join wins.
    QDateTime bootStart = machine.boots <= 1 ? machine.firstSeen : QDateTime();
    bool joinedThisBoot = false;
    for (const StageChange &change : machine.history) {
        if (change.stage == Stage::Discovered) {
            bootStart = change.time;
            joinedThisBoot = false;
        } else if (change.stage == Stage::Joined && !joinedThisBoot) {
            joinedThisBoot = true;
            *joinedAt = change.time;
            // History is capped: when the boot's start fell out of it, the time is not known.
            *secondsToJoin = bootStart.isValid() ? std::max<qint64>(0, bootStart.secsTo(change.time)) : -1;
        }
    }
}

PalletRow PalletReport::rowFor(const Machine &m, const PalletIntent &intent, const QString &vendor)
{
    PalletRow row;
    row.mac = m.mac;
    row.otherMacs = m.otherMacs;
    row.vendor = vendor;
    row.manufacturer = m.manufacturer;
    row.product = m.product;
    row.serial = m.serial;
    row.uuid = m.uuid;
    row.firmware = m.firmware;
    row.ip = m.ip.isNull() ? QString() : m.ip.toString();
    row.intent = intent;
    row.stage = m.stage;
    row.stalledFrom = m.stalledFrom;
    row.firstSeen = m.firstSeen;
    joinTimes(m, &row.joinedAt, &row.secondsToJoin);
    return row;
}

PalletSummary PalletReport::summarize(const QList<PalletRow> &rows)
{
    PalletSummary s;
    s.machines = int(rows.size());
    QList<qint64> durations;
    for (const PalletRow &row : rows) {
        ++s.perStage[row.stage];
        if (row.firstSeen.isValid() && (!s.firstSeen.isValid() || row.firstSeen < s.firstSeen))
            s.firstSeen = row.firstSeen;
        if (!row.joinedAt.isValid())
            continue;
        ++s.joined;
        if (!s.lastJoined.isValid() || row.joinedAt > s.lastJoined)
            s.lastJoined = row.joinedAt;
        if (row.secondsToJoin >= 0)
            durations.append(row.secondsToJoin);
    }
    if (!durations.isEmpty()) {
        std::sort(durations.begin(), durations.end());
        const qsizetype n = durations.size();
        // The lower middle for an even count: a whole number of seconds that some machine took.
        s.medianSecondsToJoin = durations.at((n - 1) / 2);
        s.maxSecondsToJoin = durations.last();
    }
    if (s.firstSeen.isValid() && s.lastJoined.isValid())
        s.spanSeconds = std::max<qint64>(0, s.firstSeen.secsTo(s.lastJoined));
    return s;
}

QStringList PalletReport::columns()
{
    return {QStringLiteral("mac"),        QStringLiteral("other_macs"), QStringLiteral("vendor"),
            QStringLiteral("manufacturer"), QStringLiteral("product"),  QStringLiteral("serial"),
            QStringLiteral("uuid"),       QStringLiteral("firmware"),   QStringLiteral("ip"),
            QStringLiteral("config"),     QStringLiteral("role"),       QStringLiteral("hostname"),
            QStringLiteral("rule"),       QStringLiteral("stage"),      QStringLiteral("first_seen"),
            QStringLiteral("joined_at"),  QStringLiteral("seconds_to_join")};
}

QString PalletReport::isoUtc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QStringList PalletReport::cells(const PalletRow &row)
{
    return {row.mac,
            row.otherMacs.join(u' '),
            row.vendor,
            row.manufacturer,
            row.product,
            row.serial,
            row.uuid,
            row.firmware,
            row.ip,
            row.intent.config,
            row.intent.role,
            row.intent.hostname,
            row.intent.rule,
            stageName(row.stage),
            isoUtc(row.firstSeen),
            isoUtc(row.joinedAt),
            row.secondsToJoin >= 0 ? QString::number(row.secondsToJoin) : QString()};
}

QString PalletReport::csvCell(const QString &value)
{
    QString cell = value;
    // Manufacturer, product and serial come from machines on the LAN, and hostnames can be
    // made of them: a cell a spreadsheet would read as a formula (OWASP "CSV injection")
    // gets a leading apostrophe, which spreadsheets show as text. No column the console
    // writes itself starts with one of these.
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    if (!cell.isEmpty() && formulaStarts.contains(cell.front()))
        cell.prepend(u'\'');
    // RFC 4180 2.6 and 2.7: fields with a comma, a quote or a line break are quoted, and
    // their quotes doubled.
    if (cell.contains(u',') || cell.contains(u'"') || cell.contains(u'\n') || cell.contains(u'\r')) {
        cell.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        cell = u'"' + cell + u'"';
    }
    return cell;
}

QByteArray PalletReport::toCsv(const QList<PalletRow> &rows)
{
    // CRLF as RFC 4180 2.1 has it (and spreadsheets expect); tools that split on LF see a
    // trailing CR, which they strip as readily.
    QByteArray out = columns().join(u',').toUtf8() + "\r\n";
    for (const PalletRow &row : rows) {
        QStringList line;
        for (const QString &cell : cells(row))
            line << csvCell(cell);
        out += line.join(u',').toUtf8() + "\r\n";
    }
    return out;
}

bool PalletReport::writeCsv(const QString &dir, QString *error) const
{
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(dir));
        return false;
    }
    const QString path = QDir(dir).filePath(csvFileName());
    QSaveFile file(path);
    const QByteArray bytes = csv();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace Nbc
