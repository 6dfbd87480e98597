#include "boot/setupimport.h"

#include "boot/kernelargs.h"
#include "inventory/workspace.h"
#include "model/mac.h"
#include "session/setupplan.h"
#include "talos/configlibrary.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QMap>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

#include <algorithm>

namespace Nbc {

namespace {

using Level = SetupImportNote::Level;

constexpr qint64 kMaxTextFile = 1024 * 1024;        // a dnsmasq.conf or an iPXE script
constexpr qint64 kMaxConfigFile = 4 * 1024 * 1024;  // a Talos machine config
constexpr int kMaxIncludeDepth = 8;
constexpr int kMaxScriptDepth = 4;
constexpr int kMaxFiles = 512;                       // per-machine files read from one folder
constexpr int kSearchDepth = 3;                      // where a web root or a moved folder is looked for
constexpr int kMaxFoldersWalked = 4096;              // a folder chosen too high up is not walked whole

// Placeholders a template URL keeps for what differs per machine (iPXE settings).
enum class Var { None, Mac, MacHyphen, MacRaw, Uuid, Serial, Hostname, Other };

const QChar kMark(0x1);   // never in a file name: marks a placeholder in an expanded text

QString marker(Var var)
{
    return QString(kMark) + QChar(u'A' + int(var)) + kMark;
}

// The per-machine setting an iPXE ${name} or ${name:type} stands for.
Var varFor(const QString &nameAndType)
{
    const QString name = nameAndType.section(u':', 0, 0).toLower();
    const QString type = nameAndType.section(u':', 1).toLower();
    static const QRegularExpression netMac(QStringLiteral("^net\\d+/mac$"));
    if (name == QLatin1String("mac") || netMac.match(name).hasMatch()) {
        if (type == QLatin1String("hexhyp"))
            return Var::MacHyphen;
        if (type == QLatin1String("hexraw"))
            return Var::MacRaw;
        return Var::Mac;   // "" or "hex": 52:54:00:12:34:56
    }
    if (name == QLatin1String("uuid") || name == QLatin1String("smbios/uuid"))
        return Var::Uuid;
    if (name == QLatin1String("serial") || name == QLatin1String("smbios/serial"))
        return Var::Serial;
    if (name == QLatin1String("hostname") || name.endsWith(QLatin1String("/hostname")))
        return Var::Hostname;
    return Var::Other;
}

QString varPattern(Var var)
{
    switch (var) {
    case Var::Mac:
        return QStringLiteral("([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})");
    case Var::MacHyphen:
        return QStringLiteral("([0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5})");
    case Var::MacRaw:
        return QStringLiteral("([0-9A-Fa-f]{12})");
    case Var::Uuid:
        return QStringLiteral("([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})");
    default:
        return QStringLiteral("([^/]+)");
    }
}

bool isMacVar(Var var)
{
    return var == Var::Mac || var == Var::MacHyphen || var == Var::MacRaw;
}

// The placeholders of an expanded text, in order.
QList<Var> varsIn(const QString &text)
{
    QList<Var> vars;
    for (qsizetype i = text.indexOf(kMark); i >= 0 && i + 2 < text.size(); i = text.indexOf(kMark, i + 3))
        vars << Var(text.at(i + 1).unicode() - u'A');
    return vars;
}

// "${base}/configs/<MAC with hyphens>.yaml" for people.
QString readable(QString text)
{
    static const char *const names[] = {"", "${mac}", "${mac:hexhyp}", "${mac:hexraw}", "${uuid}",
                                        "${serial}", "${hostname}", "${...}"};
    for (int v = 1; v <= int(Var::Other); ++v)
        text.replace(marker(Var(v)), QLatin1String(names[v]));
    return text;
}

// One line of a dnsmasq configuration file split the way dnsmasq reads it (option.c,
// one_file): '#' starts a comment at the start of a line or after white space only
// (so tag:#ipxe stays), quotes protect ',' '#' and white space and allow \" \\ \t \n
// escapes, the option name ends at the first '='.
struct ConfLine {
    QString name;
    QStringList fields;   // the value split at ',' outside quotes, each trimmed
    bool hasValue = false;
    bool badQuote = false;
};

ConfLine splitConfLine(const QString &raw)
{
    ConfLine out;
    QString current;
    bool inQuote = false;
    bool white = true;
    bool named = false;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QChar c = raw.at(i);
        if (inQuote) {
            if (c == u'"') {
                inQuote = false;
            } else if (c == u'\\' && i + 1 < raw.size()) {
                const QChar n = raw.at(++i);
                current += n == u't' ? QChar(u'\t') : n == u'n' ? QChar(u'\n') : n == u'r' ? QChar(u'\r') : n;
            } else {
                current += c;
            }
            continue;
        }
        if (c == u'"') {
            inQuote = true;
            white = false;
            continue;
        }
        if (c.isSpace()) {
            white = true;
            current += u' ';
            continue;
        }
        if (c == u'#' && white)
            break;
        white = false;
        if (c == u'=' && !named) {
            out.name = current.trimmed().toLower();
            current.clear();
            named = true;
            out.hasValue = true;
            continue;
        }
        if (c == u',' && named) {
            out.fields << current.trimmed();
            current.clear();
            continue;
        }
        current += c;
    }
    out.badQuote = inQuote;
    if (named)
        out.fields << current.trimmed();
    else
        out.name = current.trimmed().toLower();
    return out;
}

bool isIPv4(const QString &text)
{
    QHostAddress a;
    return a.setAddress(text) && a.protocol() == QAbstractSocket::IPv4Protocol;
}

// Tags at the start of a dhcp-boot / dhcp-match / pxe-service value: tag:x, net:x
// (old), set:x; "!x" or "#x" is "not x". What follows is the option's own value.
struct Tagged {
    QStringList tags;     // "ipxe" or "!ipxe"
    QStringList sets;
    QStringList rest;
};

Tagged splitTags(const QStringList &fields)
{
    Tagged t;
    int i = 0;
    for (; i < fields.size(); ++i) {
        const QString f = fields.at(i);
        if (f.startsWith(QLatin1String("tag:"), Qt::CaseInsensitive) || f.startsWith(QLatin1String("net:"), Qt::CaseInsensitive)) {
            QString tag = f.mid(4);
            if (tag.startsWith(u'#'))
                tag[0] = u'!';
            t.tags << tag.toLower();
        } else if (f.startsWith(QLatin1String("set:"), Qt::CaseInsensitive)) {
            t.sets << f.mid(4).toLower();
        } else {
            break;
        }
    }
    t.rest = fields.mid(i);
    return t;
}

// PXE client system architectures of pxe-service (RFC 4578 2.1 names as dnsmasq spells them).
enum class Firmware { Unknown, Bios, Uefi, Other };

Firmware firmwareOfCsa(const QString &csa)
{
    const QString c = csa.toLower();
    if (c == QLatin1String("x86pc"))
        return Firmware::Bios;
    if (c == QLatin1String("x86-64_efi") || c == QLatin1String("bc_efi") || c == QLatin1String("ia32_efi"))
        return Firmware::Uefi;
    static const QStringList others{QStringLiteral("pc98"), QStringLiteral("ia64_efi"), QStringLiteral("alpha"),
                                    QStringLiteral("arc_x86"), QStringLiteral("intel_lean_client"),
                                    QStringLiteral("xscale_efi"), QStringLiteral("arm32_efi"), QStringLiteral("arm64_efi")};
    return others.contains(c) ? Firmware::Other : Firmware::Unknown;
}

Firmware firmwareOfArch(int arch)
{
    if (arch == 0)
        return Firmware::Bios;
    if (arch == 6 || arch == 7 || arch == 9)
        return Firmware::Uefi;
    return Firmware::Other;
}

Firmware firmwareOfFile(const QString &name)
{
    const QString n = name.toLower();
    if (n.endsWith(QLatin1String(".efi")))
        return Firmware::Uefi;
    if (n.endsWith(QLatin1String(".kpxe")) || n.endsWith(QLatin1String(".pxe")) || n.endsWith(QLatin1String(".0"))
        || n.endsWith(QLatin1String(".com")))
        return Firmware::Bios;
    return Firmware::Unknown;
}

bool isUrl(const QString &text)
{
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"));
    return scheme.match(text).hasMatch();
}

// A URL split without QUrl: hosts and paths may hold iPXE placeholders.
struct UrlParts {
    QString scheme;   // "http", "tftp"; empty for a relative reference
    QString host;
    int port = -1;
    QString path;     // starts with '/'
};

UrlParts splitUrl(const QString &url)
{
    UrlParts u;
    const qsizetype sep = url.indexOf(QLatin1String("://"));
    if (sep < 0) {
        u.path = url;
        return u;
    }
    u.scheme = url.left(sep).toLower();
    const QString rest = url.mid(sep + 3);
    const qsizetype slash = rest.indexOf(u'/');
    const QString authority = slash < 0 ? rest : rest.left(slash);
    u.path = slash < 0 ? QStringLiteral("/") : rest.mid(slash);
    const qsizetype q = u.path.indexOf(u'?');
    if (q >= 0)
        u.path.truncate(q);
    const qsizetype colon = authority.lastIndexOf(u':');
    bool ok = false;
    const int port = colon >= 0 ? authority.mid(colon + 1).toInt(&ok) : -1;
    if (ok && port > 0 && port < 65536) {
        u.port = port;
        u.host = authority.left(colon);
    } else {
        u.host = authority;
    }
    return u;
}

// Where a script was loaded from: relative references in it resolve against this.
struct ScriptOrigin {
    bool http = true;
    QString host;
    int port = -1;
    QString dir = QStringLiteral("/");   // URL path of the script's folder, ending in '/'
};

// One `kernel` line of an iPXE script.
struct KernelLine {
    QString file;          // relative to the import folder
    int line = 0;
    QString text;
    QString kernel;        // absolute local path, empty when not found
    QString kernelUrl;
    QStringList args;      // as the seed gives them, minus the console's own
    QString configUrl;     // talos.config=, expanded (placeholders kept)
    QString initramfs;     // the initrd line that follows (local path)
};

// Where a machine's config comes from, in the order the entry script tries them.
struct ConfigSource {
    // Scripts: per-machine scripts by file name; Template: per-machine configs by file
    // name; Literal: one config for every machine; Own: a per-machine script's config.
    enum class Kind { Scripts, Template, Literal, Own };
    Kind kind = Kind::Literal;
    QString file;
    int line = 0;
    QString text;
    Var var = Var::None;
    QString dir;           // local folder of the per-machine files (Scripts, Template)
    QRegularExpression pattern;   // their file names; captures the machine's value
    QString local;         // Literal, Own: the config's local path
    QString urlText;       // the template URL for people
    ScriptOrigin origin;   // Scripts: how the per-machine scripts are reached
};

struct MachineHit {
    QString config;        // local path
    QString origin;        // for people
};

class Reader
{
public:
    explicit Reader(SetupImportPlan *plan)
        : m_plan(*plan)
    {
    }

