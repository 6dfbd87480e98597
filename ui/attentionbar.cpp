#include "attentionbar.h"

#include "engine/servicehost.h"
#include "inventory/machineregistry.h"
#include "session/consolesession.h"
#include "session/rogueguard.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QTcpServer>
#include <QTimer>
#include <QVBoxLayout>

namespace Nbc::Ui {

namespace {

QFrame *strip(QWidget *parent, const QString &objectName, const char *colour)
{
    auto *frame = new QFrame(parent);
    frame->setObjectName(objectName);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setAutoFillBackground(true);
    QPalette palette = frame->palette();
    palette.setColor(QPalette::Window, QColor(QLatin1String(colour)));
    palette.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    frame->setPalette(palette);
    return frame;
}

} // namespace

AttentionBar::AttentionBar(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_refresh(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *banner = strip(this, QStringLiteral("consoleBanner"), "#f9e2ae");
    auto *bannerLayout = new QHBoxLayout(banner);
    bannerLayout->setContentsMargins(8, 4, 8, 4);
    auto *icon = new QLabel(banner);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/attention.svg")).pixmap(20, 20));
    m_bannerText = new QLabel(banner);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_start = new QPushButton(tr("&Start services"), banner);
    m_start->setObjectName(QStringLiteral("bannerStart"));
    m_port = new QPushButton(banner);
    m_port->setObjectName(QStringLiteral("bannerPort"));
    bannerLayout->addWidget(icon);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_port);
    bannerLayout->addWidget(m_start);
    m_banner = banner;
    layout->addWidget(banner);

    // Refused neighbours: not the machines' problem, so not red; named so nobody wonders
    // why a counter climbs.
    auto *neighbours = strip(this, QStringLiteral("neighbourBanner"), "#e4ecf7");
    auto *neighbourLayout = new QHBoxLayout(neighbours);
    neighbourLayout->setContentsMargins(8, 2, 8, 2);
    auto *shield = new QLabel(neighbours);
    shield->setPixmap(QIcon(QStringLiteral(":/icons/attention.svg")).pixmap(16, 16));
    m_neighbourText = new QLabel(neighbours);
    m_neighbourText->setWordWrap(true);
    m_neighbourText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    neighbourLayout->addWidget(shield);
    neighbourLayout->addWidget(m_neighbourText, 1);
    m_neighbourBanner = neighbours;
    neighbours->hide();
    layout->addWidget(neighbours);

    // Another DHCP server on a segment the console serves in full mode: machines may take
    // its address and never reach the console. Red: it breaks boots.
    auto *rogue = strip(this, QStringLiteral("rogueDhcpBanner"), "#f6c9c0");
    auto *rogueLayout = new QHBoxLayout(rogue);
    rogueLayout->setContentsMargins(8, 4, 8, 4);
    auto *rogueIcon = new QLabel(rogue);
    rogueIcon->setPixmap(QIcon(QStringLiteral(":/icons/attention.svg")).pixmap(20, 20));
    m_rogueText = new QLabel(rogue);
    m_rogueText->setWordWrap(true);
    m_rogueText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pxeOnly = new QPushButton(tr("Answer &PXE clients only"), rogue);
    m_pxeOnly->setObjectName(QStringLiteral("rogueDhcpPxeOnly"));
    m_pxeOnly->setToolTip(tr("While another DHCP server answers, give addresses only to machines that network-boot "
                             "(saved in netboot.yaml as onRogueDhcp: pxe-only)"));
    rogueLayout->addWidget(rogueIcon);
    rogueLayout->addWidget(m_rogueText, 1);
    rogueLayout->addWidget(m_pxeOnly);
    m_rogueBanner = rogue;
    rogue->hide();
    layout->addWidget(rogue);
    connect(m_pxeOnly, &QPushButton::clicked, this, [this] {
        QString error;
        if (!m_session->setRogueDhcpPolicy(RogueDhcpPolicy::PxeOnly, &error)) {
            Q_EMIT message(tr("Not saved: %1").arg(error));
            return;
        }
        Q_EMIT message(tr("onRogueDhcp: pxe-only saved: while the other server answers, only booting machines get addresses."));
        refresh();
    });

    m_groups = new QWidget(this);
    m_groupLayout = new QVBoxLayout(m_groups);
    m_groupLayout->setContentsMargins(0, 0, 0, 0);
    m_groupLayout->setSpacing(2);
    layout->addWidget(m_groups);

    connect(m_start, &QPushButton::clicked, this, &AttentionBar::startServices);
    connect(m_port, &QPushButton::clicked, this, [this] { useFreePort(m_portEngine); });
    m_refresh->setSingleShot(true);
    m_refresh->setInterval(500);
    connect(m_refresh, &QTimer::timeout, this, &AttentionBar::refresh);
    auto later = [this] {
        if (!m_refresh->isActive())
            m_refresh->start();
    };
    connect(session->registry(), &MachineRegistry::machinesChanged, this, later);
    connect(session->registry(), &MachineRegistry::machineRemoved, this, later);
    connect(session->services(), &ServiceHost::statusChanged, this, later);
    connect(session->neighbours(), &NeighbourWatch::changed, this, later);
    connect(session->rogueGuard(), &RogueGuard::changed, this, later);
    connect(session, &ConsoleSession::workspaceReloaded, this, later);
    // Old refusals leave the warning even when nothing else happens.
    auto *age = new QTimer(this);
    age->setInterval(15000);
    connect(age, &QTimer::timeout, this, later);
    age->start();
    refresh();
}

QString AttentionBar::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_bannerText->text();
}

