#pragma once

#include "inventory/wakeonlan.h"
#include "model/machineevent.h"
#include "model/stage.h"

#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QSet>
#include <QStringList>

class QTimer;

namespace Nbc {

class MachineRegistry;

// Staggered Wake-on-LAN: a pallet woken in one loop fetches its kernels in the same
// second. The scheduler sends a batch of magic packets, then waits until every machine of
// the batch has its kernel and initramfs (or went further: its config, the install, sent
// to its disk), or has stopped where it will not download (waiting for a config,
// failed), or the batch's time is up, and only then sends the next batch.
//
// It watches the registry (the single source of truth about stages); it never decides a
// machine's stage itself.
class WakeScheduler : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultBatchSize = 10;
    static constexpr int kDefaultBatchTimeoutSeconds = 120;

    struct Progress {
        int total = 0;        // machines in this run (queued, sent or waited on)
        int sent = 0;         // magic packets sent
        int woken = 0;        // have their kernel (or went further) since their packet
        int failed = 0;       // packets that could not be sent
        int batch = 0;        // the batch sent last, 1-based; 0 before the first
        int batches = 0;      // batches of the whole run at the current batch size
        bool running = false;
        bool cancelled = false;
        bool operator==(const Progress &) const = default;
    };

    explicit WakeScheduler(MachineRegistry *registry, QObject *parent = nullptr);
    ~WakeScheduler() override;

    void setTarget(const WakeTarget &target) { m_target = target; }
    WakeTarget target() const { return m_target; }
    // Machines per batch (at least 1); a change applies from the next batch.
    void setBatchSize(int machines);
    int batchSize() const { return m_batchSize; }
    // How long a batch may take before the next one goes anyway.
    void setBatchTimeoutMs(int ms);
    int batchTimeoutMs() const { return m_batchTimeoutMs; }

    // Queues the machines not already in this run and sends a batch at once when none is
    // being waited on. Returns how many were queued (text that is not a MAC is skipped).
    int wake(const QStringList &macs);
    // No further batch is sent; what was sent cannot be taken back.
    void cancel();
    bool isRunning() const { return m_running; }
    Progress progress() const;
    // Why the last packet could not be sent; empty when all went.
    QString lastError() const { return m_lastError; }
    // "Waking 60 machines: batch 2 of 6, 14 woken" and what follows a finished run.
    static QString describe(const Progress &progress);

Q_SIGNALS:
    void progressChanged(const Nbc::WakeScheduler::Progress &progress);
    void batchSent(int batch, const QStringList &macs);
    // The last batch is done (or timed out), or the run was cancelled.
    void finished(const Nbc::WakeScheduler::Progress &progress);

private:
    struct Awaited {
        bool kernel = false;
        bool initramfs = false;
        bool settled = false;   // it will not download now: no need to hold the batch for it
        bool woken = false;
        int batch = 0;
    };
    void sendNextBatch();
    void eventResolved(const MachineEvent &event, Stage stage);
    void stageChanged(const QString &mac, Stage stage);
    void markWoken(Awaited &machine);
    void batchMaybeDone();
    void finish(bool cancelled);
    void announce();

    MachineRegistry *m_registry;
    QTimer *m_timeout = nullptr;
    WakeTarget m_target;
    int m_batchSize = kDefaultBatchSize;
    int m_batchTimeoutMs = kDefaultBatchTimeoutSeconds * 1000;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_advancing = false;            // the batch is done; the next one is on its way
    QStringList m_queue;                 // normalized MACs still to send
    QHash<QString, Awaited> m_awaited;   // primary MAC -> since its packet went
    QSet<QString> m_inRun;               // every MAC of this run
    int m_batch = 0;
    int m_sent = 0;
    int m_woken = 0;
    int m_failed = 0;
    QString m_lastError;
};

} // namespace Nbc

Q_DECLARE_METATYPE(Nbc::WakeScheduler::Progress)