    void run(const QString &confPath);

private:
    // Notes.
    void note(Level level, const QString &file, int line, const QString &text, const QString &message)
    {
        m_plan.notes.append({level, file, line, text, message});
    }
    QString rel(const QString &path) const
    {
        const QString r = QDir(m_root).relativeFilePath(path);
        return r.isEmpty() ? QStringLiteral(".") : r;
    }

    // Paths: only what is inside the import folder (symbolic links resolved) is read.
    bool inside(const QString &canonical) const
    {
        return !canonical.isEmpty() && (canonical == m_root || canonical.startsWith(m_root + u'/'));
    }
    QString canonicalInside(const QString &path) const
    {
        const QString c = QFileInfo(path).canonicalFilePath();
        return inside(c) ? c : QString();
    }
    // `name` under `base` (both local); empty and a note when it leaves the import folder.
    QString resolveUnder(const QString &base, const QString &name, const QString &file, int line,
                         const QString &text, bool wantDir = false);
    // An absolute path from the seed's machine that lies outside the folder: refused,
    // and the same folder or file looked for by its last path parts inside the folder.
    QString relocate(const QString &path, bool wantDir) const;

    // dnsmasq.conf.
    void readConf(const QString &path, int depth);
    void confLine(const QString &file, int line, const QString &text, const ConfLine &conf, int depth);
    void bootEntry(const QString &file, int line, const QString &text, const QStringList &tags, Firmware firmware,
                   const QString &bootFile);
    void dhcpRange(const QString &file, int line, const QString &text, const QStringList &fields);
    void dhcpHost(const QString &file, int line, const QString &text, const QStringList &fields);
    void tagDefinition(const QString &option, const QString &file, int line, const QString &text,
                       const QStringList &fields);
    bool isIpxeTag(const QString &tag) const
    {
        return m_ipxeTags.contains(tag) || tag.contains(QLatin1String("ipxe"));
    }

    // iPXE scripts.
    QByteArray readText(const QString &path, const QString &file, qint64 max, bool *ok);
    void readScript(const QString &path, const ScriptOrigin &origin, const QString &mac, int depth,
                    QList<KernelLine> *kernels, QList<ConfigSource> *sources);
    QString expand(const QString &text, const QHash<QString, QString> &vars, const QString &mac) const;
    // The local file a URL (no placeholders) names; empty when none (with a note when
    // `file` is given and the URL leaves the folder).
    QString localFor(const QString &url, const ScriptOrigin &origin, const QString &file, int line,
                     const QString &text, bool wantDir = false);
    QString webFile(const QString &urlPath, bool wantDir);
    QString absoluteUrl(const QString &url, const ScriptOrigin &origin) const;
    ScriptOrigin originOf(const QString &url, const ScriptOrigin &from) const;
    bool templateSource(const QString &expandedUrl, const ScriptOrigin &origin, const QString &file, int line,
                        const QString &text, ConfigSource *source);

    // The plan.
    void mapMachines(const QList<ConfigSource> &sources);
    void takeKernel(const QList<KernelLine> &kernels);
    void takeConfigs();
    void takeKernelArgs();
    QString configId(const QString &local);

    SetupImportPlan &m_plan;
    QString m_root;
    QSet<QString> m_confsRead;
    bool m_rangeSeen = false;
    bool m_interfaceSeen = false;
    QString m_tftpRoot;                  // local, canonical; empty: not named
    QString m_webRoot;                   // local folder a URL path "/" stands for
    QSet<QString> m_ipxeTags;
    QHash<QString, Firmware> m_archTags;
    struct BootEntry {
        QString file;
        int line = 0;
        QString text;
        Firmware firmware = Firmware::Unknown;
        QString bootFile;
        bool forIpxe = false;
    };
    QList<BootEntry> m_boot;
    struct Host {
        QString mac;
        QString hostname;
        QString file;
        int line = 0;
    };
    QList<Host> m_hosts;

