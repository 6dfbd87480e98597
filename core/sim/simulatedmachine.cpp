#include "sim/simulatedmachine.h"

#include "sim/dhcpexchange.h"
#include "sim/httpfetch.h"
#include "sim/tftpfetch.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

namespace Nbc::Sim {

namespace {

using Dhcp::MessageType;
using Dhcp::OptionCode;

constexpr int kMaxScriptSteps = 10000;     // a script that loops without waiting is broken
constexpr int kMaxScriptBody = 256 * 1024;
constexpr int kMaxConfigBody = 4 * 1024 * 1024;
constexpr int kTalosBootMs = 3000;         // kernel start to the first config request
// The site's DHCP server a proxy-DHCP network has; the console only answers next to it.
const QHostAddress kSiteDhcpServer(QStringLiteral("127.0.0.254"));

// How a line reaches the console (reference §8.1): machined's lines come by the kernel
// log, and once the config has named a log destination also by machined's service log;
// a controller's lines a third time by controller-runtime's log.
enum TalosLineFlag {
    Machined = 0,
    Controller = 1,       // a controller's line: inline fields, and a controller-runtime copy
    KernelOnly = 2,       // not machined's (the installer, the initramfs): no service copy
    ServiceFirst = 4,     // the service-log copy overtakes the kernel-log one
};

struct TalosLine {
    int delayMs;
    const char *message;  // %1: the install disk
    const char *fields;   // a controller's inline fields, JSON; or null
    int flags;
};

const char *const kTalosVersion = "v1.9.5";

// After the config is loaded, Talos's own texts (reference §8.2); delays are a real
// machine's, scaled by FleetOptions::logDelaysScale.
const TalosLine kTalosLines[] = {
    {500, "[talos] machine config loaded successfully",
     R"({"component":"controller-runtime","controller":"config.AcquireController","sources":["metal"]})", Controller},
    {1000, "[talos] task install (1/1): starting", nullptr, Machined},
    {200, "[talos] task install (1/1): installing Talos to disk %1", nullptr, Machined},
    {300, "running Talos installer v1.9.5", nullptr, KernelOnly},
    {20000, "[talos] task install (1/1): install successful", nullptr, ServiceFirst},
    {100, "[talos] task install (1/1): done, 21.2s", nullptr, Machined},
    {100, "[talos] phase install (5/11): done, 21.3s", nullptr, Machined},
    // kexec into the installed Talos: a new boot, its config from STATE.
    {3000, "[talos] [initramfs] booting Talos v1.9.5", nullptr, KernelOnly},
    {2000, "[talos] machine config loaded successfully",
     R"({"component":"controller-runtime","controller":"config.AcquireController","sources":["state"]})", Controller},
    {3000, "[talos] service[apid](Running): Health check successful", nullptr, Machined},
    {8000, "[talos] service[kubelet](Running): Health check successful", nullptr, Machined},
    {2000, "[talos] boot sequence: done: 1m2.1s", nullptr, Machined},
    {8000, "[talos] machine is running and ready",
     R"({"component":"controller-runtime","controller":"runtime.MachineStatusController"})", Controller},
};

QByteArray uint16Bytes(quint16 v)
{
    return QByteArray(1, char(v >> 8)) + char(v & 0xff);
}

QString argValue(const QStringList &args, const QString &key)
{
    for (const QString &arg : args) {
        if (arg.startsWith(key))
            return arg.mid(key.size());
    }
    return {};
}

// The first word after the command that is not an --option: chain's, kernel's or initrd's image.
int imageIndex(const QStringList &words)
{
    for (int i = 1; i < words.size(); ++i) {
        if (!words.at(i).startsWith(QLatin1String("--")))
            return i;
    }
    return -1;
}

} // namespace

SimulatedMachine::SimulatedMachine(const MachinePlan &plan, const FleetOptions &options,
                                   FleetCounters *counters, QObject *parent)
    : QObject(parent)
    , m_plan(plan)
    , m_options(options)
    , m_counters(counters)
{
    m_xid = 0x4e420000u ^ quint32(plan.index) * 2654435761u;
    m_settings.set(QStringLiteral("net0/mac"), plan.mac);
    m_settings.set(QStringLiteral("net0/ip"), plan.address.toString());
    m_settings.set(QStringLiteral("uuid"), plan.uuidText());
    m_settings.set(QStringLiteral("serial"), plan.serial);
    m_settings.set(QStringLiteral("manufacturer"), plan.manufacturer);
    m_settings.set(QStringLiteral("product"), plan.product);
    const bool uefi = plan.firmware == Firmware::Uefi;
    m_settings.set(QStringLiteral("buildarch"), uefi ? QStringLiteral("x86_64") : QStringLiteral("i386"));
    m_settings.set(QStringLiteral("platform"), uefi ? QStringLiteral("efi") : QStringLiteral("pcbios"));
}

SimulatedMachine::~SimulatedMachine() = default;

void SimulatedMachine::start()
{
    ++m_counters->started;
    m_deadline = new QTimer(this);
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, [this] { finish(false, QStringLiteral("timeout")); });
    m_deadline->start(m_options.machineTimeoutMs);
    firmwareDhcp();
}

