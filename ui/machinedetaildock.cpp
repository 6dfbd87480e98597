#include "machinedetaildock.h"

#include "machinetablemodel.h"
#include "stagestyle.h"

#include "boot/httproute.h"
#include "session/consolesession.h"
#include "inventory/machineregistry.h"
#include "inventory/ouidatabase.h"
#include "talos/configrenderer.h"
#include "talos/linediff.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedLayout>
#include <QTabBar>
#include <QTabWidget>
#include <QTextBlock>
#include <QTextCursor>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Nbc::Ui {

namespace {

QString durationText(qint64 ms)
{
    if (ms < 0)
        return {};
    const qint64 s = ms / 1000;
    if (s < 60)
        return QCoreApplication::translate("MachineDetailDock", "%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    if (s < 3600)
        return QStringLiteral("%1:%2 min").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2 h").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0'));
}

QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    // A long value wraps; it never widens the dock (and squeezes the table).
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    label->setMinimumWidth(40);
    return label;
}

} // namespace

MachineDetailDock::MachineDetailDock(ConsoleSession *session, QWidget *parent)
    : QDockWidget(tr("Machine"), parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("machineDetailDock"));
    auto *outer = new QWidget(this);
    auto *stack = new QStackedLayout(outer);

    m_empty = new QLabel(tr("Select a machine in the table to see its details."), outer);
    static_cast<QLabel *>(m_empty)->setAlignment(Qt::AlignCenter);
    static_cast<QLabel *>(m_empty)->setWordWrap(true);
    stack->addWidget(m_empty);

    m_content = new QWidget(outer);
    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(4, 4, 4, 4);
    m_selection = new QLabel(m_content);
    m_selection->setObjectName(QStringLiteral("selectionSummary"));
    m_selection->setWordWrap(true);
    m_selection->setStyleSheet(QStringLiteral("QLabel { background: #eaf2f8; padding: 4px; border-radius: 4px; }"));
    m_selection->hide();
    layout->addWidget(m_selection);
    m_title = new QLabel(m_content);
    m_title->setTextFormat(Qt::RichText);
    // Wraps, so a long stage ("Stalled in Loading iPXE") never widens the dock and
    // squeezes the machine table.
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_hint = new QLabel(m_content);
    m_hint->setObjectName(QStringLiteral("machineHint"));
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->setStyleSheet(QStringLiteral("QLabel { background: #fef5e7; color: #6e2c00; padding: 6px; border-radius: 4px; }"));
    layout->addWidget(m_hint);

    m_tabs = new QTabWidget(m_content);
    layout->addWidget(m_tabs, 1);

    // Machine: facts and per-machine values.
    auto *factsPage = new QWidget(m_tabs);
    auto *factsLayout = new QVBoxLayout(factsPage);
    m_facts = new QFormLayout;
    m_facts->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    factsLayout->addLayout(m_facts);
    auto *values = new QFormLayout;
    m_hostname = new QLineEdit(factsPage);
    m_hostname->setObjectName(QStringLiteral("hostnameEdit"));
    m_hostname->setPlaceholderText(tr("as in the config"));
    m_installDisk = new QLineEdit(factsPage);
    m_installDisk->setObjectName(QStringLiteral("installDiskEdit"));
    m_installDisk->setPlaceholderText(tr("as in the config, e.g. /dev/sda"));
    values->addRow(tr("&Hostname:"), m_hostname);
    values->addRow(tr("Install &disk:"), m_installDisk);
    factsLayout->addLayout(values);
    auto *saveRow = new QHBoxLayout;
    m_saveValues = new QPushButton(tr("&Save values"), factsPage);
    m_saveValues->setObjectName(QStringLiteral("saveValues"));
    m_valuesMessage = new QLabel(factsPage);
    m_valuesMessage->setWordWrap(true);
    saveRow->addWidget(m_saveValues);
    saveRow->addWidget(m_valuesMessage, 1);
    factsLayout->addLayout(saveRow);
    factsLayout->addStretch(1);
    m_tabs->addTab(factsPage, tr("Facts"));
    connect(m_saveValues, &QPushButton::clicked, this, &MachineDetailDock::saveValues);
    connect(m_hostname, &QLineEdit::returnPressed, this, &MachineDetailDock::saveValues);
    connect(m_installDisk, &QLineEdit::returnPressed, this, &MachineDetailDock::saveValues);

    // Timeline.
    m_timeline = new QTreeWidget(m_tabs);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setRootIsDecorated(false);
    m_timeline->setUniformRowHeights(true);
    m_timeline->setHeaderLabels({tr("Stage"), tr("Time"), tr("Duration"), tr("Detail")});
    m_tabs->addTab(m_timeline, tr("Timeline"));

    // Log.
    auto *logPage = new QWidget(m_tabs);
    auto *logLayout = new QVBoxLayout(logPage);
    auto *logBar = new QHBoxLayout;
    m_logFilter = new QLineEdit(logPage);
    m_logFilter->setObjectName(QStringLiteral("logFilter"));
    m_logFilter->setPlaceholderText(tr("Filter the log (service or text)"));
    m_logFilter->setClearButtonEnabled(true);
    m_pauseLog = new QCheckBox(tr("&Pause"), logPage);
    m_pauseLog->setObjectName(QStringLiteral("pauseLog"));
    logBar->addWidget(m_logFilter, 1);
    logBar->addWidget(m_pauseLog);
    logLayout->addLayout(logBar);
    m_log = new QPlainTextEdit(logPage);
    m_log->setObjectName(QStringLiteral("logView"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(kLogLineCap);
    // Wrapped: a Talos error is one long line. Selectable and copyable as it is.
    m_log->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_log->setFont(QFont(QStringLiteral("monospace")));
    logLayout->addWidget(m_log, 1);
    m_tabs->addTab(logPage, tr("Log"));
    connect(m_logFilter, &QLineEdit::textChanged, this, &MachineDetailDock::rebuildLog);
    connect(m_pauseLog, &QCheckBox::toggled, this, [this](bool paused) {
        if (!paused)
            rebuildLog();   // catch up with what came in meanwhile (the registry keeps it)
    });

    // Rendered config preview.
    auto *previewPage = new QWidget(m_tabs);
    auto *previewLayout = new QVBoxLayout(previewPage);
    m_previewStatus = new QLabel(previewPage);
    m_previewStatus->setWordWrap(true);
    previewLayout->addWidget(m_previewStatus);
    m_preview = new QPlainTextEdit(previewPage);
    m_preview->setObjectName(QStringLiteral("configPreview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFont(QStringLiteral("monospace")));
    previewLayout->addWidget(m_preview, 1);
    m_tabs->addTab(previewPage, tr("Config"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_preview->parentWidget())
            refreshPreview();
    });

    stack->addWidget(m_content);
    setWidget(outer);

    MachineRegistry *registry = session->registry();
    connect(registry, &MachineRegistry::machinesChanged, this, [this](const QStringList &macs) {
        if (!m_mac.isEmpty() && macs.contains(m_mac))
            refresh();
    });
    connect(registry, &MachineRegistry::machineRemoved, this, [this](const QString &mac) {
        if (mac == m_mac)
            setMachine(QString());
    });
    connect(registry, &MachineRegistry::logReceived, this, &MachineDetailDock::appendLog);
    connect(registry, &MachineRegistry::eventLogged, this, &MachineDetailDock::appendLog);
    connect(session, &ConsoleSession::intentChanged, this, [this] {
        if (m_mac.isEmpty())
            return;
        refreshFacts();
        if (!m_hostname->isModified() && !m_installDisk->isModified())
            loadValues();
        refreshPreview();
    });
}

void MachineDetailDock::setMachine(const QString &mac)
{
    if (mac == m_mac)
        return;
    m_mac = mac;
    static_cast<QStackedLayout *>(widget()->layout())->setCurrentWidget(mac.isEmpty() ? m_empty : m_content);
    m_factsKey.clear();
    m_valuesMessage->clear();
    if (mac.isEmpty())
        return;
    loadValues();
    refresh();
    rebuildLog();
    refreshPreview();
}

void MachineDetailDock::setSelection(const QStringList &macs)
{
    m_selectedMacs = macs;
    const QString summary = selectionSummary();
    m_selection->setText(summary);
    m_selection->setVisible(!summary.isEmpty());
}

QString MachineDetailDock::selectionSummary() const
{
    if (m_selectedMacs.size() < 2)
        return {};
    QMap<int, int> byStage;
    int attention = 0;
    for (const QString &mac : m_selectedMacs) {
        if (const Machine *m = m_session->registry()->machine(mac)) {
            ++byStage[int(m->stage)];
            attention += m->needsAttention() ? 1 : 0;
        }
    }
    QStringList parts;
    for (auto it = byStage.cbegin(); it != byStage.cend(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.value()).arg(StageStyle::title(Stage(it.key())));
    QString text = tr("%n machines selected: %1.", nullptr, int(m_selectedMacs.size())).arg(parts.join(QStringLiteral(", ")));
    if (attention > 0)
        text += u' ' + (attention == 1 ? tr("One needs attention.") : tr("%n need attention.", nullptr, attention));
    return text + u' ' + tr("Below: the current one.");
}

void MachineDetailDock::refresh()
{
    refreshFacts();
    refreshTimeline();
}

void MachineDetailDock::loadValues()
{
    const MachineIntent *intent = m_session->workspace().machine(m_mac);
    m_hostname->setText(intent ? intent->hostname : QString());
    m_installDisk->setText(intent ? intent->installDisk : QString());
    m_hostname->setModified(false);
    m_installDisk->setModified(false);
}

QWidget *MachineDetailDock::firstFocusWidget() const
{
    return m_tabs->tabBar();
}

bool MachineDetailDock::saveValues()
{
    if (m_mac.isEmpty())
        return false;
    const QString hostname = m_hostname->text().trimmed();
    const QString disk = m_installDisk->text().trimmed();
    QStringList errors;
    const auto problems = Talos::ConfigRenderer::checkMachineValues(hostname, disk);
    for (const Talos::ConfigProblem &problem : problems) {
        if (problem.isError())
            errors << problem.message;
    }
    if (!errors.isEmpty()) {
        m_valuesMessage->setText(errors.join(u'\n'));
        m_valuesMessage->setStyleSheet(QStringLiteral("color: #c0392b;"));
        return false;
    }
    QString error;
    if (!m_session->setMachineValues(m_mac, hostname, disk, &error)) {
        m_valuesMessage->setText(tr("Not saved: %1").arg(error));
        m_valuesMessage->setStyleSheet(QStringLiteral("color: #c0392b;"));
        return false;
    }
    m_hostname->setModified(false);
    m_installDisk->setModified(false);
    m_valuesMessage->setStyleSheet(QString());
    m_valuesMessage->setText(tr("Saved: its next config fetch gets these values."));
    Q_EMIT message(tr("Saved the values of %1.").arg(m_mac));
    refreshPreview();
    return true;
}

void MachineDetailDock::refreshFacts()
{
    const Machine *m = m_session->registry()->machine(m_mac);
    if (!m)
        return;
    const QString config = m_session->assignment(m_mac);
    const QString vendor = OuiDatabase::shared() ? OuiDatabase::shared()->vendor(m->mac) : QString();
    const QString firmware = MachineTableModel::firmwareTitle(*m);
    const QList<QPair<QString, QString>> facts{
        {tr("Vendor"), vendor},
        {tr("Manufacturer"), m->manufacturer},
        {tr("Product"), m->product},
        {tr("Serial"), m->serial},
        {tr("SMBIOS UUID"), m->uuid},
        {tr("IP"), m->ip.isNull() ? QString() : m->ip.toString()},
        {tr("Firmware"), firmware.isEmpty() ? QString() : tr("%1 (client arch %2)").arg(firmware, m->arch)},
        {tr("Other NICs"), m->otherMacs.join(QLatin1String(", "))},
        {tr("First seen"), QLocale().toString(m->firstSeen.toLocalTime(), QLocale::ShortFormat)},
        {tr("Network boots"), QString::number(m->boots)},
        {tr("Download"), m->download.isEmpty() ? QString()
                         : m->total > 0 && m->bytes >= 0
                             ? tr("%1 (%2 of %3)").arg(m->download, QLocale().formattedDataSize(m->bytes),
                                                       QLocale().formattedDataSize(m->total))
                             : m->download},
        {tr("Talos"), m->talosState},
        {tr("Config"), config.isEmpty() ? tr("none: drag one from the config library onto the machine") : config},
    };
    // Rebuild the form only when a value changed: downloads report ten times a second.
    QString key;
    for (const auto &fact : facts)
        key += fact.second + u'\x1f';
    if (key != m_factsKey) {
        m_factsKey = key;
        while (m_facts->rowCount() > 0)
            m_facts->removeRow(0);
        for (const auto &fact : facts) {
            if (fact.second.isEmpty())
                continue;
            QLabel *value = valueLabel(this);
            value->setText(fact.second);
            m_facts->addRow(tr("%1:").arg(fact.first), value);
        }
    }
    const QString stage = m->stage == Stage::Stalled ? tr("Stalled in %1").arg(StageStyle::title(m->stalledFrom))
                                                     : StageStyle::title(m->stage);
    m_title->setText(QStringLiteral("<img src=\"%1\" width=\"18\" height=\"18\" style=\"vertical-align: middle\"> "
                                    "<b>%2</b> &nbsp; %3%4")
                         .arg(StageStyle::iconPath(m->stage), m_session->displayName(m->mac).toHtmlEscaped(), stage.toHtmlEscaped(),
                              m->simulated ? tr(" &nbsp; <i>(simulated)</i>") : QString()));
    const QString hint = m->stage == Stage::Failed && !m->failure.isEmpty() ? m->failure : m->hint;
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
}

void MachineDetailDock::refreshTimeline()
{
    const Machine *m = m_session->registry()->machine(m_mac);
    if (!m)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto &history = m->history;
    // Stages come and go only at the end; rebuild when the length or the last entry differs.
    m_timeline->setUpdatesEnabled(false);
    m_timeline->clear();
    for (int i = 0; i < history.size(); ++i) {
        const StageChange &change = history.at(i);
        const QDateTime end = i + 1 < history.size() ? history.at(i + 1).time : QDateTime();
        auto *item = new QTreeWidgetItem(m_timeline);
        item->setIcon(0, StageStyle::icon(change.stage));
        item->setText(0, StageStyle::title(change.stage));
        item->setText(1, QLocale().toString(change.time.toLocalTime().time(), QStringLiteral("HH:mm:ss.zzz")));
        item->setText(2, end.isValid() ? durationText(change.time.msecsTo(end))
                                       : tr("%1 so far").arg(durationText(change.time.msecsTo(std::max(now, m->lastSeen)))));
        item->setText(3, change.detail);
        item->setToolTip(3, change.detail);
    }
    m_timeline->setUpdatesEnabled(true);
    m_timeline->header()->resizeSections(QHeaderView::ResizeToContents);
}

QString MachineDetailDock::logText(const LogLine &line)
{
    QString text = line.time.toLocalTime().time().toString(QStringLiteral("HH:mm:ss.zzz"));
    if (!line.level.isEmpty())
        text += u' ' + line.level;
    if (!line.service.isEmpty())
        text += u' ' + line.service + u':';
    return text + u' ' + line.message;
}

bool MachineDetailDock::logMatches(const LogLine &line) const
{
    const QString filter = m_logFilter->text().trimmed();
    return filter.isEmpty() || line.message.contains(filter, Qt::CaseInsensitive)
        || line.service.contains(filter, Qt::CaseInsensitive) || line.level.contains(filter, Qt::CaseInsensitive);
}

void MachineDetailDock::rebuildLog()
{
    m_log->clear();
    const Machine *m = m_session->registry()->machine(m_mac);
    if (!m)
        return;
    QStringList lines;
    // Talos's lines and the console's events, in the order they happened.
    QList<LogLine> merged = m->logs;
    merged += m->events;
    std::stable_sort(merged.begin(), merged.end(), [](const LogLine &a, const LogLine &b) { return a.time < b.time; });
    for (const LogLine &line : std::as_const(merged)) {
        if (logMatches(line))
            lines << logText(line);
    }
    m_log->setPlainText(lines.join(u'\n'));
    m_log->verticalScrollBar()->setValue(m_log->verticalScrollBar()->maximum());
}

void MachineDetailDock::appendLog(const QString &mac, const LogLine &line)
{
    if (mac != m_mac || m_pauseLog->isChecked() || !logMatches(line))
        return;
    QScrollBar *bar = m_log->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    m_log->appendPlainText(logText(line));
    if (atEnd)
        bar->setValue(bar->maximum());
}

void MachineDetailDock::refreshPreview()
{
    m_preview->clear();
    if (m_mac.isEmpty())
        return;
    const QString configId = m_session->assignment(m_mac);
    if (configId.isEmpty()) {
        m_previewStatus->setText(tr("No config is assigned: drag one from the config library onto this machine."));
        return;
    }
    // What the HTTP engine would answer this machine right now, byte for byte.
    Boot::HttpRequestInfo request;
    request.method = "GET";
    request.path = QStringLiteral("/m/%1/config.yaml").arg(m_mac);
    // As the machine itself asks: from its own address, with the token its script carried.
    request.peer = request.machineAddress = QHostAddress(QHostAddress::LocalHost);
    request.tokenCheck = Boot::ConfigTokens::Check::Valid;
    const Boot::HttpResponsePlan plan = Boot::routeHttp(m_session->snapshot(), request);
    if (plan.status != 200) {
        m_previewStatus->setText(tr("%1 cannot be served to this machine: %2")
                                     .arg(configId.section(u'/', -1), QString::fromUtf8(plan.body).trimmed()));
        return;
    }
    QFile source(m_session->workspace().absolutePath(configId));
    const QByteArray before = source.open(QIODevice::ReadOnly) ? Talos::ConfigRenderer::normalize(source.readAll())
                                                               : QByteArray();
    const auto diff = Talos::diffLines(QString::fromUtf8(before), QString::fromUtf8(plan.body));
    int added = 0, removed = 0;
    QTextCursor cursor(m_preview->document());
    QTextCharFormat plain, plus, minus;
    plus.setBackground(QColor(0xd5, 0xf5, 0xe3));
    minus.setBackground(QColor(0xfa, 0xdb, 0xd8));
    minus.setFontStrikeOut(true);
    bool first = true;
    for (const Talos::DiffLine &line : diff) {
        if (!first)
            cursor.insertBlock();
        first = false;
        switch (line.kind) {
        case Talos::DiffLine::Kind::Unchanged:
            cursor.insertText(QStringLiteral("  ") + line.text, plain);
            break;
        case Talos::DiffLine::Kind::Added:
            ++added;
            cursor.insertText(QStringLiteral("+ ") + line.text, plus);
            break;
        case Talos::DiffLine::Kind::Removed:
            ++removed;
            cursor.insertText(QStringLiteral("- ") + line.text, minus);
            break;
        }
    }
    m_preview->moveCursor(QTextCursor::Start);
    m_previewStatus->setText(tr("What %1 is served from %2: %3, %4 by its per-machine values and the console's log sink.")
                                 .arg(m_mac, configId.section(u'/', -1), tr("%n lines added", nullptr, added),
                                      tr("%n removed", "lines of the config", removed)));
}

} // namespace Nbc::Ui
