#pragma once

#include "model/mac.h"
#include "model/outcome.h"

#include <QDateTime>
#include <QHostAddress>
#include <QMetaType>
#include <QString>
#include <QVariantMap>

namespace Nbc {

// What an engine saw happen with one machine. A plain value: engines emit it through
// queued signals, the MachineRegistry on the main thread decides what it means.
enum class EventKind {
    DhcpDiscover,   // a PXE client's DISCOVER (facts: arch, guid, vendorClass, userClass)
    DhcpOffer,      // we answered a DISCOVER (detail: boot file)
    DhcpRequest,    // a PXE client's REQUEST (ip: requested address when known)
    DhcpAck,        // we answered a REQUEST (port 4011 or full mode)
    DhcpIgnored,    // a DHCP packet we chose not to answer (detail: why)
    TftpStart,      // a read request accepted (detail: file)
    TftpProgress,   // bytes/total of a running TFTP transfer
    TftpDone,       // a TFTP transfer completed
    TftpFailed,     // a TFTP transfer failed (detail: why)
    ScriptServed,   // an iPXE script was served (detail: which script)
    HttpStart,      // an artefact download started (detail: path)
    HttpProgress,   // bytes/total of a running HTTP transfer
    HttpDone,       // an HTTP transfer completed
    HttpFailed,     // an HTTP request failed or was refused (detail: why)
    ConfigServed,   // the machine's config was served to it
    ConfigRefused,  // a config was asked for and not served (detail: why)
    Log,            // a log line arrived from the machine (detail: message)
};

QString eventName(EventKind kind);

struct MachineEvent {
    QDateTime time;          // UTC
    QString mac;             // lower-case aa:bb:cc:dd:ee:ff, or empty when the engine cannot know
    EventKind kind = EventKind::Log;
    QHostAddress peer;       // the address the machine spoke from (or asked for)
    qint64 bytes = -1;       // transferred so far, -1 when not a transfer
    qint64 total = -1;       // expected size, -1 when unknown
    qint64 rate = -1;        // bytes per second, -1 when unknown
    quint64 transferId = 0;  // groups the events of one transfer
    QString detail;          // file, reason or message: for display and event lines only
    QVariantMap facts;       // engine-specific facts (DHCP: arch, guid, vendorClass, ...)
    // What happened, typed: the registry decides on these, never on `detail`.
    ScriptKind script = ScriptKind::None;         // ScriptServed: which script
    ArtifactKind artifact = ArtifactKind::None;   // transfers and HTTP failures: what was asked for
    FailureCode failure = FailureCode::None;      // *Failed, ConfigRefused: why
};

MachineEvent makeEvent(EventKind kind, const QString &mac, const QHostAddress &peer,
                       const QString &detail = {});

} // namespace Nbc

Q_DECLARE_METATYPE(Nbc::MachineEvent)
