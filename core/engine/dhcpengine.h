#pragma once

#include "boot/bootpolicy.h"
#include "engine/engine.h"

#include <QByteArray>

#include <array>

class QSocketNotifier;

namespace Nbc {

// What the proxy (DhcpProxy) and the full DHCP server (DhcpServer) share: raw POSIX UDP
// sockets, because QUdpSocket can neither bind to a device nor tell on which interface a
// broadcast arrived, and a reply must leave on that interface; start/stop/rebind; and the
// routing of replies (RFC 2131 4.1). Which ports an engine listens on depends on the mode:
// in full mode the server owns port 67 and the proxy keeps only 4011.
class DhcpEngine : public Engine
{
    Q_OBJECT
public:
    explicit DhcpEngine(const QString &name, QObject *parent = nullptr);
    ~DhcpEngine() override;

public Q_SLOTS:
    void start() override;
    void stop() override;
    void setSnapshot(const Nbc::BootSnapshot &snapshot) override;

protected:
    struct Listener {
        int fd = -1;
        QSocketNotifier *notifier = nullptr;
        Boot::DhcpPort port = Boot::DhcpPort::Dhcp;
        quint16 number = 0;
    };
    struct Datagram {
        QByteArray bytes;
        quint32 fromAddress = 0;
        quint16 fromPort = 0;
        int ifindex = 0;        // the interface it arrived on (IP_PKTINFO)
    };

    // The sockets this engine needs for the snapshot's mode; none: it is idle in that mode.
    virtual QList<Boot::DhcpPort> portsFor(const BootSnapshot &snapshot) const = 0;
    // Called before the sockets open; false with *error and *fix when the engine cannot run.
    virtual bool prepare(QString *error, QString *fix);
    // Called after the sockets closed.
    virtual void finish() {}
    // Whether a new snapshot needs the sockets (and prepare()) done again.
    virtual bool needsRestart(const BootSnapshot &old, const BootSnapshot &next) const;
    // Appended to the address in the status, e.g. the lease range.
    virtual QString describe() const { return {}; }
    virtual void handleDatagram(Listener &listener, const Datagram &datagram) = 0;
    // A BOOTREPLY arrived on a server port: another DHCP server answered (to a relay, or
    // to a client on port 67). Called before it is dropped as "not-request".
    virtual void replyFromOtherServer(const Dhcp::Packet &, const Datagram &) {}

    // Builds reply no larger than the request allows and sends it where RFC 2131 4.1 and
    // PXE 2.1 2.2.6 say; counts "served" or the drop. Returns the address it went to, or
    // nullopt when it was not sent.
    std::optional<quint32> sendReply(Listener &listener, const Datagram &datagram, const Dhcp::Packet &request,
                                     const Dhcp::Packet &reply);
    // Parses a datagram, counting garbage by reason; nullopt when it is dropped.
    std::optional<Dhcp::Packet> parseRequest(const Datagram &datagram);
    bool isListening() const { return m_listening; }

private:
    // Closes the sockets (and finish()es) or leaves the idle state, without a status.
    void release();
    bool openListener(Listener &listener, QString *error);
    void closeListeners();
    void readPending(Listener &listener);
    bool send(Listener &listener, const QByteArray &bytes, quint32 toAddress, quint16 toPort, int ifindex);

    std::array<Listener, 2> m_listeners;
    int m_listenerCount = 0;
    QByteArray m_buffer;
    bool m_wanted = false;      // the host asked this engine to run
    bool m_listening = false;
    bool m_idle = false;        // wanted, but this mode needs no socket of this engine
};

// 0.0.0.0 means "not known yet" on the wire; in an event it is no address at all.
QHostAddress peerAddress(quint32 address);

} // namespace Nbc
