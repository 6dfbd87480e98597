#pragma once

#include "boot/tftproute.h"
#include "model/bootfiles.h"
#include "engine/engine.h"
#include "engine/machineaddresses.h"
#include "engine/tftptransfers.h"
#include "protocol/tftp/tftpsession.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>

#include <memory>
#include <unordered_map>
#include <vector>

class QSocketNotifier;

namespace Nbc {

// Read-only TFTP (RFC 1350, 2347-2349, 7440) for the iPXE binaries and the optional extra
// TFTP folder. Requests arrive on the well-known port in the engine's thread, which checks
// them, opens the file and a socket on an ephemeral port (the transfer's RFC 1350
// identifier) and starts a Tftp::Session that decides what to send. The blocks are then
// moved by a TftpTransferPool, a few threads with an epoll set each, and what they report
// comes back here to become counters and events.
//
// Events carry no MAC (TFTP has none): the registry attributes them by peer address.
// A client that ends a transfer with an ERROR (OVMF does after reading tsize) gets a
// TftpDone with facts["outcome"] = "client-ended", never a TftpFailed: it is not a fault.
// Which machine asks matters for Raspberry Pis only (their own boot folders,
// Boot::resolveTftpName): the engine knows it by the addresses the DHCP engines learnt.
class TftpServer : public Engine
{
    Q_OBJECT
public:
    explicit TftpServer(QObject *parent = nullptr);
    ~TftpServer() override;

    // Tuning and test hooks: call before start(), or from the engine's thread. The block
    // size limit of `config` is replaced by the one derived from the interface MTU.
    void setSessionConfig(const Tftp::SessionConfig &config);
    void setMaxTransfers(int maximum);
    void setMaxTransfersPerAddress(int maximum);
    static constexpr int kDefaultMaxPerAddress = 4;
    // Transfers in progress. Call in the engine's thread (BlockingQueuedConnection).
    Q_INVOKABLE int activeTransfers() const;


public Q_SLOTS:
    void start() override;
    void stop() override;
    void setSnapshot(const Nbc::BootSnapshot &snapshot) override;
    void learnAddress(const QString &mac, const QHostAddress &address) override;

private:
    // What the engine's thread keeps of a transfer a worker is moving.
    struct Active {
        QHostAddress peer;
        QByteArray peerKey;
        QString name;
        QString path;
        qint64 startedAt = 0;
        qint64 size = 0;
    };
    struct Peer;

    void readRequests();
    void handleRequest(QByteArrayView datagram, const Peer &peer);
    void refuse(const Peer &peer, quint16 errorCode, const QByteArray &message,
                const QString &reason, const QString &name);
    void startTransfer(const Tftp::Packet &request, const Peer &peer, const QString &name);
    void takeReports();
    void apply(TftpReport &report);
    void finish(std::unique_ptr<TftpTransfer> transfer);
    void closeAll(bool report);
    bool allowReport();

    Tftp::SessionConfig m_sessionConfig;
    // A pallet of machines powered on together asks at once; each transfer costs one
    // socket and a few hundred bytes, so the limit is about descriptors, not memory.
    int m_maxTransfers = 1024;
    int m_maxPerAddress = kDefaultMaxPerAddress;
    quint16 m_maxBlockSize = 1468;

    int m_listenSocket = -1;
    QSocketNotifier *m_listenNotifier = nullptr;
    QHostAddress m_boundAddress;
    quint16 m_boundPort = 0;
    QElapsedTimer m_clock;

    std::unique_ptr<TftpTransferPool> m_pool;
    std::unordered_map<quint64, Active> m_transfers;   // what the events need of each transfer
    QHash<QByteArray, quint64> m_transferByPeer;   // a repeated RRQ must not start a second transfer
    QHash<QHostAddress, int> m_transfersByHost;     // transfers per client address (its share)
    quint64 m_transferCounter = 0;
    std::vector<char> m_buffer;                     // requests, and each transfer's first answer
    MachineAddresses m_addresses;                   // what DHCP showed: which machine an address is

    qint64 m_reportWindowStart = 0;                 // refusals logged and reported per second
    int m_reportsInWindow = 0;
};

} // namespace Nbc