Dhcp::Packet SimulatedMachine::packet(MessageType type, bool ipxe) const
{
    Dhcp::Packet p;
    p.op = Dhcp::Packet::kBootRequest;
    p.xid = m_xid;
    p.ciaddr = m_plan.address.toIPv4Address();   // the proxy answers it unicast
    p.chaddr = QByteArray::fromHex(m_plan.mac.toLatin1().replace(':', ""));
    p.setMessageType(type);
    p.setOption(OptionCode::MaxMessageSize, uint16Bytes(1464));
    if (ipxe) {
        p.setOption(OptionCode::ParameterRequestList,
                    QByteArray::fromHex("0103060c0f111a2b3c4243778081828384858687afcb"));
        p.setOption(OptionCode::UserClass, QByteArrayLiteral("iPXE"));
        // iPXE's feature flags: PXE extensions, HTTP, DNS (its own option space, 175).
        p.setOption(OptionCode::IpxeEncap,
                    Dhcp::buildSubOptions({{19, QByteArray(1, '\1')}, {17, QByteArray(1, '\1')}, {23, QByteArray(1, '\1')}}));
    } else {
        p.setOption(OptionCode::ParameterRequestList,
                    QByteArray::fromHex("0102030405060c0d0f111216172b3c4243618081828384858687"));
    }
    p.setOption(OptionCode::ClientArch, uint16Bytes(m_plan.clientArch()));
    p.setOption(OptionCode::ClientNdi, QByteArray::fromHex("010201"));   // UNDI 2.1
    p.setOption(OptionCode::ClientGuid, QByteArray(1, '\0') + m_plan.guid);
    p.setOption(OptionCode::VendorClass, m_plan.vendorClass());
    return p;
}

void SimulatedMachine::exchange(const Dhcp::Packet &request, quint16 port, MessageType expected, int tries,
                                std::function<void(const std::optional<Dhcp::Packet> &)> next)
{
    auto *x = new DhcpExchange(m_plan.address, m_options.serverAddress, port, request, expected, tries, this);
    m_pending = x;
    connect(x, &DhcpExchange::finished, this, [this, x, next](const std::optional<Dhcp::Packet> &reply) {
        x->deleteLater();
        m_counters->dhcpSent += quint64(x->sent());
        if (reply)
            ++m_counters->dhcpReplies;
        if (!m_done)
            next(reply);
    });
    x->start();
}

