#include "mainwindow.h"

#include "assigner.h"
#include "assignqueuedialog.h"
#include "attentionbar.h"
#include "configdelegate.h"
#include "configlistmodel.h"
#include "configlistview.h"
#include "fleetbar.h"
#include "fleettimeline.h"
#include "kitbundleactions.h"
#include "languagechoice.h"
#include "palletreportactions.h"
#include "pifolderactions.h"
#include "rulesactions.h"
#include "setupexportactions.h"
#include "setupimportactions.h"
#include "machinedetaildock.h"
#include "machinefiltermodel.h"
#include "machinetablemodel.h"
#include "machinetableview.h"
#include "progressdelegate.h"
#include "servicespanel.h"
#include "stagedelegate.h"
#include "stagestyle.h"
#include "viewplaceholder.h"
#include "wakedialog.h"

#include "engine/servicehost.h"
#include "inventory/machineregistry.h"
#include "inventory/ouidatabase.h"
#include "sim/preflight.h"
#include "talos/configlibrary.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QNetworkInterface>
#include <QPushButton>
#include <QResizeEvent>
#include <QSettings>
#include <QStatusBar>
#include <QThread>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QUdpSocket>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

namespace Nbc::Ui {

MainWindow::MainWindow(ConsoleSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_undoStack(new QUndoStack(this))
{
    StageStyle::ensureResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Netboot Console"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/netboot-console.svg")));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    // One library, the session's: it is there as soon as the workspace folder is known,
    // even while no interface is chosen yet.
    m_library = session->configs();
    m_undoStack->setObjectName(QStringLiteral("undoStack"));
    m_assigner = new Assigner(session, m_library, m_undoStack, this);
    // Somebody else asked for a machine's config (its secrets): say who, at once.
    connect(session->registry(), &MachineRegistry::eventResolved, this, [this](const MachineEvent &event, Stage) {
        if (event.kind != EventKind::ConfigRefused || event.failure != FailureCode::Unauthorized)
            return;
        const QString name = m_session->displayName(event.mac);
        showStatus(tr("The config of %1 was asked for by %2 and refused: only the machine itself, at the address "
                      "its DHCP exchange gave it, gets it.").arg(name, event.peer.toString()), 15000);
    });
    connect(m_assigner, &Assigner::failed, this, [this](const QString &message) { showStatus(message); });
    connect(m_assigner, &Assigner::assigned, this, [this](const QStringList &macs, const QString &config) {
        const QString who = macs.size() == 1 ? m_session->displayName(macs.constFirst())
                                             : tr("%n machines", nullptr, int(macs.size()));
        showStatus(config.isEmpty() ? tr("Cleared the assignment of %1.").arg(who)
                                    : tr("Assigned %1 to %2: it is served on their next request.")
                                          .arg(config.section(u'/', -1), who));
    });

    m_assigner->setConfirmRoleChange([this](const QStringList &macs, const QString &configId) {
        QStringList names;
        for (const QString &mac : macs)
            names << m_session->displayName(mac);
        return askFirst(QStringLiteral("roleChangeConfirmation"), QMessageBox::Warning, tr("Change the role?"),
                        macs.size() == 1
                            ? tr("%1 is installing or installed with another role than %2's.").arg(names.first(), configId.section(u'/', -1))
                            : tr("%n machines are installing or installed with another role than %1's:", nullptr,
                                 int(macs.size())).arg(configId.section(u'/', -1)),
                        (macs.size() > 1 ? names.mid(0, 12).join(QStringLiteral(", ")) + QStringLiteral("\n\n") : QString())
                            + tr("The new config takes effect only when they are reinstalled; until then they keep "
                                 "running as they are, and the table marks them \"reinstall to apply\"."),
                        tr("&Assign anyway"), QStringLiteral("confirmRoleChange"));
    });

    buildActions();
    buildCentral();
    buildDocks();
    buildToolbar();
    buildMenus();

    m_countLabel = new QLabel(this);
    m_queueLabel = new QLabel(this);
    m_queueLabel->setObjectName(QStringLiteral("queueLabel"));
    m_queueLabel->hide();
    statusBar()->addPermanentWidget(m_queueLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    auto showQueue = [this] {
        const QList<ConsoleSession::QueueEntry> queue = m_session->assignQueue();
        m_queueLabel->setText(queue.isEmpty() ? QString()
                                              : tr("Power-on queue: %1 left, next %2").arg(queue.size()).arg(queue.first().hostname));
        m_queueLabel->setVisible(!queue.isEmpty());
    };
    connect(session, &ConsoleSession::assignQueueChanged, this, showQueue);
    connect(session, &ConsoleSession::queueAssigned, this, [this](const QString &mac, const QString &config, const QString &hostname) {
        showStatus(tr("%1 (%2) took the next name and %3.").arg(hostname, mac, config.section(u'/', -1)), 0);
    });
    connect(session, &ConsoleSession::workspaceError, this, [this](const QString &message) { showStatus(message, 0); });
    connect(session->services(), &ServiceHost::statusChanged, m_services, &ServicesPanel::updateStatus);
    connect(session, &ConsoleSession::registryStatusChanged, m_services, &ServicesPanel::updateStatus);
    connect(session->services(), &ServiceHost::statusChanged, this, &MainWindow::updateServiceActions);
    for (Engine *engine : session->services()->engines()) {
        EngineStatus status;
        status.engine = engine->name();
        m_services->updateStatus(status);
    }

    // The OUI list is 5 MB of text: read it off the main thread, then fill the column in.
    QThread *loader = QThread::create([] { OuiDatabase::shared(); });
    connect(loader, &QThread::finished, this, [this] { m_machines->setOuiDatabase(OuiDatabase::shared()); });
    connect(loader, &QThread::finished, loader, &QObject::deleteLater);
    loader->start(QThread::LowPriority);

    // 1600×960 shows the columns that matter and both docks; smaller screens get what fits.
    QSize size(1600, 960);
    if (const QScreen *screen = this->screen())
        size = size.boundedTo(screen->availableSize() * 0.95);
    resize(size);
    restoreLayout();
    buildTabOrder();
    updateActions();
    updateServiceActions();
    updateCount();
}

