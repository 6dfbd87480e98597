#include "boot/intentresolver.h"

#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

namespace Nbc {

bool RuleMatch::isEmpty() const
{
    return macPrefix.isEmpty() && macRange.isEmpty() && manufacturer.isEmpty() && product.isEmpty()
           && serial.isEmpty() && firmware.isEmpty();
}

namespace Boot {

namespace {

QString hexOnly(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        if (c.isDigit() || (c.toLower() >= u'a' && c.toLower() <= u'f'))
            out += c.toLower();
    }
    return out;
}

bool wildcardMatches(const QString &pattern, const QString &value)
{
    if (pattern.isEmpty())
        return true;
    const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(pattern),
                                QRegularExpression::CaseInsensitiveOption);
    return re.match(value.trimmed()).hasMatch();
}

bool macInRange(const QString &range, const QString &mac)
{
    const QStringList ends = range.split(u'-');
    if (ends.size() != 2)
        return false;
    const QString low = hexOnly(ends.at(0));
    const QString high = hexOnly(ends.at(1));
    const QString value = hexOnly(mac);
    if (low.size() != 12 || high.size() != 12 || value.size() != 12)
        return false;
    return low <= value && value <= high;   // same length, lower-case hex: text order is number order
}

bool sameUuid(const QString &a, const QString &b)
{
    if (!meaningfulUuid(a) || !meaningfulUuid(b))
        return false;
    return uuidSpellings(a).contains(QUuid(b.trimmed()).toString(QUuid::WithoutBraces));
}

} // namespace

bool meaningfulSerial(const QString &serial)
{
    // Serials that vendors leave in SMBIOS and that identify nothing.
    static const QStringList placeholders = {
        QStringLiteral("0"), QStringLiteral("none"), QStringLiteral("not specified"),
        QStringLiteral("to be filled by o.e.m."), QStringLiteral("default string"),
        QStringLiteral("system serial number"), QStringLiteral("not applicable"), QStringLiteral("123456789"),
    };
    const QString s = serial.trimmed().toLower();
    return s.size() >= 3 && !placeholders.contains(s);
}

bool meaningfulUuid(const QString &uuid)
{
    const QUuid parsed(uuid.trimmed());
    // All zeros and all ones are what boards without a UUID report.
    return !parsed.isNull() && parsed != QUuid(QStringLiteral("ffffffff-ffff-ffff-ffff-ffffffffffff"));
}

QStringList uuidSpellings(const QString &uuid)
{
    const QUuid parsed(uuid.trimmed());
    if (parsed.isNull())
        return {};
    QByteArray bytes = parsed.toRfc4122();
    QStringList spellings{parsed.toString(QUuid::WithoutBraces)};
    std::reverse(bytes.begin(), bytes.begin() + 4);
    std::reverse(bytes.begin() + 4, bytes.begin() + 6);
    std::reverse(bytes.begin() + 6, bytes.begin() + 8);
    spellings << QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
    return spellings;
}

bool ruleMatches(const MachineRule &rule, const MachineFacts &facts)
{
    const RuleMatch &m = rule.match;
    if (m.isEmpty())
        return true;   // a catch-all rule, written as `match: {}`
    if (!m.macPrefix.isEmpty()) {
        const QString prefix = hexOnly(m.macPrefix);
        const bool any = std::any_of(facts.macs.cbegin(), facts.macs.cend(),
                                     [&prefix](const QString &one) { return hexOnly(one).startsWith(prefix); });
        if (prefix.isEmpty() || !any)
            return false;
    }
    if (!m.macRange.isEmpty()
        && !std::any_of(facts.macs.cbegin(), facts.macs.cend(),
                        [&m](const QString &one) { return macInRange(m.macRange, one); }))
        return false;
    // What a machine has not reported yet cannot match a pattern that asks for it.
    if (!m.manufacturer.isEmpty() && (facts.manufacturer.isEmpty() || !wildcardMatches(m.manufacturer, facts.manufacturer)))
        return false;
    if (!m.product.isEmpty() && (facts.product.isEmpty() || !wildcardMatches(m.product, facts.product)))
        return false;
    if (!m.serial.isEmpty() && (!meaningfulSerial(facts.serial) || !wildcardMatches(m.serial, facts.serial)))
        return false;
    if (!m.firmware.isEmpty() && m.firmware.compare(facts.firmware, Qt::CaseInsensitive) != 0)
        return false;
    return true;
}

