#pragma once

#include "boot/bootpolicy.h"
#include "engine/engine.h"

#include <QByteArray>
#include <QHostAddress>

#include <array>

class QSocketNotifier;

namespace Nbc {

// Proxy DHCP (PXE 2.1 2.2.5) on UDP 67 and PXE boot-server requests on UDP 4011: tells PXE
// clients which file to boot, never assigns an address. Raw POSIX sockets, because
// QUdpSocket can neither bind to a device nor tell on which interface a broadcast
// arrived, and a reply must leave on that interface.
class DhcpProxy : public Engine
{
    Q_OBJECT
public:
    explicit DhcpProxy(QObject *parent = nullptr);
    ~DhcpProxy() override;

public Q_SLOTS:
    void start() override;
    void stop() override;
    void setSnapshot(const Nbc::BootSnapshot &snapshot) override;

private:
    struct Listener {
        int fd = -1;
        QSocketNotifier *notifier = nullptr;
        Boot::DhcpPort port = Boot::DhcpPort::Dhcp;
        quint16 number = 0;
    };

    bool openListener(Listener &listener, QString *error);
    void closeListeners();
    void readPending(Listener &listener);
    void handleDatagram(Listener &listener, const QByteArray &bytes, quint32 fromAddress,
                        quint16 fromPort, int ifindex);
    bool sendReply(Listener &listener, const QByteArray &bytes, quint32 toAddress, quint16 toPort,
                   int ifindex);

    std::array<Listener, 2> m_listeners;
    QByteArray m_buffer;
    bool m_running = false;
};

} // namespace Nbc
