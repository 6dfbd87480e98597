#include "ruleseditor.h"

#include "ruleform.h"

#include "session/consolesession.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace Nbc::Ui {

namespace {

bool sameRule(const MachineRule &a, const MachineRule &b)
{
    return a.name == b.name && a.match.macPrefix == b.match.macPrefix && a.match.macRange == b.match.macRange
        && a.match.manufacturer == b.match.manufacturer && a.match.product == b.match.product
        && a.match.serial == b.match.serial && a.match.firmware == b.match.firmware && a.configPath == b.configPath
        && a.artifacts == b.artifacts && a.installDisk == b.installDisk && a.hostname == b.hostname
        && a.patches == b.patches;
}

bool sameRules(const QList<MachineRule> &a, const QList<MachineRule> &b)
{
    return a.size() == b.size() && std::equal(a.cbegin(), a.cend(), b.cbegin(), sameRule);
}

// "optiplex-workers-2" for a copy of optiplex-workers: a name no rule has yet.
QString freeName(const QString &base, const QList<MachineRule> &rules)
{
    auto taken = [&rules](const QString &name) {
        return std::any_of(rules.cbegin(), rules.cend(), [&name](const MachineRule &r) { return r.name == name; });
    };
    for (int i = 2;; ++i) {
        const QString name = QStringLiteral("%1-%2").arg(base).arg(i);
        if (!taken(name))
            return name;
    }
}

QPushButton *button(const QString &text, const char *name, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(QLatin1String(name));
    b->setAutoDefault(false);   // Enter in the table edits; it never saves by accident
    return b;
}

} // namespace

