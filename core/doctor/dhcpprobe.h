#pragma once

#include "doctor/dhcpanswer.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

class QSocketNotifier;
class QTimer;

namespace Nbc::Doctor {

// Asks the segment of one interface who answers a PXE client: broadcasts a DHCPDISCOVER
// the way a PXE ROM does (vendor class "PXEClient", broadcast flag, the interface's own
// MAC) from UDP port 68, sends it again after a second, and collects every OFFER for
// its transaction until the timeout. DHCP servers answer with an address; proxy DHCP
// servers (other netboot servers) answer with boot options only.
//
// The socket is bound to the interface (SO_BINDTODEVICE) and shares port 68 with a
// running DHCP client (SO_REUSEADDR, SO_REUSEPORT). Binding port 68 needs root or
// CAP_NET_BIND_SERVICE. The socket lives in the network namespace of the thread that
// calls start().
class DhcpProbe : public QObject
{
    Q_OBJECT
public:
    // Why start() failed; decisions are made on this, the sentence is for people.
    enum class Failure { None, NoInterface, NoPermission, PortInUse, SocketError };
    Q_ENUM(Failure)

    static constexpr quint16 kClientPort = 68;
    static constexpr quint16 kServerPort = 67;
    static constexpr int kResendMs = 1000;

    explicit DhcpProbe(QObject *parent = nullptr);
    ~DhcpProbe() override;

    // False (with *error and failure()) when the DISCOVER cannot be sent; finished() then
    // never comes. True: finished() follows after timeoutMs, or on cancel().
    bool start(const QString &interfaceName, int timeoutMs = 4000, QString *error = nullptr);
    // Stops listening; emits finished() when it was running.
    void cancel();
    bool isRunning() const { return m_fd >= 0; }

    QList<DhcpAnswer> answers() const { return m_answers; }
    Failure failure() const { return m_failure; }
    QString errorString() const { return m_error; }
    // Replies that did not parse as DHCP: counted and skipped.
    int malformedReplies() const { return m_malformed; }
    // Replies for other transactions or clients, and other message types.
    int ignoredReplies() const { return m_ignored; }
    int discoversSent() const { return m_sent; }
    quint32 transactionId() const { return m_xid; }
    QString clientMac() const { return m_mac; }

Q_SIGNALS:
    void answerReceived(const Nbc::Doctor::DhcpAnswer &answer);
    void finished();

private:
    bool fail(Failure failure, const QString &message, QString *error);
    void send();
    void readPending();
    void close();

    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_resend = nullptr;
    QTimer *m_deadline = nullptr;
    QByteArray m_discover;
    QString m_interface;
    QString m_mac;
    QByteArray m_chaddr;
    quint32 m_xid = 0;
    QList<quint32> m_localAddresses;   // of the socket's namespace, to spot our own console
    QList<DhcpAnswer> m_answers;
    Failure m_failure = Failure::None;
    QString m_error;
    int m_malformed = 0;
    int m_ignored = 0;
    int m_sent = 0;
};

} // namespace Nbc::Doctor
