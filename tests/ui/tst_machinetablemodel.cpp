#include "uitestutil.h"

#include "assigner.h"
#include "machinetablemodel.h"

#include "inventory/ouidatabase.h"
#include "talos/configlibrary.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QMimeData>
#include <QTextDocument>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace Nbc;
using namespace Nbc::Ui;
using UiTest::macOf;

class TestMachineTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void newMachinesArriveAsOneBlock();
    void lastSeenIsLocalTime();
    void changesAreRangedWithTheirRoles();
    void unchangedMachinesEmitNothing();
    void stageChangeCarriesStageRoles();
    void progressRateAndEta();
    void betweenDownloadsTheLastOneShows();
    void longHintsWrapInTheirTooltip();
    void forgetRemovesTheRow();
    void simulatedAndLocallyAdministered();
    void vendorFromTheOuiList();
    void assignmentShowsInTheConfigColumn();
    void dropValidation();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<Assigner> m_assigner;
    std::unique_ptr<MachineTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestMachineTableModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    UiTest::makeWorkspace(m_dir->path());
    m_session = std::make_unique<ConsoleSession>();
    QVERIFY2(m_session->open(m_dir->path(), UiTest::loopbackOverrides()), qPrintable(m_session->error()));
    m_undo = std::make_unique<QUndoStack>();
    m_assigner = std::make_unique<Assigner>(m_session.get(), m_session->configs(), m_undo.get());
    m_model = std::make_unique<MachineTableModel>(m_session.get());
    m_model->setAssigner(m_assigner.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestMachineTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_assigner.reset();
    m_undo.reset();
    m_session.reset();
    m_dir.reset();
}

void TestMachineTableModel::newMachinesArriveAsOneBlock()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 50; ++i)
        UiTest::discover(m_session->registry(), macOf(i));
    QCOMPARE(m_model->rowCount(), 0);   // nothing until the registry publishes
    m_session->registry()->publish();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 49);
    QCOMPARE(m_model->rowCount(), 50);
    for (int i = 0; i < 50; ++i) {
        const int row = m_model->rowOf(macOf(i));
        QVERIFY(row >= 0);
        QCOMPARE(m_model->index(row, MachineTableModel::MacColumn).data().toString(), macOf(i));
        QCOMPARE(m_model->index(row, MachineTableModel::FirmwareColumn).data().toString(), QStringLiteral("UEFI"));
    }
    // Later arrivals are appended as their own block.
    UiTest::discover(m_session->registry(), macOf(50), 0);
    UiTest::discover(m_session->registry(), macOf(51), 0);
    m_session->registry()->publish();
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 50);
    QCOMPARE(inserted.at(1).at(2).toInt(), 51);
    // UEFI HTTP boot (client arch 16) is shown as such; for rules and reports it stays "uefi".
    UiTest::discover(m_session->registry(), macOf(52), 16);
    m_session->registry()->publish();
    QCOMPARE(m_model->index(m_model->rowOf(macOf(52)), MachineTableModel::FirmwareColumn).data().toString(),
             QStringLiteral("UEFI HTTP"));
    QCOMPARE(m_session->registry()->machine(macOf(52))->firmware, QStringLiteral("uefi"));
}

// The clock column is computed without a time-zone lookup per row: it must still be the
// local time Qt would give, and the MAC column's tooltip names the first sighting.
void TestMachineTableModel::lastSeenIsLocalTime()
{
    UiTest::discover(m_session->registry(), macOf(7));
    m_session->registry()->publish();
    const Machine *m = m_session->registry()->machine(macOf(7));
    QVERIFY(m && m->lastSeen.isValid());
    const int row = m_model->rowOf(macOf(7));
    QCOMPARE(m_model->index(row, MachineTableModel::LastSeenColumn).data().toString(),
             m->lastSeen.toLocalTime().time().toString(QStringLiteral("HH:mm:ss")));
    const QString tip = m_model->index(row, MachineTableModel::MacColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLocale().toString(m->firstSeen.toLocalTime(), QLocale::ShortFormat)), qPrintable(tip));
}

