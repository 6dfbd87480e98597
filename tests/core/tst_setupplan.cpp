// The first-run wizard's result applied to a workspace: nothing before apply(), all of it
// after, and nothing when a file is wrong.
#include "inventory/workspace.h"
#include "session/consolesession.h"
#include "session/setupplan.h"
#include "talos/configlibrary.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Nbc;

class tst_SetupPlan : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

    QString folderWith(const QString &name)
    {
        const QString dir = m_tmp.filePath(name);
        QDir().mkpath(dir);
        return dir;
    }

    // A kernel and initramfs somewhere outside the workspace, as a user would choose them.
    ArtifactChoice choice(const QString &version = QStringLiteral("v1.9.5"))
    {
        const QString dir = folderWith(QStringLiteral("downloads"));
        ArtifactChoice c;
        c.talosVersion = version;
        c.kernelFile = TestUtil::writeFile(dir, QStringLiteral("kernel-amd64"), TestUtil::fakeKernel());
        c.initramfsFile = TestUtil::writeFile(dir, QStringLiteral("initramfs-amd64.xz"), TestUtil::fakeInitramfs());
        c.extraKernelArgs = QStringLiteral("console=ttyS0");
        return c;
    }

    QString genConfigFolder()
    {
        const QString dir = folderWith(QStringLiteral("gen"));
        QFile::copy(TestUtil::dataPath(QStringLiteral("talos/talos-1.12-controlplane.yaml")), dir + QStringLiteral("/controlplane.yaml"));
        QFile::copy(TestUtil::dataPath(QStringLiteral("talos/talos-1.12-worker.yaml")), dir + QStringLiteral("/worker.yaml"));
        QFile::copy(TestUtil::dataPath(QStringLiteral("talos/talosconfig")), dir + QStringLiteral("/talosconfig"));
        return dir;
    }

    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void firstRunIsDetected()
    {
        const QString ws = m_tmp.filePath(QStringLiteral("fr"));
        QVERIFY(Setup::needsFirstRun(ws));                       // no folder at all
        Workspace opened = Workspace::open(ws);                  // defaults: no interface, no artefacts
        QVERIFY(opened.ok());
        QVERIFY(Setup::needsFirstRun(ws));
        opened.settings().interfaceName = QStringLiteral("eth9");
        QVERIFY(opened.save());
        QVERIFY(!Setup::needsFirstRun(ws));
        // A broken file is the user's work in progress, not a first run.
        TestUtil::writeFile(ws, QStringLiteral("netboot.yaml"), "network: [unclosed\n");
        QVERIFY(!Setup::needsFirstRun(ws));
    }

    void setNames()
    {
        QCOMPARE(Setup::setNameFor(QStringLiteral("v1.9.5")), QStringLiteral("talos-1.9.5"));
        QCOMPARE(Setup::setNameFor(QStringLiteral("1.12.0")), QStringLiteral("talos-1.12.0"));
        QCOMPARE(Setup::setNameFor(QString()), QStringLiteral("talos"));
        QCOMPARE(Setup::setNameFor(QStringLiteral("1.9/../x")), QStringLiteral("talos-1.9-..-x"));
    }

    void applyWritesEverythingAtOnce()
    {
        const QString ws = m_tmp.filePath(QStringLiteral("apply"));
        Workspace workspace = Workspace::open(ws);
        SetupPlan plan;
        plan.interfaceName = QStringLiteral("enp3s0");
        plan.mode = DhcpMode::Full;
        plan.dhcpRange = QStringLiteral("10.77.0.100-10.77.0.199");
        plan.artifacts = choice();
        plan.configsFolder = genConfigFolder();
        plan.unassigned = UnassignedPolicy::Maintenance;
        const SetupResult result = Setup::apply(workspace, plan);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.artifactSet, QStringLiteral("talos-1.9.5"));
        QCOMPARE(result.importedConfigs.size(), 2);
        QVERIFY(!result.talosconfigPath.isEmpty());
        QVERIFY(!result.talosconfigPath.contains(QLatin1String("/configs/")));

        // Read back from disk as the next start would.
        Workspace again = Workspace::open(ws);
        QVERIFY(again.ok());
        const WorkspaceSettings &s = again.settings();
        QCOMPARE(s.interfaceName, QStringLiteral("enp3s0"));
        QCOMPARE(s.mode, DhcpMode::Full);
        QCOMPARE(s.dhcpRange, QStringLiteral("10.77.0.100-10.77.0.199"));
        QCOMPARE(s.unassigned, UnassignedPolicy::Maintenance);
        QCOMPARE(s.defaultArtifacts, QStringLiteral("talos-1.9.5"));
        const ArtifactSet set = s.artifacts.value(QStringLiteral("talos-1.9.5"));
        QCOMPARE(set.kernelPath, QStringLiteral("artifacts/talos-1.9.5/vmlinuz-amd64"));
        QCOMPARE(set.initramfsPath, QStringLiteral("artifacts/talos-1.9.5/initramfs-amd64.xz"));
        QCOMPARE(set.talosVersion, QStringLiteral("1.9.5"));
        QCOMPARE(set.extraKernelArgs, QStringLiteral("console=ttyS0"));
        QCOMPARE(read(again.absolutePath(set.kernelPath)), TestUtil::fakeKernel());
        QCOMPARE(read(again.absolutePath(set.initramfsPath)), TestUtil::fakeInitramfs());
        QVERIFY(!Setup::needsFirstRun(ws));
        for (const QString &id : result.importedConfigs) {
            const QFile::Permissions p = QFile::permissions(QDir(ws).filePath(id));
            QVERIFY(!(p & (QFile::ReadGroup | QFile::ReadOther)));
        }
    }

    void wrongFileWritesNothing()
    {
        const QString ws = m_tmp.filePath(QStringLiteral("wrong"));
        Workspace workspace = Workspace::open(ws);
        const QByteArray before = read(workspace.settingsPath());
        SetupPlan plan;
        plan.interfaceName = QStringLiteral("enp3s0");
        plan.artifacts = choice();
        // The initramfs chosen by mistake is a kernel.
        plan.artifacts.initramfsFile = plan.artifacts.kernelFile;
        plan.configsFolder = genConfigFolder();
        const SetupResult result = Setup::apply(workspace, plan);
        QVERIFY(!result.ok);
        QVERIFY(!result.error.isEmpty());
        QCOMPARE(read(workspace.settingsPath()), before);
        QVERIFY(!QDir(ws + QStringLiteral("/artifacts/talos-1.9.5")).exists());
        QVERIFY(QDir(ws + QStringLiteral("/configs")).entryList(QDir::Files).isEmpty());
    }

    void brokenWorkspaceIsNeverOverwritten()
    {
        const QString ws = folderWith(QStringLiteral("broken"));
        const QByteArray text = "network: [unclosed\n";
        TestUtil::writeFile(ws, QStringLiteral("netboot.yaml"), text);
        Workspace workspace = Workspace::open(ws);
        QVERIFY(!workspace.ok());
        SetupPlan plan;
        plan.interfaceName = QStringLiteral("enp3s0");
        QVERIFY(!Setup::apply(workspace, plan).ok);
        QCOMPARE(read(ws + QStringLiteral("/netboot.yaml")), text);
    }

    void sessionManagesArtifactSets()
    {
        const QString ws = m_tmp.filePath(QStringLiteral("session"));
        ConsoleSession session;
        SessionOverrides o;
        o.serverAddress = QStringLiteral("127.0.0.1");
        session.open(ws, o);
        QSignalSpy changed(&session, &ConsoleSession::artifactsChanged);
        QString name, error;
        QVERIFY2(session.addArtifactSet(choice(QStringLiteral("1.9.5")), false, &name, &error), qPrintable(error));
        QCOMPARE(name, QStringLiteral("talos-1.9.5"));
        QCOMPARE(session.defaultArtifacts(), name);          // the first set is the default
        QVERIFY(session.addArtifactSet(choice(QStringLiteral("1.12.0")), true, &name, &error));
        QCOMPARE(session.defaultArtifacts(), QStringLiteral("talos-1.12.0"));
        QCOMPARE(changed.size(), 2);
        QVERIFY(session.setDefaultArtifacts(QStringLiteral("talos-1.9.5"), &error));
        QVERIFY(!session.setDefaultArtifacts(QStringLiteral("nope"), &error));
        QVERIFY(!error.isEmpty());

        // A wrong file is refused with what it is; nothing is added.
        ArtifactChoice bad = choice(QStringLiteral("1.13.0"));
        bad.kernelFile = bad.initramfsFile;
        QVERIFY(!session.addArtifactSet(bad, true, &name, &error));
        QVERIFY(!session.artifactSets().contains(QStringLiteral("talos-1.13.0")));

        QVERIFY(session.removeArtifactSet(QStringLiteral("talos-1.9.5"), &error));
        QVERIFY(!QFile::exists(ws + QStringLiteral("/artifacts/talos-1.9.5/vmlinuz-amd64")));
        QCOMPARE(session.defaultArtifacts(), QStringLiteral("talos-1.12.0"));
        QVERIFY(session.flushFiles());   // netboot.yaml is written by the file thread
        Workspace again = Workspace::open(ws);
        QCOMPARE(again.settings().artifacts.keys(), QStringList{QStringLiteral("talos-1.12.0")});
        // Files the user put elsewhere by hand are never deleted.
        ArtifactSet theirs;
        theirs.name = QStringLiteral("hand");
        theirs.kernelPath = choice().kernelFile;
        theirs.initramfsPath = choice().initramfsFile;
        Setup::removeArtifactFiles(ws, theirs);
        QVERIFY(QFile::exists(theirs.kernelPath));
    }

    void sessionAppliesSetup()
    {
        const QString ws = m_tmp.filePath(QStringLiteral("applied"));
        ConsoleSession session;
        SessionOverrides o;
        o.serverAddress = QStringLiteral("127.0.0.1");
        o.ports = {0, 0, 0, 0, 0};   // any free port: this test checks files, not the wire
        session.open(ws, o);
        SetupPlan plan;
        plan.artifacts = choice();
        plan.configsFolder = genConfigFolder();
        const SetupResult result = session.applySetup(plan);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(session.defaultArtifacts(), QStringLiteral("talos-1.9.5"));
        QTRY_COMPARE(session.configs()->entries().size(), 2);
        session.stopServices();
    }
};

QTEST_GUILESS_MAIN(tst_SetupPlan)
#include "tst_setupplan.moc"