MainWindow::~MainWindow()
{
    // The config view is destroyed by ~QWidget, after this part of the window is gone;
    // its last events must not be filtered by a half-destroyed window.
    m_configView->removeEventFilter(this);
}

void MainWindow::buildActions()
{
    auto make = [this](const QString &text, const QString &icon, const QKeySequence &shortcut, const QString &tip) {
        auto *action = new QAction(icon.isEmpty() ? QIcon() : QIcon(icon), text, this);
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        action->setStatusTip(tip);
        action->setToolTip(shortcut.isEmpty() ? tip : tr("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
        addAction(action);
        return action;
    };
    m_startAction = make(tr("&Start services"), QStringLiteral(":/icons/services-start.svg"), QKeySequence(tr("Ctrl+Shift+R")),
                         tr("Start answering network boots"));
    m_startAction->setObjectName(QStringLiteral("startAction"));
    m_stopAction = make(tr("S&top services"), QStringLiteral(":/icons/services-stop.svg"), QKeySequence(tr("Ctrl+Shift+T")),
                        tr("Stop answering network boots"));
    m_stopAction->setObjectName(QStringLiteral("stopAction"));
    m_assignAction = make(tr("&Assign config…"), QStringLiteral(":/icons/assign.svg"), QKeySequence(tr("Ctrl+E")),
                          tr("Assign a config to the selected machines"));
    m_assignAction->setObjectName(QStringLiteral("assignAction"));
    m_clearAction = make(tr("&Clear assignment"), QStringLiteral(":/icons/clear.svg"), QKeySequence(tr("Ctrl+Shift+E")),
                         tr("Remove the selected machines' config: they wait at their next boot"));
    m_clearAction->setObjectName(QStringLiteral("clearAction"));
    m_reinstallAction = make(tr("&Reinstall on next boot"), QStringLiteral(":/icons/reinstall.svg"), QKeySequence(tr("Ctrl+Shift+I")),
                             tr("Boot Talos and install again the next time it network-boots"));
    m_reinstallAction->setObjectName(QStringLiteral("reinstallAction"));
    m_wakeAction = make(tr("&Wake"), QStringLiteral(":/icons/wake.svg"), QKeySequence(tr("Ctrl+Shift+W")),
                        tr("Send a Wake-on-LAN packet to the selected machines"));
    m_wakeAction->setObjectName(QStringLiteral("wakeAction"));
    m_forgetAction = make(tr("&Forget"), QStringLiteral(":/icons/forget.svg"), QKeySequence::Delete,
                          tr("Remove the selected machines from the table until they boot again"));
    m_forgetAction->setObjectName(QStringLiteral("forgetAction"));
    m_identifyAction = make(tr("&Identify on its screen"), QStringLiteral(":/icons/attention.svg"), QKeySequence(tr("Ctrl+Shift+Y")),
                            tr("Make the selected machines' own screens flash their name while they wait in iPXE"));
    m_identifyAction->setObjectName(QStringLiteral("identifyAction"));
    m_queueAction = make(tr("Assign by &power-on order…"), QStringLiteral(":/icons/assign.svg"), QKeySequence(),
                         tr("Give the next machines powered on a config and names in the order they come"));
    m_queueAction->setObjectName(QStringLiteral("queueAction"));
    m_preflightAction = make(tr("&Pre-flight check"), QStringLiteral(":/icons/services-start.svg"), QKeySequence(),
                             tr("Boot a simulated BIOS and UEFI machine against this workspace's files before "
                                "powering on the real ones"));
    m_preflightAction->setObjectName(QStringLiteral("preflightAction"));
    connect(m_preflightAction, &QAction::triggered, this, &MainWindow::runPreflight);
    m_undoAction = m_undoStack->createUndoAction(this, tr("&Undo"));
    m_undoAction->setObjectName(QStringLiteral("undoAction"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    addAction(m_undoAction);
    m_redoAction = m_undoStack->createRedoAction(this, tr("&Redo"));
    m_redoAction->setObjectName(QStringLiteral("redoAction"));
    // Ctrl+Shift+Z everywhere, whatever the platform's own Redo binding is.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    const QKeySequence shiftZ(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
    if (!redoKeys.contains(shiftZ))
        redoKeys.append(shiftZ);
    m_redoAction->setShortcuts(redoKeys);
    addAction(m_redoAction);
    m_findAction = make(tr("&Filter machines"), QString(), QKeySequence::Find, tr("Type to filter the machine table"));
    m_findAction->setObjectName(QStringLiteral("findAction"));
    m_openWorkspaceAction = make(tr("Open &workspace folder"), QStringLiteral(":/icons/workspace.svg"), QKeySequence(),
                                 tr("Show the workspace folder (netboot.yaml, configs/) in the file manager"));
    m_openWorkspaceAction->setObjectName(QStringLiteral("openWorkspaceAction"));
    m_quitAction = make(tr("&Quit"), QString(), QKeySequence::Quit, tr("Stop the services and quit"));
    m_quitAction->setObjectName(QStringLiteral("quitAction"));

    // Machine actions act on the table's selection; with the focus elsewhere (the log's
    // filter, the hostname field) Delete and friends must keep their usual meaning.
    for (QAction *action : {m_assignAction, m_clearAction, m_reinstallAction, m_wakeAction, m_forgetAction, m_identifyAction})
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    connect(m_startAction, &QAction::triggered, this, &MainWindow::startServices);
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopServices);
    connect(m_assignAction, &QAction::triggered, this, &MainWindow::openAssignDialog);
    connect(m_clearAction, &QAction::triggered, this, &MainWindow::clearAssignment);
    connect(m_reinstallAction, &QAction::triggered, this, &MainWindow::reinstall);
    connect(m_wakeAction, &QAction::triggered, this, &MainWindow::wake);
    connect(m_forgetAction, &QAction::triggered, this, &MainWindow::forget);
    connect(m_queueAction, &QAction::triggered, this, [this] {
        QStringList ids;
        for (int row = 0; m_configs && row < m_configs->rowCount(); ++row) {
            const QString id = m_configs->index(row).data(ConfigListModel::IdRole).toString();
            if (m_assigner->canAssign(id))
                ids << id;
        }
        AssignQueueDialog dialog(ids, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        m_session->setAssignQueue(dialog.entries());
        showStatus(tr("Power the machines on one by one now: each new one takes the next name."), 0);
    });
    connect(m_identifyAction, &QAction::triggered, this, [this] {
        const QStringList macs = selectedMacs();
        if (macs.isEmpty())
            return;
        m_session->identify(macs);
        showStatus(macs.size() == 1
                       ? tr("%1's screen flashes its name at its next poll for a minute (while it waits in iPXE).")
                             .arg(m_session->displayName(macs.first()))
                       : tr("%n machines' screens flash their names at their next poll for a minute (while they wait in iPXE).",
                            nullptr, int(macs.size())));
    });
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    connect(m_openWorkspaceAction, &QAction::triggered, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_session->workspace().directory()));
    });
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_piFolders = new PiFolderActions(m_session, m_undoStack, [this] { return selectedMacs(); }, this);
    connect(m_piFolders, &PiFolderActions::message, this, [this](const QString &text) { showStatus(text); });
    buildSetupActions();
}

void MainWindow::buildCentral()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    auto *bar = new QHBoxLayout;
    m_filterEdit = new QLineEdit(central);
    m_filterEdit->setObjectName(QStringLiteral("machineFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter: MAC, vendor, IP, serial, config, hostname…"));
    m_filterEdit->setClearButtonEnabled(true);
    m_stageFilter = new QComboBox(central);
    m_stageFilter->setObjectName(QStringLiteral("stageFilter"));
    m_stageFilter->addItem(tr("All stages"));
    m_stageFilter->addItem(QIcon(QStringLiteral(":/icons/attention.svg")), tr("Needs attention"),
                           QStringLiteral("attention"));
    m_stageFilter->addItem(tr("Booting"), QVariantList{int(Stage::Discovered), int(Stage::FirmwareFiles), int(Stage::LoadingIpxe), int(Stage::Ipxe),
                                                       int(Stage::Kernel), int(Stage::Config), int(Stage::Installing)});
    m_stageFilter->addItem(tr("Done"), QVariantList{int(Stage::Joined), int(Stage::Installed)});
    m_stageFilter->insertSeparator(m_stageFilter->count());
    for (int s = int(Stage::Discovered); s <= int(Stage::Failed); ++s)
        m_stageFilter->addItem(StageStyle::icon(Stage(s)), StageStyle::title(Stage(s)), QVariantList{s});
    auto *filterLabel = new QLabel(tr("&Show:"), central);
    filterLabel->setBuddy(m_stageFilter);
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(filterLabel);
    bar->addWidget(m_stageFilter);
    layout->addLayout(bar);
    // The fleet at a glance: a button per stage filters the table to it.
    m_fleetBar = new FleetBar(m_session, central);
    layout->addWidget(m_fleetBar);
    connect(m_fleetBar, &FleetBar::stageChosen, this, [this](std::optional<Stage> stage) {
        int index = 0;
        if (stage)
            index = qMax(0, m_stageFilter->findData(QVariantList{int(*stage)}));
        m_stageFilter->setCurrentIndex(index);
    });
    m_attention = new AttentionBar(m_session, central);
    m_attention->setObjectName(QStringLiteral("attentionBar"));
    layout->addWidget(m_attention);

    m_machines = new MachineTableModel(m_session, this);
    m_machines->setObjectName(QStringLiteral("machineModel"));
    m_machines->setAssigner(m_assigner);
    m_filter = new MachineFilterModel(this);
    m_filter->setObjectName(QStringLiteral("machineFilterModel"));
    m_filter->setSourceModel(m_machines);
    m_table = new MachineTableView(central);
    m_table->setObjectName(QStringLiteral("machineTable"));
    m_table->setModel(m_filter);
    m_table->setMachineModel(m_machines);
    m_table->setItemDelegateForColumn(MachineTableModel::StageColumn, new StageDelegate(m_table));
    m_table->setItemDelegateForColumn(MachineTableModel::ProgressColumn, new ProgressDelegate(m_table));
    m_table->sortByColumn(MachineTableModel::MacColumn, Qt::AscendingOrder);
    m_machines->setDropTargets([this](const QString &mac) { return m_table->dropTargets(mac); });
    m_table->applyDefaultColumns();
    connect(m_table, &MachineTableView::columnsChanged, this, [this] {
        // At once, not only on close: a layout chosen in the menu survives a crash too.
        QSettings settings;
        if (m_table->usesDefaultColumns())
            settings.remove(QStringLiteral("window/technicianColumns"));
        else
            settings.setValue(QStringLiteral("window/technicianColumns"), m_table->saveColumns());
    });
    layout->addWidget(m_table, 1);
    // The current machine's hint, whole: the Hint column is only as wide as the window.
    auto *hintStrip = new QLabel(central);
    hintStrip->setObjectName(QStringLiteral("hintStrip"));
    hintStrip->setWordWrap(true);
    hintStrip->setTextInteractionFlags(Qt::TextSelectableByMouse);
    hintStrip->setContentsMargins(4, 2, 4, 2);
    hintStrip->hide();
    layout->addWidget(hintStrip);
    auto showHint = [this, hintStrip] {
        const QModelIndex current = m_table->currentIndex();
        const QString hint = current.isValid()
            ? current.siblingAtColumn(MachineTableModel::HintColumn).data(Qt::DisplayRole).toString()
            : QString();
        const QString name = current.isValid() ? m_session->displayName(current.data(MachineTableModel::MacRole).toString())
                                               : QString();
        hintStrip->setText(hint.isEmpty() ? QString() : QStringLiteral("%1: %2").arg(name, hint));
        hintStrip->setVisible(!hint.isEmpty());
    };
    connect(m_filter, &QAbstractItemModel::dataChanged, hintStrip, showHint);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, hintStrip, showHint);
    setCentralWidget(central);
    connect(m_attention, &AttentionBar::startServices, this, &MainWindow::startServices);
    connect(m_attention, &AttentionBar::message, this, [this](const QString &text) { showStatus(text, 0); });
    connect(m_attention, &AttentionBar::selectMachines, this, [this](const QStringList &macs) {
        // All of them in view: no filter hides one of the group.
        m_filterEdit->clear();
        m_stageFilter->setCurrentIndex(0);
        m_table->selectMacs(macs);
        showStatus(tr("Selected %n machines.", nullptr, int(macs.size())), 3000);
    });

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &MachineFilterModel::setText);
    connect(m_stageFilter, &QComboBox::currentIndexChanged, this, [this] {
        QSet<Stage> stages;
        const QVariant data = m_stageFilter->currentData();
        const QVariantList single = data.toList();
        m_fleetBar->setActiveStage(single.size() == 1 ? std::optional<Stage>(Stage(single.first().toInt())) : std::nullopt);
        m_filter->setAttentionOnly(data.toString() == QLatin1String("attention"));
        if (data.typeId() == QMetaType::QVariantList) {
            for (const QVariant &v : data.toList())
                stages.insert(Stage(v.toInt()));
        }
        m_filter->setStages(stages);
        updateCount();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::updateCount);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_detail->setSelection(selectedMacs()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        m_detail->setMachine(current.data(MachineTableModel::MacRole).toString());
    });
    connect(m_table, &QWidget::customContextMenuRequested, this, &MainWindow::showMachineMenu);
    connect(m_table, &MachineTableView::dropRefused, this, [this](const QString &reason) { showStatus(reason); });
    connect(m_table, &MachineTableView::dropAccepted, this, [this](const QString &hint) { showStatus(hint, 3000); });
    // Machine shortcuts work where the table is.
    for (QAction *action : {m_assignAction, m_clearAction, m_reinstallAction, m_wakeAction, m_forgetAction, m_identifyAction})
        m_table->addAction(action);
}