    QList<KernelLine> m_perMachineKernels;   // kernels of per-machine scripts
    QHash<QString, MachineHit> m_byMac;      // normalized MAC -> its config
    QStringList m_macOrder;
    QHash<QString, MachineHit> m_byUuid;
    QHash<QString, MachineHit> m_bySerial;
    QString m_default;                        // local path of the catch-all config
    QStringList m_libraryExtras;              // other configs found next to the assigned ones
    QHash<QString, QString> m_ids;            // local path -> config id
    QSet<QString> m_idsTaken;
    QSet<QString> m_scriptsRead;
};

QString Reader::relocate(const QString &path, bool wantDir) const
{
    const QStringList parts = QDir::cleanPath(path).split(u'/', Qt::SkipEmptyParts);
    for (qsizetype keep = parts.size(); keep >= 1; --keep) {
        const QString tail = parts.mid(parts.size() - keep).join(u'/');
        // The tail itself, then under the folder's first levels ("/srv/tftp" -> "seed/tftp").
        QStringList bases{m_root};
        QDirIterator it(m_root, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        for (int walked = 0; it.hasNext() && bases.size() < 64 && walked < kMaxFoldersWalked; ++walked) {
            const QString d = it.next();
            if (QDir(m_root).relativeFilePath(d).count(u'/') < kSearchDepth - 1)
                bases << d;
        }
        for (const QString &base : std::as_const(bases)) {
            const QFileInfo info(base + u'/' + tail);
            if (info.exists() && (wantDir ? info.isDir() : info.isFile())) {
                const QString c = canonicalInside(info.filePath());
                if (!c.isEmpty())
                    return c;
            }
        }
    }
    return {};
}

QString Reader::resolveUnder(const QString &base, const QString &name, const QString &file, int line,
                             const QString &text, bool wantDir)
{
    const QString joined = QDir::isAbsolutePath(name) ? name : base + u'/' + name;
    const QString clean = QDir::cleanPath(joined);
    if (!inside(clean) && !(QDir::isAbsolutePath(name) && inside(QFileInfo(clean).canonicalFilePath()))) {
        if (QDir::isAbsolutePath(name)) {
            const QString moved = relocate(name, wantDir);
            if (!moved.isEmpty()) {
                note(Level::Refused, file, line, text,
                     SetupImport::tr("%1 is outside the import folder and is not read; %2 of the import folder is "
                                     "used in its place").arg(name, rel(moved)));
                return moved;
            }
        }
        note(Level::Refused, file, line, text,
             SetupImport::tr("%1 is outside the import folder: not read (copy it into the folder and import again)")
                 .arg(name));
        return {};
    }
    const QFileInfo info(clean);
    if (!info.exists())
        return {};
    const QString c = info.canonicalFilePath();
    if (!inside(c)) {
        note(Level::Refused, file, line, text,
             SetupImport::tr("%1 is a link to a place outside the import folder: not read").arg(name));
        return {};
    }
    if (wantDir ? !info.isDir() : !info.isFile())
        return {};
    return c;
}

void Reader::run(const QString &confPath)
{
    m_root = QFileInfo(confPath).absoluteDir().canonicalPath();
    m_plan.folder = m_root;
    m_plan.dnsmasqConf = rel(confPath);
    readConf(QFileInfo(confPath).canonicalFilePath(), 0);
    m_plan.ok = true;

    // The TFTP root: as named (inside the folder), else the folder itself.
    QString tftpRoot = m_tftpRoot.isEmpty() ? m_root : m_tftpRoot;

    // The iPXE binaries firmware gets, and the script iPXE gets.
    const BootEntry *ipxeEntry = nullptr;
    for (const BootEntry &entry : std::as_const(m_boot)) {
        if (entry.forIpxe) {
            if (!ipxeEntry) {
                ipxeEntry = &entry;
            } else if (entry.bootFile != ipxeEntry->bootFile) {
                note(Level::NotCarried, entry.file, entry.line, entry.text,
                     SetupImport::tr("iPXE is sent to %1 already (%2:%3); the console gives every iPXE one entry "
                                     "script").arg(ipxeEntry->bootFile, ipxeEntry->file).arg(ipxeEntry->line));
            }
            continue;
        }
        if (entry.firmware == Firmware::Other) {
            note(Level::NotCarried, entry.file, entry.line, entry.text,
                 SetupImport::tr("not for x86 firmware: the console boots BIOS and UEFI x86-64 machines"));
            continue;
        }
        QString name = entry.bootFile;
        while (name.startsWith(u'/'))
            name.remove(0, 1);
        QString local = resolveUnder(tftpRoot, name, entry.file, entry.line, entry.text);
        if (local.isEmpty()) {
            note(Level::NotCarried, entry.file, entry.line, entry.text,
                 SetupImport::tr("%1 is not in the TFTP root %2: the workspace keeps its own iPXE binary")
                     .arg(name, rel(tftpRoot)));
            continue;
        }
        Firmware fw = entry.firmware == Firmware::Unknown ? firmwareOfFile(local) : entry.firmware;
        QString &target = fw == Firmware::Uefi ? m_plan.ipxeUefi : m_plan.ipxeBios;
        if (fw == Firmware::Unknown) {
            note(Level::NotUnderstood, entry.file, entry.line, entry.text,
                 SetupImport::tr("cannot tell whether %1 is for BIOS or UEFI firmware: not taken").arg(name));
            continue;
        }
        if (target.isEmpty()) {
            target = local;
            QFile binary(local);
            if (binary.open(QIODevice::ReadOnly) && binary.read(8 * 1024 * 1024).contains("#!ipxe"))
                note(Level::NotCarried, entry.file, entry.line, entry.text,
                     SetupImport::tr("%1 has an iPXE script built in: if it names the old server, use the iPXE "
                                     "the system ships instead").arg(name));
        } else if (target != local) {
            note(Level::NotCarried, entry.file, entry.line, entry.text,
                 SetupImport::tr("%1 firmware gets %2 already; the console has one iPXE binary per firmware")
                     .arg(fw == Firmware::Uefi ? QStringLiteral("UEFI") : QStringLiteral("BIOS"), rel(target)));
        }
    }

    if (!ipxeEntry) {
        note(Level::NotCarried, m_plan.dnsmasqConf, 0, {},
             SetupImport::tr("no dhcp-boot or pxe-service line sends iPXE (user class iPXE, option 175) to a "
                             "script: no machines, kernel or configs could be found"));
        takeConfigs();
        return;
    }

    // The entry script and what it leads to.
    ScriptOrigin origin;
    QString scriptPath;
    const QString bootFile = ipxeEntry->bootFile;
    if (isUrl(bootFile)) {
        const UrlParts u = splitUrl(bootFile);
        origin = originOf(bootFile, origin);
        if (u.scheme == QLatin1String("http") || u.scheme == QLatin1String("https")) {
            m_plan.httpPort = quint16(u.port > 0 ? u.port : (u.scheme == QLatin1String("https") ? 443 : 80));
            m_plan.seedServer = u.host;
        }
        scriptPath = localFor(bootFile, origin, ipxeEntry->file, ipxeEntry->line, ipxeEntry->text);
    } else {
        origin.http = false;
        QString name = bootFile;
        while (name.startsWith(u'/'))
            name.remove(0, 1);
        origin.dir = u'/' + QFileInfo(name).path() + u'/';
        scriptPath = resolveUnder(tftpRoot, name, ipxeEntry->file, ipxeEntry->line, ipxeEntry->text);
    }
    if (scriptPath.isEmpty()) {
        note(Level::NotCarried, ipxeEntry->file, ipxeEntry->line, ipxeEntry->text,
             SetupImport::tr("the script %1 is not in the import folder: copy the web server's folder next to "
                             "dnsmasq.conf and import again").arg(bootFile));
        takeConfigs();
        return;
    }
    QList<KernelLine> kernels;
    QList<ConfigSource> sources;
    readScript(scriptPath, origin, {}, 0, &kernels, &sources);
    mapMachines(sources);
    // The entry script's kernel first; per-machine scripts' when it has none.
    takeKernel(kernels + m_perMachineKernels);
    takeConfigs();
    takeKernelArgs();
}

void Reader::readConf(const QString &path, int depth)
{
    if (depth > kMaxIncludeDepth || m_confsRead.contains(path))
        return;
    m_confsRead.insert(path);
    bool ok = false;
    const QString file = rel(path);
    const QByteArray bytes = readText(path, file, kMaxTextFile, &ok);
    if (!ok)
        return;
    const QStringList lines = QString::fromUtf8(bytes).split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QString text = lines.at(i).trimmed();
        if (text.isEmpty() || text.startsWith(u'#'))
            continue;
        const ConfLine conf = splitConfLine(lines.at(i));
        if (conf.name.isEmpty())
            continue;
        if (conf.badQuote) {
            note(Level::NotUnderstood, file, i + 1, text, SetupImport::tr("a quote is not closed: line skipped"));
            continue;
        }
        confLine(file, i + 1, text, conf, depth);
    }
}

void Reader::confLine(const QString &file, int line, const QString &text, const ConfLine &conf, int depth)
{
    const QString &name = conf.name;
    const QStringList &fields = conf.fields;
    const QString value = fields.value(0);

    // Options that change nothing the console does.
    static const QSet<QString> ignored{
        QStringLiteral("port"), QStringLiteral("bind-interfaces"), QStringLiteral("bind-dynamic"),
        QStringLiteral("log-dhcp"), QStringLiteral("log-queries"), QStringLiteral("log-facility"),
        QStringLiteral("log-async"), QStringLiteral("no-daemon"), QStringLiteral("keep-in-foreground"),
        QStringLiteral("no-resolv"), QStringLiteral("no-hosts"), QStringLiteral("domain-needed"),
        QStringLiteral("bogus-priv"), QStringLiteral("user"), QStringLiteral("group"), QStringLiteral("pid-file"),
        QStringLiteral("dhcp-no-override"), QStringLiteral("dhcp-authoritative"), QStringLiteral("dhcp-leasefile"),
        QStringLiteral("leasefile-ro"), QStringLiteral("dhcp-broadcast"), QStringLiteral("tftp-secure"),
        QStringLiteral("tftp-no-fail"), QStringLiteral("tftp-no-blocksize"), QStringLiteral("tftp-max"),
        QStringLiteral("tftp-lowercase"), QStringLiteral("tftp-single-port"), QStringLiteral("tftp-port-range"),
        QStringLiteral("tftp-blocksize"), QStringLiteral("dhcp-lease-max"), QStringLiteral("listen-address"),
        QStringLiteral("except-interface"), QStringLiteral("no-dhcp-interface"), QStringLiteral("quiet-dhcp"),
        QStringLiteral("domain"), QStringLiteral("local"), QStringLiteral("expand-hosts"),
        QStringLiteral("dhcp-rapid-commit"), QStringLiteral("dhcp-sequential-ip"), QStringLiteral("enable-tftp"),
        QStringLiteral("dhcp-fqdn"), QStringLiteral("log-debug")};
    static const QHash<QString, const char *> notCarried{
        {QStringLiteral("pxe-prompt"),
         QT_TRANSLATE_NOOP("SetupImport", "the console never shows a PXE menu: firmware is answered by its "
                                          "architecture at once")},
        {QStringLiteral("dhcp-script"), QT_TRANSLATE_NOOP("SetupImport", "the console runs no scripts on leases")},
        {QStringLiteral("dhcp-ignore"),
         QT_TRANSLATE_NOOP("SetupImport", "the console answers every PXE client; unknown machines wait in iPXE")},
        {QStringLiteral("dhcp-option-force"),
         QT_TRANSLATE_NOOP("SetupImport", "the console sends its own DHCP options")},
        {QStringLiteral("server"), QT_TRANSLATE_NOOP("SetupImport", "the console serves no DNS")},
        {QStringLiteral("address"), QT_TRANSLATE_NOOP("SetupImport", "the console serves no DNS")},
    };

    if (ignored.contains(name)) {
        note(Level::Ignored, file, line, text, SetupImport::tr("not needed by the console"));
    } else if (notCarried.contains(name)) {
        note(Level::NotCarried, file, line, text, SetupImport::tr(notCarried.value(name)));
    } else if (name == QLatin1String("interface")) {
        for (const QString &f : fields) {
            if (f.isEmpty())
                continue;
            if (!m_interfaceSeen) {
                m_plan.interfaceName = f;
                m_interfaceSeen = true;
            } else if (f != m_plan.interfaceName) {
                note(Level::NotCarried, file, line, text,
                     SetupImport::tr("the console serves one interface: %1 is taken, %2 is not")
                         .arg(m_plan.interfaceName, f));
            }
        }
    } else if (name == QLatin1String("dhcp-range")) {
        dhcpRange(file, line, text, fields);
    } else if (name == QLatin1String("dhcp-boot")) {
        const Tagged t = splitTags(fields);
        if (t.rest.isEmpty() || t.rest.constFirst().isEmpty()) {
            note(Level::NotUnderstood, file, line, text, SetupImport::tr("dhcp-boot names no file"));
            return;
        }
        if (!t.rest.value(2).isEmpty() || !t.rest.value(1).isEmpty())
            note(Level::Ignored, file, line, text,
                 SetupImport::tr("the TFTP server named here is not carried over: the console is its own TFTP server"));
        bootEntry(file, line, text, t.tags, Firmware::Unknown, t.rest.constFirst());
    } else if (name == QLatin1String("pxe-service")) {
        QStringList rest = fields;
        QStringList tags;
        // Tags first (tag:x, or the old bare "#x" / "x" before the architecture).
        while (!rest.isEmpty() && firmwareOfCsa(rest.constFirst()) == Firmware::Unknown
               && !rest.constFirst().toInt()) {
            const Tagged t = splitTags({rest.constFirst()});
            QString tag = t.tags.isEmpty() ? rest.constFirst().toLower() : t.tags.constFirst();
            if (tag.startsWith(u'#'))
                tag[0] = u'!';
            if (t.sets.isEmpty())
                tags << tag;
            rest.removeFirst();
        }
        if (rest.size() < 3) {
            note(Level::NotUnderstood, file, line, text,
                 rest.size() == 2 ? SetupImport::tr("a PXE menu entry without a boot file: nothing to take")
                                  : SetupImport::tr("pxe-service needs an architecture, a menu text and a file"));
            return;
        }
        bool isNumber = false;
        const int service = rest.at(2).toInt(&isNumber);
        if (isNumber) {
            note(Level::NotCarried, file, line, text,
                 service == 0 ? SetupImport::tr("boot from the local disk is decided by the console (afterInstall)")
                              : SetupImport::tr("PXE boot service types are not carried over"));
            return;
        }
        const Firmware fw = firmwareOfCsa(rest.at(0));
        QString bootFile = rest.at(2);
        // dnsmasq appends the PXE layer ".0" to a basename without a suffix (since 2.76;
        // always before): "undionly" is fetched as undionly.0.
        if (!isUrl(bootFile) && fw == Firmware::Bios && !QFileInfo(bootFile).fileName().contains(u'.'))
            bootFile += QStringLiteral(".0");
        bootEntry(file, line, text, tags, fw, bootFile);
    } else if (name == QLatin1String("dhcp-match") || name == QLatin1String("dhcp-userclass")
               || name == QLatin1String("dhcp-vendorclass")) {
        tagDefinition(name, file, line, text, fields);
    } else if (name == QLatin1String("dhcp-host")) {
        dhcpHost(file, line, text, fields);
    } else if (name == QLatin1String("tftp-root")) {
        if (fields.size() > 1 && !fields.at(1).isEmpty())
            note(Level::NotCarried, file, line, text,
                 SetupImport::tr("one TFTP root for every interface is used: %1").arg(value));
        const QString local = resolveUnder(m_root, value, file, line, text, true);
        if (local.isEmpty()) {
            if (QFileInfo(QDir::cleanPath(m_root + u'/' + value)).exists() || !QDir::isAbsolutePath(value))
                note(Level::NotCarried, file, line, text,
                     SetupImport::tr("the TFTP root %1 is not a folder in the import folder").arg(value));
            return;
        }
        m_tftpRoot = local;
    } else if (name == QLatin1String("conf-file")) {
        const QString local = resolveUnder(m_root, value, file, line, text);
        if (local.isEmpty()) {
            if (inside(QDir::cleanPath(QDir::isAbsolutePath(value) ? value : m_root + u'/' + value)))
                note(Level::NotCarried, file, line, text, SetupImport::tr("%1 is not in the import folder").arg(value));
            return;
        }
        readConf(local, depth + 1);
    } else if (name == QLatin1String("conf-dir")) {
        const QString local = resolveUnder(m_root, value, file, line, text, true);
        if (local.isEmpty()) {
            if (inside(QDir::cleanPath(QDir::isAbsolutePath(value) ? value : m_root + u'/' + value)))
                note(Level::NotCarried, file, line, text,
                     SetupImport::tr("%1 is not a folder in the import folder").arg(value));
            return;
        }
        // conf-dir=<dir>[,<ext>...]: "*.conf" takes only such files, ".bak" leaves such files out;
        // editor backups and dot files are always left out (dnsmasq's own rule).
        QStringList only, skip;
        for (const QString &f : fields.mid(1)) {
            if (f.startsWith(u'*'))
                only << f.mid(1);
            else if (!f.isEmpty())
                skip << f;
        }
        QStringList names = QDir(local).entryList(QDir::Files, QDir::Name);
        for (const QString &entry : std::as_const(names)) {
            if (entry.startsWith(u'.') || entry.endsWith(u'~') || (entry.startsWith(u'#') && entry.endsWith(u'#')))
                continue;
            if (!only.isEmpty() && std::none_of(only.cbegin(), only.cend(), [&](const QString &s) { return entry.endsWith(s); }))
                continue;
            if (std::any_of(skip.cbegin(), skip.cend(), [&](const QString &s) { return entry.endsWith(s); }))
                continue;
            const QString child = canonicalInside(local + u'/' + entry);
            if (child.isEmpty()) {
                note(Level::Refused, file, line, text,
                     SetupImport::tr("%1 is a link to a place outside the import folder: not read")
                         .arg(rel(local) + u'/' + entry));
                continue;
            }
            readConf(child, depth + 1);
        }
    } else if (name == QLatin1String("dhcp-option")) {
        const Tagged t = splitTags(fields);
        const QString joined = t.rest.join(u',').toLower();
        if (joined.startsWith(QLatin1String("vendor:pxeclient,6,")))
            note(Level::Ignored, file, line, text,
                 SetupImport::tr("PXE discovery control: the console never offers multicast discovery"));
        else if (joined.startsWith(QLatin1String("3,")) || joined.startsWith(QLatin1String("option:router,")))
            note(Level::NotCarried, file, line, text,
                 SetupImport::tr("the console's full DHCP mode offers no router: the network is isolated"));
        else
            note(Level::NotCarried, file, line, text, SetupImport::tr("the console sends its own DHCP options"));
    } else {
        note(Level::NotUnderstood, file, line, text,
             SetupImport::tr("'%1' is not one of the options the import reads: left out").arg(name));
    }
}

void Reader::bootEntry(const QString &file, int line, const QString &text, const QStringList &tags,
                       Firmware firmware, const QString &bootFile)
{
    BootEntry entry{file, line, text, firmware, bootFile, false};
    bool ipxeYes = false, ipxeNo = false;
    for (const QString &tag : tags) {
        const bool negated = tag.startsWith(u'!');
        const QString name = negated ? tag.mid(1) : tag;
        if (isIpxeTag(name)) {
            (negated ? ipxeNo : ipxeYes) = true;
        } else if (m_archTags.contains(name)) {
            const Firmware fw = m_archTags.value(name);
            if (!negated && entry.firmware == Firmware::Unknown)
                entry.firmware = fw;
            else if (negated && entry.firmware == Firmware::Unknown && fw != Firmware::Other)
                entry.firmware = fw == Firmware::Uefi ? Firmware::Bios : Firmware::Uefi;
        } else if (!negated) {
            note(Level::NotCarried, file, line, text,
                 SetupImport::tr("only for machines tagged '%1': the console gives every machine the same boot "
                                 "files").arg(name));
        }
    }
    // A URL is only fetched by iPXE (UEFI HTTP boot aside); a binary only by firmware.
    entry.forIpxe = ipxeYes || (!ipxeNo && (isUrl(bootFile) || bootFile.endsWith(QLatin1String(".ipxe"))));
    if (entry.forIpxe && isUrl(bootFile) && !bootFile.startsWith(QLatin1String("http"), Qt::CaseInsensitive)
        && !bootFile.startsWith(QLatin1String("tftp"), Qt::CaseInsensitive)) {
        note(Level::NotUnderstood, file, line, text, SetupImport::tr("only http:// and tftp:// scripts are read"));
        return;
    }
    m_boot.append(entry);
}

void Reader::dhcpRange(const QString &file, int line, const QString &text, const QStringList &fields)
{
    const Tagged t = splitTags(fields);
    QStringList f = t.rest;
    if (!f.isEmpty() && !isIPv4(f.constFirst()) && !f.constFirst().contains(u':') && f.size() > 1
        && isIPv4(f.at(1)))
        f.removeFirst();   // an old "interface," prefix
    if (f.isEmpty() || !isIPv4(f.constFirst())) {
        note(f.value(0).contains(u':') ? Level::NotCarried : Level::NotUnderstood, file, line, text,
             f.value(0).contains(u':') ? SetupImport::tr("IPv6 ranges are not carried over: the console boots over IPv4")
                                       : SetupImport::tr("a dhcp-range the import does not read"));
        return;
    }
    if (m_rangeSeen) {
        note(Level::NotCarried, file, line, text,
             SetupImport::tr("the console serves one range: the first dhcp-range is taken"));
        return;
    }
    m_rangeSeen = true;
    const QString second = f.value(1).toLower();
    if (second == QLatin1String("proxy")) {
        m_plan.mode = DhcpMode::Proxy;
        return;
    }
    if (isIPv4(second)) {
        m_plan.mode = DhcpMode::Full;
        m_plan.dhcpRange = f.at(0) + u'-' + f.at(1);
        return;
    }
    m_plan.mode = DhcpMode::Full;
    note(Level::NotCarried, file, line, text,
         SetupImport::tr("a range of fixed addresses only: the console needs a pool, set dhcpRange in netboot.yaml"));
}

void Reader::tagDefinition(const QString &option, const QString &file, int line, const QString &text,
                           const QStringList &fields)
{
    Tagged t = splitTags(fields);
    // Old form without set: "dhcp-match=ipxe,175".
    if (t.sets.isEmpty() && t.tags.isEmpty() && t.rest.size() >= 2) {
        t.sets << t.rest.constFirst().toLower();
        t.rest.removeFirst();
    }
    if (t.sets.isEmpty() || t.rest.isEmpty()) {
        note(Level::NotUnderstood, file, line, text, SetupImport::tr("a tag definition the import does not read"));
        return;
    }
    const QString what = t.rest.join(u',');
    const QString lower = what.toLower();
    bool understood = false;
    if (option == QLatin1String("dhcp-userclass")) {
        if (lower == QLatin1String("ipxe")) {
            for (const QString &s : std::as_const(t.sets))
                m_ipxeTags.insert(s);
            understood = true;
        }
    } else if (option == QLatin1String("dhcp-vendorclass")) {
        static const QRegularExpression arch(QStringLiteral("^pxeclient:arch:(\\d{5})"));
        const QRegularExpressionMatch m = arch.match(lower);
        if (m.hasMatch()) {
            for (const QString &s : std::as_const(t.sets))
                m_archTags.insert(s, firmwareOfArch(m.captured(1).toInt()));
            understood = true;
        } else if (lower.startsWith(QLatin1String("pxeclient"))) {
            understood = true;   // every PXE client: the console answers only those anyway
        }
    } else {
        // dhcp-match: 175 (iPXE's encapsulated options), 77 / option:user-class iPXE,
        // 93 / option:client-arch N.
        if (lower == QLatin1String("175") || lower == QLatin1String("option:175")
            || ((lower.startsWith(QLatin1String("77,")) || lower.startsWith(QLatin1String("option:user-class,")))
                && lower.endsWith(QLatin1String(",ipxe")))) {
            for (const QString &s : std::as_const(t.sets))
                m_ipxeTags.insert(s);
            understood = true;
        } else if (lower.startsWith(QLatin1String("93,")) || lower.startsWith(QLatin1String("option:client-arch,"))) {
            bool ok = false;
            const int arch = lower.section(u',', 1, 1).toInt(&ok);
            if (ok) {
                for (const QString &s : std::as_const(t.sets)) {
                    const Firmware fw = firmwareOfArch(arch);
                    // Two arches under one tag (7 and 9): both UEFI, keep one answer.
                    if (!m_archTags.contains(s) || m_archTags.value(s) == fw)
                        m_archTags.insert(s, fw);
                }
                understood = true;
            }
        }
    }
    if (understood)
        note(Level::Ignored, file, line, text,
             SetupImport::tr("the console tells iPXE and the firmware types apart itself"));
    else
        note(Level::NotCarried, file, line, text,
             SetupImport::tr("tag '%1' is set on a condition the console does not use").arg(t.sets.join(u',')));
}

void Reader::dhcpHost(const QString &file, int line, const QString &text, const QStringList &fields)
{
    QStringList macs;
    QString hostname;
    bool ignore = false;
    static const QRegularExpression leaseTime(QStringLiteral("^(\\d+[smhdw]?|infinite)$"));
    static const QRegularExpression macLike(QStringLiteral("^([0-9a-fA-F*]{1,2}[:-]){5}[0-9a-fA-F*]{1,2}$"));
    for (QString f : fields) {
        if (f.isEmpty())
            continue;
        // A hardware type prefix: "1-52:54:..." is Ethernet.
        if (f.size() == 19 && f.startsWith(QLatin1String("1-")))
            f = f.mid(2);
        if (f.startsWith(QLatin1String("set:")) || f.startsWith(QLatin1String("tag:")) || f.startsWith(QLatin1String("net:")))
            continue;
        if (f.startsWith(QLatin1String("id:"))) {
            note(Level::NotCarried, file, line, text,
                 SetupImport::tr("machines are named by their MAC in the console, not by client id"));
            return;
        }
        if (macLike.match(f).hasMatch()) {
            if (f.contains(u'*')) {
                note(Level::NotCarried, file, line, text,
                     SetupImport::tr("a MAC pattern: write a rule with macPrefix in netboot.yaml for these machines"));
                return;
            }
            macs << normalizeMac(f);
            continue;
        }
        if (f.compare(QLatin1String("ignore"), Qt::CaseInsensitive) == 0) {
            ignore = true;
            continue;
        }
        if (isIPv4(f)) {
            note(Level::NotCarried, file, line, text,
                 SetupImport::tr("the fixed address %1 is not carried over: the console's pool gives addresses")
                     .arg(f));
            continue;
        }
        if (f.startsWith(u'[') || leaseTime.match(f.toLower()).hasMatch())
            continue;
        hostname = f;
    }
    if (ignore) {
        note(Level::NotCarried, file, line, text,
             SetupImport::tr("the console answers every PXE client; a machine with no config waits in iPXE"));
        return;
    }
    if (macs.isEmpty()) {
        note(Level::NotUnderstood, file, line, text, SetupImport::tr("a dhcp-host without a MAC address"));
        return;
    }
    for (const QString &mac : std::as_const(macs))
        m_hosts.append({mac, hostname, file, line});
}

QByteArray Reader::readText(const QString &path, const QString &file, qint64 max, bool *ok)
{
    *ok = false;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        note(Level::Refused, file, 0, {}, SetupImport::tr("cannot be read: check its permissions"));
        return {};
    }
    const QByteArray bytes = f.read(max + 1);
    if (bytes.size() > max) {
        note(Level::Refused, file, 0, {}, SetupImport::tr("too large for a text file of this kind: not read"));
        return {};
    }
    *ok = true;
    return bytes;
}