QString AttentionBar::neighbourText() const
{
    return m_neighbourBanner->isHidden() ? QString() : m_neighbourText->text();
}

QString AttentionBar::rogueText() const
{
    return m_rogueBanner->isHidden() ? QString() : m_rogueText->text();
}

QStringList AttentionBar::groupTexts() const
{
    return m_groupTexts;
}

void AttentionBar::refresh()
{
    const MachineRegistry *registry = m_session->registry();
    const QString problem = registry->consoleProblem();
    // Failed engines: Retry; a port in use by someone else: offer a free one for HTTP and logs.
    QString failedEngine;
    for (const EngineStatus &status : m_session->engineStatuses()) {
        if (status.state == EngineStatus::State::Failed && failedEngine.isEmpty())
            failedEngine = status.engine;
    }
    m_banner->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        int booting = 0;
        for (const Machine &m : registry->machines()) {
            if (m.live && (m.downloading || m.overdue || m.stage == Stage::Stalled))
                ++booting;
        }
        m_bannerText->setText(booting == 0 ? problem
                              : booting == 1 ? tr("%1 A machine waits for it.").arg(problem)
                                             : tr("%1 %n machines wait for it.", nullptr, booting).arg(problem));
        m_start->setText(failedEngine.isEmpty() ? tr("&Start services") : tr("&Retry"));
        m_portEngine = (failedEngine == QLatin1String("http") || failedEngine == QLatin1String("logs")) ? failedEngine
                                                                                                          : QString();
        m_port->setVisible(!m_portEngine.isEmpty());
        if (!m_portEngine.isEmpty())
            m_port->setText(tr("Use a free port for %1").arg(m_portEngine == QLatin1String("http") ? tr("HTTP") : tr("logs")));
    }

    const QString neighbours = m_session->neighbours()->warning();
    m_neighbourBanner->setVisible(!neighbours.isEmpty());
    if (!neighbours.isEmpty()) {
        m_neighbourText->setText(neighbours);
        QStringList details;
        for (const NeighbourWatch::Entry &entry : m_session->neighbours()->entries().mid(0, 12))
            details << tr("%1 (%2): %3 × %4")
                           .arg(entry.address.toString(), entry.engine,
                                NeighbourWatch::describe(entry.engine, entry.reason))
                           .arg(entry.count);
        m_neighbourText->setToolTip(details.join(u'\n'));
    }

    const RogueGuard *guard = m_session->rogueGuard();
    const QString rogue = guard->warning();
    m_rogueBanner->setVisible(!rogue.isEmpty());
    if (!rogue.isEmpty()) {
        const bool pxeOnly = m_session->workspace().settings().onRogueDhcp == RogueDhcpPolicy::PxeOnly;
        m_rogueText->setText(pxeOnly ? tr("%1 Until it is gone the console gives addresses only to machines that "
                                          "network-boot.").arg(rogue)
                                     : rogue);
        m_pxeOnly->setVisible(!pxeOnly);
        QStringList details;
        for (const RogueGuard::Server &server : guard->servers())
            details << tr("%1: %2").arg(server.address.toString(), server.detail);
        m_rogueText->setToolTip(details.join(u'\n'));
    }

    // One line per shared cause.
    const QList<MachineRegistry::CauseGroup> groups = registry->causeGroups(2);
    QStringList texts;
    for (const MachineRegistry::CauseGroup &g : groups.mid(0, kMaxGroups))
        texts << tr("%n machines: %1", nullptr, int(g.macs.size())).arg(g.cause);   // groups have two or more
    if (texts == m_groupTexts)
        return;
    m_groupTexts = texts;
    while (QLayoutItem *item = m_groupLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int i = 0; i < texts.size(); ++i) {
        auto *line = strip(m_groups, QStringLiteral("causeGroup%1").arg(i), "#fde8e4");
        auto *lineLayout = new QHBoxLayout(line);
        lineLayout->setContentsMargins(8, 2, 8, 2);
        auto *label = new QLabel(texts.at(i), line);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *select = new QPushButton(tr("Select them"), line);
        select->setObjectName(QStringLiteral("selectCause%1").arg(i));
        const QStringList macs = groups.at(i).macs;
        connect(select, &QPushButton::clicked, this, [this, macs] { Q_EMIT selectMachines(macs); });
        lineLayout->addWidget(label, 1);
        lineLayout->addWidget(select);
        m_groupLayout->addWidget(line);
    }
    m_groups->setVisible(!texts.isEmpty());
}

void AttentionBar::useFreePort(const QString &engine)
{
    const BootSnapshot snapshot = m_session->snapshot();
    quint16 taken = engine == QLatin1String("http") ? snapshot.ports.http : snapshot.ports.logs;
    quint16 free = 0;
    for (int port = qMax(1025, taken + 1); port < 65535 && !free; ++port) {
        QTcpServer probe;
        if (probe.listen(snapshot.serverAddress, quint16(port)))
            free = quint16(port);
    }
    if (!free) {
        Q_EMIT message(tr("No free port was found above %1.").arg(taken));
        return;
    }
    WorkspaceSettings &settings = m_session->workspace().settings();
    if (engine == QLatin1String("http"))
        settings.ports.http = free;
    else
        settings.ports.logs = free;
    QString error;
    if (!m_session->saveWorkspace(&error)) {
        Q_EMIT message(tr("Not saved: %1").arg(error));
        return;
    }
    m_session->stopServices();
    m_session->startServices();
    Q_EMIT message(tr("The %1 service now uses port %2 (saved in netboot.yaml).").arg(engine).arg(free));
}

} // namespace Nbc::Ui