void SimulatedMachine::firmwareDhcp()
{
    exchange(packet(MessageType::Discover, false), m_options.ports.dhcp, MessageType::Offer, 4,
             [this](const std::optional<Dhcp::Packet> &offer) {
        if (!offer)
            return finish(false, QStringLiteral("no DHCP offer"));
        m_bootFile = offer->option(OptionCode::BootFileName).value_or(offer->file);
        m_nextServer = offer->siaddr;
        if (m_bootFile.isEmpty())
            return finish(false, QStringLiteral("the offer names no boot file"));
        requestThenContinue(*offer, false, [this] {
            if (m_plan.firmware == Firmware::Bios)
                return loadIpxe();
            // UEFI PXE: an offer without PXE options sends the firmware to the boot
            // server on 4011 (DESIGN.md wire contract, measured with OVMF).
            Dhcp::Packet request = packet(MessageType::Request, false);
            request.setAddressOption(OptionCode::RequestedAddress, m_plan.address.toIPv4Address());
            exchange(request, m_options.ports.proxy, MessageType::Ack, 4, [this](const std::optional<Dhcp::Packet> &ack) {
                if (!ack)
                    return finish(false, QStringLiteral("no answer on the PXE port"));
                const QByteArray file = ack->option(OptionCode::BootFileName).value_or(ack->file);
                if (!file.isEmpty())
                    m_bootFile = file;
                if (ack->siaddr)
                    m_nextServer = ack->siaddr;
                loadIpxe();
            });
        });
    });
}

// The REQUEST on 67 that really goes to the site's DHCP server for an address; the
// proxy sees it too (and tells the console the machine's address). The proxy's ACK is
// waited for briefly; the site server's answer is what a real client goes on with.
void SimulatedMachine::requestThenContinue(const Dhcp::Packet &offer, bool ipxe, std::function<void()> next)
{
    Q_UNUSED(offer);
    Dhcp::Packet request = packet(MessageType::Request, ipxe);
    request.setAddressOption(OptionCode::RequestedAddress, m_plan.address.toIPv4Address());
    request.setAddressOption(OptionCode::ServerId, kSiteDhcpServer.toIPv4Address());
    exchange(request, m_options.ports.dhcp, MessageType::Ack, 2,
             [next](const std::optional<Dhcp::Packet> &) { next(); });
}

void SimulatedMachine::loadIpxe()
{
    const QHostAddress server = m_nextServer ? QHostAddress(m_nextServer) : m_options.serverAddress;
    auto *t = new TftpFetch(m_plan.address, server, m_options.ports.tftp, m_bootFile, this);
    m_pending = t;
    connect(t, &TftpFetch::finished, this, [this, t](bool ok, const QString &error) {
        t->deleteLater();
        if (m_done)
            return;
        ++m_counters->tftpTransfers;
        m_counters->tftpBytes += quint64(t->bytes());
        if (!ok)
            return finish(false, QStringLiteral("TFTP of %1: %2").arg(QString::fromUtf8(m_bootFile), error));
        ++m_ipxeLoads;
        ipxeDhcp();
    });
    t->start();
}

void SimulatedMachine::ipxeDhcp()
{
    m_xid += 0x100;   // iPXE starts its own transaction
    exchange(packet(MessageType::Discover, true), m_options.ports.dhcp, MessageType::Offer, 4,
             [this](const std::optional<Dhcp::Packet> &offer) {
        if (!offer)
            return finish(false, QStringLiteral("iPXE got no DHCP offer"));
        const QString file = QString::fromUtf8(offer->option(OptionCode::BootFileName).value_or(offer->file));
        requestThenContinue(*offer, true, [this, file] {
            if (m_plan.misbehaviour == Misbehaviour::Loop) {
                // Another PXE server (or a proxy that ignores the user class) hands iPXE
                // the iPXE binary again instead of a script.
                if (m_ipxeLoads >= kLoopRounds) {
                    ++m_counters->looped;
                    return finish(false, QStringLiteral("ipxe-loop"));
                }
                return loadIpxe();
            }
            if (!file.startsWith(QLatin1String("http://")))
                return finish(false, QStringLiteral("iPXE was offered '%1', not a script URL").arg(file));
            fetchScript(file);
        });
    });
}