void MainWindow::buildDocks()
{
    // Config library.
    auto *libraryDock = new QDockWidget(tr("Config library"), this);
    libraryDock->setObjectName(QStringLiteral("configLibraryDock"));
    auto *libraryPage = new QWidget(libraryDock);
    auto *libraryLayout = new QVBoxLayout(libraryPage);
    libraryLayout->setContentsMargins(4, 4, 4, 4);
    auto *intro = new QLabel(tr("Drag a config onto a machine, or onto a selection of machines, to assign it."), libraryPage);
    intro->setWordWrap(true);
    libraryLayout->addWidget(intro);
    m_configView = new ConfigListView(libraryPage);
    m_configView->setObjectName(QStringLiteral("configList"));
    m_configView->setDragEnabled(true);
    m_configView->setDragDropMode(QAbstractItemView::DragOnly);
    m_configView->setDefaultDropAction(Qt::CopyAction);
    m_configView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_configView->setItemDelegate(new ConfigDelegate(m_configView));
    m_configView->setUniformItemSizes(true);
    m_configView->setToolTip(tr("Drag a config onto machines, or select machines and press Enter on a config"));
    // Enter on a config assigns it to the table's selection: the keyboard's drag and drop.
    m_configView->installEventFilter(this);
    if (m_library) {
        m_configs = new ConfigListModel(m_library, this);
        m_configs->setObjectName(QStringLiteral("configModel"));
        m_configView->setModel(m_configs);
    }
    m_configPlaceholder = new ViewPlaceholder(m_configView, [this] {
        return tr("No machine configs yet. Import the folder 'talosctl gen config' wrote, or generate a "
                  "cluster with talosctl (the buttons below).");
    });
    m_configPlaceholder->setObjectName(QStringLiteral("configPlaceholder"));
    libraryLayout->addWidget(m_configView, 1);
    auto *configButtons = new QHBoxLayout;
    for (QAction *action : {m_importConfigsAction, m_generateConfigsAction}) {
        auto *button = new QToolButton(libraryPage);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        configButtons->addWidget(button);
    }
    libraryLayout->addLayout(configButtons);
    auto *openConfigs = new QPushButton(QIcon(QStringLiteral(":/icons/workspace.svg")), tr("Open the configs folder"), libraryPage);
    connect(openConfigs, &QPushButton::clicked, this, [this] {
        if (m_library)
            QDesktopServices::openUrl(QUrl::fromLocalFile(m_library->configsDir()));
    });
    libraryLayout->addWidget(openConfigs);
    m_openConfigsButton = openConfigs;
    libraryDock->setWidget(libraryPage);
    addDockWidget(Qt::LeftDockWidgetArea, libraryDock);

    // Services.
    auto *servicesDock = new QDockWidget(tr("Services"), this);
    servicesDock->setObjectName(QStringLiteral("servicesDock"));
    m_services = new ServicesPanel(servicesDock);
    m_services->setObjectName(QStringLiteral("servicesPanel"));
    servicesDock->setWidget(m_services);
    addDockWidget(Qt::LeftDockWidgetArea, servicesDock);

    // Machine detail.
    m_detail = new MachineDetailDock(m_session, this);
    addDockWidget(Qt::RightDockWidgetArea, m_detail);
    connect(m_detail, &MachineDetailDock::message, this, [this](const QString &text) { showStatus(text); });
    // The fleet's boots over time, under the table: the left and right docks keep their height.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    auto *timelineDock = new FleetTimelineDock(m_session, this);
    addDockWidget(Qt::BottomDockWidgetArea, timelineDock);
    // On demand (the fleet bar's button, Ctrl+Shift+L): the table keeps the height on a
    // laptop screen. A layout the person saved with it open brings it back.
    timelineDock->hide();
    m_fleetBar->setTimelineAction(timelineDock->toggleViewAction());
    timelineDock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
    connect(timelineDock->timeline(), &FleetTimeline::machineActivated, this, [this](const QString &mac) {
        m_table->selectMacs({mac});
        if (m_table->selectedMacs().contains(mac))
            return;
        // The filter hides it: show every machine, then select it.
        m_filterEdit->clear();
        m_stageFilter->setCurrentIndex(0);
        m_table->selectMacs({mac});
    });

    // Widths from the font, so the docks keep their proportion at any text size.
    const int line = fontMetrics().height();
    resizeDocks({libraryDock, m_detail}, {19 * line, 20 * line}, Qt::Horizontal);
    resizeDocks({libraryDock, servicesDock}, {400, 320}, Qt::Vertical);
}

