#pragma once

#include "boot/bootsnapshot.h"
#include "model/machineevent.h"
#include "model/outcome.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QVariantMap>

namespace Nbc::Boot {

// One HTTP request as the router needs it: the engine parses, the router decides.
struct HttpRequestInfo {
    QByteArray method;        // "GET" or "HEAD" (the engine refuses others before routing)
    QString path;             // percent-decoded path, e.g. "/m/52-54-00-12-34-56/script.ipxe"
    QString query;            // raw query string without '?', still percent-encoded
    QHostAddress peer;
};

// What to answer. Either `body` (small generated text) or `filePath` (streamed from disk
// by the engine, with Content-Length and Range).
struct HttpResponsePlan {
    int status = 404;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QString filePath;
    QString mac;                    // the machine this is for; empty when unknown
    EventKind event = EventKind::HttpFailed;   // what the engine reports when it answers
    QString detail;                 // script name, artefact name, or the reason for an error (display)
    ScriptKind script = ScriptKind::None;          // which script, for ScriptServed
    ArtifactKind artifact = ArtifactKind::None;    // what was asked for
    FailureCode failure = FailureCode::None;       // why it is not served; its key names the counter
    QList<QPair<QByteArray, QByteArray>> headers;   // extra response headers
    QVariantMap facts;              // copied into the engine's MachineEvent (uuid, serial, ...)
};

// Pure: the same snapshot and request give the same plan. Routes (DESIGN.md wire contract):
//   /boot.ipxe                       generic entry script
//   /m/<mac>/script.ipxe?...         per-machine script (mac with '-' or ':')
//   /m/<mac>/vmlinuz, /m/<mac>/initramfs.xz  artefacts for that machine
//   /m/<mac>/config.yaml             the machine's own config (404 when unassigned)
//   /ipxe.efi /snponly.efi /undionly.kpxe   iPXE binaries (UEFI HTTP boot)
//   /files/<path>                    the optional extra HTTP root
HttpResponsePlan routeHttp(const BootSnapshot &snapshot, const HttpRequestInfo &request);

// What the engine reports about a plan's response: its machine, detail, facts and typed
// outcome; the engine sets kind, time and the transfer's figures per event.
MachineEvent eventFor(const HttpResponsePlan &plan, const QHostAddress &peer);

} // namespace Nbc::Boot
