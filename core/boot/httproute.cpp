#include "boot/httproute.h"

#include "boot/artifactstore.h"
#include "boot/ipxescript.h"
#include "boot/safepath.h"
#include "model/bootfiles.h"
#include "talos/configrenderer.h"

#include <QFile>
#include <QFileInfo>
#include <QUrlQuery>

namespace Nbc::Boot {

namespace {

HttpResponsePlan notFound(FailureCode failure, const QString &reason, const QString &mac = {},
                          ArtifactKind artifact = ArtifactKind::None)
{
    HttpResponsePlan plan;
    plan.status = 404;
    plan.body = "Not found\n";
    plan.detail = reason;
    plan.mac = mac;
    plan.event = EventKind::HttpFailed;
    plan.failure = failure;
    plan.artifact = artifact;
    return plan;
}

HttpResponsePlan notFound(FailureCode failure)
{
    return notFound(failure, failureKey(failure));
}

HttpResponsePlan serveFile(const QString &path, const QString &detail, const QString &mac, ArtifactKind artifact,
                           const QByteArray &contentType = "application/octet-stream")
{
    HttpResponsePlan plan;
    plan.status = 200;
    plan.filePath = path;
    plan.contentType = contentType;
    plan.detail = detail;
    plan.mac = mac;
    plan.event = EventKind::HttpStart;
    plan.artifact = artifact;
    return plan;
}

// The engine opens what it serves with O_NOFOLLOW; files the user set up (artefacts; the
// iPXE binaries through resolveIpxeBinary) are resolved here first.
QString canonical(const QString &path)
{
    return QFileInfo(path).canonicalFilePath();
}

HttpResponsePlan script(const IpxeScript &s, const QString &mac)
{
    HttpResponsePlan plan;
    plan.status = s.status;
    plan.contentType = "text/plain; charset=utf-8";
    plan.body = s.text;
    plan.mac = mac;
    plan.event = EventKind::ScriptServed;
    plan.script = s.kind;
    plan.detail = scriptKey(s.kind);
    // A script is a decision of this moment (a config may be assigned a second later).
    plan.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    return plan;
}

QVariantMap factsFromQuery(const QString &query)
{
    QVariantMap facts;
    const QUrlQuery q(query);
    static const char *const keys[] = {"uuid", "serial", "manufacturer", "product", "arch", "platform"};
    for (const char *key : keys) {
        const QString value = q.queryItemValue(QLatin1String(key), QUrl::FullyDecoded).trimmed();
        if (!value.isEmpty())
            facts.insert(QLatin1String(key), value.left(128));
    }
    return facts;
}

HttpResponsePlan artifact(const BootSnapshot &snapshot, const QString &mac, ArtifactKind kind)
{
    const ArtifactSet *set = snapshot.artifactsFor(mac);
    const QString name = artifactRouteName(kind);
    if (!set)
        return notFound(FailureCode::NoArtifactSet, QStringLiteral("no artefact set for ") + name, mac, kind);
    const QString path = kind == ArtifactKind::Kernel ? set->kernelPath : set->initramfsPath;
    const ArtifactCheck check = ArtifactStore::inspect(path, kind);
    if (!check.ok) {
        HttpResponsePlan plan = notFound(check.unreadable ? FailureCode::Unreadable : FailureCode::BadArtifact,
                                         check.error, mac, kind);
        plan.status = 500;
        plan.body = check.error.toUtf8() + '\n';
        return plan;
    }
    return serveFile(canonical(path), name, mac, kind);
}

// The machine's own config, rendered for it (hostname, install disk, the console's log
// sink); never the file as is, and never another machine's.
HttpResponsePlan renderedConfig(const BootSnapshot &snapshot, const MachineIntent &machine)
{
    const QString name = QFileInfo(machine.configPath).fileName();
    auto refuse = [&](FailureCode failure, const QString &reason) {
        HttpResponsePlan plan = notFound(failure, reason, machine.mac, ArtifactKind::Config);
        plan.status = 500;
        plan.body = reason.toUtf8() + '\n';
        plan.event = EventKind::ConfigRefused;
        return plan;
    };
    const Talos::ConfigFiles files = Talos::ConfigFiles::read(machine.configPath, machine.patches);
    switch (files.problem) {
    case Talos::ConfigFiles::Problem::None: break;
    case Talos::ConfigFiles::Problem::ConfigUnreadable:
        return refuse(FailureCode::ConfigUnreadable, QStringLiteral("assigned config cannot be read: ") + name);
    case Talos::ConfigFiles::Problem::ConfigTooLarge:
        return refuse(FailureCode::ConfigUnreadable, QStringLiteral("assigned config is too large to be a Talos config: ") + name);
    case Talos::ConfigFiles::Problem::PatchUnreadable:
        return refuse(FailureCode::ConfigUnreadable,
                      QStringLiteral("patch file cannot be read: ") + QFileInfo(files.file).fileName());
    }
    Talos::RenderInput input;
    input.patches = files.patches;
    input.hostname = machine.hostname;
    input.installDisk = machine.installDisk;
    if (!snapshot.serverAddress.isNull()) {
        input.logSinkHost = snapshot.serverAddress.toString();
        input.logSinkPort = snapshot.ports.logs;
    }
    const Talos::RenderResult rendered = Talos::ConfigRenderer::render(files.config, input, name);
    if (!rendered.ok())
        return refuse(FailureCode::ConfigInvalid, rendered.errorText(name));
    HttpResponsePlan plan;
    plan.status = 200;
    plan.contentType = "application/yaml";
    plan.body = rendered.bytes;
    plan.mac = machine.mac;
    plan.event = EventKind::ConfigServed;
    plan.artifact = ArtifactKind::Config;
    plan.detail = name;
    // Which config (and role) the machine now runs: the window marks a later, different
    // assignment "reinstall to apply".
    plan.facts.insert(QStringLiteral("config"), machine.configPath);
    plan.facts.insert(QStringLiteral("role"), Talos::MachineConfig::roleName(rendered.role));
    plan.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    return plan;
}

} // namespace

static HttpResponsePlan routeRequest(const BootSnapshot &snapshot, const HttpRequestInfo &request)
{
    const QString &path = request.path;

    if (path == QLatin1String("/boot.ipxe"))
        return script(IpxeScripts::entry(snapshot), {});

    if (path.startsWith(QLatin1String("/m/"))) {
        const std::optional<MachineRoute> route = machineRoute(path);
        if (!route)
            return notFound(path.mid(3).count(u'/') == 1 ? FailureCode::BadMac : FailureCode::NoRoute);
        const QString &mac = route->mac;
        const QString &leaf = route->leaf;
        const bool fromItsAddress = !request.machineAddress.isNull() && request.machineAddress == request.peer;
        if (leaf == QLatin1String("script.ipxe")) {
            if (!fromItsAddress)
                return script(IpxeScripts::awaitingAddress(snapshot, mac, request.query), mac);
            HttpResponsePlan plan = script(IpxeScripts::forMachine(snapshot, mac, request.query, request.issuedToken), mac);
            // What iPXE reports (UUID, serial) is believed only from the machine's address.
            plan.facts = factsFromQuery(request.query);
            return plan;
        }
        if (leaf == QLatin1String("vmlinuz"))
            return artifact(snapshot, mac, ArtifactKind::Kernel);
        if (leaf == QLatin1String("initramfs.xz"))
            return artifact(snapshot, mac, ArtifactKind::Initramfs);
        if (leaf == QLatin1String("config.yaml")) {
            const auto it = snapshot.machines.constFind(mac);
            if (!fromItsAddress || request.tokenCheck != ConfigTokens::Check::Valid) {
                const QString who = it != snapshot.machines.constEnd() && !it->hostname.isEmpty() ? it->hostname : mac;
                const QString why = !fromItsAddress ? (request.machineAddress.isNull()
                                                           ? QStringLiteral("no DHCP exchange of it seen")
                                                           : QStringLiteral("not the address its DHCP exchange gave it"))
                                                    : ConfigTokens::checkKey(request.tokenCheck);
                HttpResponsePlan plan = notFound(FailureCode::Unauthorized,
                                                 QStringLiteral("config for %1 asked by %2: refused (%3)")
                                                     .arg(who, request.peer.toString(), why),
                                                 mac, ArtifactKind::Config);
                plan.status = 403;
                plan.body = "Forbidden\n";
                plan.event = EventKind::ConfigRefused;
                return plan;
            }
            if (it == snapshot.machines.constEnd() || it->configPath.isEmpty()) {
                HttpResponsePlan plan = notFound(FailureCode::NoConfigAssigned,
                                                 QStringLiteral("no config is assigned to ") + mac, mac, ArtifactKind::Config);
                plan.event = EventKind::ConfigRefused;
                return plan;
            }
            if (!QFileInfo(it->configPath).isFile()) {
                HttpResponsePlan plan = notFound(FailureCode::ConfigMissing,
                                                 QStringLiteral("assigned config is missing: ") + it->configPath, mac,
                                                 ArtifactKind::Config);
                plan.event = EventKind::ConfigRefused;
                return plan;
            }
            return renderedConfig(snapshot, *it);
        }
        return notFound(FailureCode::NoRoute, failureKey(FailureCode::NoRoute), mac);
    }

    // iPXE binaries at the top level (UEFI HTTP boot fetches ipxe.efi by URL).
    if (const std::optional<IpxeBinary> binary = ipxeBinaryFromName(path); binary && path.lastIndexOf(u'/') == 0) {
        const SafePathResult file = resolveIpxeBinary(snapshot, *binary);
        if (!file.ok()) {
            return notFound(FailureCode::NoIpxeBinary,
                            isUefiBinary(*binary) ? QStringLiteral("no UEFI iPXE binary is set up")
                                                  : QStringLiteral("no BIOS iPXE binary is set up"),
                            {}, ArtifactKind::IpxeBinary);
        }
        return serveFile(file.path, path.mid(1), {}, ArtifactKind::IpxeBinary);
    }

    if (path.startsWith(QLatin1String("/files/")) && !snapshot.httpRoot.isEmpty()) {
        SafePathResult resolved = resolveUnderRoot(snapshot.httpRoot, path.mid(7));
        if (resolved.ok())
            resolved.refusal = extraRootRefusal(snapshot, resolved.path, resolved.mode);
        if (resolved.ok())
            return serveFile(resolved.path, path, {}, ArtifactKind::Other);
        const bool missing = resolved.refusal == QLatin1String("not-found");
        HttpResponsePlan plan = notFound(missing ? FailureCode::NotFound : FailureCode::Forbidden, resolved.refusal,
                                         {}, ArtifactKind::Other);
        if (!missing) {
            plan.status = 403;
            plan.body = "Forbidden\n";
        }
        return plan;
    }
    return notFound(FailureCode::NoRoute);
}

MachineEvent eventFor(const HttpResponsePlan &plan, const QHostAddress &peer)
{
    MachineEvent event = makeEvent(plan.event, plan.mac, peer, plan.detail);
    event.facts = plan.facts;
    event.script = plan.script;
    event.artifact = plan.artifact;
    event.failure = plan.failure;
    return event;
}

std::optional<MachineRoute> machineRoute(const QString &path)
{
    if (!path.startsWith(QLatin1String("/m/")))
        return std::nullopt;
    const QStringList parts = path.mid(3).split(u'/');
    if (parts.size() != 2)
        return std::nullopt;
    const QString mac = normalizeMac(parts.at(0));
    if (mac.isEmpty())
        return std::nullopt;
    return MachineRoute{mac, parts.at(1)};
}

HttpResponsePlan routeHttp(const BootSnapshot &snapshot, const HttpRequestInfo &request)
{
    HttpResponsePlan plan = routeRequest(snapshot, request);
    // Talos reports a refused config as "received <status>": the registry names the
    // status the console answered next to it.
    if (plan.event == EventKind::ConfigRefused)
        plan.facts.insert(QStringLiteral("status"), plan.status);
    return plan;
}

} // namespace Nbc::Boot