void MainWindow::buildToolbar()
{
    QToolBar *toolbar = addToolBar(tr("Console"));
    toolbar->setObjectName(QStringLiteral("consoleToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_startAction);
    toolbar->addAction(m_stopAction);
    toolbar->addSeparator();

    toolbar->addWidget(new QLabel(tr(" Mode: "), toolbar));
    m_modeCombo = new QComboBox(toolbar);
    m_modeCombo->setObjectName(QStringLiteral("modeCombo"));
    m_modeCombo->addItem(tr("Proxy DHCP (next to a DHCP server)"), int(DhcpMode::Proxy));
    m_modeCombo->addItem(tr("Full DHCP (isolated network)"), int(DhcpMode::Full));
    m_modeCombo->setToolTip(tr("Proxy: an existing DHCP server hands out addresses and the console adds the boot "
                               "information. Full: the console is the only DHCP server, on an isolated switch."));
    const DhcpMode mode = m_session->mode();
    m_modeCombo->setCurrentIndex(mode == DhcpMode::Full ? 1 : 0);
    connect(m_modeCombo, &QComboBox::activated, this, &MainWindow::chooseMode);
    toolbar->addWidget(m_modeCombo);

    toolbar->addWidget(new QLabel(tr("  Interface: "), toolbar));
    m_interfaceCombo = new QComboBox(toolbar);
    m_interfaceCombo->setObjectName(QStringLiteral("interfaceCombo"));
    m_interfaceCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_interfaceCombo->setToolTip(tr("The network the machines to boot are on"));
    connect(m_interfaceCombo, &QComboBox::activated, this, &MainWindow::chooseInterface);
    toolbar->addWidget(m_interfaceCombo);
    fillInterfaces();
    toolbar->addSeparator();

    m_workspaceButton = new QToolButton(toolbar);
    m_workspaceButton->setDefaultAction(m_openWorkspaceAction);
    m_workspaceButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const QString dir = m_session->workspace().directory();
    m_workspaceButton->setText(dir.isEmpty() ? tr("No workspace") : tr("Workspace: %1").arg(dir.section(u'/', -1)));
    m_workspaceButton->setToolTip(dir);
    toolbar->addWidget(m_workspaceButton);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_setupAction);
    file->addAction(m_artifactsAction);
    file->addAction(m_importConfigsAction);
    file->addAction(m_generateConfigsAction);
    auto *kit = new KitBundleActions(m_session, this);
    file->addAction(kit->exportAction());
    file->addAction(kit->importAction());
    auto *palletReport = new PalletReportActions(m_session, this);
    file->addAction(palletReport->exportAction());
    file->addSeparator();
    // Outgrowing the laptop: the same setup for dnsmasq + nginx or Matchbox, and back.
    auto *setupExport = new SetupExportActions(m_session, this);
    file->addAction(setupExport->dnsmasqNginxAction());
    file->addAction(setupExport->matchboxAction());
    auto *setupImport = new SetupImportActions(m_session, this);
    file->addAction(setupImport->importAction());
    file->addSeparator();
    file->addAction(m_openWorkspaceAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    auto *rules = new RulesActions(m_session, m_library, m_undoStack, this);
    edit->addAction(rules->editAction());
    edit->addSeparator();
    edit->addAction(m_findAction);

    m_machineMenu = menuBar()->addMenu(tr("&Machine"));
    m_machineMenu->addAction(m_assignAction);
    m_machineMenu->addAction(m_clearAction);
    m_machineMenu->addAction(m_piFolders->assignAction());
    m_machineMenu->addAction(m_queueAction);
    m_machineMenu->addAction(m_reinstallAction);
    m_machineMenu->addSeparator();
    m_machineMenu->addAction(m_wakeAction);
    m_machineMenu->addAction(m_identifyAction);
    m_machineMenu->addAction(m_forgetAction);

    QMenu *services = menuBar()->addMenu(tr("&Services"));
    services->addAction(m_startAction);
    services->addAction(m_stopAction);
    services->addAction(m_preflightAction);
    services->addSeparator();
    services->addAction(m_doctorAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    const auto docks = findChildren<QDockWidget *>();
    for (QDockWidget *dock : docks)
        m_viewMenu->addAction(dock->toggleViewAction());
    m_viewMenu->addSeparator();
    // The header's column menu, for the keyboard.
    QMenu *columns = m_viewMenu->addMenu(tr("&Columns"));
    columns->setObjectName(QStringLiteral("columnsMenu"));
    connect(columns, &QMenu::aboutToShow, this, [this, columns] {
        columns->clear();
        m_table->fillColumnMenu(columns);
    });
    m_viewMenu->addSeparator();
    m_viewMenu->addMenu(LanguageChoice::createMenu(this));
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("window"));
    if (settings.contains(QStringLiteral("geometry")))
        restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    if (settings.contains(QStringLiteral("state"))) {
        restoreState(settings.value(QStringLiteral("state")).toByteArray());
        m_userLayout = true;
    }
    // The columns' key changed when the Hint moved next to the hostname: a layout saved
    // under the old key described another column order.
    m_table->restoreColumns(settings.value(QStringLiteral("technicianColumns")).toByteArray());
    settings.endGroup();
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_userLayout)
        return;
    // A small laptop screen: the table needs the width; the machine's details share the
    // left side with the config library, a tab away. Wider, they have their own side.
    const bool narrow = width() < 1700;
    auto *library = findChild<QDockWidget *>(QStringLiteral("configLibraryDock"));
    if (narrow == m_narrowLayout || !library || m_detail->isFloating())
        return;
    m_narrowLayout = narrow;
    if (narrow) {
        tabifyDockWidget(library, m_detail);
        library->raise();
    } else {
        addDockWidget(Qt::RightDockWidgetArea, m_detail);
        resizeDocks({m_detail}, {20 * fontMetrics().height()}, Qt::Horizontal);
    }
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("window"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    if (m_table->usesDefaultColumns())
        settings.remove(QStringLiteral("technicianColumns"));
    else
        settings.setValue(QStringLiteral("technicianColumns"), m_table->saveColumns());
    settings.endGroup();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

QString MainWindow::currentInterface() const
{
    return m_session->interfaceName();
}

QString MainWindow::openProblem(const QString &error) const
{
    // A workspace that could not be read says so itself. Past that, open() fails for want
    // of an interface it can resolve, and the toolbar's list is where one is chosen here.
    if (error.isEmpty() || !m_session->workspace().ok() || !m_session->overrides().serverAddress.isEmpty())
        return error;
    const QString name = currentInterface();
    if (name.isEmpty())
        return tr("Choose the network interface the machines are on in the toolbar's Interface list.");
    if (!QNetworkInterface::interfaceFromName(name).isValid())
        return tr("There is no network interface '%1' on this computer. Choose the one the machines are on in the "
                  "toolbar's Interface list.").arg(name);
    return error;
}

void MainWindow::setOpenError(const QString &error)
{
    m_openError = openProblem(error);
    m_opened = error.isEmpty();
    m_services->setSessionProblem(m_openError, error.isEmpty() ? QStringList() : ConsoleSession::describeInterfaces());
    if (!error.isEmpty())
        showStatus(m_openError, 0);
    updateServiceActions();
}

void MainWindow::setDemoNote(const QString &note)
{
    setWindowTitle(note.isEmpty() ? tr("Netboot Console") : tr("Netboot Console — %1").arg(note));
    showStatus(note, 0);
}

void MainWindow::showStatus(const QString &message, int timeoutMs)
{
    statusBar()->showMessage(message, timeoutMs);
}

QStringList MainWindow::selectedMacs() const
{
    return m_table->selectedMacs();
}

void MainWindow::updateActions()
{
    const bool any = !selectedMacs().isEmpty();
    for (QAction *action : {m_assignAction, m_clearAction, m_reinstallAction, m_wakeAction, m_forgetAction, m_identifyAction})
        action->setEnabled(any);
    m_piFolders->updateAction();
}

void MainWindow::updateServiceActions()
{
    const bool running = m_session->services()->isRunning();
    m_startAction->setEnabled(m_opened && !running);
    m_stopAction->setEnabled(m_opened && running);
}

void MainWindow::updateCount()
{
    const int shown = m_filter->rowCount();
    const int all = m_machines->rowCount();
    m_countLabel->setText(shown == all ? tr("%n machines", nullptr, all) : tr("%1 of %n machines", nullptr, all).arg(shown));
}

void MainWindow::fillInterfaces()
{
    m_interfaceCombo->clear();
    const QString current = currentInterface();
    if (current.isEmpty()) {
        m_interfaceCombo->addItem(m_session->overrides().serverAddress.isEmpty()
                                      ? tr("Choose an interface…")
                                      : tr("loopback %1 (demo)").arg(m_session->overrides().serverAddress),
                                  QString());
    }
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &iface : interfaces) {
        if (iface.flags() & QNetworkInterface::IsLoopBack)
            continue;
        QString address;
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol) {
                address = entry.ip().toString();
                break;
            }
        }
        const QString label = address.isEmpty() ? tr("%1 (no IPv4 address)").arg(iface.name())
                                                 : QStringLiteral("%1 (%2)").arg(iface.name(), address);
        m_interfaceCombo->addItem(label, iface.name());
        if (iface.name() == current)
            m_interfaceCombo->setCurrentIndex(m_interfaceCombo->count() - 1);
    }
}