QString Reader::expand(const QString &text, const QHash<QString, QString> &vars, const QString &mac) const
{
    static const QRegularExpression ref(QStringLiteral("\\$\\{([^}]+)\\}"));
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = ref.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        last = m.capturedEnd();
        const QString name = m.captured(1);
        if (vars.contains(name)) {
            out += vars.value(name);
            continue;
        }
        const Var var = varFor(name);
        if (!mac.isEmpty() && isMacVar(var)) {
            const Mac parsed = Mac::parse(mac);
            out += var == Var::Mac ? parsed.toString() : var == Var::MacHyphen ? parsed.toDashed()
                                                                                : parsed.toString().remove(u':');
            continue;
        }
        out += marker(var);
    }
    out += text.mid(last);
    return out;
}

ScriptOrigin Reader::originOf(const QString &url, const ScriptOrigin &from) const
{
    ScriptOrigin o = from;
    const UrlParts u = splitUrl(absoluteUrl(url, from));
    o.http = u.scheme != QLatin1String("tftp");
    o.host = u.host;
    o.port = u.port;
    o.dir = u.path.left(u.path.lastIndexOf(u'/') + 1);
    return o;
}

QString Reader::absoluteUrl(const QString &url, const ScriptOrigin &origin) const
{
    if (isUrl(url))
        return url;
    const QString scheme = origin.http ? QStringLiteral("http://") : QStringLiteral("tftp://");
    const QString authority = origin.host + (origin.port > 0 ? u':' + QString::number(origin.port) : QString());
    return scheme + authority + (url.startsWith(u'/') ? url : origin.dir + url);
}