QString expandHostname(const QString &pattern, const MachineFacts &facts, int n)
{
    static const QRegularExpression field(QStringLiteral("\\{(n|serial|product|manufacturer|mac)(?::0?(\\d+))?\\}"));
    QString out;
    qsizetype from = 0;
    auto it = field.globalMatch(pattern);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += pattern.mid(from, match.capturedStart() - from);
        const QString name = match.captured(1);
        if (name == QLatin1String("n")) {
            const int width = match.captured(2).isEmpty() ? 0 : std::min(match.captured(2).toInt(), 12);
            out += QStringLiteral("%1").arg(n, width, 10, QLatin1Char('0'));
        } else if (name == QLatin1String("serial")) {
            out += facts.serial;
        } else if (name == QLatin1String("product")) {
            out += facts.product;
        } else if (name == QLatin1String("manufacturer")) {
            out += facts.manufacturer;
        } else {
            out += facts.macs.value(0).replace(u':', u'-');
        }
        from = match.capturedEnd();
    }
    out += pattern.mid(from);
    // RFC 1123 labels: what the template produced from SMBIOS text may hold anything.
    QString host;
    for (const QChar c : out.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'.')
            host += c;
        else if (c.isSpace() || c == u'_' || c == u'/')
            host += u'-';
    }
    while (host.contains(QLatin1String("--")))
        host.replace(QLatin1String("--"), QLatin1String("-"));
    while (host.startsWith(u'-') || host.startsWith(u'.'))
        host.remove(0, 1);
    host.truncate(63);
    while (host.endsWith(u'-') || host.endsWith(u'.'))
        host.chop(1);
    return host;
}

Resolution resolveIntent(const QHash<QString, MachineIntent> &byMac, const QList<MachineIntent> &entries,
                         const QList<MachineRule> &rules, const MachineFacts &facts, const RuleNumbers &numbers)
{
    Resolution result;
    const QString primary = facts.macs.value(0);
    auto take = [&](const MachineIntent &entry) {
        result.intent = entry;
        result.intent.mac = primary;
        result.found = true;
    };
    for (const QString &mac : facts.macs) {
        const auto entry = byMac.constFind(mac);
        // An entry that only says "installed" (from installed.json) assigns nothing.
        if (entry != byMac.constEnd() && !entry->configPath.isEmpty()) {
            take(*entry);
            return result;
        }
    }
    for (const MachineIntent &entry : entries) {
        if (entry.mac.isEmpty() && !entry.uuid.isEmpty() && sameUuid(entry.uuid, facts.uuid)) {
            take(entry);
            return result;
        }
    }
    if (meaningfulSerial(facts.serial)) {
        for (const MachineIntent &entry : entries) {
            if (entry.mac.isEmpty() && entry.uuid.isEmpty() && !entry.serial.isEmpty()
                && entry.serial.trimmed().compare(facts.serial.trimmed(), Qt::CaseInsensitive) == 0) {
                take(entry);
                return result;
            }
        }
    }
    for (const MachineRule &rule : rules) {
        if (!ruleMatches(rule, facts))
            continue;
        MachineIntent intent;
        intent.mac = primary;
        intent.configPath = rule.configPath;
        intent.artifacts = rule.artifacts;
        intent.installDisk = rule.installDisk;
        intent.patches = rule.patches;
        intent.rule = rule.name;
        if (!rule.hostname.isEmpty()) {
            const bool numbered = rule.hostname.contains(QLatin1String("{n"));
            intent.hostname = expandHostname(rule.hostname, facts, numbered && numbers ? numbers(rule.name, primary) : 0);
        }
        result.intent = intent;
        result.rule = rule.name;
        result.found = true;
        return result;
    }
    return result;
}

} // namespace Boot

} // namespace Nbc
