#pragma once

#include "engine/dhcpengine.h"
#include "engine/leasefile.h"
#include "protocol/dhcp/leasepool.h"

#include <memory>
#include <optional>

class QTimer;

namespace Nbc {

// Full DHCP mode, for an isolated network with no other DHCP server: answers every client
// on UDP 67 with an address from the workspace's dhcpRange, and PXE and iPXE clients with
// their boot file in the same offer. The leases live in leases.json in the workspace.
// Idle in proxy mode; DhcpProxy keeps answering 4011 in both modes.
class DhcpServer : public DhcpEngine
{
    Q_OBJECT
public:
    explicit DhcpServer(QObject *parent = nullptr);
    ~DhcpServer() override;

    static QString leaseFileName() { return QStringLiteral("leases.json"); }
    // Another server is reported at most this often per address: a flood of forged
    // packets must not become a flood of signals.
    static constexpr qint64 kOtherServerReportMs = 10000;

Q_SIGNALS:
    // Evidence of another DHCP server on the segment: a client's REQUEST naming it
    // (evidence "request"), or its reply seen on our port (evidence "reply").
    void otherServerSeen(const QHostAddress &server, const QString &evidence);

protected:
    QList<Boot::DhcpPort> portsFor(const BootSnapshot &snapshot) const override;
    bool prepare(QString *error, QString *fix) override;
    void finish() override;
    bool needsRestart(const BootSnapshot &old, const BootSnapshot &next) const override;
    QString describe() const override;
    void handleDatagram(Listener &listener, const Datagram &datagram) override;
    void replyFromOtherServer(const Dhcp::Packet &reply, const Datagram &datagram) override;

private:
    void noteOtherServer(quint32 server, const QString &evidence);
    void answerDiscover(Listener &listener, const Datagram &datagram, const Dhcp::Packet &request,
                        const Boot::BootDecision &boot);
    void answerRequest(Listener &listener, const Datagram &datagram, const Dhcp::Packet &request,
                       const Boot::BootDecision &boot);
    void answerInform(Listener &listener, const Datagram &datagram, const Dhcp::Packet &request,
                      const Boot::BootDecision &boot);
    // An OFFER or ACK with the lease's options (and the boot information for boot clients).
    Dhcp::Packet makeLeaseReply(const Dhcp::Packet &request, Dhcp::MessageType type,
                                const Dhcp::LeaseAnswer &answer, const Boot::BootDecision &boot) const;
    void emitEvent(EventKind kind, const Boot::BootDecision &boot, quint32 peer, const QString &detail,
                   const Dhcp::LeaseAnswer *lease = nullptr);
    void scheduleSave();
    void save();
    void rememberDurable();

    std::unique_ptr<Dhcp::LeasePool> m_pool;
    std::optional<LeaseFile> m_file;
    QTimer *m_saveTimer = nullptr;
    quint64 m_savedRevision = 0;
    // MAC -> address as last written to leases.json: an ACK that binds anything else is
    // written (and synced) before it is sent, so a crash never hands one address to two.
    QHash<QString, quint32> m_durable;
    quint32 m_server = 0;
    QString m_ownMac;                        // the served interface's: our own probe asks with it
    QHash<quint32, qint64> m_otherServers;   // other server -> when it was last reported (ms)
};

} // namespace Nbc