void SimulatedMachine::fetchScript(const QString &url)
{
    HttpFetch::Request request;
    request.source = m_plan.address;
    request.url = QUrl(url);
    request.maxBody = kMaxScriptBody;
    auto *f = new HttpFetch(request, this);
    m_pending = f;
    ++m_counters->httpRequests;
    connect(f, &HttpFetch::finished, this, [this, f, url](bool ok, const QString &) {
        f->deleteLater();
        if (m_done)
            return;
        m_counters->httpBytes += quint64(f->bodyBytes());
        if (!ok || f->status() != 200) {
            // "chain ... || goto failed" decides, from ${errno} as iPXE sets it: ENOENT from
            // its HTTP client for a 404 (the last byte is the platform's), else a reset.
            const bool uefi = m_plan.firmware == Firmware::Uefi;
            m_settings.set(QStringLiteral("errno"),
                           ok && f->status() == 404 ? QString::fromLatin1(uefi ? "0x2d0c618e" : "0x2d0c613b")
                                                    : QString::fromLatin1(uefi ? "0xf0a6095" : "0xf0a6039"));
            return resumeScript(false);
        }
        QString readError;
        const QList<IpxeStatement> script = IpxeScriptReader::read(f->body(), &readError);
        if (script.isEmpty())
            return finish(false, url + QStringLiteral(": ") + readError);
        ++m_counters->scriptsFetched;
        m_script = script;
        m_pc = 0;
        m_command = 0;
        m_status = true;
        m_steps = 0;
        runScript();
    });
    f->start();
}

void SimulatedMachine::resumeScript(bool ok)
{
    if (m_script.isEmpty())
        return finish(false, QStringLiteral("the boot script could not be fetched"));
    m_status = ok;
    runScript();
}

void SimulatedMachine::runScript()
{
    while (!m_done && m_pc < m_script.size()) {
        if (++m_steps > kMaxScriptSteps)
            return finish(false, QStringLiteral("the iPXE script loops without waiting"));
        const IpxeStatement &statement = m_script.at(m_pc);
        bool jumped = false;
        while (m_command < statement.commands.size()) {
            const IpxeCommand &command = statement.commands.at(m_command++);
            const bool run = command.join == IpxeCommand::Join::First
                || (command.join == IpxeCommand::Join::IfSucceeded && m_status)
                || (command.join == IpxeCommand::Join::IfFailed && !m_status);
            if (!run)
                continue;
            if (command.words.isEmpty()) {
                m_status = true;   // "cmd ||": the failure is ignored
                continue;
            }
            QStringList words;
            for (const QString &word : command.words)
                words.append(m_settings.expand(word));
            const Step step = execute(words);
            if (step == Step::Pending || step == Step::Ended)
                return;
            if (step == Step::Jumped) {
                jumped = true;
                break;
            }
            m_status = step == Step::Ok;
        }
        if (jumped)
            continue;
        if (!m_status) {
            const QStringList words = statement.commands.isEmpty() ? QStringList() : statement.commands.first().words;
            return finish(false, QStringLiteral("iPXE script failed at '%1'").arg(words.join(u' ')));
        }
        ++m_pc;
        m_command = 0;
    }
    if (!m_done)
        finish(false, QStringLiteral("the iPXE script ended without booting"));
}

