#include "sim/httpfetch.h"

#include <QTcpSocket>
#include <QTimer>

namespace Nbc::Sim {

namespace {

constexpr qint64 kChunk = 64 * 1024;
constexpr int kMaxHead = 16 * 1024;
// A machine's NIC and stack hold little: with a small receive buffer the server's
// progress follows what the machine has really read, not what the kernel queued for it.
constexpr int kReceiveBuffer = 128 * 1024;
constexpr int kPaceTickMs = 20;

} // namespace

HttpFetch::HttpFetch(const Request &request, QObject *parent)
    : QObject(parent)
    , m_request(request)
{
}

HttpFetch::~HttpFetch()
{
    if (m_socket)
        m_socket->abort();
}

void HttpFetch::start()
{
    m_socket = new QTcpSocket(this);
    m_idle = new QTimer(this);
    m_idle->setSingleShot(true);
    m_idle->setInterval(m_request.idleTimeoutMs);
    connect(m_idle, &QTimer::timeout, this, [this] {
        if (m_stalled)
            return;   // a stalled fetch is ended by its owner
        finish(false, QStringLiteral("timeout"));
    });
    m_pace = new QTimer(this);
    m_pace->setSingleShot(true);
    connect(m_pace, &QTimer::timeout, this, &HttpFetch::pump);

    if (!m_socket->bind(m_request.source, 0)) {
        QTimer::singleShot(0, this, [this] { finish(false, QStringLiteral("bind: ") + m_socket->errorString()); });
        return;
    }
    m_socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, kReceiveBuffer);
    m_socket->setReadBufferSize(kChunk);
    connect(m_socket, &QTcpSocket::connected, this, &HttpFetch::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpFetch::pump);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpFetch::pump);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError)
            return pump();
        finish(false, m_socket->errorString());
    });
    m_idle->start();
    m_socket->connectToHost(m_request.url.host(), quint16(m_request.url.port(80)));
}

void HttpFetch::abort()
{
    finish(false, QStringLiteral("aborted"));
}

void HttpFetch::onConnected()
{
    touch();
    m_clock.start();
    QByteArray target = m_request.url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (m_request.url.hasQuery())
        target += '?' + m_request.url.query(QUrl::FullyEncoded).toUtf8();
    const QByteArray head = "GET " + target + " HTTP/1.1\r\n"
        "Host: " + m_request.url.host().toUtf8() + ':' + QByteArray::number(m_request.url.port(80)) + "\r\n"
        "User-Agent: " + m_request.userAgent + "\r\n"
        "Connection: close\r\n\r\n";
    m_socket->write(head);
}

void HttpFetch::touch()
{
    if (m_idle && !m_stalled)
        m_idle->start();
}

bool HttpFetch::parseHead()
{
    const qsizetype end = m_head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_head.size() > kMaxHead)
            finish(false, QStringLiteral("response head too large"));
        return false;
    }
    const QByteArray rest = m_head.mid(end + 4);
    const QList<QByteArray> lines = m_head.left(end).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2 || !statusLine.first().startsWith("HTTP/1.")) {
        finish(false, QStringLiteral("not an HTTP response"));
        return false;
    }
    m_status = statusLine.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length")
            m_contentLength = value.toLongLong();
        else if (name == "transfer-encoding" && value.toLower() != "identity") {
            finish(false, QStringLiteral("chunked responses are not simulated"));
            return false;
        }
    }
    m_headDone = true;
    m_head.clear();
    if (m_request.stallAt >= 0 && m_contentLength > 0)
        m_stallAfter = qint64(double(m_contentLength) * qBound(0.0, m_request.stallAt, 1.0));
    if (!rest.isEmpty()) {
        m_received += rest.size();
        if (m_request.keepBody)
            m_body += rest;
    }
    return true;
}

void HttpFetch::pump()
{
    if (m_done || !m_socket)
        return;
    while (!m_headDone) {
        const QByteArray data = m_socket->read(kChunk);
        if (data.isEmpty())
            break;
        touch();
        m_head += data;
        if (!parseHead() && m_done)
            return;
    }
    if (m_headDone && !m_stalled) {
        for (;;) {
            if (m_stallAfter >= 0 && m_received >= m_stallAfter) {
                m_stalled = true;
                m_idle->stop();
                Q_EMIT stalled();
                return;
            }
            if (m_contentLength >= 0 && m_received >= m_contentLength)
                break;
            qint64 allowed = kChunk;
            if (m_request.bytesPerSecond > 0) {
                const qint64 budget = m_request.bytesPerSecond * m_clock.elapsed() / 1000 - m_received;
                if (budget <= 0) {
                    if (!m_pace->isActive())
                        m_pace->start(kPaceTickMs);
                    return;
                }
                allowed = qMin(allowed, budget);
            }
            if (m_stallAfter >= 0)
                allowed = qMin(allowed, m_stallAfter - m_received);
            if (m_contentLength >= 0)
                allowed = qMin(allowed, m_contentLength - m_received);
            const QByteArray data = m_socket->read(allowed);
            if (data.isEmpty())
                break;
            touch();
            m_received += data.size();
            if (m_request.keepBody) {
                if (m_body.size() + data.size() > m_request.maxBody) {
                    finish(false, QStringLiteral("response body too large"));
                    return;
                }
                m_body += data;
            }
        }
    }
    if (m_headDone && m_contentLength >= 0 && m_received >= m_contentLength) {
        finish(true, {});
        return;
    }
    if (m_socket->state() == QAbstractSocket::UnconnectedState && m_socket->bytesAvailable() == 0) {
        if (m_headDone && m_contentLength < 0)
            finish(true, {});   // a body delimited by the end of the connection
        else
            finish(false, m_headDone ? QStringLiteral("connection closed after %1 of %2 bytes")
                                           .arg(m_received).arg(m_contentLength)
                                     : QStringLiteral("connection closed before a response"));
    }
}

void HttpFetch::finish(bool ok, const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    if (m_idle)
        m_idle->stop();
    if (m_pace)
        m_pace->stop();
    if (m_socket) {
        m_socket->disconnect(this);
        if (ok)
            m_socket->close();
        else
            m_socket->abort();
    }
    Q_EMIT finished(ok, error);
}

} // namespace Nbc::Sim
