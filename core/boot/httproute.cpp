#include "boot/httproute.h"

#include "boot/safepath.h"

namespace Nbc::Boot {

HttpResponsePlan routeHttp(const BootSnapshot &snapshot, const HttpRequestInfo &request)
{
    HttpResponsePlan plan;
    if (request.path.startsWith(QLatin1String("/files/")) && !snapshot.httpRoot.isEmpty()) {
        const SafePathResult resolved = resolveUnderRoot(snapshot.httpRoot, request.path.mid(7));
        if (resolved.ok()) {
            plan.status = 200;
            plan.contentType = "application/octet-stream";
            plan.filePath = resolved.path;
            plan.event = EventKind::HttpStart;
            plan.detail = request.path;
            return plan;
        }
        plan.status = resolved.refusal == QLatin1String("not-found") ? 404 : 403;
        plan.detail = resolved.refusal;
        plan.body = "Not found\n";
        return plan;
    }
    plan.detail = QStringLiteral("no-route");
    plan.body = "Not found\n";
    return plan;
}

} // namespace Nbc::Boot
