#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QUrl>

class QTcpSocket;
class QTimer;

namespace Nbc::Sim {

// One HTTP/1.1 GET from a given source address, as iPXE or Talos sends it: the body is
// kept (scripts, configs) or only counted (kernels), read at a bounded rate in chunks so
// the server sees a machine's real pace. Every wait has a timeout; the socket is closed
// when the fetch ends.
class HttpFetch : public QObject
{
    Q_OBJECT
public:
    struct Request {
        QHostAddress source;
        QUrl url;
        QByteArray userAgent = "iPXE/1.21.1";
        bool keepBody = true;            // false: count the bytes and drop them
        qint64 maxBody = 1024 * 1024;    // a kept body larger than this fails the fetch
        qint64 bytesPerSecond = 0;       // 0: as fast as the socket gives
        double stallAt = -1;             // stop reading for good at this fraction of the body
        int idleTimeoutMs = 30000;
    };

    explicit HttpFetch(const Request &request, QObject *parent = nullptr);
    ~HttpFetch() override;

    void start();
    void abort();

    int status() const { return m_status; }
    QByteArray body() const { return m_body; }
    qint64 bodyBytes() const { return m_received; }
    qint64 contentLength() const { return m_contentLength; }

Q_SIGNALS:
    // ok: a complete response arrived (any status); error says why not.
    void finished(bool ok, const QString &error);
    // The fetch stopped reading on purpose (stallAt reached); it ends only by abort().
    void stalled();

private:
    void onConnected();
    void pump();
    bool parseHead();
    void finish(bool ok, const QString &error);
    void touch();

    Request m_request;
    QTcpSocket *m_socket = nullptr;
    QTimer *m_idle = nullptr;
    QTimer *m_pace = nullptr;
    QElapsedTimer m_clock;
    QByteArray m_head;
    QByteArray m_body;
    bool m_headDone = false;
    bool m_done = false;
    bool m_stalled = false;
    int m_status = 0;
    qint64 m_contentLength = -1;
    qint64 m_received = 0;
    qint64 m_stallAfter = -1;
};

} // namespace Nbc::Sim