SimulatedMachine::Step SimulatedMachine::execute(const QStringList &words)
{
    const QString &name = words.first();
    if (name == QLatin1String("echo") || name == QLatin1String("imgfree") || name == QLatin1String("dhcp")
        || name == QLatin1String("ifconf") || name == QLatin1String("prompt"))
        return Step::Ok;
    if (name == QLatin1String("set")) {
        if (words.size() >= 2)
            m_settings.set(words.at(1), words.mid(2).join(u' '));
        return Step::Ok;
    }
    if (name == QLatin1String("isset"))
        return words.size() > 1 && !words.at(1).isEmpty() ? Step::Ok : Step::Failed;
    if (name == QLatin1String("iseq")) {
        if (words.size() == 3 && words.at(1) == words.at(2))
            return Step::Ok;
        m_settings.set(QStringLiteral("errno"), QStringLiteral("0x46022085"));   // as iPXE: a failure sets it
        return Step::Failed;
    }
    if (name == QLatin1String("goto")) {
        const int target = IpxeScriptReader::labelIndex(m_script, words.value(1));
        if (target < 0)
            return Step::Failed;
        m_pc = target;
        m_command = 0;
        m_status = true;
        return Step::Jumped;
    }
    if (name == QLatin1String("sleep")) {
        ++m_counters->waits;
        const int seconds = qBound(0, words.value(1).toInt(), 3600);
        QTimer::singleShot(seconds * 1000, this, [this] {
            if (!m_done)
                resumeScript(true);
        });
        return Step::Pending;
    }
    if (name == QLatin1String("chain")) {
        const int image = imageIndex(words);
        if (image < 0)
            return Step::Failed;
        fetchScript(words.at(image));
        return Step::Pending;
    }
    if (name == QLatin1String("kernel") || name == QLatin1String("initrd")) {
        const int image = imageIndex(words);
        if (image < 0)
            return Step::Failed;
        if (m_plan.misbehaviour == Misbehaviour::Hang) {
            // Its screen would show an iPXE error; the console sees nothing more.
            finish(false, QStringLiteral("hangs in iPXE"));
            return Step::Pending;
        }
        const bool kernel = name == QLatin1String("kernel");
        if (kernel)
            m_kernelArgs = words.mid(image + 1);
        fetchArtifact(words.at(image), kernel);
        return Step::Pending;
    }
    if (name == QLatin1String("boot")) {
        if (!m_kernelLoaded)
            return Step::Failed;
        bootTalos();
        return Step::Ended;
    }
    if (name == QLatin1String("exit") || name == QLatin1String("sanboot")) {
        // The console sends an installed machine to its disk: this boot is over.
        ++m_counters->installed;
        finish(true, QStringLiteral("installed"));
        return Step::Ended;
    }
    return Step::Failed;   // iPXE fails on a command it does not know, and so do we
}

void SimulatedMachine::fetchArtifact(const QString &url, bool kernel)
{
    HttpFetch::Request request;
    request.source = m_plan.address;
    request.url = QUrl(url);
    request.keepBody = false;
    request.bytesPerSecond = m_options.bytesPerSecond;
    if (kernel && m_plan.misbehaviour == Misbehaviour::Stall)
        request.stallAt = m_plan.stallAt;
    auto *f = new HttpFetch(request, this);
    m_pending = f;
    ++m_counters->httpRequests;
    connect(f, &HttpFetch::stalled, this, [this, f] {
        // A NIC that stops mid-download: the connection stays open, nothing is read.
        ++m_counters->stalled;
        QTimer::singleShot(m_options.stallHoldMs, f, [this, f] {
            m_counters->httpBytes += quint64(f->bodyBytes());
            f->deleteLater();
            finish(false, QStringLiteral("stalled"));
        });
    });
    connect(f, &HttpFetch::finished, this, [this, f, kernel](bool ok, const QString &error) {
        f->deleteLater();
        if (m_done)
            return;
        m_counters->httpBytes += quint64(f->bodyBytes());
        const bool complete = ok && f->status() == 200 && f->bodyBytes() == f->contentLength();
        if (kernel)
            m_kernelLoaded = complete;
        if (!complete && !error.isEmpty() && f->status() == 0)
            return finish(false, QStringLiteral("download failed: ") + error);
        resumeScript(complete);
    });
    f->start();
}