QString Reader::webFile(const QString &urlPath, bool wantDir)
{
    auto found = [&](const QString &base) {
        const QFileInfo info(base + urlPath);
        return info.exists() && (wantDir ? info.isDir() : info.isFile());
    };
    if (!m_webRoot.isEmpty())
        return found(m_webRoot) ? m_webRoot + urlPath : QString();
    // The web server's root is the folder under which the first URL's path exists: the
    // import folder itself, or one of its folders (www/, html/, srv/http ...).
    QStringList bases{m_root};
    QDirIterator it(m_root, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    for (int walked = 0; it.hasNext() && bases.size() < 256 && walked < kMaxFoldersWalked; ++walked) {
        const QString d = it.next();
        if (QDir(m_root).relativeFilePath(d).count(u'/') < kSearchDepth)
            bases << d;
    }
    std::stable_sort(bases.begin(), bases.end(),
                     [](const QString &a, const QString &b) { return a.count(u'/') < b.count(u'/'); });
    for (const QString &base : std::as_const(bases)) {
        if (found(base)) {
            m_webRoot = base;
            return base + urlPath;
        }
    }
    return {};
}

QString Reader::localFor(const QString &url, const ScriptOrigin &origin, const QString &file, int line,
                         const QString &text, bool wantDir)
{
    const UrlParts u = splitUrl(absoluteUrl(url, origin));
    const QString clean = QDir::cleanPath(u.path);
    if (clean.startsWith(QLatin1String("/..")) || clean == QLatin1String("..") || !clean.startsWith(u'/')) {
        note(Level::Refused, file, line, text,
             SetupImport::tr("%1 leads out of the server's root: not read").arg(readable(url)));
        return {};
    }
    QString local;
    if (u.scheme == QLatin1String("tftp")) {
        const QString root = m_tftpRoot.isEmpty() ? m_root : m_tftpRoot;
        const QFileInfo info(root + clean);
        if (info.exists() && (wantDir ? info.isDir() : info.isFile()))
            local = info.filePath();
    } else {
        local = webFile(clean, wantDir);
    }
    if (local.isEmpty())
        return {};
    const QString c = QFileInfo(local).canonicalFilePath();
    if (!inside(c)) {
        note(Level::Refused, file, line, text,
             SetupImport::tr("%1 is a link to a place outside the import folder: not read").arg(rel(local)));
        return {};
    }
    return c;
}

bool Reader::templateSource(const QString &expandedUrl, const ScriptOrigin &origin, const QString &file,
                            int line, const QString &text, ConfigSource *source)
{
    const QString url = absoluteUrl(expandedUrl, origin);
    const UrlParts u = splitUrl(url);
    const QList<Var> vars = varsIn(u.path);
    const qsizetype lastSlash = u.path.lastIndexOf(u'/');
    const QString dirPath = u.path.left(lastSlash + 1);
    const QString leaf = u.path.mid(lastSlash + 1);
    if (vars.size() != 1 || !varsIn(dirPath).isEmpty() || vars.constFirst() == Var::Other) {
        note(Level::NotUnderstood, file, line, text,
             SetupImport::tr("%1: only one of ${mac}, ${mac:hexhyp}, ${mac:hexraw}, ${uuid}, ${serial} or "
                             "${hostname} in the file name is understood").arg(readable(expandedUrl)));
        return false;
    }
    const QString dir = localFor(u.scheme + QStringLiteral("://") + u.host + dirPath, origin, file, line, text, true);
    if (dir.isEmpty()) {
        note(Level::NotCarried, file, line, text,
             SetupImport::tr("the folder %1 is not in the import folder").arg(dirPath));
        return false;
    }
    const qsizetype at = leaf.indexOf(kMark);
    const QString pattern = QRegularExpression::escape(leaf.left(at)) + varPattern(vars.constFirst())
        + QRegularExpression::escape(leaf.mid(at + 3));
    source->var = vars.constFirst();
    source->urlText = readable(expandedUrl);
    source->dir = dir;
    source->pattern = QRegularExpression(u'^' + pattern + u'$', vars.constFirst() == Var::Hostname
                                                                     ? QRegularExpression::NoPatternOption
                                                                     : QRegularExpression::CaseInsensitiveOption);
    source->file = file;
    source->line = line;
    source->text = text;
    return true;
}

void Reader::readScript(const QString &path, const ScriptOrigin &origin, const QString &mac, int depth,
                        QList<KernelLine> *kernels, QList<ConfigSource> *sources)
{
    const QString file = rel(path);
    if (depth > kMaxScriptDepth || m_scriptsRead.contains(path + mac))
        return;
    m_scriptsRead.insert(path + mac);
    bool ok = false;
    const QByteArray bytes = readText(path, file, kMaxTextFile, &ok);
    if (!ok)
        return;
    QStringList lines = QString::fromUtf8(bytes).split(u'\n');
    if (lines.isEmpty() || !lines.constFirst().trimmed().startsWith(QLatin1String("#!ipxe"))) {
        note(Level::NotUnderstood, file, 1, lines.value(0).trimmed(),
             SetupImport::tr("not an iPXE script (it does not start with #!ipxe): not read"));
        return;
    }
    QHash<QString, QString> vars;
    bool menuNoted = false;
    KernelLine *lastKernel = nullptr;
    static const QSet<QString> quiet{
        QStringLiteral("dhcp"), QStringLiteral("ifopen"), QStringLiteral("ifconf"), QStringLiteral("ifstat"),
        QStringLiteral("route"), QStringLiteral("echo"), QStringLiteral("prompt"), QStringLiteral("sleep"),
        QStringLiteral("imgfree"), QStringLiteral("imgstat"), QStringLiteral("goto"), QStringLiteral("isset"),
        QStringLiteral("iseq"), QStringLiteral("boot"), QStringLiteral("imgselect"), QStringLiteral("ntp"),
        QStringLiteral("show"), QStringLiteral("clear"), QStringLiteral("inc"), QStringLiteral("cpuid"),
        QStringLiteral("console"), QStringLiteral("colour"), QStringLiteral("cpair"), QStringLiteral("imgargs"),
        QStringLiteral("reboot"), QStringLiteral("poweroff"), QStringLiteral("shell"), QStringLiteral("vlan"),
        QStringLiteral("ping"), QStringLiteral("nslookup"), QStringLiteral("imgtrust"), QStringLiteral("imgverify"),
        QStringLiteral("login"), QStringLiteral("read"), QStringLiteral("exit")};
    for (int i = 1; i < lines.size(); ++i) {
        const int lineNo = i + 1;
        QString raw = lines.at(i);
        // A line ending in a backslash goes on on the next one.
        while (raw.endsWith(u'\\') && i + 1 < lines.size())
            raw = raw.chopped(1) + lines.at(++i);
        const QString text = raw.trimmed();
        if (text.isEmpty() || text.startsWith(u'#') || text.startsWith(u':'))
            continue;
        // "a || b", "a && b": each command on its own (the order of the script is kept).
        static const QRegularExpression joins(QStringLiteral("\\s*(?:\\|\\||&&)\\s*"));
        for (const QString &command : text.split(joins, Qt::SkipEmptyParts)) {
            QStringList words = command.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
            if (words.isEmpty())
                continue;
            const QString cmd = words.takeFirst().toLower();
            if (cmd == QLatin1String("set") || cmd == QLatin1String("seti")) {
                while (!words.isEmpty() && words.constFirst().startsWith(QLatin1String("--")))
                    words.removeFirst();
                if (words.size() >= 2) {
                    const QString name = words.takeFirst().section(u':', 0, 0);
                    vars.insert(name, expand(words.join(u' '), vars, mac));
                }
                continue;
            }
            if (quiet.contains(cmd)) {
                if ((cmd == QLatin1String("exit") || cmd == QLatin1String("sanboot")) && !mac.isEmpty())
                    note(Level::NotCarried, file, lineNo, text,
                         SetupImport::tr("booting from disk is decided by the console (afterInstall)"));
                continue;
            }
            if (cmd == QLatin1String("menu") || cmd == QLatin1String("item") || cmd == QLatin1String("choose")) {
                if (!menuNoted)
                    note(Level::NotCarried, file, lineNo, text,
                         SetupImport::tr("iPXE menus are not carried over: each machine boots what it is assigned"));
                menuNoted = true;
                continue;
            }
            if (cmd == QLatin1String("sanboot")) {
                note(Level::NotCarried, file, lineNo, text,
                     SetupImport::tr("booting from disk is decided by the console (afterInstall)"));
                continue;
            }
            if (cmd == QLatin1String("param") || cmd == QLatin1String("params")) {
                note(Level::NotCarried, file, lineNo, text, SetupImport::tr("iPXE form parameters are not carried over"));
                continue;
            }
            // kernel / initrd / chain: the first word that is not an --option is the image.
            QStringList options;
            while (!words.isEmpty() && words.constFirst().startsWith(QLatin1String("--"))) {
                options << words.takeFirst();
                // "--name x", "--timeout 5000": options with a value.
                if ((options.constLast() == QLatin1String("--name") || options.constLast() == QLatin1String("-n")
                     || options.constLast() == QLatin1String("--timeout"))
                    && !words.isEmpty())
                    words.removeFirst();
            }
            if (words.isEmpty()) {
                note(Level::NotUnderstood, file, lineNo, text, SetupImport::tr("%1 without an image").arg(cmd));
                continue;
            }
            const QString image = expand(words.takeFirst(), vars, mac);
            if (cmd == QLatin1String("kernel") || cmd == QLatin1String("imgload")) {
                KernelLine k;
                k.file = file;
                k.line = lineNo;
                k.text = text;
                k.kernelUrl = absoluteUrl(image, origin);
                if (varsIn(splitUrl(k.kernelUrl).path).isEmpty())
                    k.kernel = localFor(image, origin, file, lineNo, text);
                else
                    note(Level::NotUnderstood, file, lineNo, text,
                         SetupImport::tr("a kernel whose name depends on the machine: not taken"));
                for (const QString &word : std::as_const(words)) {
                    const QString arg = expand(word, vars, mac);
                    if (arg.startsWith(QLatin1String("talos.config="))) {
                        k.configUrl = absoluteUrl(arg.mid(13), origin);
                    } else if (arg.startsWith(QLatin1String("initrd="))) {
                        continue;   // the console names its own initrd
                    } else if (arg.startsWith(QLatin1String("talos.logging.kernel="))) {
                        note(Level::NotCarried, file, lineNo, text,
                             SetupImport::tr("%1: the console sends the kernel log to its own log sink").arg(arg));
                    } else if (!varsIn(arg).isEmpty()) {
                        note(Level::NotCarried, file, lineNo, text,
                             SetupImport::tr("%1 differs per machine: left out of the kernel arguments")
                                 .arg(readable(arg)));
                    } else {
                        k.args << arg;
                    }
                }
                if (k.configUrl.isEmpty())
                    note(Level::NotCarried, file, lineNo, text,
                         SetupImport::tr("this kernel line has no talos.config=: the machines booting it get no "
                                         "config from the seed"));
                kernels->append(k);
                lastKernel = &kernels->last();
                // A config URL is a source too, in script order.
                if (!k.configUrl.isEmpty()) {
                    ConfigSource s;
                    s.file = file;
                    s.line = lineNo;
                    s.text = text;
                    if (varsIn(splitUrl(k.configUrl).path).isEmpty()) {
                        s.kind = ConfigSource::Kind::Literal;
                        s.local = localFor(k.configUrl, origin, file, lineNo, text);
                        if (s.local.isEmpty()) {
                            note(Level::NotCarried, file, lineNo, text,
                                 SetupImport::tr("the config %1 is not in the import folder").arg(k.configUrl));
                            continue;
                        }
                        if (!mac.isEmpty())
                            s.kind = ConfigSource::Kind::Own;   // a per-machine script: this machine's config
                    } else {
                        s.kind = ConfigSource::Kind::Template;
                        if (!templateSource(k.configUrl, origin, file, lineNo, text, &s))
                            continue;
                    }
                    sources->append(s);
                }
                continue;
            }
            if (cmd == QLatin1String("initrd") || cmd == QLatin1String("module")) {
                if (!lastKernel) {
                    note(Level::NotUnderstood, file, lineNo, text, SetupImport::tr("an initrd before any kernel"));
                    continue;
                }
                if (!lastKernel->initramfs.isEmpty()) {
                    note(Level::NotCarried, file, lineNo, text,
                         SetupImport::tr("a second initrd: the console serves one initramfs"));
                    continue;
                }
                lastKernel->initramfs = localFor(image, origin, file, lineNo, text);
                if (lastKernel->initramfs.isEmpty())
                    note(Level::NotCarried, file, lineNo, text,
                         SetupImport::tr("%1 is not in the import folder").arg(readable(image)));
                continue;
            }
            if (cmd == QLatin1String("chain") || cmd == QLatin1String("imgexec")) {
                const QString url = absoluteUrl(image, origin);
                if (!varsIn(splitUrl(url).path).isEmpty()) {
                    ConfigSource s;
                    s.kind = ConfigSource::Kind::Scripts;
                    s.origin = originOf(url, origin);
                    if (!templateSource(image, origin, file, lineNo, text, &s))
                        continue;
                    if (!isMacVar(s.var)) {
                        note(Level::NotUnderstood, file, lineNo, text,
                             SetupImport::tr("per-machine scripts are read by MAC address only"));
                        continue;
                    }
                    sources->append(s);
                    continue;
                }
                const QString local = localFor(image, origin, file, lineNo, text);
                if (local.isEmpty()) {
                    note(Level::NotCarried, file, lineNo, text,
                         SetupImport::tr("%1 is not in the import folder").arg(readable(image)));
                    continue;
                }
                readScript(local, originOf(url, origin), mac, depth + 1, kernels, sources);
                lastKernel = kernels->isEmpty() ? nullptr : &kernels->last();
                continue;
            }
            note(Level::NotUnderstood, file, lineNo, text,
                 SetupImport::tr("the iPXE command '%1' is not one the import reads: left out").arg(cmd));
        }
    }
}

void Reader::mapMachines(const QList<ConfigSource> &sources)
{
    auto take = [this](QHash<QString, MachineHit> &map, const QString &key, const MachineHit &hit) {
        if (map.contains(key))
            return;   // an earlier source of the script gives it its config
        map.insert(key, hit);
        if (&map == &m_byMac)
            m_macOrder << key;
    };
    QHash<QString, QString> hostMacs;   // hostname -> MAC (dhcp-host)
    for (const Host &h : std::as_const(m_hosts)) {
        if (!h.hostname.isEmpty())
            hostMacs.insert(h.hostname, h.mac);
    }
    bool pastCatchAll = false;
    for (const ConfigSource &s : sources) {
        if (pastCatchAll) {
            note(Level::NotCarried, s.file, s.line, s.text,
                 SetupImport::tr("never reached: every machine gets the config named before it"));
            continue;
        }
        if (s.kind == ConfigSource::Kind::Literal) {
            m_default = s.local;
            pastCatchAll = true;
            continue;
        }
        if (s.kind == ConfigSource::Kind::Own)
            continue;   // read with the Scripts source that led to it
        const QStringList names = QDir(s.dir).entryList(QDir::Files, QDir::Name);
        QStringList unnamed;   // files of a ${hostname} template that no dhcp-host names
        int read = 0;
        for (const QString &name : names) {
            const QRegularExpressionMatch m = s.pattern.match(name);
            if (!m.hasMatch()) {
                // A file named for a MAC in another spelling than the script asks for: the
                // seed never served it, so it is not assigned.
                if (!normalizeMac(QFileInfo(name).completeBaseName()).isEmpty() && isMacVar(s.var)
                    && s.kind == ConfigSource::Kind::Template)
                    note(Level::NotCarried, rel(s.dir + u'/' + name), 0, {},
                         SetupImport::tr("named for %1, but the seed's script asks for %2: imported, not assigned")
                             .arg(normalizeMac(QFileInfo(name).completeBaseName()), s.urlText));
                continue;
            }
            if (++read > kMaxFiles)
                break;
            const QString local = canonicalInside(s.dir + u'/' + name);
            if (local.isEmpty()) {
                note(Level::Refused, rel(s.dir + u'/' + name), 0, {},
                     SetupImport::tr("a link to a place outside the import folder: not read"));
                continue;
            }
            const QString value = m.captured(1);
            if (s.kind == ConfigSource::Kind::Scripts) {
                const QString mac = normalizeMac(value);
                QList<KernelLine> kernels;
                QList<ConfigSource> own;
                readScript(local, s.origin, mac, 1, &kernels, &own);
                m_perMachineKernels << kernels;
                for (const ConfigSource &c : std::as_const(own)) {
                    if (c.kind == ConfigSource::Kind::Own) {
                        take(m_byMac, mac, {c.local, SetupImport::tr("its own script %1").arg(rel(local))});
                        break;
                    }
                }
                continue;
            }
            MachineHit hit{local, SetupImport::tr("file name %1").arg(rel(local))};
            switch (s.var) {
            case Var::Mac:
            case Var::MacHyphen:
            case Var::MacRaw:
                take(m_byMac, normalizeMac(value), hit);
                break;
            case Var::Uuid:
                take(m_byUuid, value.toLower(), hit);
                break;
            case Var::Serial:
                take(m_bySerial, value, hit);
                break;
            case Var::Hostname: {
                const QString &host = value;
                if (!hostMacs.contains(host)) {
                    unnamed << name;
                    if (!m_libraryExtras.contains(local))
                        m_libraryExtras << local;
                    continue;
                }
                take(m_byMac, hostMacs.value(host),
                     {local, SetupImport::tr("dhcp-host name %1 and file name %2").arg(host, rel(local))});
                break;
            }
            default:
                break;
            }
        }
        if (!unnamed.isEmpty())
            note(Level::NotCarried, rel(s.dir), 0, {},
                 SetupImport::tr("%1: no dhcp-host line names these hosts; imported, not assigned")
                     .arg(unnamed.join(QLatin1String(", "))));
        // Other configs in the same folder: into the library, unassigned.
        if (s.kind == ConfigSource::Kind::Template) {
            for (const QString &name : names) {
                const QString lower = name.toLower();
                if (!lower.endsWith(QLatin1String(".yaml")) && !lower.endsWith(QLatin1String(".yml")))
                    continue;
                const QString local = canonicalInside(s.dir + u'/' + name);
                if (!local.isEmpty() && !m_libraryExtras.contains(local))
                    m_libraryExtras << local;
            }
        }
    }
    if (!m_default.isEmpty()) {
        const QString dir = QFileInfo(m_default).path();
        for (const QString &name : QDir(dir).entryList({QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files, QDir::Name)) {
            const QString local = canonicalInside(dir + u'/' + name);
            if (!local.isEmpty() && !m_libraryExtras.contains(local))
                m_libraryExtras << local;
        }
    }
    // dhcp-host machines the script gives no config.
    for (const Host &h : std::as_const(m_hosts)) {
        if (!m_byMac.contains(h.mac) && m_default.isEmpty())
            note(Level::NotCarried, h.file, h.line, {},
                 SetupImport::tr("%1 (%2): the seed gives it no config file; it waits in iPXE until one is "
                                 "assigned").arg(h.hostname.isEmpty() ? h.mac : h.hostname, h.mac));
    }
}

void Reader::takeKernel(const QList<KernelLine> &kernels)
{
    const KernelLine *k = nullptr;
    for (const KernelLine &line : kernels) {
        if (!line.kernel.isEmpty()) {
            k = &line;
            break;
        }
    }
    if (!k)
        return;
    m_plan.kernel = k->kernel;
    m_plan.initramfs = k->initramfs;
    m_plan.seedKernelArgs = k->args;
    if (m_plan.httpPort == 0) {
        const UrlParts u = splitUrl(k->kernelUrl);
        if (u.scheme == QLatin1String("http"))
            m_plan.httpPort = quint16(u.port > 0 ? u.port : 80);
    }
    for (const KernelLine &other : kernels) {
        if (&other != k && (other.kernel != k->kernel || other.args != k->args))
            note(Level::NotCarried, other.file, other.line, other.text,
                 SetupImport::tr("another kernel or other arguments than %1:%2: the console boots every machine with "
                                 "one artefact set").arg(k->file).arg(k->line));
    }
}

QString Reader::configId(const QString &local)
{
    if (m_ids.contains(local))
        return m_ids.value(local);
    QString base = QFileInfo(local).fileName();
    base.replace(u':', u'-');   // a MAC with colons: not a name for a file people copy around
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]"));
    base.replace(unsafe, QStringLiteral("_"));
    if (!base.endsWith(QLatin1String(".yaml")) && !base.endsWith(QLatin1String(".yml")))
        base += QStringLiteral(".yaml");
    QString id = QStringLiteral("configs/") + base;
    for (int n = 2; m_idsTaken.contains(id); ++n)
        id = QStringLiteral("configs/%1-%2.%3").arg(QFileInfo(base).completeBaseName()).arg(n).arg(QFileInfo(base).suffix());
    m_idsTaken.insert(id);
    m_ids.insert(local, id);
    return id;
}

void Reader::takeConfigs()
{
    // Every config the plan uses or found next to them, each read and checked once.
    QStringList locals;
    auto add = [&locals](const QString &l) {
        if (!l.isEmpty() && !locals.contains(l))
            locals << l;
    };
    for (const QString &mac : std::as_const(m_macOrder))
        add(m_byMac.value(mac).config);
    for (const MachineHit &h : std::as_const(m_byUuid))
        add(h.config);
    for (const MachineHit &h : std::as_const(m_bySerial))
        add(h.config);
    add(m_default);
    QSet<QString> dirs;
    for (const QString &l : std::as_const(m_libraryExtras)) {
        add(l);
        dirs.insert(QFileInfo(l).path());
    }
    for (const QString &l : std::as_const(locals))
        dirs.insert(QFileInfo(l).path());
    // Admin credentials in the web tree: anyone who reached the old server could fetch them.
    for (const QString &dir : std::as_const(dirs)) {
        const QString talosconfig = dir + QStringLiteral("/talosconfig");
        if (QFileInfo(talosconfig).isFile())
            note(Level::Refused, rel(talosconfig), 0, {},
                 SetupImport::tr("admin credentials in the web server's folder: anyone who can reach that server "
                                 "can fetch them. Not imported; keep it with talosctl and remove it there"));
    }

    QHash<QString, bool> usable;
    for (const QString &local : std::as_const(locals)) {
        const QString name = rel(local);
        QFile f(local);
        if (!f.open(QIODevice::ReadOnly) || f.size() > kMaxConfigFile) {
            note(Level::Refused, name, 0, {}, SetupImport::tr("cannot be read, or larger than a machine config can be"));
            usable.insert(local, false);
            continue;
        }
        const Talos::MachineConfig config = Talos::MachineConfig::parse(f.readAll(), name);
        if (!config.parsed() || !config.assignable()) {
            for (const Talos::ConfigProblem &p : config.problems()) {
                if (p.isError())
                    note(Level::Refused, name, p.line, {},
                         SetupImport::tr("Talos would refuse this config: %1").arg(p.message));
            }
            usable.insert(local, false);
            continue;
        }
        usable.insert(local, true);
        SetupImportConfig c;
        c.source = local;
        c.sourceName = name;
        c.id = configId(local);
        c.facts = config.facts();
        for (const Talos::ConfigProblem &p : config.problems())
            c.problems << p.toString(name);
        m_plan.configs.append(c);
    }

    QHash<QString, QString> hostnames;
    for (const Host &h : std::as_const(m_hosts))
        hostnames.insert(h.mac, h.hostname);
    auto entry = [&](const MachineHit &hit, SetupImportMachine m) {
        if (!usable.value(hit.config)) {
            note(Level::Refused, rel(hit.config), 0, {},
                 SetupImport::tr("%1 is not assigned: its config is not imported")
                     .arg(m.mac.isEmpty() ? (m.uuid.isEmpty() ? m.serial : m.uuid) : m.mac));
            return;
        }
        m.config = m_ids.value(hit.config);
        m.origin = hit.origin;
        const auto it = std::find_if(m_plan.configs.cbegin(), m_plan.configs.cend(),
                                     [&](const SetupImportConfig &c) { return c.source == hit.config; });
        const QString own = it != m_plan.configs.cend() ? it->facts.hostname : QString();
        const QString dhcp = hostnames.value(m.mac);
        // Talos takes the config's own static hostname over the one DHCP gives.
        if (!own.isEmpty() && !dhcp.isEmpty() && own != dhcp)
            note(Level::NotCarried, rel(hit.config), 0, {},
                 SetupImport::tr("dhcp-host names %1 %2, its config says %3: the config's name is kept, as Talos "
                                 "did").arg(m.mac, dhcp, own));
        m.hostname = own.isEmpty() ? dhcp : own;
        m_plan.machines.append(m);
    };
    for (const QString &mac : std::as_const(m_macOrder))
        entry(m_byMac.value(mac), {mac, {}, {}, {}, {}, {}});
    for (auto it = m_byUuid.cbegin(); it != m_byUuid.cend(); ++it)
        entry(it.value(), {{}, it.key(), {}, {}, {}, {}});
    for (auto it = m_bySerial.cbegin(); it != m_bySerial.cend(); ++it)
        entry(it.value(), {{}, {}, it.key(), {}, {}, {}});
    if (!m_default.isEmpty()) {
        if (usable.value(m_default))
            m_plan.defaultConfig = m_ids.value(m_default);
        else
            note(Level::Refused, rel(m_default), 0, {},
                 SetupImport::tr("the config every other machine got is not imported: they wait until one is assigned"));
    }

    // The Talos version of the artefacts: the one most of the configs install.
    QMap<QString, int> versions;
    for (const SetupImportConfig &c : std::as_const(m_plan.configs)) {
        if (!c.facts.talosVersion.isEmpty())
            ++versions[c.facts.talosVersion];
    }
    int best = 0;
    for (auto it = versions.cbegin(); it != versions.cend(); ++it) {
        if (it.value() > best) {
            best = it.value();
            m_plan.talosVersion = it.key();
        }
    }
}

void Reader::takeKernelArgs()
{
    if (m_plan.kernel.isEmpty())
        return;
    const QStringList defaults = Boot::talosDefaultKernelArgs(m_plan.talosVersion);
    auto key = [](const QString &arg) { return arg.section(u'=', 0, 0); };
    QStringList seedConsoles, defaultConsoles, extras;
    for (const QString &a : std::as_const(m_plan.seedKernelArgs)) {
        if (key(a) == QLatin1String("console"))
            seedConsoles << a;
    }
    for (const QString &a : defaults) {
        if (key(a) == QLatin1String("console"))
            defaultConsoles << a;
    }
    // A console= among the extras replaces all of Talos's own (mergeKernelArgs): the
    // seed's consoles go in whole when they differ, or are all taken away.
    if (seedConsoles != defaultConsoles)
        extras << (seedConsoles.isEmpty() ? QStringList{QStringLiteral("-console")} : seedConsoles);
    for (const QString &a : std::as_const(m_plan.seedKernelArgs)) {
        if (key(a) != QLatin1String("console") && !defaults.contains(a) && !extras.contains(a))
            extras << a;
    }
    QStringList omitted;
    for (const QString &a : defaults) {
        if (key(a) != QLatin1String("console") && !m_plan.seedKernelArgs.contains(a))
            omitted << a;
    }
    m_plan.extraKernelArgs = extras.join(u' ');
    if (!omitted.isEmpty())
        note(Level::NotCarried, rel(m_plan.kernel), 0, {},
             SetupImport::tr("the seed's kernel line leaves out %1, which the console adds for Talos %2 as Talos's "
                             "own imager does; write -name in the set's extra arguments to leave one out")
                 .arg(omitted.join(QLatin1String(", ")),
                      m_plan.talosVersion.isEmpty() ? SetupImport::tr("(version unknown)") : m_plan.talosVersion));
}

// The dnsmasq.conf of a folder: dnsmasq.conf itself, else the first *.conf at its top that
// says dhcp-range, dhcp-boot or pxe-service.
QString findConf(const QString &dir)
{
    const QDir d(dir);
    if (QFileInfo(d.filePath(QStringLiteral("dnsmasq.conf"))).isFile())
        return d.filePath(QStringLiteral("dnsmasq.conf"));
    for (const QString &name : d.entryList({QStringLiteral("*.conf")}, QDir::Files, QDir::Name)) {
        QFile f(d.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray head = f.read(kMaxTextFile);
        static const QRegularExpression option(QStringLiteral("^\\s*(dhcp-range|dhcp-boot|pxe-service)\\s*="),
                                               QRegularExpression::MultilineOption);
        if (option.match(QString::fromUtf8(head)).hasMatch())
            return d.filePath(name);
    }
    return {};
}

bool copyFile(const QString &src, const QString &dst, bool secret, QString *error)
{
    QFile in(src);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = SetupImport::tr("cannot read %1: check its permissions").arg(src);
        return false;
    }
    const QByteArray bytes = in.readAll();
    if (secret)
        return Talos::ConfigLibrary::writePrivateFile(dst, bytes, error);
    QSaveFile out(dst);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
        *error = SetupImport::tr("cannot write %1: check the free space and the folder's permissions").arg(dst);
        return false;
    }
    QFile::setPermissions(dst, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                   | QFileDevice::ReadOther);
    return true;
}

