#include "engine/machineevent.h"

#include <array>

namespace Nbc {

namespace {
constexpr std::array<const char *, 17> kEventNames = {
    "dhcp-discover", "dhcp-offer",   "dhcp-request",  "dhcp-ack",       "dhcp-ignored",
    "tftp-start",    "tftp-progress", "tftp-done",    "tftp-failed",    "script-served",
    "http-start",    "http-progress", "http-done",    "http-failed",    "config-served",
    "config-refused", "log",
};
} // namespace

QString eventName(EventKind kind)
{
    return QString::fromLatin1(kEventNames.at(static_cast<size_t>(kind)));
}

MachineEvent makeEvent(EventKind kind, const QString &mac, const QHostAddress &peer,
                       const QString &detail)
{
    MachineEvent event;
    event.time = QDateTime::currentDateTimeUtc();
    event.kind = kind;
    event.mac = mac;
    event.peer = peer;
    event.detail = detail;
    return event;
}

QString normalizeMac(const QString &text)
{
    QString hex;
    hex.reserve(12);
    for (const QChar c : text) {
        if (c == u':' || c == u'-' || c == u'.')
            continue;
        if (!isxdigit(c.toLatin1()) || c.unicode() > 0x7f)
            return {};
        hex.append(c.toLower());
    }
    if (hex.size() != 12)
        return {};
    QString mac;
    mac.reserve(17);
    for (int i = 0; i < 12; i += 2) {
        if (i)
            mac.append(u':');
        mac.append(QStringView(hex).mid(i, 2));
    }
    return mac;
}

QString macFromBytes(const QByteArray &bytes)
{
    if (bytes.size() != 6)
        return {};
    return QString::fromLatin1(bytes.toHex(':'));
}

} // namespace Nbc
