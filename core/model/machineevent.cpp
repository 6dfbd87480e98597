#include "model/machineevent.h"

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

} // namespace Nbc