bool sameBytes(const QString &a, const QString &b)
{
    QFile fa(a), fb(b);
    return fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly) && fa.size() == fb.size()
        && fa.readAll() == fb.readAll();
}

} // namespace

QString SetupImportNote::toString() const
{
    QString where = file;
    if (line > 0)
        where += u':' + QString::number(line);
    return where.isEmpty() ? message : where + QStringLiteral(": ") + message;
}

bool SetupImportPlan::hasAnything() const
{
    return !kernel.isEmpty() || !configs.isEmpty() || !machines.isEmpty() || !ipxeBios.isEmpty()
        || !ipxeUefi.isEmpty() || !interfaceName.isEmpty() || !dhcpRange.isEmpty();
}

QList<SetupImportNote> SetupImportPlan::notesOf(SetupImportNote::Level level) const
{
    QList<SetupImportNote> out;
    for (const SetupImportNote &n : notes) {
        if (n.level == level)
            out << n;
    }
    return out;
}

QString SetupImport::levelName(SetupImportNote::Level level)
{
    switch (level) {
    case Level::Ignored:
        return tr("not needed");
    case Level::NotCarried:
        return tr("not carried over");
    case Level::NotUnderstood:
        return tr("not understood");
    case Level::Refused:
        return tr("refused");
    }
    return {};
}