void MainWindow::chooseInterface(int index)
{
    const QString name = m_interfaceCombo->itemData(index).toString();
    if (name.isEmpty())
        return;
    const bool wasRunning = m_session->services()->isRunning();
    QString error;
    switch (m_session->setInterface(name, &error)) {
    case ConsoleSession::InterfaceChange::NotSaved:
        showStatus(tr("The interface was not saved: %1").arg(error), 0);
        return;
    case ConsoleSession::InterfaceChange::NotOpened:
        setOpenError(m_session->error());
        return;
    case ConsoleSession::InterfaceChange::Done:
        break;
    }
    setOpenError(QString());
    if (wasRunning || !m_session->services()->isRunning())
        startServices();
    showStatus(tr("Serving on %1.").arg(m_interfaceCombo->itemText(index)));
}

void MainWindow::chooseMode(int index)
{
    const auto mode = DhcpMode(m_modeCombo->itemData(index).toInt());
    QString error;
    if (!m_session->setMode(mode, &error)) {
        showStatus(tr("The mode was not saved: %1").arg(error), 0);
        return;
    }
    showStatus(mode == DhcpMode::Full ? tr("Full DHCP: the console hands out addresses. Use it only on an isolated network.")
                                      : tr("Proxy DHCP: the network's own DHCP server hands out addresses."));
}