RulesEditor::RulesEditor(ConsoleSession *session, Talos::ConfigLibrary *library, QUndoStack *undoStack, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_library(library)
    , m_undoStack(undoStack)
    , m_original(session->rules())
    , m_rules(m_original)
{
    setObjectName(QStringLiteral("rulesEditor"));
    setWindowTitle(tr("Rules"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A machine with no entry of its own in netboot.yaml gets what the first rule that "
                                "matches it gives. An assignment of its own (a config dropped on it) always comes first."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *row = new QHBoxLayout;
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("rulesTable"));
    m_table->setHorizontalHeaderLabels({tr("Rule"), tr("Matches on"), tr("Config"), tr("Hostname"), tr("Install disk"),
                                        tr("Matches now")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setToolTip(tr("The order rules are tried in: the first that matches wins"));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(MatchColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setAccessibleName(tr("Rules, in the order they are tried"));
    m_table->installEventFilter(this);
    row->addWidget(m_table, 1);

    auto *side = new QVBoxLayout;
    m_add = button(tr("&Add…"), "addRuleButton", this);
    m_edit = button(tr("&Edit…"), "editRuleButton", this);
    m_duplicate = button(tr("&Duplicate…"), "duplicateRuleButton", this);
    m_remove = button(tr("&Remove"), "removeRuleButton", this);
    m_up = button(tr("Move &up"), "moveRuleUpButton", this);
    m_down = button(tr("Move do&wn"), "moveRuleDownButton", this);
    m_edit->setToolTip(tr("Edit the selected rule (Enter)"));
    m_remove->setToolTip(tr("Remove the selected rule (Delete)"));
    m_up->setToolTip(tr("Try the selected rule before the one above it"));
    m_down->setToolTip(tr("Try the selected rule after the one below it"));
    for (QPushButton *b : {m_add, m_edit, m_duplicate, m_remove})
        side->addWidget(b);
    side->addSpacing(12);
    side->addWidget(m_up);
    side->addWidget(m_down);
    side->addStretch(1);
    row->addLayout(side);
    layout->addLayout(row, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("rulesStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    QPushButton *save = m_buttons->button(QDialogButtonBox::Save);
    save->setObjectName(QStringLiteral("saveRulesButton"));
    save->setText(tr("&Save"));
    save->setToolTip(tr("Write the rules to netboot.yaml; Edit ▸ Undo takes them back"));
    save->setAutoDefault(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RulesEditor::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_add, &QPushButton::clicked, this, &RulesEditor::addRule);
    connect(m_edit, &QPushButton::clicked, this, &RulesEditor::editRule);
    connect(m_duplicate, &QPushButton::clicked, this, &RulesEditor::duplicateRule);
    connect(m_remove, &QPushButton::clicked, this, &RulesEditor::removeRule);
    connect(m_up, &QPushButton::clicked, this, &RulesEditor::moveUp);
    connect(m_down, &QPushButton::clicked, this, &RulesEditor::moveDown);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &RulesEditor::updateButtons);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] { editRule(); });
    // A hand edit of netboot.yaml while this is open: what Save replaces (and undo brings back).
    connect(session, &ConsoleSession::workspaceReloaded, this, &RulesEditor::onWorkspaceReloaded);
    // Machines seen meanwhile count in "Matches now".
    connect(session, &ConsoleSession::intentChanged, this, [this] { refresh(currentRow()); });

    resize(960, 440);
    refresh(m_rules.isEmpty() ? -1 : 0);
    m_table->setFocus();
}

QString RulesEditor::matchSummary(const RuleMatch &match)
{
    QStringList parts;
    if (!match.macPrefix.isEmpty())
        parts << tr("MAC %1…").arg(match.macPrefix);
    if (!match.macRange.isEmpty())
        parts << tr("MAC %1").arg(match.macRange);
    if (!match.manufacturer.isEmpty())
        parts << tr("manufacturer %1").arg(match.manufacturer);
    if (!match.product.isEmpty())
        parts << tr("product %1").arg(match.product);
    if (!match.serial.isEmpty())
        parts << tr("serial %1").arg(match.serial);
    if (match.firmware == QLatin1String("bios"))
        parts << tr("BIOS");
    else if (match.firmware == QLatin1String("uefi"))
        parts << tr("UEFI");
    return parts.isEmpty() ? tr("every machine") : parts.join(QStringLiteral(", "));
}

int RulesEditor::currentRow() const
{
    const QList<QTableWidgetSelectionRange> ranges = m_table->selectedRanges();
    return ranges.isEmpty() ? -1 : ranges.first().topRow();
}

void RulesEditor::refresh(int select)
{
    const QList<RuleProblem> problems = m_session->ruleProblems(m_rules);
    m_table->setRowCount(int(m_rules.size()));
    for (int i = 0; i < m_rules.size(); ++i) {
        const MachineRule &rule = m_rules.at(i);
        QStringList said;
        for (const RuleProblem &problem : problems) {
            if (problem.rule == i)
                said << tr("%1: %2").arg(RuleProblem::fieldName(problem.field), problem.message);
        }
        const int matches = int(m_session->machinesMatching(rule).size());
        QString config = rule.configPath.section(u'/', -1);
        if (!rule.artifacts.isEmpty())
            config = tr("%1 · %2").arg(config, rule.artifacts);
        const QString texts[ColumnCount] = {
            rule.name,
            matchSummary(rule.match),
            config,
            rule.hostname,
            rule.installDisk,
            matches == 0 ? tr("none") : matches == 1 ? tr("1 machine") : tr("%n machines", nullptr, matches),
        };
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(texts[column]);
            if (column == MatchesColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(i, column, item);
        }
        QTableWidgetItem *name = m_table->item(i, NameColumn);
        if (!said.isEmpty()) {
            name->setIcon(QIcon(QStringLiteral(":/icons/attention.svg")));
            name->setToolTip(said.join(u'\n'));
        }
        QStringList configTip{rule.configPath};
        if (!rule.patches.isEmpty())
            configTip << tr("patches: %1").arg(rule.patches.join(QStringLiteral(", ")));
        m_table->item(i, ConfigColumn)->setToolTip(configTip.join(u'\n'));
        m_table->item(i, MatchesColumn)->setToolTip(
            tr("Machines seen so far whose facts this rule matches; one with its own entry, or matched by an "
               "earlier rule, gets that instead"));
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(MatchColumn, QHeaderView::Stretch);
    if (select >= 0 && select < m_table->rowCount())
        m_table->selectRow(select);
    else
        m_table->clearSelection();

    QStringList status;
    if (!m_reloadNote.isEmpty())
        status << m_reloadNote;
    if (!m_saveError.isEmpty())
        status << m_saveError;
    for (const RuleProblem &problem : problems)
        status << problem.toString();
    if (!problems.isEmpty())
        status << tr("Edit or remove the rules marked before saving.");
    if (m_rules.isEmpty())
        status << tr("No rules: machines with no entry of their own wait until a config is dropped on them.");
    m_status->setText(status.join(u'\n'));
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(problems.isEmpty());
    updateButtons();
}

void RulesEditor::updateButtons()
{
    const int row = currentRow();
    m_edit->setEnabled(row >= 0);
    m_duplicate->setEnabled(row >= 0);
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_rules.size());
}

void RulesEditor::openForm(const MachineRule &rule, const QList<MachineRule> &others,
                           std::function<void(const MachineRule &)> take)
{
    auto *form = new RuleForm(m_session, m_library, rule, others, this);
    form->setAttribute(Qt::WA_DeleteOnClose);
    connect(form, &QDialog::accepted, this, [form, take = std::move(take)] { take(form->rule()); });
    form->open();
}

void RulesEditor::addRule()
{
    MachineRule rule;
    rule.name = freeName(tr("rule"), m_rules);
    // A new rule goes last: it never takes machines from the rules before it.
    openForm(rule, m_rules, [this](const MachineRule &made) {
        m_saveError.clear();
        m_rules.append(made);
        refresh(int(m_rules.size()) - 1);
    });
}

void RulesEditor::editRule()
{
    const int row = currentRow();
    if (row < 0)
        return;
    QList<MachineRule> others = m_rules;
    others.removeAt(row);
    openForm(m_rules.at(row), others, [this, row](const MachineRule &edited) {
        if (row >= m_rules.size())
            return;
        m_saveError.clear();
        m_rules[row] = edited;
        refresh(row);
    });
}

void RulesEditor::duplicateRule()
{
    const int row = currentRow();
    if (row < 0)
        return;
    MachineRule copy = m_rules.at(row);
    copy.name = freeName(copy.name, m_rules);
    openForm(copy, m_rules, [this, row](const MachineRule &made) {
        m_saveError.clear();
        const int at = int(qMin(qsizetype(row) + 1, m_rules.size()));
        m_rules.insert(at, made);
        refresh(at);
    });
}

void RulesEditor::removeRule()
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_saveError.clear();
    m_rules.removeAt(row);
    refresh(qMin(row, int(m_rules.size()) - 1));
}

void RulesEditor::moveUp()
{
    const int row = currentRow();
    if (row <= 0)
        return;
    m_rules.swapItemsAt(row, row - 1);
    refresh(row - 1);
}

void RulesEditor::moveDown()
{
    const int row = currentRow();
    if (row < 0 || row + 1 >= m_rules.size())
        return;
    m_rules.swapItemsAt(row, row + 1);
    refresh(row + 1);
}

void RulesEditor::accept()
{
    if (sameRules(m_rules, m_original)) {
        QDialog::accept();
        return;
    }
    QString error;
    if (!m_session->setRules(m_rules, &error)) {
        m_saveError = tr("The rules were not saved: %1").arg(error);
        refresh(currentRow());
        return;
    }
    m_undoStack->push(new RulesCommand(m_session, m_original, m_session->rules(), m_report));
    QDialog::accept();
}

void RulesEditor::onWorkspaceReloaded()
{
    const QList<MachineRule> onDisk = m_session->rules();
    if (sameRules(onDisk, m_original))
        return;
    m_original = onDisk;
    m_reloadNote = tr("netboot.yaml's rules were changed outside the console while this was open: Save replaces "
                      "them with the list here (and Undo brings them back).");
    refresh(currentRow());
}

bool RulesEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier) {
            switch (key->key()) {
            case Qt::Key_Return:
            case Qt::Key_Enter:
                editRule();
                return true;
            case Qt::Key_Delete:
                removeRule();
                return true;
            default:
                break;
            }
        }
        // Alt+Up and Alt+Down move the rule, as in most list editors.
        if (key->modifiers() == Qt::AltModifier && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
            key->key() == Qt::Key_Up ? moveUp() : moveDown();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace Nbc::Ui