void TestMachineTableModel::changesAreRangedWithTheirRoles()
{
    for (int i = 0; i < 20; ++i)
        UiTest::discover(m_session->registry(), macOf(i));
    m_session->registry()->publish();
    for (int i = 0; i < 20; ++i)
        UiTest::download(m_session->registry(), macOf(i), 0, 1000, 100, EventKind::HttpStart);
    m_session->registry()->publish();

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    // Rows 3, 4, 5 and 10: two runs, so two signals.
    for (int row : {3, 4, 5, 10})
        UiTest::download(m_session->registry(), m_model->macAt(row), 500, 1000, 100);
    m_session->registry()->publish();
    QCOMPARE(changed.count(), 2);
    const QModelIndex firstTop = changed.at(0).at(0).toModelIndex();
    const QModelIndex firstBottom = changed.at(0).at(1).toModelIndex();
    QCOMPARE(firstTop.row(), 3);
    QCOMPARE(firstBottom.row(), 5);
    QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 10);
    QCOMPARE(changed.at(1).at(1).toModelIndex().row(), 10);
    QVERIFY(firstTop.column() <= MachineTableModel::ProgressColumn);
    QVERIFY(firstBottom.column() >= MachineTableModel::ProgressColumn);
    const auto roles = changed.at(0).at(2).value<QList<int>>();
    QVERIFY(roles.contains(MachineTableModel::ProgressRole));
    QVERIFY(roles.contains(Qt::DisplayRole));
    QVERIFY(!roles.contains(MachineTableModel::StageRole));   // the stage did not change
    QCOMPARE(m_model->index(4, 0).data(MachineTableModel::ProgressRole).toDouble(), 0.5);
}

void TestMachineTableModel::unchangedMachinesEmitNothing()
{
    UiTest::discover(m_session->registry(), macOf(1));
    m_session->registry()->publish();
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->refresh({macOf(1)});
    QCOMPARE(changed.count(), 0);
}

