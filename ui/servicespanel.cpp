#include "servicespanel.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Nbc::Ui {

namespace {

enum Column { NameColumn, StateColumn, AddressColumn, ServedColumn, DroppedColumn, ColumnCount };

} // namespace

ServicesPanel::ServicesPanel(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_problem(new QLabel(this))
    , m_error(new QLabel(this))
    , m_fix(new QLabel(this))
    , m_copyFix(new QPushButton(tr("Copy command"), this))
{
    setObjectName(QStringLiteral("servicesPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    m_problem->setObjectName(QStringLiteral("sessionProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setStyleSheet(QStringLiteral("QLabel { background: #fdebd0; color: #6e2c00; padding: 6px; border-radius: 4px; }"));
    m_problem->hide();
    layout->addWidget(m_problem);

    m_tree->setObjectName(QStringLiteral("servicesTree"));
    m_tree->setRootIsDecorated(false);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Service"), tr("State"), tr("Address"), tr("Served"), tr("Dropped")});
    m_tree->header()->setStretchLastSection(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    layout->addWidget(m_tree, 1);

    m_error->setObjectName(QStringLiteral("engineError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fix->setObjectName(QStringLiteral("engineFix"));
    m_fix->setWordWrap(true);
    m_fix->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fix->setStyleSheet(QStringLiteral("QLabel { font-family: monospace; background: palette(base); padding: 4px; }"));
    layout->addWidget(m_error);
    layout->addWidget(m_fix);
    layout->addWidget(m_copyFix, 0, Qt::AlignLeft);
    m_error->hide();
    m_fix->hide();
    m_copyFix->hide();

    // Fixed order, so the panel does not jump as engines report.
    const QStringList engines{QStringLiteral("dhcp-proxy"), QStringLiteral("tftp"), QStringLiteral("http"),
                              QStringLiteral("logs")};
    for (const QString &engine : engines) {
        EngineStatus status;
        status.engine = engine;
        updateStatus(status);
    }
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &ServicesPanel::showDetails);
    connect(m_copyFix, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_fix->text()); });
}

QString ServicesPanel::engineTitle(const QString &engine)
{
    if (engine == QLatin1String("dhcp-proxy"))
        return tr("DHCP (PXE)");
    if (engine == QLatin1String("dhcp"))
        return tr("DHCP");
    if (engine == QLatin1String("tftp"))
        return tr("TFTP");
    if (engine == QLatin1String("http"))
        return tr("HTTP");
    if (engine == QLatin1String("logs"))
        return tr("Talos logs");
    return engine;
}

QString ServicesPanel::countersText(const QMap<QString, quint64> &counters, bool dropped)
{
    if (!dropped)
        return QString::number(counters.value(QStringLiteral("served")));
    quint64 total = 0;
    QStringList reasons;
    for (auto it = counters.cbegin(); it != counters.cend(); ++it) {
        if (!it.key().startsWith(QLatin1String("dropped:")))
            continue;
        total += it.value();
        reasons << QStringLiteral("%1 %2").arg(it.value()).arg(it.key().mid(8));
    }
    if (reasons.isEmpty())
        return QStringLiteral("0");
    return QStringLiteral("%1 (%2)").arg(total).arg(reasons.join(QLatin1String(", ")));
}

void ServicesPanel::updateStatus(const EngineStatus &status)
{
    m_status.insert(status.engine, status);
    QTreeWidgetItem *item = m_items.value(status.engine);
    if (!item) {
        item = new QTreeWidgetItem(m_tree);
        m_items.insert(status.engine, item);
    }
    item->setText(NameColumn, engineTitle(status.engine));
    switch (status.state) {
    case EngineStatus::State::Running:
        item->setIcon(StateColumn, QIcon(QStringLiteral(":/icons/engine-running.svg")));
        item->setText(StateColumn, tr("Running"));
        break;
    case EngineStatus::State::Stopped:
        item->setIcon(StateColumn, QIcon(QStringLiteral(":/icons/engine-stopped.svg")));
        item->setText(StateColumn, tr("Stopped"));
        break;
    case EngineStatus::State::Failed:
        item->setIcon(StateColumn, QIcon(QStringLiteral(":/icons/engine-failed.svg")));
        item->setText(StateColumn, tr("Failed"));
        break;
    }
    item->setText(AddressColumn, status.address);
    item->setText(ServedColumn, countersText(status.counters, false));
    item->setText(DroppedColumn, countersText(status.counters, true));
    QStringList tip;
    for (auto it = status.counters.cbegin(); it != status.counters.cend(); ++it)
        tip << QStringLiteral("%1: %2").arg(it.key()).arg(it.value());
    if (!status.error.isEmpty())
        tip.prepend(status.error);
    for (int c = 0; c < ColumnCount; ++c)
        item->setToolTip(c, tip.join(u'\n'));
    if (status.state == EngineStatus::State::Failed && !m_tree->currentItem())
        m_tree->setCurrentItem(item);
    showDetails();
}

void ServicesPanel::showDetails()
{
    // The selected engine's problem, or else the first failed one's.
    const EngineStatus *shown = nullptr;
    if (QTreeWidgetItem *current = m_tree->currentItem()) {
        const QString engine = m_items.key(current);
        if (m_status.value(engine).state == EngineStatus::State::Failed)
            shown = &m_status[engine];
    }
    if (!shown) {
        for (auto it = m_status.cbegin(); it != m_status.cend(); ++it) {
            if (it->state == EngineStatus::State::Failed) {
                shown = &it.value();
                break;
            }
        }
    }
    m_error->setVisible(shown);
    m_fix->setVisible(shown && !shown->fix.isEmpty());
    m_copyFix->setVisible(shown && !shown->fix.isEmpty());
    if (!shown)
        return;
    m_error->setText(tr("%1: %2").arg(engineTitle(shown->engine), shown->error));
    m_fix->setText(shown->fix);
}

void ServicesPanel::setSessionProblem(const QString &problem, const QStringList &interfaces)
{
    if (problem.isEmpty()) {
        m_problem->hide();
        m_problem->clear();
        return;
    }
    QString text = problem.toHtmlEscaped();
    if (!interfaces.isEmpty()) {
        text += QStringLiteral("<br><br>") + tr("Pick one in the toolbar's interface list:").toHtmlEscaped()
              + QStringLiteral("<ul>");
        for (const QString &iface : interfaces)
            text += QStringLiteral("<li>%1</li>").arg(iface.toHtmlEscaped());
        text += QStringLiteral("</ul>");
    }
    m_problem->setText(text);
    m_problem->show();
}

QString ServicesPanel::sessionProblem() const
{
    return m_problem->isVisible() || !m_problem->text().isEmpty() ? m_problem->text() : QString();
}

QStringList ServicesPanel::fixes() const
{
    QStringList list;
    for (const EngineStatus &status : m_status) {
        if (status.state == EngineStatus::State::Failed && !status.fix.isEmpty())
            list << status.fix;
    }
    return list;
}

} // namespace Nbc::Ui