SetupImportPlan SetupImport::read(const QString &path)
{
    SetupImportPlan plan;
    const QFileInfo info(path);
    QString conf;
    if (info.isDir()) {
        conf = findConf(info.absoluteFilePath());
        if (conf.isEmpty()) {
            plan.folder = info.canonicalFilePath();
            plan.error = tr("%1 holds no dnsmasq.conf (nor a .conf file with dhcp-range, dhcp-boot or pxe-service): "
                            "choose the folder of the seed's setup").arg(QDir::toNativeSeparators(path));
            return plan;
        }
    } else if (info.isFile()) {
        conf = info.absoluteFilePath();
    } else {
        plan.error = tr("%1 does not exist").arg(QDir::toNativeSeparators(path));
        return plan;
    }
    Reader reader(&plan);
    reader.run(conf);
    return plan;
}

QString SetupImport::notEmptyReason(const QString &workspaceDir)
{
    const QDir dir(workspaceDir);
    QFile file(dir.filePath(Workspace::settingsFileName()));
    if (file.exists() && file.open(QIODevice::ReadOnly)) {
        WorkspaceSettings settings;
        WorkspaceError error;
        if (!Workspace::parse(file.readAll(), file.fileName(), &settings, &error))
            return tr("its netboot.yaml does not parse (%1)").arg(error.toString());
        if (!settings.machines.isEmpty())
            return tr("netboot.yaml has machine entries");
        if (!settings.rules.isEmpty())
            return tr("netboot.yaml has rules");
        if (!settings.artifacts.isEmpty())
            return tr("netboot.yaml has artefact sets");
        if (!settings.interfaceName.isEmpty())
            return tr("netboot.yaml names an interface");
    }
    for (const QString &sub : {QStringLiteral("configs"), QStringLiteral("artifacts")}) {
        QDirIterator it(dir.filePath(sub), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        if (it.hasNext())
            return tr("%1/ holds files").arg(sub);
    }
    return {};
}

SetupImportResult SetupImport::apply(const SetupImportPlan &plan, const QString &workspaceDir,
                                     const SetupImportOptions &options)
{
    SetupImportResult result;
    if (!plan.ok || !plan.hasAnything()) {
        result.code = SetupImportError::NothingToImport;
        result.error = plan.error.isEmpty() ? tr("the setup holds nothing the console can take") : plan.error;
        return result;
    }
    if (!options.overwrite) {
        const QString why = notEmptyReason(workspaceDir);
        if (!why.isEmpty()) {
            result.code = SetupImportError::NotEmpty;
            result.error = tr("the workspace %1 is not empty (%2): import into an empty workspace, or replace what it "
                              "has").arg(QDir::toNativeSeparators(workspaceDir), why);
            return result;
        }
    }
    Workspace ws = Workspace::open(workspaceDir);
    if (!ws.ok()) {
        result.code = SetupImportError::BrokenWorkspace;
        result.error = tr("netboot.yaml has an error and is not overwritten: %1").arg(ws.error().toString());
        return result;
    }
    const QDir dir(ws.directory());

    // Configs: each written 0600; an existing one with other contents only when asked to.
    QDir().mkpath(dir.filePath(QStringLiteral("configs")));
    QFile::setPermissions(dir.filePath(QStringLiteral("configs")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    for (const SetupImportConfig &c : plan.configs) {
        const QString target = dir.filePath(c.id);
        if (QFile::exists(target) && !sameBytes(c.source, target) && !options.overwrite) {
            result.code = SetupImportError::NotEmpty;
            result.error = tr("%1 already exists with other contents: replace it, or rename it first").arg(c.id);
            return result;
        }
        // Checked again as it is copied: the folder may have changed since it was read.
        QFile in(c.source);
        const QByteArray bytes = in.open(QIODevice::ReadOnly) ? in.read(kMaxConfigFile + 1) : QByteArray();
        const Talos::MachineConfig config = Talos::MachineConfig::parse(bytes, c.sourceName);
        if (bytes.size() > kMaxConfigFile || !config.assignable()) {
            result.code = SetupImportError::CannotWrite;
            result.error = tr("%1 changed since it was read and is no longer a config Talos accepts: read the "
                              "setup again").arg(c.sourceName);
            return result;
        }
        QString error;
        if (!Talos::ConfigLibrary::writePrivateFile(target, bytes, &error)) {
            result.code = SetupImportError::CannotWrite;
            result.error = error;
            return result;
        }
        result.written << c.id;
    }

    WorkspaceSettings settings = ws.settings();

    // The artefact set, checked and copied the way File ▸ Artefacts does it.
    if (!plan.kernel.isEmpty() && !plan.initramfs.isEmpty()) {
        ArtifactChoice choice;
        choice.talosVersion = plan.talosVersion;
        choice.kernelFile = plan.kernel;
        choice.initramfsFile = plan.initramfs;
        choice.extraKernelArgs = plan.extraKernelArgs;
        ArtifactSet set;
        QString error;
        if (!Setup::installArtifacts(ws.directory(), choice, &set, &error)) {
            result.code = SetupImportError::BadArtifacts;
            result.error = tr("the seed's kernel and initramfs are not taken: %1").arg(error);
            return result;
        }
        settings.artifacts.insert(set.name, set);
        settings.defaultArtifacts = set.name;
        result.artifactSet = set.name;
        result.written << set.kernelPath << set.initramfsPath;
    } else if (!plan.kernel.isEmpty() || !plan.initramfs.isEmpty()) {
        result.warnings << tr("only one of the kernel and the initramfs was found: no artefact set is written");
    }

    // iPXE binaries: copied next to the artefacts, so the workspace does not depend on the folder.
    const QString ipxeDir = dir.filePath(QStringLiteral("artifacts/ipxe"));
    for (const auto &[from, field] : {std::pair{plan.ipxeBios, &WorkspaceSettings::ipxeBios},
                                      std::pair{plan.ipxeUefi, &WorkspaceSettings::ipxeUefi}}) {
        if (from.isEmpty())
            continue;
        QDir().mkpath(ipxeDir);
        const QString relPath = QStringLiteral("artifacts/ipxe/") + QFileInfo(from).fileName();
        QString error;
        if (!copyFile(from, dir.filePath(relPath), false, &error)) {
            result.code = SetupImportError::CannotWrite;
            result.error = error;
            return result;
        }
        settings.*field = relPath;
        result.written << relPath;
    }

    if (!plan.interfaceName.isEmpty())
        settings.interfaceName = plan.interfaceName;
    settings.mode = plan.mode;
    if (plan.mode == DhcpMode::Full && !plan.dhcpRange.isEmpty())
        settings.dhcpRange = plan.dhcpRange;
    if (plan.httpPort != 0)
        settings.ports.http = plan.httpPort;

    for (const SetupImportMachine &m : plan.machines) {
        auto same = [&m](const MachineIntent &i) {
            return (!m.mac.isEmpty() && i.mac == m.mac) || (!m.uuid.isEmpty() && i.uuid == m.uuid)
                || (!m.serial.isEmpty() && i.serial == m.serial);
        };
        settings.machines.removeIf(same);
        MachineIntent intent;
        intent.mac = m.mac;
        intent.uuid = m.uuid;
        intent.serial = m.serial;
        intent.configPath = m.config;
        intent.hostname = m.hostname;
        settings.machines.append(intent);
        ++result.machines;
    }
    if (!plan.defaultConfig.isEmpty()) {
        const QString name = QStringLiteral("seed-default");
        settings.rules.removeIf([&name](const MachineRule &r) { return r.name == name; });
        MachineRule rule;
        rule.name = name;
        rule.configPath = plan.defaultConfig;
        settings.rules.append(rule);
    }

    const WorkspaceSettings before = ws.settings();
    ws.settings() = settings;
    QString error;
    if (!ws.save(&error)) {
        ws.settings() = before;
        result.code = SetupImportError::CannotWrite;
        result.error = error;
        return result;
    }
    result.written << Workspace::settingsFileName();
    return result;
}

} // namespace Nbc
