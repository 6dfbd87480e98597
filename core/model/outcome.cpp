#include "model/outcome.h"

#include <array>

namespace Nbc {

namespace {

constexpr std::array<const char *, 10> kScriptKeys = {
    "", "entry", "boot-talos", "maintenance", "wait", "no-artifacts", "exit", "sanboot", "http-404",
    "address-unconfirmed",
};

constexpr std::array<const char *, 19> kFailureKeys = {
    "",
    "not-found",
    "no-route",
    "bad-mac",
    "forbidden",
    "unreadable",
    "range-not-satisfiable",
    "no-artifact-set",
    "bad-artifact",
    "no-ipxe-binary",
    "no-config-assigned",
    "config-missing",
    "config-unreadable",
    "config-invalid",
    "interrupted",
    "timed-out",
    "client-ended",
    "refused",
    "unauthorized",
};

} // namespace

QString scriptKey(ScriptKind kind)
{
    return QString::fromLatin1(kScriptKeys.at(static_cast<size_t>(kind)));
}

ScriptKind scriptFromKey(const QString &key)
{
    for (size_t i = 1; i < kScriptKeys.size(); ++i) {
        if (key == QLatin1String(kScriptKeys[i]))
            return static_cast<ScriptKind>(i);
    }
    return ScriptKind::None;
}

bool sendsToDisk(ScriptKind kind)
{
    return kind == ScriptKind::Exit || kind == ScriptKind::Sanboot || kind == ScriptKind::Http404;
}

QString artifactRouteName(ArtifactKind kind)
{
    switch (kind) {
    case ArtifactKind::Kernel: return QStringLiteral("vmlinuz");
    case ArtifactKind::Initramfs: return QStringLiteral("initramfs.xz");
    default: return {};
    }
}

QString failureKey(FailureCode code)
{
    return QString::fromLatin1(kFailureKeys.at(static_cast<size_t>(code)));
}

bool isBrokenSetup(FailureCode code)
{
    return code == FailureCode::NoArtifactSet || code == FailureCode::BadArtifact
        || code == FailureCode::NoIpxeBinary;
}

} // namespace Nbc
