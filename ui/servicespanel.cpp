#include "servicespanel.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QFrame>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Nbc::Ui {

namespace {

constexpr int kEngineRole = Qt::UserRole + 1;

QString iconPath(EngineStatus::State state)
{
    switch (state) {
    case EngineStatus::State::Running: return QStringLiteral(":/icons/engine-running.svg");
    case EngineStatus::State::Stopped: return QStringLiteral(":/icons/engine-stopped.svg");
    case EngineStatus::State::Failed: return QStringLiteral(":/icons/engine-failed.svg");
    }
    return {};
}

} // namespace

ServicesPanel::ServicesPanel(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_problem(new QLabel(this))
    , m_failure(new QFrame(this))
    , m_error(new QLabel(m_failure))
    , m_fix(new QLabel(m_failure))
    , m_command(new QLabel(m_failure))
    , m_copyCommand(new QPushButton(tr("&Copy command"), m_failure))
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

    // A failure is what a person must act on: above the list, framed, with the command.
    m_failure->setObjectName(QStringLiteral("engineFailure"));
    m_failure->setStyleSheet(QStringLiteral(
        "QFrame#engineFailure { background: #fdedec; border: 1px solid #c0392b; border-radius: 4px; }"
        "QFrame#engineFailure QLabel { color: #641e16; background: transparent; border: none; }"
        "QFrame#engineFailure QLabel#engineCommand { background: #ffffff; color: #17202a;"
        " border: 1px solid #d5d8dc; border-radius: 3px; padding: 3px; }"));
    auto *failureLayout = new QVBoxLayout(m_failure);
    failureLayout->setContentsMargins(6, 6, 6, 6);
    failureLayout->setSpacing(4);
    m_error->setObjectName(QStringLiteral("engineError"));
    QFont bold = m_error->font();
    bold.setBold(true);
    m_error->setFont(bold);
    m_fix->setObjectName(QStringLiteral("engineFix"));
    m_command->setObjectName(QStringLiteral("engineCommand"));
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    for (QLabel *label : {m_error, m_fix, m_command}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        failureLayout->addWidget(label);
    }
    m_copyCommand->setObjectName(QStringLiteral("copyCommand"));
    m_copyCommand->setToolTip(tr("Copy the command to the clipboard, then paste it into a terminal"));
    failureLayout->addWidget(m_copyCommand, 0, Qt::AlignLeft);
    m_failure->hide();
    layout->addWidget(m_failure);

    m_tree->setObjectName(QStringLiteral("servicesTree"));
    m_tree->setColumnCount(1);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(false);
    m_tree->setAlternatingRowColors(true);   // tells one engine's lines from the next
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->setExpandsOnDoubleClick(true);
    const int icon = m_tree->fontMetrics().height() * 3 / 2;
    m_tree->setIconSize(QSize(icon, icon));
    m_tree->setToolTip(tr("Expand a service to see all of its counters"));
    layout->addWidget(m_tree, 1);

    // Fixed order, so the panel does not jump as engines report.
    const QStringList engines{QStringLiteral("dhcp-proxy"), QStringLiteral("tftp"), QStringLiteral("http"),
                              QStringLiteral("logs")};
    for (const QString &engine : engines) {
        EngineStatus status;
        status.engine = engine;
        updateStatus(status);
    }
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &ServicesPanel::showDetails);
    connect(m_copyCommand, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_command->text()); });
}

QString ServicesPanel::engineTitle(const QString &engine)
{
    if (engine == QLatin1String("dhcp-proxy"))
        return tr("DHCP (PXE)");
    if (engine == QLatin1String("dhcp") || engine == QLatin1String("dhcp-server"))
        return tr("DHCP (full)");
    if (engine == QLatin1String("tftp"))
        return tr("TFTP");
    if (engine == QLatin1String("http"))
        return tr("HTTP");
    if (engine == QLatin1String("logs"))
        return tr("Talos logs");
    if (engine == QLatin1String("registry"))
        return tr("Machines");
    return engine;
}

QString ServicesPanel::stateText(EngineStatus::State state)
{
    switch (state) {
    case EngineStatus::State::Running: return tr("Running", "service state");
    case EngineStatus::State::Stopped: return tr("Stopped", "service state");
    case EngineStatus::State::Failed: return tr("Failed", "service state");
    }
    return {};
}

QString ServicesPanel::activityText(const QMap<QString, quint64> &counters)
{
    quint64 dropped = 0;
    for (auto it = counters.cbegin(); it != counters.cend(); ++it) {
        if (it.key().startsWith(QLatin1String("dropped:")))
            dropped += it.value();
    }
    return tr("served %1 · dropped %2").arg(counters.value(QStringLiteral("served"))).arg(dropped);
}

QString ServicesPanel::counterName(const QString &key)
{
    if (key.startsWith(QLatin1String("dropped:")))
        return tr("dropped (%1)").arg(key.mid(8));
    if (key == QLatin1String("served"))
        return tr("served");
    if (key == QLatin1String("received"))
        return tr("received");
    if (key == QLatin1String("ignored:unknown-machine"))
        return tr("ignored (no DHCP of that machine seen)");
    if (key.startsWith(QLatin1String("refused:")))
        return tr("refused (%1)").arg(key.mid(8));
    if (key == QLatin1String("evicted"))
        return tr("evicted (never got past Discovered)");
    return key;
}