void SimulatedMachine::bootTalos()
{
    m_configUrl = argValue(m_kernelArgs, QStringLiteral("talos.config="));
    const QUrl sink(argValue(m_kernelArgs, QStringLiteral("talos.logging.kernel=")));
    if (sink.scheme() != QLatin1String("tcp") || sink.port() <= 0)
        return finish(false, QStringLiteral("no TCP log sink in the kernel arguments"));
    const int bootMs = int(kTalosBootMs * m_options.logDelaysScale);
    QTimer::singleShot(bootMs, this, [this, sink] {
        if (m_done)
            return;
        m_log = new QTcpSocket(this);
        if (!m_log->bind(m_plan.address, 0))
            return finish(false, QStringLiteral("log socket: ") + m_log->errorString());
        connect(m_log, &QTcpSocket::connected, this, [this] {
            sendTalos(QStringLiteral("[talos] [initramfs] booting Talos %1").arg(QLatin1String(kTalosVersion)),
                      {}, KernelOnly);
            if (m_configUrl.isEmpty()) {
                // No talos.config=: Talos waits in maintenance mode for talosctl apply-config.
                sendTalos(QStringLiteral("[talos] entering maintenance service"), {}, Machined);
                return finish(false, QStringLiteral("maintenance mode"));
            }
            sendTalos(QStringLiteral("[talos] downloading config"),
                      QStringLiteral(R"({"component":"controller-runtime","controller":"config.AcquireController","platform":"metal"})"),
                      Controller);
            sendTalos(QStringLiteral("[talos] fetching machine config from: \"%1\"").arg(m_configUrl), {}, Machined);
            fetchConfig();
        });
        connect(m_log, &QTcpSocket::errorOccurred, this, [this] {
            finish(false, QStringLiteral("log sink: ") + m_log->errorString());
        });
        m_log->connectToHost(sink.host(), quint16(sink.port()));
    });
}

void SimulatedMachine::fetchConfig()
{
    HttpFetch::Request request;
    request.source = m_plan.address;
    request.url = QUrl(m_configUrl);
    request.userAgent = "Talos/v1.9";
    request.maxBody = kMaxConfigBody;
    auto *f = new HttpFetch(request, this);
    m_pending = f;
    ++m_counters->httpRequests;
    connect(f, &HttpFetch::finished, this, [this, f](bool ok, const QString &error) {
        f->deleteLater();
        if (m_done)
            return;
        m_counters->httpBytes += quint64(f->bodyBytes());
        if (!ok || f->status() != 200) {
            sendTalos(QStringLiteral("[talos] retrying error: %1")
                          .arg(ok ? QStringLiteral("failed to download config, received %1").arg(f->status()) : error),
                      QStringLiteral(R"({"component":"controller-runtime","controller":"config.AcquireController"})"),
                      Controller);
            return finish(false, QStringLiteral("config not served (%1)")
                                     .arg(ok ? QStringLiteral("HTTP %1").arg(f->status()) : error));
        }
        ++m_counters->configsFetched;
        static const QRegularExpression disk(QStringLiteral("\\n\\s+disk:\\s*(/dev/\\S+)"));
        const QRegularExpressionMatch match = disk.match(QString::fromUtf8(f->body()));
        if (match.hasMatch())
            m_installDisk = match.captured(1);
        static const QRegularExpression hostname(QStringLiteral("\\n\\s+hostname:\\s*\"?([A-Za-z0-9.-]+)"));
        Q_EMIT configFetched(m_plan.mac, hostname.match(QString::fromUtf8(f->body())).captured(1));
        // The config names the console as a log destination: from here machined's
        // service log is sent too, from the start of its buffer.
        m_serviceLog = true;
        for (const auto &[message, fields] : std::as_const(m_machinedLog))
            sendRecord(message, fields, QStringLiteral("machined"));
        sendLogLines(0);
    });
    f->start();
}

