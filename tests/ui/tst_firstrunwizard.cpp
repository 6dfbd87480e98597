// The first-run wizard walked page by page, offscreen, through each way to get Talos
// (two files, an ISO, an Image Factory mirror) and configs (import, talosctl, skip);
// cancel writes nothing; a screenshot of every page lands in screenshots/.
#include "uitestutil.h"

#include "artifactpicker.h"
#include "firstrunwizard.h"
#include "wizardpages.h"

#include "boot/factorydownload.h"
#include "inventory/workspace.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QCryptographicHash>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTreeWidget>
#include <QtTest>

using namespace Nbc;
using namespace Nbc::Ui;

namespace {

// Serves files under the Image Factory's /image/<schematic>/<version>/ layout on loopback.
class MirrorServer : public QTcpServer
{
public:
    QHash<QString, QByteArray> files;   // path → body
    QStringList requests;

    MirrorServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    const QByteArray head = socket->readAll();
                    const QString path = QString::fromLatin1(head.split(' ').value(1));
                    requests << path;
                    if (!files.contains(path)) {
                        socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    } else {
                        const QByteArray body = files.value(path);
                        socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size())
                                      + "\r\nConnection: close\r\n\r\n" + body);
                    }
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class tst_FirstRunWizard : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_kernel;
    QString m_initramfs;
    QString m_biosIpxe;
    QString m_uefiIpxe;
    QString m_genFolder;

    std::unique_ptr<FirstRunWizard> makeWizard(const QString &ws)
    {
        auto wizard = std::make_unique<FirstRunWizard>(ws, Ports{}, [ws](const SetupPlan &plan) {
            Workspace workspace = Workspace::open(ws);
            return Setup::apply(workspace, plan);
        });
        wizard->setProbeTimeout(300);
        wizard->show();
        return wizard;
    }

    static void shot(QWidget *w, const QString &name)
    {
        QDir().mkpath(QStringLiteral(NBC_BINARY_DIR "/screenshots"));
        QVERIFY(w->grab().save(QStringLiteral(NBC_BINARY_DIR "/screenshots/wizard-%1.png").arg(name)));
    }

    // Network page: loopback is always there; a test never serves on a real interface.
    void chooseLoopback(FirstRunWizard *wizard)
    {
        QCOMPARE(wizard->currentId(), int(FirstRunWizard::Network));
        auto *list = UiTest::child<QTreeWidget>(wizard, "interfaceList");
        QVERIFY(list->topLevelItemCount() > 0);
        const auto found = list->findItems(QStringLiteral("lo"), Qt::MatchExactly, 0);
        QCOMPARE(found.size(), 1);
        QVERIFY(found.first()->text(4).contains(Doctor::flagText(Doctor::InterfaceFlag::Loopback)));
        list->setCurrentItem(found.first());
        QVERIFY(wizard->currentPage()->isComplete());
        wizard->next();
        QCOMPARE(wizard->currentId(), int(FirstRunWizard::Doctor));
        // The doctor runs at once; Next waits for its report.
        QVERIFY(!wizard->currentPage()->isComplete());
        QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 20000);
        QVERIFY(UiTest::child<QPlainTextEdit>(wizard, "doctorReport")->toPlainText().contains(QLatin1String("lo")));
        UiTest::child<QRadioButton>(wizard, "proxyMode")->setChecked(true);
    }

    void chooseFiles(FirstRunWizard *wizard)
    {
        wizard->next();
        QCOMPARE(wizard->currentId(), int(FirstRunWizard::Artifacts));
        UiTest::child<QLineEdit>(wizard, "ipxeBios")->setText(m_biosIpxe);
        UiTest::child<QLineEdit>(wizard, "ipxeUefi")->setText(m_uefiIpxe);
        UiTest::child<QComboBox>(wizard, "talosVersion")->setEditText(QStringLiteral("1.9.5"));
        UiTest::child<QRadioButton>(wizard, "sourceFiles")->click();
        auto *kernel = UiTest::child<QLineEdit>(wizard, "kernelPath");
        auto *initramfs = UiTest::child<QLineEdit>(wizard, "initramfsPath");
        // Swapped by mistake: refused with what each file is.
        kernel->setText(m_initramfs);
        initramfs->setText(m_kernel);
        Q_EMIT initramfs->editingFinished();
        QVERIFY(!wizard->currentPage()->isComplete());
        QVERIFY(!UiTest::child<QLabel>(wizard, "filesStatus")->text().isEmpty());
        kernel->setText(m_kernel);
        initramfs->setText(m_initramfs);
        Q_EMIT initramfs->editingFinished();
        QVERIFY(UiTest::child<QLabel>(wizard, "filesStatus")->text().contains(QLatin1String("bzImage")));
        QVERIFY(wizard->currentPage()->isComplete());
    }

    void importConfigs(FirstRunWizard *wizard)
    {
        wizard->next();
        QCOMPARE(wizard->currentId(), int(FirstRunWizard::Configs));
        UiTest::child<QRadioButton>(wizard, "importConfigs")->click();
        auto *folder = UiTest::child<QLineEdit>(wizard, "configFolder");
        // A folder without configs: said so, and Next stays off.
        folder->setText(m_tmp.path());
        Q_EMIT folder->editingFinished();
        QVERIFY(!wizard->currentPage()->isComplete());
        QVERIFY(UiTest::child<QPlainTextEdit>(wizard, "configPreview")->toPlainText().contains(QLatin1String("controlplane.yaml")));
        folder->setText(m_genFolder);
        Q_EMIT folder->editingFinished();
        QVERIFY(wizard->currentPage()->isComplete());
        const QString preview = UiTest::child<QPlainTextEdit>(wizard, "configPreview")->toPlainText();
        QVERIFY2(preview.contains(QLatin1String("worker.yaml")) && preview.contains(QLatin1String("talosconfig")),
                 qPrintable(preview));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString dir = m_tmp.filePath(QStringLiteral("sources"));
        m_kernel = TestUtil::writeFile(dir, QStringLiteral("vmlinuz"), TestUtil::fakeKernel(8192));
        m_initramfs = TestUtil::writeFile(dir, QStringLiteral("initramfs.xz"), TestUtil::fakeInitramfs(8192));
        m_biosIpxe = TestUtil::writeFile(dir, QStringLiteral("undionly.kpxe"), QByteArray(1024, 'b'));
        m_uefiIpxe = TestUtil::writeFile(dir, QStringLiteral("ipxe.efi"), QByteArray(1024, 'u'));
        m_genFolder = m_tmp.filePath(QStringLiteral("gen"));
        QDir().mkpath(m_genFolder);
        QVERIFY(QFile::copy(TestUtil::dataPath(QStringLiteral("talos/talos-1.12-controlplane.yaml")), m_genFolder + QStringLiteral("/controlplane.yaml")));
        QVERIFY(QFile::copy(TestUtil::dataPath(QStringLiteral("talos/talos-1.12-worker.yaml")), m_genFolder + QStringLiteral("/worker.yaml")));
        QVERIFY(QFile::copy(TestUtil::dataPath(QStringLiteral("talos/talosconfig")), m_genFolder + QStringLiteral("/talosconfig")));
    }

    void filesAndImportedConfigs()
    {
        const QString ws = m_tmp.filePath(QStringLiteral("ws-files"));
        auto wizard = makeWizard(ws);
        shot(wizard.get(), QStringLiteral("1-network"));
        chooseLoopback(wizard.get());
        shot(wizard.get(), QStringLiteral("2-doctor"));
        chooseFiles(wizard.get());
        shot(wizard.get(), QStringLiteral("3-talos-files"));
        importConfigs(wizard.get());
        UiTest::child<QComboBox>(wizard.get(), "unassignedPolicy")->setCurrentIndex(1);
        shot(wizard.get(), QStringLiteral("4-configs"));
        wizard->next();
        QCOMPARE(wizard->currentId(), int(FirstRunWizard::Summary));
        const QString summary = UiTest::child<QLabel>(wizard.get(), "summaryText")->text();
        QVERIFY2(summary.contains(QLatin1String("Interface: lo")) && summary.contains(QLatin1String("talos-1.9.5")),
                 qPrintable(summary));
        shot(wizard.get(), QStringLiteral("5-summary"));
        // Nothing is written before the summary is accepted.
        QVERIFY(!QFileInfo::exists(ws));

        wizard->button(QWizard::FinishButton)->click();
        QVERIFY2(wizard->result().ok, qPrintable(wizard->result().error));
        QCOMPARE(wizard->result().importedConfigs.size(), 2);
        Workspace written = Workspace::open(ws);
        QVERIFY(written.ok());
        QCOMPARE(written.settings().interfaceName, QStringLiteral("lo"));
        QCOMPARE(written.settings().mode, DhcpMode::Proxy);
        QCOMPARE(written.settings().unassigned, UnassignedPolicy::Maintenance);
        QCOMPARE(written.settings().defaultArtifacts, QStringLiteral("talos-1.9.5"));
        QCOMPARE(written.settings().ipxeBios, m_biosIpxe);
        QCOMPARE(readAll(written.absolutePath(written.settings().artifacts.value(QStringLiteral("talos-1.9.5")).kernelPath)),
                 readAll(m_kernel));
        QVERIFY(!Setup::needsFirstRun(ws));
    }

    void isoAndSkippedConfigs()
    {
        const QString xorriso = QStandardPaths::findExecutable(QStringLiteral("xorriso"));
        if (xorriso.isEmpty())
            QSKIP("xorriso is not installed (scripts/install-deps.sh installs it): no ISO to import");
        const QString tree = m_tmp.filePath(QStringLiteral("isotree"));
        TestUtil::writeFile(tree, QStringLiteral("boot/vmlinuz"), TestUtil::fakeKernel(8192));
        TestUtil::writeFile(tree, QStringLiteral("boot/initramfs.xz"), TestUtil::fakeInitramfs(8192));
        TestUtil::writeFile(tree, QStringLiteral("boot/grub/grub.cfg"), "linux /boot/vmlinuz\ninitrd /boot/initramfs.xz\n");
        const QString iso = m_tmp.filePath(QStringLiteral("metal-amd64.iso"));
        QCOMPARE(QProcess::execute(xorriso, {QStringLiteral("-as"), QStringLiteral("mkisofs"), QStringLiteral("-quiet"),
                                             QStringLiteral("-R"), QStringLiteral("-o"), iso, tree}), 0);

        const QString ws = m_tmp.filePath(QStringLiteral("ws-iso"));
        auto wizard = makeWizard(ws);
        chooseLoopback(wizard.get());
        wizard->next();
        UiTest::child<QLineEdit>(wizard.get(), "ipxeBios")->setText(m_biosIpxe);
        UiTest::child<QLineEdit>(wizard.get(), "ipxeUefi")->setText(m_uefiIpxe);
        UiTest::child<QComboBox>(wizard.get(), "talosVersion")->setEditText(QStringLiteral("1.8.4"));
        UiTest::child<QRadioButton>(wizard.get(), "sourceIso")->click();
        UiTest::child<QLineEdit>(wizard.get(), "isoPath")->setText(iso);
        UiTest::child<QPushButton>(wizard.get(), "isoImportButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 20000);
        shot(wizard.get(), QStringLiteral("3-talos-iso"));
        wizard->next();
        UiTest::child<QRadioButton>(wizard.get(), "skipConfigs")->click();
        QVERIFY(wizard->currentPage()->isComplete());
        wizard->next();
        wizard->button(QWizard::FinishButton)->click();
        QVERIFY2(wizard->result().ok, qPrintable(wizard->result().error));
        Workspace written = Workspace::open(ws);
        const ArtifactSet set = written.settings().artifacts.value(QStringLiteral("talos-1.8.4"));
        QCOMPARE(readAll(written.absolutePath(set.initramfsPath)), TestUtil::fakeInitramfs(8192));
        QVERIFY(QDir(ws + QStringLiteral("/configs")).entryList(QDir::Files).isEmpty());
    }

    void factoryMirrorAndGeneratedConfigs()
    {
        MirrorServer mirror;
        QVERIFY(mirror.listen(QHostAddress::LocalHost, 0));
        const QString schematic = Boot::FactoryDownload::vanillaSchematic();
        const QString base = QStringLiteral("/image/%1/v1.10.3/").arg(schematic);
        const QByteArray kernel = TestUtil::fakeKernel(300000);
        mirror.files.insert(base + QStringLiteral("kernel-amd64"), kernel);
        mirror.files.insert(base + QStringLiteral("initramfs-amd64.xz"), TestUtil::fakeInitramfs(200000));

        // A stand-in talosctl on PATH that writes what `talosctl gen config` writes.
        const QString bin = m_tmp.filePath(QStringLiteral("bin"));
        const QString script = TestUtil::writeFile(bin, QStringLiteral("talosctl"),
            QStringLiteral("#!/bin/sh\necho \"$@\" > args\ncp '%1/controlplane.yaml' '%1/worker.yaml' '%1/talosconfig' .\n")
                .arg(m_genFolder).toUtf8());
        QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QByteArray oldPath = qgetenv("PATH");
        qputenv("PATH", bin.toUtf8() + ':' + oldPath);
        auto restore = qScopeGuard([oldPath] { qputenv("PATH", oldPath); });

        const QString ws = m_tmp.filePath(QStringLiteral("ws-factory"));
        auto wizard = makeWizard(ws);
        wizard->findChild<ArtifactPicker *>()->setDownloadFolder(m_tmp.filePath(QStringLiteral("cache")));
        chooseLoopback(wizard.get());
        UiTest::child<QRadioButton>(wizard.get(), "fullMode")->setChecked(true);
        UiTest::child<QLineEdit>(wizard.get(), "dhcpRange")->setText(QStringLiteral("10.77.0.100-10.77.0.199"));
        wizard->next();
        UiTest::child<QLineEdit>(wizard.get(), "ipxeBios")->setText(m_biosIpxe);
        UiTest::child<QLineEdit>(wizard.get(), "ipxeUefi")->setText(m_uefiIpxe);
        UiTest::child<QComboBox>(wizard.get(), "talosVersion")->setEditText(QStringLiteral("v1.10.3"));
        UiTest::child<QRadioButton>(wizard.get(), "sourceFactory")->click();
        QCOMPARE(UiTest::child<QLineEdit>(wizard.get(), "factorySchematic")->text(), schematic);
        UiTest::child<QLineEdit>(wizard.get(), "factoryBaseUrl")->setText(QStringLiteral("http://127.0.0.1:%1").arg(mirror.serverPort()));
        UiTest::child<QPushButton>(wizard.get(), "downloadButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 30000);
        const QString result = UiTest::child<QLabel>(wizard.get(), "artifactResult")->text();
        QVERIFY2(result.contains(QString::fromLatin1(QCryptographicHash::hash(kernel, QCryptographicHash::Sha256).toHex())),
                 qPrintable(result));
        shot(wizard.get(), QStringLiteral("3-talos-factory"));

        wizard->next();
        UiTest::child<QRadioButton>(wizard.get(), "generateConfigs")->click();
        QVERIFY(!wizard->currentPage()->isComplete());
        UiTest::child<QLineEdit>(wizard.get(), "clusterName")->setText(QStringLiteral("rack7"));
        UiTest::child<QLineEdit>(wizard.get(), "clusterEndpoint")->setText(QStringLiteral("https://10.77.0.10:6443"));
        UiTest::child<QPushButton>(wizard.get(), "generateButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 20000);
        shot(wizard.get(), QStringLiteral("4-configs-generated"));
        // Generated into a private folder: the workspace is still untouched.
        QVERIFY(!QFileInfo::exists(ws));
        wizard->next();
        wizard->button(QWizard::FinishButton)->click();
        QVERIFY2(wizard->result().ok, qPrintable(wizard->result().error));
        Workspace written = Workspace::open(ws);
        QCOMPARE(written.settings().mode, DhcpMode::Full);
        QCOMPARE(written.settings().dhcpRange, QStringLiteral("10.77.0.100-10.77.0.199"));
        QCOMPARE(written.settings().defaultArtifacts, QStringLiteral("talos-1.10.3"));
        QCOMPARE(wizard->result().importedConfigs.size(), 2);
    }

    void cancelWritesNothing_data()
    {
        QTest::addColumn<int>("page");
        QTest::newRow("network") << int(FirstRunWizard::Network);
        QTest::newRow("doctor") << int(FirstRunWizard::Doctor);
        QTest::newRow("artifacts") << int(FirstRunWizard::Artifacts);
        QTest::newRow("configs") << int(FirstRunWizard::Configs);
        QTest::newRow("summary") << int(FirstRunWizard::Summary);
    }

    void cancelWritesNothing()
    {
        QFETCH(int, page);
        // An existing workspace (set up earlier) stays byte for byte as it was.
        const QString ws = m_tmp.filePath(QStringLiteral("ws-cancel-%1").arg(page));
        Workspace before = Workspace::open(ws);
        before.settings().interfaceName = QStringLiteral("eth7");
        QVERIFY(before.save());
        const QByteArray yaml = readAll(before.settingsPath());
        const QStringList entries = QDir(ws).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);

        auto wizard = makeWizard(ws);
        if (page > FirstRunWizard::Network)
            chooseLoopback(wizard.get());
        if (page > FirstRunWizard::Doctor)
            chooseFiles(wizard.get());
        if (page > FirstRunWizard::Artifacts)
            importConfigs(wizard.get());
        if (page > FirstRunWizard::Configs)
            wizard->next();
        QCOMPARE(wizard->currentId(), page);
        wizard->button(QWizard::CancelButton)->click();
        QVERIFY(!wizard->isVisible());
        QCOMPARE(readAll(ws + QStringLiteral("/netboot.yaml")), yaml);
        QCOMPARE(QDir(ws).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), entries);
        QVERIFY(QDir(ws + QStringLiteral("/configs")).entryList(QDir::Files).isEmpty());
        QVERIFY(QDir(ws + QStringLiteral("/artifacts")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }
};

QTEST_MAIN(tst_FirstRunWizard)
#include "tst_firstrunwizard.moc"
