#pragma once

#include "boot/bootsnapshot.h"
#include "boot/configtokens.h"
#include "model/machineevent.h"
#include "model/outcome.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace Nbc::Boot {

// One HTTP request as the router needs it: the engine parses, the router decides.
struct HttpRequestInfo {
    QByteArray method;        // "GET" or "HEAD" (the engine refuses others before routing)
    QString path;             // percent-decoded path, e.g. "/m/52-54-00-12-34-56/script.ipxe"
    QString query;            // raw query string without '?', still percent-encoded
    QHostAddress peer;
    // What the engine knows of the MAC in a /m/<mac>/ path (DESIGN.md security stance):
    // the address that machine's DHCP exchange gave it (null when none was seen); for a
    // script asked from that address, the config token the engine issued for it; for a
    // config, how the ?t= token checked out.
    QHostAddress machineAddress;
    QString issuedToken;
    ConfigTokens::Check tokenCheck = ConfigTokens::Check::Missing;
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
//   /m/<mac>/config.yaml?t=<token>   the machine's own config, only from its own address
//                                    with the token its script carried (403 otherwise)
//   /ipxe.efi /snponly.efi /undionly.kpxe   iPXE binaries (UEFI HTTP boot)
//   /files/<path>                    the optional extra HTTP root
HttpResponsePlan routeHttp(const BootSnapshot &snapshot, const HttpRequestInfo &request);

// A machine route's parts: "/m/52-54-00-12-34-56/config.yaml" gives the normalised MAC
// and "config.yaml"; nullopt for any other path (or a MAC that is not one).
struct MachineRoute {
    QString mac;
    QString leaf;
};
std::optional<MachineRoute> machineRoute(const QString &path);

// What the engine reports about a plan's response: its machine, detail, facts and typed
// outcome; the engine sets kind, time and the transfer's figures per event.
MachineEvent eventFor(const HttpResponsePlan &plan, const QHostAddress &peer);

} // namespace Nbc::Boot