void SimulatedMachine::sendLogLines(int next)
{
    if (next >= int(std::size(kTalosLines))) {
        ++m_counters->joined;
        return finish(true, QStringLiteral("joined"));
    }
    const TalosLine &line = kTalosLines[next];
    QTimer::singleShot(int(line.delayMs * m_options.logDelaysScale), this, [this, next] {
        if (m_done)
            return;
        const TalosLine &talos = kTalosLines[next];
        QString message = QString::fromLatin1(talos.message);
        if (message.contains(QLatin1String("%1")))
            message = message.arg(m_installDisk);
        sendTalos(message, talos.fields ? QString::fromLatin1(talos.fields) : QString(), talos.flags);
        sendLogLines(next + 1);
    });
}

void SimulatedMachine::sendTalos(const QString &message, const QString &fields, int flags)
{
    const bool service = m_serviceLog && !(flags & KernelOnly);
    if (!(flags & KernelOnly))
        m_machinedLog.append({message, fields});
    if (service && (flags & ServiceFirst))
        sendRecord(message, fields, QStringLiteral("machined"));
    // The kernel log carries a controller's fields inline after the text.
    sendRecord(fields.isEmpty() ? message : message + u' ' + fields, {}, {});
    if (service && !(flags & ServiceFirst))
        sendRecord(message, fields, QStringLiteral("machined"));
    if (service && (flags & Controller))
        sendRecord(message, fields, QStringLiteral("controller-runtime"));
}

void SimulatedMachine::sendRecord(const QString &message, const QString &fields, const QString &service)
{
    if (!m_log || m_log->state() != QAbstractSocket::ConnectedState)
        return;
    // Talos's JSON-lines sender (reference §3.1, §8.1). A kernel-log record is numbered
    // and has a facility; a service-log record names its service and has the inline
    // fields split off into its own.
    QJsonObject line;
    if (service.isEmpty()) {
        line.insert(QLatin1String("msg"), QString(message + u'\n'));
        line.insert(QLatin1String("facility"), QStringLiteral("user"));
        line.insert(QLatin1String("priority"), QStringLiteral("warning"));
        line.insert(QLatin1String("seq"), qint64(++m_logSeq));
        line.insert(QLatin1String("clock"), qint64(m_logSeq * 1000));
    } else {
        if (!fields.isEmpty()) {
            const QJsonObject extra = QJsonDocument::fromJson(fields.toUtf8()).object();
            for (auto it = extra.begin(); it != extra.end(); ++it)
                line.insert(it.key(), it.value());
        }
        line.insert(QLatin1String("msg"), message);
        line.insert(QLatin1String("talos-service"), service);
    }
    line.insert(QLatin1String("talos-level"), QStringLiteral("info"));
    line.insert(QLatin1String("talos-time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    m_log->write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    m_log->flush();
    ++m_counters->logLinesSent;
}

void SimulatedMachine::finish(bool ok, const QString &reason)
{
    if (m_done)
        return;
    m_done = true;
    if (m_deadline)
        m_deadline->stop();
    if (m_pending)
        m_pending->deleteLater();
    if (m_log) {
        // Closed gracefully, so every line written reaches the console; the socket
        // outlives this machine by at most a few seconds.
        m_log->disconnect(this);
        if (m_log->state() == QAbstractSocket::UnconnectedState) {
            m_log->deleteLater();
        } else {
            m_log->setParent(parent());
            connect(m_log, &QTcpSocket::disconnected, m_log, &QObject::deleteLater);
            QTimer::singleShot(5000, m_log, &QObject::deleteLater);
            m_log->disconnectFromHost();
        }
        m_log = nullptr;
    }
    ++m_counters->finished;
    if (ok)
        ++m_counters->succeeded;
    else
        ++m_counters->failed;
    Q_EMIT finished(m_plan.mac, ok, reason);
}

} // namespace Nbc::Sim
