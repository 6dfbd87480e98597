#include "boot/kernelargs.h"

#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>

#include <algorithm>

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
    const int minor = parts.at(1).section(u'-', 0, 0).toInt(&okMinor);
    if (!okMajor || !okMinor)
        return {0, 0};
    return {major, minor};
}

// One key and its values in command-line order; "" is a flag without a value.
struct Param {
    QString key;
    QStringList values;
};

void insert(QList<Param> &params, const QString &key, const QString &value)
{
    for (Param &p : params) {
        if (p.key == key) {
            p.values << value;
            return;
        }
    }
    params.append({key, {value}});
}

QList<Param> parse(const QStringList &args)
{
    QList<Param> params;
    for (const QString &arg : args) {
        const qsizetype eq = arg.indexOf(u'=');
        insert(params, eq < 0 ? arg : arg.left(eq), eq < 0 ? QString() : arg.mid(eq + 1));
    }
    return params;
}

QStringList render(const QList<Param> &params)
{
    QStringList out;
    for (const Param &p : params) {
        for (const QString &value : p.values)
            out << (value.isEmpty() ? p.key : p.key + u'=' + value);
    }
    return out;
}

Param *find(QList<Param> &params, const QString &key)
{
    for (Param &p : params) {
        if (p.key == key)
            return &p;
    }
    return nullptr;
}

} // namespace

QStringList talosDefaultKernelArgs(const QString &talosVersion, const QString &arch)
{
    // Plain ints, not a structured binding: clang before 16 (the fuzz build) cannot
    // capture a binding in the lambda below.
    int major = 0;
    int minor = 0;
    std::tie(major, minor) = parseVersion(talosVersion);
    if (major == 0)
        std::tie(major, minor) = std::pair{1, 14};
    auto since = [&](int mi) { return major > 1 || (major == 1 && minor >= mi); };

    QStringList args{QStringLiteral("talos.platform=metal")};
    if (arch == QLatin1String("arm64")) {
        args << QStringLiteral("console=ttyAMA0");
    } else if (!since(8)) {
        // console=ttyS0 left the amd64 metal defaults in 1.8.
        args << QStringLiteral("console=ttyS0");
    }
    args << QStringLiteral("console=tty0");
    // init_on_alloc=1 was dropped in 1.14.
    if (!since(14))
        args << QStringLiteral("init_on_alloc=1");
    args << QStringLiteral("slab_nomerge") << QStringLiteral("pti=on") << QStringLiteral("consoleblank=0");
    // nvme_core.io_timeout became AWS-only in 1.14.
    if (!since(14))
        args << QStringLiteral("nvme_core.io_timeout=4294967295");
    args << QStringLiteral("printk.devkmsg=on");
    // IMA args were dropped in 1.11.
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
    QList<Param> params = parse(base);
    const QList<Param> extras = parse(extra.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts));
    for (const Param &e : extras) {
        if (e.key.size() > 1 && e.key.startsWith(u'-')) {
            Param *target = find(params, e.key.mid(1));
            if (!target)
                continue;
            if (e.values.contains(QString()))
                target->values.clear();
            for (const QString &value : e.values)
                target->values.removeAll(value);
            if (target->values.isEmpty()) {
                const QString key = target->key;
                params.removeIf([&key](const Param &p) { return p.key == key; });
            }
            continue;
        }
        if (e.key == QLatin1String("console") || e.key == QLatin1String("talos.platform")) {
            if (Param *target = find(params, e.key))
                target->values = e.values;
            else
                params.append(e);
            continue;
        }
        for (const QString &value : e.values)
            insert(params, e.key, value);
    }
    return render(params);
}

QString readTalosCmdline(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.read(4097);
    if (bytes.size() > 4096)
        return {};
    const QByteArray line = bytes.trimmed();
    for (const char c : line) {
        if (c < 0x20 || c > 0x7e)
            return {};
    }
    const QString text = QString::fromLatin1(line);
    if (!text.split(u' ', Qt::SkipEmptyParts).contains(QStringLiteral("talos.platform=metal"))
        && !text.contains(QLatin1String("talos.platform=")))
        return {};
    return text;
}

QString talosLogUrl(const QHostAddress &host, quint16 port)
{
    QHostAddress h = host;
    bool isV4 = false;
    const quint32 v4 = host.toIPv4Address(&isV4);
    if (isV4)
        h = QHostAddress(v4);
    const QString text = h.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + h.toString() + u']' : h.toString();
    return QStringLiteral("tcp://%1:%2/").arg(text).arg(port);
}

QString talosLogUrl(const QString &host, quint16 port)
{
    const QHostAddress address(host);
    if (address.isNull())
        return QStringLiteral("tcp://%1:%2/").arg(host).arg(port);   // a name: as given
    return talosLogUrl(address, port);
}

} // namespace Nbc::Boot
