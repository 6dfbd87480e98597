#include "inventory/workspace.h"
#include "sim/demo.h"
#include "sim/preflight.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Nbc;
using namespace Nbc::Sim;

// The pre-flight check boots a BIOS and a UEFI machine against a workspace's own files
// before the pallet is powered on, and leaves that workspace as it was.
class tst_Preflight : public QObject
{
    Q_OBJECT
private:
    struct Run {
        bool ok = false;
        QStringList report;
    };
    static Run run(const Workspace &workspace, const QString &config)
    {
        Preflight preflight;
        QSignalSpy finished(&preflight, &Preflight::finished);
        QString error;
        if (!preflight.start(workspace, config, &error))
            qFatal("pre-flight did not start: %s", qPrintable(error));
        if (!finished.wait(Preflight::kTimeoutMs + 10000))
            qFatal("pre-flight did not finish");
        return {finished.first().at(0).toBool(), finished.first().at(1).toStringList()};
    }
    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void goodWorkspaceBootsBothFirmwares()
    {
        DemoEnvironment::Settings settings;
        settings.count = 2;
        settings.faults = true;   // writes configs/demo-broken.yaml too
        QString error;
        std::unique_ptr<DemoEnvironment> env = DemoEnvironment::create(settings, &error);
        QVERIFY2(env, qPrintable(error));
        const Workspace workspace = Workspace::open(env->workspaceDir());
        QVERIFY(workspace.ok());
        const QByteArray yamlBefore = read(QDir(env->workspaceDir()).filePath(QStringLiteral("netboot.yaml")));
        const QStringList filesBefore = QDir(env->workspaceDir()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);

        Run good = run(workspace, env->configPath());
        QVERIFY2(good.ok, qPrintable(good.report.join(u'\n')));
        QCOMPARE(good.report, (QStringList{QStringLiteral("BIOS machine: Joined"), QStringLiteral("UEFI machine: Joined")}));

        // A config that cannot be served: both stop, saying why in the window's words.
        Run broken = run(workspace, env->brokenConfigPath());
        QVERIFY(!broken.ok);
        QCOMPARE(broken.report.size(), 2);
        for (const QString &line : broken.report)
            QVERIFY2(line.contains(QLatin1String("cluster.controlPlane.endpoint is missing")), qPrintable(line));

        // Without a config the machines must wait in iPXE: everything up to there works.
        Run none = run(workspace, {});
        QVERIFY2(none.ok, qPrintable(none.report.join(u'\n')));
        QCOMPARE(none.report, (QStringList{QStringLiteral("BIOS machine: Waiting"), QStringLiteral("UEFI machine: Waiting")}));

        // The workspace was only read.
        QCOMPARE(read(QDir(env->workspaceDir()).filePath(QStringLiteral("netboot.yaml"))), yamlBefore);
        QCOMPARE(QDir(env->workspaceDir()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), filesBefore);
    }
    void missingFilesAreNamed()
    {
        DemoEnvironment::Settings settings;
        settings.count = 2;
        QString error;
        std::unique_ptr<DemoEnvironment> env = DemoEnvironment::create(settings, &error);
        QVERIFY2(env, qPrintable(error));
        QVERIFY(QFile::remove(QDir(env->workspaceDir()).filePath(QStringLiteral("artifacts/ipxe.efi"))));
        const Workspace workspace = Workspace::open(env->workspaceDir());
        Run run1 = run(workspace, env->configPath());
        QVERIFY(!run1.ok);
        QCOMPARE(run1.report.value(0), QStringLiteral("BIOS machine: Joined"));
        QVERIFY2(run1.report.value(1).startsWith(QLatin1String("UEFI machine: ")) && run1.report.value(1).contains(QLatin1String("iPXE")),
                 qPrintable(run1.report.join(u'\n')));

        QVERIFY(QFile::remove(QDir(env->workspaceDir()).filePath(QStringLiteral("artifacts/initramfs-demo.xz"))));
        Run run2 = run(Workspace::open(env->workspaceDir()), env->configPath());
        QVERIFY(!run2.ok);
        QVERIFY2(run2.report.value(0).contains(QLatin1String("initramfs")), qPrintable(run2.report.join(u'\n')));
    }
    void nothingToBootIsSaid()
    {
        QTemporaryDir dir;
        const Workspace empty = Workspace::open(dir.path());
        Preflight preflight;
        QString error;
        QVERIFY(!preflight.start(empty, {}, &error));
        QVERIFY(error.contains(QLatin1String("no Talos kernel and initramfs")));
    }
};

QTEST_GUILESS_MAIN(tst_Preflight)
#include "tst_preflight.moc"
