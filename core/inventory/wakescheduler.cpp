#include "inventory/wakescheduler.h"

#include "inventory/machineregistry.h"

#include <QTimer>
#include <QUdpSocket>

namespace Nbc {

WakeScheduler::WakeScheduler(MachineRegistry *registry, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_timeout(new QTimer(this))
{
    qRegisterMetaType<Nbc::WakeScheduler::Progress>();
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, &WakeScheduler::sendNextBatch);
    connect(m_registry, &MachineRegistry::eventResolved, this, &WakeScheduler::eventResolved);
    connect(m_registry, &MachineRegistry::stageChanged, this,
            [this](const QString &mac, Stage stage, const QString &) { stageChanged(mac, stage); });
}

WakeScheduler::~WakeScheduler() = default;

void WakeScheduler::setBatchSize(int machines)
{
    m_batchSize = qMax(1, machines);
    if (m_running)
        announce();   // the number of batches changed
}

void WakeScheduler::setBatchTimeoutMs(int ms)
{
    m_batchTimeoutMs = qMax(1, ms);
}

WakeScheduler::Progress WakeScheduler::progress() const
{
    Progress p;
    p.total = int(m_inRun.size());
    p.sent = m_sent;
    p.woken = m_woken;
    p.failed = m_failed;
    p.batch = m_batch;
    p.batches = m_batch + int((m_queue.size() + m_batchSize - 1) / m_batchSize);
    p.running = m_running;
    p.cancelled = m_cancelled;
    return p;
}

QString WakeScheduler::describe(const Progress &p)
{
    if (p.running) {
        const QString what = p.total == 1 ? tr("Waking one machine") : tr("Waking %n machines", nullptr, p.total);
        return tr("%1: batch %2 of %3, %4 woken").arg(what).arg(p.batch).arg(p.batches).arg(p.woken);
    }
    if (p.cancelled)
        return tr("Cancelled: %1 of %n machines were sent a packet, %2 woken.", nullptr, p.total).arg(p.sent).arg(p.woken);
    if (p.failed > 0)
        return tr("Done: %1 of %n machines were sent a packet (%2 could not be sent), %3 woken.", nullptr, p.total)
            .arg(p.sent)
            .arg(p.failed)
            .arg(p.woken);
    return p.batch == 1 ? tr("Done: %1 of %n machines woken, in one batch.", nullptr, p.total).arg(p.woken)
                        : tr("Done: %1 of %2 machines woken, in %n batches.", nullptr, p.batch).arg(p.woken).arg(p.total);
}

int WakeScheduler::wake(const QStringList &macs)
{
    if (!m_running) {
        // A new run.
        m_queue.clear();
        m_awaited.clear();
        m_inRun.clear();
        m_batch = m_sent = m_woken = m_failed = 0;
        m_cancelled = false;
        m_advancing = false;
        m_lastError.clear();
    }
    int queued = 0;
    for (const QString &text : macs) {
        const QString mac = normalizeMac(text);
        if (mac.isEmpty() || m_inRun.contains(mac))
            continue;
        m_inRun.insert(mac);
        m_queue.append(mac);
        ++queued;
    }
    if (queued == 0)
        return 0;
    if (!m_running) {
        m_running = true;
        sendNextBatch();
    } else {
        announce();
    }
    return queued;
}

void WakeScheduler::cancel()
{
    if (!m_running)
        return;
    m_queue.clear();
    finish(true);
}

void WakeScheduler::sendNextBatch()
{
    m_advancing = false;
    m_timeout->stop();
    if (!m_running)
        return;
    if (m_queue.isEmpty()) {
        finish(false);
        return;
    }
    const QStringList batch = m_queue.mid(0, m_batchSize);
    m_queue.remove(0, batch.size());
    ++m_batch;
    QUdpSocket socket;
    if (!m_target.from.isNull())
        socket.bind(m_target.from, 0);
    for (const QString &mac : batch) {
        const QByteArray packet = wakeOnLanPacket(mac);
        // Events name a machine by its first MAC; a packet to another NIC of it waits on that.
        Awaited &machine = m_awaited[m_registry->primaryMac(mac)];
        machine = Awaited{};
        machine.batch = m_batch;
        if (socket.writeDatagram(packet, m_target.address, m_target.port) == packet.size()) {
            ++m_sent;
        } else {
            ++m_failed;
            m_lastError = socket.errorString();
            machine.settled = true;
        }
    }
    m_timeout->start(m_batchTimeoutMs);
    Q_EMIT batchSent(m_batch, batch);
    announce();
    batchMaybeDone();   // every packet of it may have failed
}

void WakeScheduler::markWoken(Awaited &machine)
{
    if (machine.woken)
        return;
    machine.woken = true;
    machine.settled = true;
    ++m_woken;
    announce();
    batchMaybeDone();
}

void WakeScheduler::eventResolved(const MachineEvent &event, Stage)
{
    if (!m_running || event.kind != EventKind::HttpDone || event.failure != FailureCode::None)
        return;
    const auto it = m_awaited.find(event.mac);
    if (it == m_awaited.end())
        return;
    if (event.artifact == ArtifactKind::Kernel)
        it->kernel = true;
    else if (event.artifact == ArtifactKind::Initramfs)
        it->initramfs = true;
    if (it->kernel && it->initramfs)
        markWoken(*it);
}

void WakeScheduler::stageChanged(const QString &mac, Stage stage)
{
    if (!m_running)
        return;
    const auto it = m_awaited.find(mac);
    if (it == m_awaited.end())
        return;
    switch (stage) {
    case Stage::Config:
    case Stage::Installing:
    case Stage::Joined:
    case Stage::Installed:
        // Past its downloads, or sent to its disk: awake either way.
        markWoken(*it);
        break;
    case Stage::Waiting:
    case Stage::Failed:
        // It will not download until someone acts: no reason to hold the next batch.
        if (!it->settled) {
            it->settled = true;
            batchMaybeDone();
        }
        break;
    default:
        break;
    }
}

void WakeScheduler::batchMaybeDone()
{
    if (!m_running || m_advancing)
        return;
    for (const Awaited &machine : std::as_const(m_awaited)) {
        if (machine.batch == m_batch && !machine.settled)
            return;
    }
    // Queued, so that the registry signal that completed the batch returns first.
    m_advancing = true;
    m_timeout->stop();
    const int batch = m_batch;
    QMetaObject::invokeMethod(
        this,
        [this, batch] {
            if (m_advancing && batch == m_batch)
                sendNextBatch();
        },
        Qt::QueuedConnection);
}

void WakeScheduler::finish(bool cancelled)
{
    m_timeout->stop();
    m_running = false;
    m_cancelled = cancelled;
    const Progress p = progress();
    Q_EMIT progressChanged(p);
    Q_EMIT finished(p);
}

void WakeScheduler::announce()
{
    Q_EMIT progressChanged(progress());
}

} // namespace Nbc
