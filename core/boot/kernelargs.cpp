#include "boot/kernelargs.h"

#include <QRegularExpression>

namespace Nbc::Boot {

namespace {

// Returns {major, minor}; {0, 0} when the text is not a version.
std::pair<int, int> parseVersion(QString text)
{
    text = text.trimmed();
    if (text.startsWith(u'v') || text.startsWith(u'V'))
        text.remove(0, 1);
    const QStringList parts = text.split(u'.');
    if (parts.size() < 2)
        return {0, 0};
    bool okMajor = false, okMinor = false;
    const int major = parts.at(0).toInt(&okMajor);
    const int minor = parts.at(1).toInt(&okMinor);
    if (!okMajor || !okMinor)
        return {0, 0};
    return {major, minor};
}

QString argKey(const QString &arg)
{
    const qsizetype eq = arg.indexOf(u'=');
    return eq < 0 ? arg : arg.left(eq);
}

} // namespace

QStringList talosDefaultKernelArgs(const QString &talosVersion)
{
    auto [major, minor] = parseVersion(talosVersion);
    if (major == 0)
        std::tie(major, minor) = std::pair{1, 14};
    auto since = [&](int mi) { return major > 1 || (major == 1 && minor >= mi); };

    QStringList args{QStringLiteral("talos.platform=metal")};
    // console=ttyS0 left the metal defaults in 1.8 (quirk SupportsMetalPlatformConsoleTTYS0).
    if (!since(8))
        args << QStringLiteral("console=ttyS0");
    args << QStringLiteral("console=tty0");
    // init_on_alloc=1 was dropped in 1.14.
    if (!since(14))
        args << QStringLiteral("init_on_alloc=1");
    args << QStringLiteral("slab_nomerge") << QStringLiteral("pti=on") << QStringLiteral("consoleblank=0");
    // nvme_core.io_timeout became AWS-only in 1.14.
    if (!since(14))
        args << QStringLiteral("nvme_core.io_timeout=4294967295");
    args << QStringLiteral("printk.devkmsg=on");
    // IMA args were dropped in 1.11 (SupportsIMA <= 1.10.99).
    if (!since(11))
        args << QStringLiteral("ima_template=ima-ng") << QStringLiteral("ima_appraise=fix") << QStringLiteral("ima_hash=sha512");
    if (since(10))
        args << QStringLiteral("selinux=1");
    if (since(12))
        args << QStringLiteral("module.sig_enforce=1");
    if (since(13))
        args << QStringLiteral("proc_mem.force_override=never");
    return args;
}

QStringList mergeKernelArgs(const QStringList &base, const QString &extra)
{
    QStringList result = base;
    const QStringList extras = extra.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    for (const QString &arg : extras) {
        const QString key = argKey(arg);
        if (key != QLatin1String("console")) {
            result.erase(std::remove_if(result.begin(), result.end(),
                                        [&](const QString &a) { return argKey(a) == key; }),
                         result.end());
        } else if (result.contains(arg)) {
            continue;
        }
        result.append(arg);
    }
    return result;
}

} // namespace Nbc::Boot
