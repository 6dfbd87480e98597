#include "ruleform.h"

#include "inventory/machineregistry.h"
#include "talos/configlibrary.h"
#include "talos/machineconfig.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>

namespace Nbc::Ui {

namespace {

// The same red as the wizard's error line: a field's problem reads as one.
void markAsProblem(QLabel *label)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb3, 0x26, 0x1e));
    label->setPalette(palette);
}

QLineEdit *lineEdit(const QString &text, const char *name, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(text, parent);
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

} // namespace

RuleForm::RuleForm(ConsoleSession *session, Talos::ConfigLibrary *library, const MachineRule &rule,
                   const QList<MachineRule> &others, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_library(library)
    , m_original(rule)
    , m_others(others)
{
    setObjectName(QStringLiteral("ruleForm"));
    setWindowTitle(rule.name.isEmpty() ? tr("New rule") : tr("Rule %1").arg(rule.name));
    auto *layout = new QVBoxLayout(this);

    // Created in the order Tab visits them.
    auto *top = new QFormLayout;
    m_name = lineEdit(rule.name, "ruleName", tr("optiplex-workers"), this);
    m_name->setToolTip(tr("Shown in the machine table next to the config the rule gave; {n} is counted per name"));
    addFieldRow(top, tr("&Name:"), m_name, RuleProblem::Field::Name, "nameProblem");
    layout->addLayout(top);

    auto *match = new QGroupBox(tr("Which machines"), this);
    auto *matchColumn = new QVBoxLayout(match);
    auto *matchHelp = new QLabel(tr("Every field that is filled in must hold; empty ones match any machine. "
                                    "Text takes the wildcards * and ?, in any case."),
                                 match);
    matchHelp->setWordWrap(true);
    matchColumn->addWidget(matchHelp);
    auto *matchForm = new QFormLayout;
    matchColumn->addLayout(matchForm);
    m_macPrefix = lineEdit(rule.match.macPrefix, "ruleMacPrefix", tr("52:54:00"), match);
    m_macRange = lineEdit(rule.match.macRange, "ruleMacRange", tr("52:54:00:00:00:10-52:54:00:00:00:3f"), match);
    m_manufacturer = lineEdit(rule.match.manufacturer, "ruleManufacturer", tr("Dell*"), match);
    m_product = lineEdit(rule.match.product, "ruleProduct", tr("OptiPlex*"), match);
    m_serial = lineEdit(rule.match.serial, "ruleSerial", tr("5CG*"), match);
    m_firmware = new QComboBox(match);
    m_firmware->setObjectName(QStringLiteral("ruleFirmware"));
    m_firmware->addItem(tr("Any"), QString());
    m_firmware->addItem(tr("BIOS"), QStringLiteral("bios"));
    m_firmware->addItem(tr("UEFI"), QStringLiteral("uefi"));
    m_firmware->setCurrentIndex(qMax(0, m_firmware->findData(rule.match.firmware.toLower())));
    addFieldRow(matchForm, tr("MAC &prefix:"), m_macPrefix, RuleProblem::Field::MacPrefix, "macPrefixProblem");
    addFieldRow(matchForm, tr("MAC &range:"), m_macRange, RuleProblem::Field::MacRange, "macRangeProblem");
    matchForm->addRow(tr("&Manufacturer:"), m_manufacturer);
    matchForm->addRow(tr("Pro&duct:"), m_product);
    matchForm->addRow(tr("&Serial:"), m_serial);
    addFieldRow(matchForm, tr("&Firmware:"), m_firmware, RuleProblem::Field::Firmware, "firmwareProblem");
    m_matches = new QLabel(match);
    m_matches->setObjectName(QStringLiteral("ruleMatches"));
    m_matches->setWordWrap(true);
    m_matches->setToolTip(tr("Counted on what each machine reported (iPXE tells manufacturer, product and serial). "
                             "A machine's own entry, or an earlier rule that matches it, still comes first."));
    matchColumn->addWidget(m_matches);
    match->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    layout->addWidget(match);

    auto *gives = new QGroupBox(tr("What they get"), this);
    auto *givesForm = new QFormLayout(gives);
    m_config = new QComboBox(gives);
    m_config->setObjectName(QStringLiteral("ruleConfig"));
    fillConfigs(rule.configPath);
    m_artifacts = new QComboBox(gives);
    m_artifacts->setObjectName(QStringLiteral("ruleArtifacts"));
    fillArtifacts(rule.artifacts);
    m_installDisk = lineEdit(rule.installDisk, "ruleInstallDisk", tr("/dev/nvme0n1 (empty: the config's)"), gives);
    m_hostname = lineEdit(rule.hostname, "ruleHostname", tr("worker-{n:02}"), gives);
    m_hostname->setToolTip(tr("{n}: a number per machine, kept once given; {n:02} pads it to two digits; "
                              "{serial}, {product}, {manufacturer} and {mac} are the machine's"));
    addFieldRow(givesForm, tr("&Config:"), m_config, RuleProblem::Field::Config, "configProblem");
    addFieldRow(givesForm, tr("&Artefact set:"), m_artifacts, RuleProblem::Field::Artifacts, "artifactsProblem");
    addFieldRow(givesForm, tr("Install dis&k:"), m_installDisk, RuleProblem::Field::InstallDisk, "installDiskProblem");
    addFieldRow(givesForm, tr("&Hostname:"), m_hostname, RuleProblem::Field::Hostname, "hostnameProblem");
    m_hostnamePreview = new QLabel(gives);
    m_hostnamePreview->setObjectName(QStringLiteral("ruleHostnamePreview"));
    m_hostnamePreview->setWordWrap(true);
    m_hostnamePreview->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_hostnamePreview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    givesForm->addRow(static_cast<QWidget *>(nullptr), m_hostnamePreview);
    gives->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    layout->addWidget(gives);

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("ruleNote"));
    m_note->setWordWrap(true);
    layout->addWidget(m_note);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&OK"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("ruleOk"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        update();
        if (m_problems.isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    for (QLineEdit *edit : {m_name, m_macPrefix, m_macRange, m_manufacturer, m_product, m_serial, m_installDisk, m_hostname})
        connect(edit, &QLineEdit::textChanged, this, &RuleForm::update);
    for (QComboBox *combo : {m_firmware, m_config, m_artifacts})
        connect(combo, &QComboBox::currentIndexChanged, this, &RuleForm::update);
    // Tab goes down the form as it reads, whatever order the fields were made in.
    QWidget *order[] = {m_name, m_macPrefix, m_macRange, m_manufacturer, m_product, m_serial, m_firmware,
                        m_config, m_artifacts, m_installDisk, m_hostname, m_buttons};
    for (size_t i = 1; i < std::size(order); ++i)
        setTabOrder(order[i - 1], order[i]);
    setMinimumWidth(620);
    update();
    resize(620, heightForWidth(620));
}

void RuleForm::fitHeight()
{
    // As tall as the form needs: taller while a field's problem shows under it (so no row
    // is squeezed), back when it goes. Only then: a height the person chose otherwise stays.
    QStringList shown;
    for (const Message &message : std::as_const(m_messages))
        shown << message.label->text();
    if (shown == m_shownMessages)
        return;
    m_shownMessages = shown;
    layout()->invalidate();
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : layout()->totalSizeHint().height();
    resize(width(), needed);
}

void RuleForm::addFieldRow(QFormLayout *form, const QString &label, QWidget *field, RuleProblem::Field which,
                           const char *name)
{
    form->addRow(label, field);
    auto *message = new QLabel(field->parentWidget());
    message->setObjectName(QLatin1String(name));
    message->setWordWrap(true);
    // QFormLayout may give a wrapped label more height than it fills: keep it under the field.
    message->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    markAsProblem(message);
    form->addRow(static_cast<QWidget *>(nullptr), message);
    // A row of its own, shown only while there is something to say (QFormLayout keeps a
    // hidden widget's spacing, a hidden row's not).
    form->setRowVisible(form->rowCount() - 1, false);
    m_messages.insert(which, {form, form->rowCount() - 1, message});
}

void RuleForm::fillConfigs(const QString &current)
{
    if (current.isEmpty())
        m_config->addItem(tr("Choose a config…"), QString());
    const QList<Talos::ConfigEntry> entries = m_library ? m_library->entries() : QList<Talos::ConfigEntry>{};
    for (const Talos::ConfigEntry &entry : entries) {
        QString icon = QStringLiteral(":/icons/config-invalid.svg");
        if (entry.role == Talos::MachineRole::ControlPlane)
            icon = QStringLiteral(":/icons/role-controlplane.svg");
        else if (entry.role == Talos::MachineRole::Worker)
            icon = QStringLiteral(":/icons/role-worker.svg");
        const QString role = Talos::MachineConfig::roleName(entry.role);
        m_config->addItem(QIcon(icon),
                          entry.assignable ? tr("%1 (%2)").arg(entry.id.section(u'/', -1), role)
                                           : tr("%1 (%2, cannot be served as it is)").arg(entry.id.section(u'/', -1), role),
                          entry.id);
        m_config->setItemData(m_config->count() - 1, entry.id, Qt::ToolTipRole);
    }
    // A config outside configs/ (or one that went missing) is shown as netboot.yaml names it.
    if (!current.isEmpty() && m_config->findData(current) < 0) {
        const QString id = m_library ? m_library->idForPath(current) : QString();
        if (!id.isEmpty() && m_config->findData(id) >= 0) {
            m_config->setCurrentIndex(m_config->findData(id));
            return;
        }
        m_config->addItem(current, current);
    }
    m_config->setCurrentIndex(qMax(0, m_config->findData(current)));
}

void RuleForm::fillArtifacts(const QString &current)
{
    const QString fallback = m_session->defaultArtifacts();
    m_artifacts->addItem(fallback.isEmpty() ? tr("Default") : tr("Default (%1)").arg(fallback), QString());
    const QStringList names = m_session->artifactSets().keys();
    for (const QString &name : names)
        m_artifacts->addItem(name, name);
    if (!current.isEmpty() && m_artifacts->findData(current) < 0)
        m_artifacts->addItem(current, current);
    m_artifacts->setCurrentIndex(qMax(0, m_artifacts->findData(current)));
}

MachineRule RuleForm::rule() const
{
    MachineRule rule = m_original;   // patches: as netboot.yaml has them
    rule.name = m_name->text().trimmed();
    rule.match.macPrefix = m_macPrefix->text().trimmed();
    rule.match.macRange = m_macRange->text().trimmed();
    rule.match.manufacturer = m_manufacturer->text().trimmed();
    rule.match.product = m_product->text().trimmed();
    rule.match.serial = m_serial->text().trimmed();
    rule.match.firmware = m_firmware->currentData().toString();
    rule.configPath = m_config->currentData().toString();
    rule.artifacts = m_artifacts->currentData().toString();
    rule.installDisk = m_installDisk->text().trimmed();
    rule.hostname = m_hostname->text().trimmed();
    return rule;
}

QStringList RuleForm::problems() const
{
    return m_problems;
}

void RuleForm::update()
{
    const MachineRule r = rule();
    // Checked last in the list, so a name used twice is this rule's problem.
    QList<MachineRule> all = m_others;
    all.append(r);
    const int self = int(m_others.size());
    for (const Message &message : std::as_const(m_messages))
        message.label->clear();
    m_problems.clear();
    const QList<RuleProblem> problems = m_session->ruleProblems(all);
    for (const RuleProblem &problem : problems) {
        if (problem.rule != self)
            continue;
        m_problems << tr("%1: %2").arg(RuleProblem::fieldName(problem.field), problem.message);
        const auto message = m_messages.constFind(problem.field);
        if (message == m_messages.cend())
            continue;
        QLabel *label = message->label;
        label->setText(label->text().isEmpty() ? problem.message : label->text() + u'\n' + problem.message);
    }
    for (const Message &message : std::as_const(m_messages))
        message.form->setRowVisible(message.row, !message.label->text().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problems.isEmpty());

    const QStringList macs = m_session->machinesMatching(r);
    if (macs.isEmpty()) {
        m_matches->setText(tr("Matches no machine seen so far."));
    } else {
        QStringList names;
        for (const QString &mac : macs.mid(0, 4))
            names << m_session->displayName(mac);
        if (macs.size() > 4)
            names << QStringLiteral("…");
        m_matches->setText((macs.size() == 1 ? tr("Matches one machine now: %1")
                                             : tr("Matches %n machines now: %1", nullptr, int(macs.size())))
                               .arg(names.join(QStringLiteral(", "))));
    }

    if (r.hostname.isEmpty()) {
        m_hostnamePreview->setText(tr("No hostname from the rule: Talos keeps the config's, or picks one."));
    } else if (!m_messages.value(RuleProblem::Field::Hostname).label->text().isEmpty()) {
        m_hostnamePreview->clear();
    } else if (macs.isEmpty()) {
        m_hostnamePreview->setText(tr("Gives <b>%1</b> to an example machine (Dell Inc. OptiPlex 7060, serial 5CG1234XYZ).")
                                       .arg(m_session->hostnameFor(r).toHtmlEscaped()));
    } else {
        const Machine *first = m_session->registry()->machine(macs.first());
        const QString who = first && !first->product.isEmpty() ? tr("%1 (%2)").arg(first->mac, first->product)
                                                               : macs.first();
        m_hostnamePreview->setText(tr("Gives <b>%1</b> to %2.")
                                       .arg(m_session->hostnameFor(r, macs.first()).toHtmlEscaped(), who.toHtmlEscaped()));
    }

    QStringList notes;
    static const QStringList distinct{QStringLiteral("{n"), QStringLiteral("{serial}"), QStringLiteral("{mac}")};
    const bool sameForAll = !r.hostname.isEmpty()
        && std::none_of(distinct.cbegin(), distinct.cend(), [&r](const QString &f) { return r.hostname.contains(f); });
    if (sameForAll && macs.size() != 1 && m_messages.value(RuleProblem::Field::Hostname).label->text().isEmpty())
        notes << tr("Every machine it matches gets the same hostname: add {n}, {serial} or {mac}.");
    const QList<MachineRule> saved = m_session->rules();
    const bool wasSaved = std::any_of(saved.cbegin(), saved.cend(),
                                      [this](const MachineRule &s) { return s.name == m_original.name; });
    if (wasSaved && r.name != m_original.name && r.hostname.contains(QLatin1String("{n")))
        notes << tr("Renamed: {n} is counted per rule name, so its machines are numbered again from 1.");
    if (!r.patches.isEmpty())
        notes << tr("Patches from netboot.yaml are kept: %1").arg(r.patches.join(QStringLiteral(", ")));
    m_note->setText(notes.join(u'\n'));
    m_note->setVisible(!notes.isEmpty());
    if (isVisible())
        fitHeight();
}

} // namespace Nbc::Ui
