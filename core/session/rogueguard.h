#pragma once

#include "doctor/dhcpanswer.h"

#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QTimer;

namespace Nbc {

namespace Doctor {
class DhcpProbe;
}

// Full DHCP mode assumes an isolated network; a second DHCP server on it hands the
// machines addresses (and boot files) the console knows nothing about. The guard looks for
// one while the services run in full mode: the doctor's DHCP probe at start and every
// interval, and what the full-mode DhcpServer sees of other servers in passing (a client's
// REQUEST naming another server, another server's reply on port 67). Answers of this
// computer (our own server) never count.
//
// A server is reported when it is first seen (serverAppeared), and again when it comes
// back after it went away: it goes away after kMissedRounds probe rounds without any
// evidence of it.
class RogueGuard : public QObject
{
    Q_OBJECT
public:
    // How a server was seen; its key is the `evidence` of a rogue-dhcp event line.
    enum class Evidence { Probe, ClientRequest, ServerReply };
    Q_ENUM(Evidence)
    static QString evidenceKey(Evidence evidence);
    // "request", "reply" (DhcpServer::otherServerSeen's keys); nullopt for others.
    static std::optional<Evidence> evidenceFromKey(const QString &key);

    struct Server {
        QHostAddress address;
        QString detail;          // for people: what it offers, or how it was noticed
        Evidence evidence = Evidence::Probe;
        qint64 firstSeenMs = 0;  // this appearance
        qint64 lastSeenMs = 0;
        int missedRounds = 0;    // probe rounds since the last evidence
    };

    static constexpr int kProbeTimeoutMs = 4000;
    static constexpr int kMissedRounds = 2;
    // Bounded: forged evidence can name many addresses, a segment has few servers.
    static constexpr int kMaxServers = 16;

    // Starts one probe round on the interface; false with *error when it cannot. Its
    // answers come back through takeProbeResult(). Replaceable for tests.
    using Prober = std::function<bool(const QString &interfaceName, QString *error)>;

    explicit RogueGuard(QObject *parent = nullptr);
    ~RogueGuard() override;

    void setProber(Prober prober) { m_prober = std::move(prober); }
    // Addresses that are this console (the server address, the interface's addresses).
    void setOwnAddresses(const QList<QHostAddress> &addresses) { m_own = addresses; }

    // Watches interfaceName: a probe round now, then every intervalMs (0: no probes, only
    // what the server sees). Calling it again with the same values changes nothing; other
    // values start over, forgetting the servers seen.
    void start(const QString &interfaceName, int intervalMs);
    // Stops probing and forgets every server (a console not in full mode has no rogue).
    void stop();
    bool isRunning() const { return m_running; }
    QString interfaceName() const { return m_interface; }
    int intervalMs() const { return m_intervalMs; }

    // A probe round now (unless one is running); the interval goes on as before.
    void probeNow();
    // One probe round's answers (every OFFER it got).
    void takeProbeResult(const QList<Nbc::Doctor::DhcpAnswer> &answers);
    // Evidence seen in passing by the DHCP server ("request", "reply").
    void takeSighting(const QHostAddress &server, const QString &evidence);

    QList<Server> servers() const { return m_servers; }
    bool present() const { return !m_servers.isEmpty(); }
    int probeRounds() const { return m_rounds; }
    // Why the last probe could not run (no permission for port 68 ...); empty when it ran.
    QString probeProblem() const { return m_probeProblem; }
    // One sentence for the window; empty when no other server is seen.
    QString warning() const;

Q_SIGNALS:
    // A server seen for the first time, or back after it went away.
    void serverAppeared(const Nbc::RogueGuard::Server &server);
    void serverGone(const Nbc::RogueGuard::Server &server);
    // present() changed.
    void presenceChanged(bool present);
    // The list or a detail changed.
    void changed();
    // The probe cannot run (announced once per distinct problem).
    void probeFailed(const QString &message);

private:
    bool isOwn(const QHostAddress &address) const;
    void saw(const QHostAddress &address, Evidence evidence, const QString &detail);
    void setPresent(bool wasPresent);
    bool defaultProbe(const QString &interfaceName, QString *error);
    qint64 nowMs() const;

    Prober m_prober;
    Doctor::DhcpProbe *m_probe = nullptr;
    QTimer *m_timer = nullptr;
    QString m_interface;
    int m_intervalMs = 0;
    bool m_running = false;
    bool m_probing = false;
    int m_rounds = 0;
    qint64 m_lastRoundMs = 0;   // when the last probe round ended (or the guard started)
    QList<QHostAddress> m_own;
    QList<Server> m_servers;
    QString m_probeProblem;
};

} // namespace Nbc

Q_DECLARE_METATYPE(Nbc::RogueGuard::Server)