void MainWindow::startServices()
{
    if (!m_opened) {
        showStatus(m_openError, 0);
        return;
    }
    m_session->startServices();
    updateServiceActions();
}

void MainWindow::stopServices()
{
    // Machines in the middle of a boot lose their downloads: ask first.
    int booting = 0;
    const QDateTime recent = QDateTime::currentDateTimeUtc().addSecs(-120);
    for (const Machine &m : m_session->registry()->machines()) {
        const bool midway = m.stage == Stage::FirmwareFiles || m.stage == Stage::LoadingIpxe || m.stage == Stage::Ipxe || m.stage == Stage::Kernel
            || m.stage == Stage::Config || m.stage == Stage::Installing || m.downloading;
        if (m.live && midway && m.lastSeen >= recent)
            ++booting;
    }
    if (booting > 0) {
        if (!askFirst(QStringLiteral("stopConfirmation"), QMessageBox::Question, tr("Stop the services?"),
                      booting == 1 ? tr("A machine is booting from this console.")
                                   : tr("%n machines are booting from this console.", nullptr, booting),
                      tr("Stopping the services interrupts their downloads and config requests; they go on by "
                         "themselves when the services run again, or need a power-cycle."),
                      tr("&Stop anyway"), QStringLiteral("confirmStop")))
            return;
    }
    m_session->stopServices();
    updateServiceActions();
}