QString ServicesPanel::commandIn(const QString &fix)
{
    // The engines' fixes run a command through sudo; it ends at an unquoted ';' or at
    // the end of the sentence.
    const qsizetype start = fix.indexOf(QLatin1String("sudo "));
    if (start < 0)
        return {};
    bool quoted = false;
    qsizetype end = start;
    for (; end < fix.size(); ++end) {
        const QChar c = fix.at(end);
        if (c == u'\'')
            quoted = !quoted;
        else if (c == u';' && !quoted)
            break;
    }
    QString command = fix.mid(start, end - start).trimmed();
    if (end == fix.size() && command.endsWith(u'.') && !quoted)
        command.chop(1);
    return command;
}

void ServicesPanel::fillCounters(QTreeWidgetItem *item, const QMap<QString, quint64> &counters)
{
    // Children are reused: the list is rebuilt twice a second at most, and an expanded
    // engine stays expanded.
    int i = 0;
    for (auto it = counters.cbegin(); it != counters.cend(); ++it, ++i) {
        QTreeWidgetItem *child = i < item->childCount() ? item->child(i) : new QTreeWidgetItem(item);
        child->setText(0, tr("%1: %2").arg(counterName(it.key())).arg(it.value()));
    }
    while (item->childCount() > i)
        delete item->takeChild(item->childCount() - 1);
}

void ServicesPanel::updateStatus(const EngineStatus &status)
{
    m_status.insert(status.engine, status);
    QTreeWidgetItem *item = m_items.value(status.engine);
    if (!item) {
        item = new QTreeWidgetItem(m_tree);
        item->setData(0, kEngineRole, status.engine);
        m_items.insert(status.engine, item);
    }
    // An engine with nothing to serve in this mode is grey, not green.
    const bool idle = status.state == EngineStatus::State::Running && status.idle;
    item->setIcon(0, QIcon(iconPath(idle ? EngineStatus::State::Stopped : status.state)));
    // Short lines, each whole in a narrow dock: the item delegate draws a line break as one.
    QStringList lines{idle ? tr("%1 — %2").arg(engineTitle(status.engine), status.address)
                           : tr("%1 — %2").arg(engineTitle(status.engine), stateText(status.state))};
    item->setForeground(0, idle ? m_tree->palette().brush(QPalette::Disabled, QPalette::Text)
                                : m_tree->palette().brush(QPalette::Text));
    switch (status.state) {
    case EngineStatus::State::Running:
        if (status.engine == QLatin1String("registry")) {
            quint64 refused = 0;
            for (auto it = status.counters.cbegin(); it != status.counters.cend(); ++it) {
                if (it.key().startsWith(QLatin1String("refused:")))
                    refused += it.value();
            }
            lines << status.address
                  << tr("ignored %1 · refused %2 · evicted %3")
                         .arg(status.counters.value(QStringLiteral("ignored:unknown-machine")))
                         .arg(refused)
                         .arg(status.counters.value(QStringLiteral("evicted")));
        } else if (!idle) {
            lines << status.address << activityText(status.counters);
        }
        break;
    case EngineStatus::State::Stopped:
        lines << (status.counters.isEmpty() ? tr("not listening") : activityText(status.counters));
        break;
    case EngineStatus::State::Failed:
        lines << tr("cannot start: see above");
        break;
    }
    item->setText(0, lines.join(u'\n'));
    QFont font = m_tree->font();
    font.setBold(status.state == EngineStatus::State::Failed);
    item->setFont(0, font);
    fillCounters(item, status.counters);

    QStringList tip;
    if (!status.error.isEmpty())
        tip << status.error;
    if (!status.address.isEmpty())
        tip << tr("Address: %1").arg(status.address);
    for (auto it = status.counters.cbegin(); it != status.counters.cend(); ++it)
        tip << tr("%1: %2").arg(counterName(it.key())).arg(it.value());
    item->setToolTip(0, tip.join(u'\n'));
    if (status.state == EngineStatus::State::Failed && !m_tree->currentItem())
        m_tree->setCurrentItem(item);
    showDetails();
}

void ServicesPanel::showDetails()
{
    // The selected engine's problem, or else the first failed one's.
    const EngineStatus *shown = nullptr;
    if (QTreeWidgetItem *current = m_tree->currentItem()) {
        const QTreeWidgetItem *top = current->parent() ? current->parent() : current;
        const QString engine = top->data(0, kEngineRole).toString();
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
    m_failure->setVisible(shown);
    if (!shown)
        return;
    m_error->setText(tr("%1 cannot start: %2").arg(engineTitle(shown->engine), shown->error));
    m_fix->setText(shown->fix);
    m_fix->setVisible(!shown->fix.isEmpty());
    const QString command = commandIn(shown->fix);
    m_command->setText(command);
    m_command->setVisible(!command.isEmpty());
    m_copyCommand->setVisible(!command.isEmpty());
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
        text += QStringLiteral("<br><br>") + tr("Available interfaces:").toHtmlEscaped()
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
