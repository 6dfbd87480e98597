#pragma once

#include "boot/configtokens.h"
#include "engine/engine.h"
#include "engine/machineaddresses.h"

#include <QDateTime>

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QHostAddress>

#include <atomic>
#include <chrono>

class QTcpServer;
class QTimer;

namespace Nbc {

class HttpConnection;

// The HTTP engine: iPXE scripts, kernels, initramfs and machine configs (DESIGN.md wire
// contract). HTTP/1.1 GET and HEAD with keep-alive, pipelining and single Range requests.
// What to answer is decided per request by Boot::routeHttp() from the current snapshot;
// this class owns the sockets, the limits and the per-transfer progress.
//
// Files are streamed, never read whole: on Linux with sendfile(2) straight from the page
// cache to the socket, otherwise through one bounded buffer per connection. Only a file
// of at most 16 KiB (a script, a config) is read and sent with its head in one send(). A connection
// reads its next request only after the current response has been handed to the kernel,
// so a client that pipelines or stops reading is held back by TCP, not by our memory.
class HttpServer : public Engine
{
    Q_OBJECT
public:
    struct Limits {
        int maxConnections = 1024;   // more are answered 503 and closed (counted)
        // One address's share: iPXE and Talos use one connection at a time, UEFI HTTP boot
        // two; more from one address are answered 503 and closed (counted, named).
        int maxPerAddress = 8;
        // A response must move at least minRateBytes in every minRateWindow, else it is
        // closed as too slow (a reader that takes a byte a minute keeps no slot).
        qint64 minRateBytes = 16 * 1024;
        std::chrono::milliseconds minRateWindow{20000};
        int maxHeaderBytes = 16 * 1024;
        // A connection waiting for a request must have sent its complete head within this
        // time (slow clients holding connections open); idle keep-alive ends here too.
        std::chrono::milliseconds headerTimeout{15000};
        // A response the client stops reading for this long is abandoned.
        std::chrono::milliseconds sendStallTimeout{60000};
        // How long to keep reading after an error response before closing, so the client
        // gets the response rather than a reset for the bytes it was still sending.
        std::chrono::milliseconds lingerTimeout{2000};
        // How long a config token issued with a boot script stays valid.
        std::chrono::milliseconds configTokenLifetime{Boot::ConfigTokens::kLifetimeMs};
    };

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    // Both take effect on the next start(); call them before moving the engine to its thread.
    void setLimits(const Limits &limits) { m_limits = limits; }
    Limits limits() const { return m_limits; }
    // sendfile(2) when true (the default); read-and-send through a bounded buffer otherwise.
    void setZeroCopy(bool enabled) { m_zeroCopy = enabled; }

    // Open client connections; safe to call from any thread.
    int openConnections() const { return m_open.load(); }

public Q_SLOTS:
    void start() override;
    void stop() override;
    void setSnapshot(const Nbc::BootSnapshot &snapshot) override;
    void learnAddress(const QString &mac, const QHostAddress &address) override;

private:
    friend class HttpConnection;

    bool listen();
    void accept(qintptr descriptor);
    void sweep();
    void closeAll(const QString &reason);
    void forget(HttpConnection *connection);

    // For connections.
    qint64 nowMs() const { return m_clock.elapsed(); }
    QByteArray dateHeader();
    quint64 nextTransferId() { return ++m_lastTransferId; }
    void report(const MachineEvent &event) { Q_EMIT machineEvent(event); }
    void countKey(const QString &key, quint64 n = 1) { count(key, n); }
    void dropReason(const QString &reason) { drop(reason); }
    void refuseSource(const QString &reason, const QHostAddress &address) { Engine::refuseSource(reason, address); }
    const BootSnapshot &currentSnapshot() const { return snapshot(); }
    QHostAddress machineAddress(const QString &mac) const { return m_addresses.addressOf(mac); }
    QString machineAt(const QHostAddress &address) const { return m_addresses.macAt(address); }
    QString issueToken(const QString &mac, const QHostAddress &address)
    {
        return m_tokens.issue(mac, address, QDateTime::currentMSecsSinceEpoch(), m_limits.configTokenLifetime.count());
    }
    Boot::ConfigTokens::Check checkToken(const QString &token, const QString &mac, const QHostAddress &address)
    {
        return m_tokens.check(token, mac, address, QDateTime::currentMSecsSinceEpoch());
    }

    Limits m_limits;
    bool m_zeroCopy = true;
    QTcpServer *m_listener = nullptr;
    QTimer *m_sweepTimer = nullptr;
    QHostAddress m_boundAddress;
    quint16 m_boundPort = 0;
    QSet<HttpConnection *> m_connections;
    QHash<QHostAddress, int> m_perAddress;   // open connections per client address
    std::atomic<int> m_open{0};
    QElapsedTimer m_clock;
    quint64 m_lastTransferId;
    qint64 m_dateSecond = -1;
    QByteArray m_date;
    MachineAddresses m_addresses;
    Boot::ConfigTokens m_tokens;
};

} // namespace Nbc