bool MainWindow::askFirst(const QString &name, QMessageBox::Icon icon, const QString &title, const QString &text,
                          const QString &details, const QString &acceptText, const QString &acceptName)
{
    // Cancel is the default: Enter on a question that interrupts work keeps things as they are.
    QMessageBox box(icon, title, text, QMessageBox::NoButton, this);
    box.setObjectName(name);
    box.setInformativeText(details);
    QPushButton *accept = box.addButton(acceptText, QMessageBox::AcceptRole);
    accept->setObjectName(acceptName);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == accept;
}

void MainWindow::runPreflight()
{
    // The config most machines have (the pallet's), else the first that can be served.
    QHash<QString, int> uses;
    for (const MachineIntent &m : m_session->workspace().settings().machines) {
        if (!m.configPath.isEmpty())
            ++uses[m.configPath];
    }
    QString config;
    for (auto it = uses.cbegin(); it != uses.cend(); ++it) {
        if (config.isEmpty() || it.value() > uses.value(config))
            config = it.key();
    }
    for (int row = 0; config.isEmpty() && m_configs && row < m_configs->rowCount(); ++row) {
        const QString id = m_configs->index(row).data(ConfigListModel::IdRole).toString();
        if (m_assigner->canAssign(id))
            config = id;
    }
    auto *preflight = new Sim::Preflight(this);
    QString error;
    if (!preflight->start(m_session->workspace(), config, &error)) {
        delete preflight;
        showStatus(tr("The pre-flight check cannot run: %1").arg(error), 0);
        return;
    }
    m_preflightAction->setEnabled(false);
    showStatus(config.isEmpty() ? tr("Pre-flight: two simulated machines boot against this workspace (no config)…")
                                : tr("Pre-flight: two simulated machines boot against this workspace with %1…")
                                      .arg(config.section(u'/', -1)),
               0);
    connect(preflight, &Sim::Preflight::finished, this, [this, preflight, config](bool ok, const QStringList &report) {
        preflight->deleteLater();
        m_preflightAction->setEnabled(true);
        auto *box = new QMessageBox(ok ? QMessageBox::Information : QMessageBox::Warning, tr("Pre-flight check"),
                                    ok ? tr("Both machines booted as the pallet will.")
                                       : tr("Something would fail: fix it before powering on the pallet."),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("preflightResult"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setInformativeText((config.isEmpty() ? tr("Without a config.") : tr("Config: %1").arg(config)) + u'\n'
                                + report.join(u'\n'));
        box->open();
        showStatus(ok ? tr("Pre-flight check passed.") : tr("Pre-flight check: something would fail."), 0);
    });
}

QMenu *MainWindow::showMachineMenu(const QPoint &viewportPos)
{
    const QModelIndex index = m_table->indexAt(viewportPos);
    if (index.isValid() && !m_table->selectionModel()->isRowSelected(index.row(), index.parent())) {
        m_table->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    if (selectedMacs().isEmpty())
        return nullptr;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("machineContextMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    // Quick picks: every assignable config, then the general actions.
    if (m_configs) {
        QMenu *assignTo = menu->addMenu(QIcon(QStringLiteral(":/icons/assign.svg")), tr("Assign"));
        assignTo->setObjectName(QStringLiteral("assignSubmenu"));
        for (int row = 0; row < m_configs->rowCount(); ++row) {
            const QModelIndex config = m_configs->index(row);
            const QString id = config.data(ConfigListModel::IdRole).toString();
            QAction *action = assignTo->addAction(config.data(Qt::DecorationRole).value<QIcon>(),
                                                  config.data(Qt::DisplayRole).toString());
            action->setData(id);
            QString reason;
            if (!m_assigner->canAssign(id, &reason)) {
                action->setEnabled(false);
                action->setToolTip(reason);
            }
            connect(action, &QAction::triggered, this, [this, id] { m_assigner->assign(selectedMacs(), id); });
        }
        assignTo->setToolTipsVisible(true);
        if (assignTo->isEmpty())
            assignTo->addAction(tr("No configs in the library"))->setEnabled(false);
    }
    menu->addAction(m_assignAction);
    menu->addAction(m_clearAction);
    menu->addAction(m_piFolders->assignAction());
    menu->addAction(m_reinstallAction);
    menu->addSeparator();
    menu->addAction(m_wakeAction);
    menu->addAction(m_identifyAction);
    menu->addAction(m_forgetAction);
    menu->popup(m_table->viewport()->mapToGlobal(viewportPos));
    return menu;
}

void MainWindow::openAssignDialog()
{
    const QStringList macs = selectedMacs();
    if (macs.isEmpty() || !m_configs)
        return;
    // Each config as a person picks it: its name, role and cluster, not a bare path.
    QStringList items;
    QHash<QString, QString> idOf;
    for (const QString &id : m_configs->ids()) {
        if (!m_assigner->canAssign(id))
            continue;
        const Talos::ConfigEntry *entry = m_library ? m_library->entry(id) : nullptr;
        QString text = id.section(u'/', -1);
        if (entry && entry->role != Talos::MachineRole::Unknown)
            text += QStringLiteral(" — ") + Talos::MachineConfig::roleName(entry->role)
                + (entry->clusterName.isEmpty() ? QString() : tr(", cluster %1").arg(entry->clusterName));
        items << text;
        idOf.insert(text, id);
    }
    if (items.isEmpty()) {
        showStatus(tr("No config can be assigned: add one to the workspace's configs folder."));
        return;
    }
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("assignDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Assign config"));
    dialog->setLabelText(macs.size() == 1 ? tr("Config for %1:").arg(m_session->displayName(macs.constFirst()))
                                          : tr("Config for the %n selected machines:", nullptr, int(macs.size())));
    dialog->setComboBoxItems(items);
    dialog->setComboBoxEditable(false);
    const QString current = idOf.key(m_session->assignment(macs.constFirst()));
    if (!current.isEmpty())
        dialog->setTextValue(current);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, macs, idOf](const QString &text) { m_assigner->assign(macs, idOf.value(text, text)); });
    dialog->open();
}

void MainWindow::clearAssignment()
{
    m_assigner->clear(selectedMacs());
}

void MainWindow::reinstall()
{
    const QStringList macs = selectedMacs();
    for (const QString &mac : macs) {
        QString error;
        if (!m_session->setInstalled(mac, false, &error)) {
            showStatus(tr("Not saved: %1").arg(error), 0);
            return;
        }
    }
    showStatus(macs.size() == 1 ? tr("%1 will install Talos again at its next network boot.").arg(m_session->displayName(macs.first()))
                                : tr("%n machines will install Talos again at their next network boot.", nullptr, int(macs.size())));
}

void MainWindow::wake()
{
    const QStringList macs = selectedMacs();
    if (macs.isEmpty())
        return;
    // A batch at a time, so a pallet does not fetch its kernels in the same second; more
    // machines woken while a run goes on join its queue.
    WakeScheduler *waker = m_session->wakeScheduler();
    if (!waker->isRunning()) {
        waker->setTarget(m_session->wakeTarget());
        waker->setBatchSize(WakeDialog::savedBatchSize());
        waker->setBatchTimeoutMs(WakeDialog::savedBatchTimeoutSeconds() * 1000);
    }
    waker->wake(macs);
    const WakeScheduler::Progress progress = waker->progress();
    const QString target = waker->target().address.toString();
    if (progress.batches > 1) {
        auto *dialog = findChild<WakeDialog *>(QStringLiteral("wakeDialog"));
        if (!dialog) {
            dialog = new WakeDialog(waker, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
        }
        dialog->show();
        dialog->raise();
        showStatus(tr("Waking %n machines, %1 at a time, via %2.", nullptr, progress.total)
                       .arg(waker->batchSize())
                       .arg(target));
    } else if (progress.failed == 0) {
        showStatus(progress.sent == 1 ? tr("Sent Wake-on-LAN to one machine via %1.").arg(target)
                                      : tr("Sent Wake-on-LAN to %n machines via %1.", nullptr, progress.sent).arg(target));
    } else {
        showStatus(tr("Wake-on-LAN could not be sent: %1").arg(waker->lastError()), 0);
    }
}

void MainWindow::forget()
{
    const QStringList macs = selectedMacs();
    if (macs.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Forget machines"),
                                macs.size() == 1 ? tr("Forget %1?").arg(m_session->displayName(macs.constFirst()))
                                                 : tr("Forget the %n selected machines?", nullptr, int(macs.size())),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("forgetConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("They leave the table and their boot history is deleted. They come back when they "
                               "network-boot again; their assigned configs stay in the workspace."));
    QPushButton *yes = box->addButton(macs.size() == 1 ? tr("&Forget it") : tr("&Forget %n machines", nullptr, int(macs.size())),
                                      QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirmForget"));
    box->addButton(QMessageBox::Cancel);
    // Delete then Enter forgets; Escape keeps them.
    box->setDefaultButton(yes);
    box->setEscapeButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, yes, macs](QAbstractButton *button) {
        if (button != yes) {
            showStatus(tr("Nothing was forgotten."), 3000);
            return;
        }
        for (const QString &mac : macs)
            m_session->registry()->forget(mac);
        showStatus(macs.size() == 1 ? tr("Forgot %1; it comes back when it boots again.").arg(m_session->displayName(macs.first()))
                                    : tr("Forgot %n machines; they come back when they boot again.", nullptr, int(macs.size())));
    });
    box->open();
}

bool MainWindow::assignFromLibrary(const QModelIndex &config)
{
    if (!config.isValid() || !m_configs)
        return false;
    const QStringList macs = selectedMacs();
    if (macs.isEmpty()) {
        showStatus(tr("Select machines in the table first, then press Enter on a config to assign it."));
        return false;
    }
    // The same path as a drop on the first selected row (a drop on a selected row is for
    // the whole selection): the model validates, the Assigner assigns.
    std::unique_ptr<QMimeData> mime(m_configs->mimeData({config}));
    const QModelIndex target = m_machines->index(m_machines->rowOf(macs.constFirst()), 0);
    if (!m_machines->canDropMimeData(mime.get(), Qt::CopyAction, -1, -1, target)) {
        showStatus(m_machines->dropRefusal());
        return false;
    }
    return m_machines->dropMimeData(mime.get(), Qt::CopyAction, -1, -1, target);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_configView && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier) {
            assignFromLibrary(m_configView->currentIndex());
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::buildTabOrder()
{
    // Filter → table → config library → services → machine detail, as they read left to
    // right; the toolbar comes before them in the chain.
    QWidget *chain[] = {m_filterEdit, m_stageFilter, m_table, m_configView, m_openConfigsButton, m_services->tree(),
                        m_detail->firstFocusWidget()};
    for (size_t i = 1; i < std::size(chain); ++i)
        QWidget::setTabOrder(chain[i - 1], chain[i]);
}

} // namespace Nbc::Ui