void TestMachineTableModel::stageChangeCarriesStageRoles()
{
    UiTest::discover(m_session->registry(), macOf(1));
    m_session->registry()->publish();
    const int row = m_model->rowOf(macOf(1));
    QCOMPARE(Stage(m_model->index(row, 0).data(MachineTableModel::StageRole).toInt()), Stage::Discovered);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    UiTest::download(m_session->registry(), macOf(1), 10, 1000, 100, EventKind::HttpStart);
    m_session->registry()->publish();
    QCOMPARE(changed.count(), 1);
    const auto roles = changed.at(0).at(2).value<QList<int>>();
    QVERIFY(roles.contains(MachineTableModel::StageRole));
    QVERIFY(roles.contains(Qt::DecorationRole));
    QCOMPARE(Stage(m_model->index(row, 0).data(MachineTableModel::StageRole).toInt()), Stage::Kernel);
    QCOMPARE(m_model->index(row, MachineTableModel::StageColumn).data().toString(), QStringLiteral("Kernel"));
    QVERIFY(!m_model->index(row, MachineTableModel::StageColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
}

void TestMachineTableModel::progressRateAndEta()
{
    UiTest::discover(m_session->registry(), macOf(1));
    UiTest::download(m_session->registry(), macOf(1), 0, 100 << 20, 0, EventKind::HttpStart);
    UiTest::download(m_session->registry(), macOf(1), 30 << 20, 100 << 20, 10 << 20);
    m_session->registry()->publish();
    const QModelIndex progress = m_model->index(m_model->rowOf(macOf(1)), MachineTableModel::ProgressColumn);
    QCOMPARE(progress.data(MachineTableModel::EtaRole).toLongLong(), 7);
    QCOMPARE(progress.data(MachineTableModel::RateRole).toLongLong(), qint64(10 << 20));
    QCOMPARE(progress.data().toString(), QStringLiteral("10.0 MiB/s, ETA 0:07"));
    QVERIFY(progress.data(MachineTableModel::DownloadingRole).toBool());
    QVERIFY(progress.data(Qt::ToolTipRole).toString().contains(QLatin1String("vmlinuz")));
    UiTest::download(m_session->registry(), macOf(1), 100 << 20, 100 << 20, 10 << 20, EventKind::HttpDone);
    m_session->registry()->publish();
    QCOMPARE(progress.data(MachineTableModel::ProgressRole).toDouble(), -1.0);
    QVERIFY(!progress.data(MachineTableModel::DownloadingRole).toBool());
}

void TestMachineTableModel::betweenDownloadsTheLastOneShows()
{
    UiTest::discover(m_session->registry(), macOf(1));
    UiTest::download(m_session->registry(), macOf(1), 0, 12 << 20, 0, EventKind::HttpStart);
    UiTest::download(m_session->registry(), macOf(1), 12 << 20, 12 << 20, 3 << 20, EventKind::HttpDone);
    m_session->registry()->publish();
    const int row = m_model->rowOf(macOf(1));
    QCOMPARE(Stage(m_model->index(row, 0).data(MachineTableModel::StageRole).toInt()), Stage::Kernel);
    // Kernel, nothing running: the cell says what was fetched, not nothing.
    const QModelIndex progress = m_model->index(row, MachineTableModel::ProgressColumn);
    QCOMPARE(progress.data().toString(), QStringLiteral("vmlinuz done"));
    QVERIFY(!progress.data(MachineTableModel::DownloadingRole).toBool());

    // A download that stopped part-way says how far it got.
    UiTest::discover(m_session->registry(), macOf(2));
    UiTest::download(m_session->registry(), macOf(2), 0, 12 << 20, 0, EventKind::HttpStart);
    UiTest::download(m_session->registry(), macOf(2), 3 << 20, 12 << 20, 1 << 20);
    Nbc::MachineEvent failed = Nbc::makeEvent(EventKind::HttpFailed, macOf(2), QHostAddress(QStringLiteral("10.0.0.5")),
                                              QStringLiteral("vmlinuz: client-gone"));
    failed.artifact = Nbc::ArtifactKind::Kernel;
    failed.failure = Nbc::FailureCode::Interrupted;
    failed.time = QDateTime::currentDateTimeUtc();
    m_session->registry()->handleEvent(failed);
    m_session->registry()->publish();
    const QModelIndex partial = m_model->index(m_model->rowOf(macOf(2)), MachineTableModel::ProgressColumn);
    QCOMPARE(partial.data().toString(), QStringLiteral("vmlinuz: 3.0 MiB of 12.0 MiB"));

    // Past the downloads (config fetched) the cell is empty again.
    Nbc::MachineEvent served = Nbc::makeEvent(EventKind::ConfigServed, macOf(1), QHostAddress(QStringLiteral("10.0.0.5")),
                                              QStringLiteral("configs/worker.yaml"));
    served.time = QDateTime::currentDateTimeUtc();
    m_session->registry()->handleEvent(served);
    m_session->registry()->publish();
    QVERIFY(progress.data().toString().isEmpty());
}

void TestMachineTableModel::longHintsWrapInTheirTooltip()
{
    UiTest::discover(m_session->registry(), macOf(1));
    Nbc::MachineEvent wait = Nbc::makeEvent(EventKind::ScriptServed, macOf(1), QHostAddress(QStringLiteral("10.0.0.5")),
                                            QStringLiteral("wait"));
    wait.script = Nbc::ScriptKind::Wait;
    wait.time = QDateTime::currentDateTimeUtc();
    m_session->registry()->handleEvent(wait);
    m_session->registry()->publish();
    const QModelIndex hint = m_model->index(m_model->rowOf(macOf(1)), MachineTableModel::HintColumn);
    const QString text = hint.data().toString();
    QVERIFY(text.startsWith(QLatin1String("No machine config is assigned")));
    // The whole hint, as rich text so the tooltip wraps it.
    const QString tip = hint.data(Qt::ToolTipRole).toString();
    QVERIFY(Qt::mightBeRichText(tip));
    QVERIFY(tip.contains(text.toHtmlEscaped()));
}

void TestMachineTableModel::forgetRemovesTheRow()
{
    for (int i = 0; i < 5; ++i)
        UiTest::discover(m_session->registry(), macOf(i));
    m_session->registry()->publish();
    const QString gone = m_model->macAt(2);
    const QString after = m_model->macAt(3);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_session->registry()->forget(gone);
    m_session->registry()->publish();
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(m_model->rowOf(gone), -1);
    QCOMPARE(m_model->rowOf(after), 2);   // the index follows the rows
    QCOMPARE(m_model->macAt(2), after);
}

void TestMachineTableModel::simulatedAndLocallyAdministered()
{
    const QString sim = QStringLiteral("02:00:00:00:00:07");
    UiTest::discover(m_session->registry(), sim);
    m_session->registry()->markSimulated(sim);
    m_session->registry()->publish();
    const QModelIndex mac = m_model->index(m_model->rowOf(sim), MachineTableModel::MacColumn);
    QVERIFY(mac.data(MachineTableModel::SimulatedRole).toBool());
    QVERIFY(mac.data(Qt::ToolTipRole).toString().contains(QLatin1String("Simulated")));
    QVERIFY(!mac.data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(m_model->index(mac.row(), MachineTableModel::VendorColumn).data().toString(),
             OuiDatabase::locallyAdministeredText());
}

void TestMachineTableModel::vendorFromTheOuiList()
{
    const QString mac = QStringLiteral("3c:ec:ef:00:00:01");
    UiTest::discover(m_session->registry(), mac);
    m_session->registry()->publish();
    const int row = m_model->rowOf(mac);
    QVERIFY(m_model->index(row, MachineTableModel::VendorColumn).data().toString().isEmpty());
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setOuiDatabase(std::make_shared<const OuiDatabase>(
        OuiDatabase::fromFile(TestUtil::dataPath(QStringLiteral("oui/oui-sample.txt")))));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->index(row, MachineTableModel::VendorColumn).data().toString(),
             QStringLiteral("Super Micro Computer, Inc."));
}

void TestMachineTableModel::assignmentShowsInTheConfigColumn()
{
    UiTest::discover(m_session->registry(), macOf(1));
    m_session->registry()->publish();
    const QModelIndex config = m_model->index(m_model->rowOf(macOf(1)), MachineTableModel::ConfigColumn);
    QVERIFY(config.data().toString().isEmpty());
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_session->assign({macOf(1)}, QStringLiteral("configs/worker.yaml")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(config.data().toString(), QStringLiteral("worker.yaml"));
    QCOMPARE(config.data(Qt::ToolTipRole).toString(), QStringLiteral("configs/worker.yaml"));
}

void TestMachineTableModel::dropValidation()
{
    UiTest::discover(m_session->registry(), macOf(1));
    UiTest::discover(m_session->registry(), macOf(2));
    m_session->registry()->publish();
    const QModelIndex row = m_model->index(m_model->rowOf(macOf(1)), 0);

    std::unique_ptr<QMimeData> good(MachineTableModel::encodeConfigIds({QStringLiteral("configs/worker.yaml")}));
    std::unique_ptr<QMimeData> broken(MachineTableModel::encodeConfigIds({QStringLiteral("configs/broken.yaml")}));
    std::unique_ptr<QMimeData> two(MachineTableModel::encodeConfigIds(
        {QStringLiteral("configs/worker.yaml"), QStringLiteral("configs/controlplane.yaml")}));
    QMimeData text;
    text.setText(QStringLiteral("configs/worker.yaml"));

    QVERIFY(m_model->canDropMimeData(good.get(), Qt::CopyAction, -1, -1, row));
    QVERIFY(m_model->dropRefusal().isEmpty());
    QVERIFY(!m_model->canDropMimeData(broken.get(), Qt::CopyAction, -1, -1, row));
    QVERIFY2(m_model->dropRefusal().contains(QLatin1String("broken.yaml")), qPrintable(m_model->dropRefusal()));
    QVERIFY(!m_model->canDropMimeData(two.get(), Qt::CopyAction, -1, -1, row));
    QVERIFY(!m_model->dropRefusal().isEmpty());
    QVERIFY(!m_model->canDropMimeData(&text, Qt::CopyAction, -1, -1, row));
    QVERIFY(!m_model->canDropMimeData(good.get(), Qt::CopyAction, -1, -1, QModelIndex()));   // not on a row

    QVERIFY(!m_model->dropMimeData(broken.get(), Qt::CopyAction, -1, -1, row));
    QVERIFY(m_session->assignment(macOf(1)).isEmpty());
    // A drop on a machine that is part of a selection is for the whole selection.
    m_model->setDropTargets([](const QString &mac) { return QStringList{mac, macOf(2)}; });
    QVERIFY(m_model->dropMimeData(good.get(), Qt::CopyAction, -1, -1, row));
    QCOMPARE(m_session->assignment(macOf(1)), QStringLiteral("configs/worker.yaml"));
    QCOMPARE(m_session->assignment(macOf(2)), QStringLiteral("configs/worker.yaml"));
    QCOMPARE(m_undo->count(), 1);
    m_undo->undo();
    QVERIFY(m_session->assignment(macOf(1)).isEmpty());
    QVERIFY(m_session->assignment(macOf(2)).isEmpty());
}

QTEST_MAIN(TestMachineTableModel)
#include "tst_machinetablemodel.moc"
