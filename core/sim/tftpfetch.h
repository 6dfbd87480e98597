#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

class QTimer;
class QUdpSocket;

namespace Nbc::Sim {

// A TFTP read (RFC 1350 with RFC 2347-2349 options) from a given source address, as a PXE
// ROM does it: RRQ with blksize and tsize, ACK 0 after the OACK, one ACK per block. The
// data is counted, not kept. Retransmits on silence and gives up after a few tries.
class TftpFetch : public QObject
{
    Q_OBJECT
public:
    TftpFetch(const QHostAddress &source, const QHostAddress &server, quint16 port,
              const QByteArray &fileName, QObject *parent = nullptr);
    ~TftpFetch() override;

    void start();

    qint64 bytes() const { return m_bytes; }
    qint64 announcedSize() const { return m_tsize; }

Q_SIGNALS:
    void finished(bool ok, const QString &error);

private:
    void onReadyRead();
    void onTimeout();
    void send(const QByteArray &datagram);
    void finish(bool ok, const QString &error);

    QHostAddress m_source;
    QHostAddress m_server;
    quint16 m_port;
    QByteArray m_fileName;
    QUdpSocket *m_socket = nullptr;
    QTimer *m_timer = nullptr;
    QByteArray m_last;             // what to send again on silence
    quint16 m_peerPort = 0;        // the server's transfer identifier, once known
    quint16 m_blockSize = 512;
    quint16 m_expected = 1;
    qint64 m_bytes = 0;
    qint64 m_tsize = -1;
    int m_retries = 0;
    bool m_done = false;
};

} // namespace Nbc::Sim
