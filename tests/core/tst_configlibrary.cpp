#include "talos/configlibrary.h"

#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Nbc;
using namespace Nbc::Talos;

namespace {

QByteArray fixture(const QString &name)
{
    return TestUtil::readData(QStringLiteral("talos/") + name);
}

int mode(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

void writeFile(const QString &path, const QByteArray &bytes, int permissions = 0600)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
    f.close();
    ::chmod(QFile::encodeName(path).constData(), mode_t(permissions));
}

MachineIntent machine(const QString &mac, const QString &config, const QString &disk = {})
{
    MachineIntent m;
    m.mac = mac;
    m.configPath = config;
    m.installDisk = disk;
    return m;
}

} // namespace

class tst_ConfigLibrary : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString ws() const { return m_dir->path(); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void scansTheConfigsFolder()
    {
        writeFile(ws() + QStringLiteral("/configs/worker.yaml"), fixture(QStringLiteral("talos-1.7-worker.yaml")));
        writeFile(ws() + QStringLiteral("/configs/cp.yml"), fixture(QStringLiteral("talos-1.12-controlplane.yaml")));
        writeFile(ws() + QStringLiteral("/configs/bad.yaml"), fixture(QStringLiteral("broken-bad-yaml.yaml")));
        writeFile(ws() + QStringLiteral("/configs/nodisk.yaml"), fixture(QStringLiteral("broken-missing-install-disk.yaml")));
        writeFile(ws() + QStringLiteral("/configs/notes.txt"), "not a config");
        writeFile(ws() + QStringLiteral("/configs/.hidden.yaml"), "x: 1");
        ConfigLibrary library(ws());
        QCOMPARE(library.entries().size(), 4);

        const ConfigEntry *worker = library.entry(QStringLiteral("configs/worker.yaml"));
        QVERIFY(worker);
        QCOMPARE(worker->path, ws() + QStringLiteral("/configs/worker.yaml"));
        QCOMPARE(worker->role, MachineRole::Worker);
        QCOMPARE(worker->clusterName, QStringLiteral("homelab"));
        QCOMPARE(worker->endpoint, QStringLiteral("https://10.77.0.10:6443"));
        QCOMPARE(worker->installDisk, QStringLiteral("/dev/sda"));
        QCOMPARE(worker->talosVersion, QStringLiteral("1.7"));
        QVERIFY(worker->valid && worker->assignable && worker->permissionsOk);
        QVERIFY(worker->problems.isEmpty());

        const ConfigEntry *cp = library.entry(QStringLiteral("configs/cp.yml"));
        QVERIFY(cp && cp->valid);
        QCOMPARE(cp->role, MachineRole::ControlPlane);
        QCOMPARE(cp->talosVersion, QStringLiteral("1.12"));

        const ConfigEntry *bad = library.entry(QStringLiteral("configs/bad.yaml"));
        QVERIFY(bad);
        QVERIFY(!bad->valid);
        QVERIFY(!bad->assignable);                 // a broken file is never assignable
        QCOMPARE(bad->problems.first().toString(bad->id).left(22), QStringLiteral("configs/bad.yaml:24: t"));

        const ConfigEntry *nodisk = library.entry(QStringLiteral("configs/nodisk.yaml"));
        QVERIFY(nodisk && !nodisk->valid && nodisk->assignable);
    }

    void watchesAddedChangedRemoved()
    {
        QDir().mkpath(ws() + QStringLiteral("/configs"));
        ConfigLibrary library(ws());
        QSignalSpy added(&library, &ConfigLibrary::configAdded);
        QSignalSpy changed(&library, &ConfigLibrary::configChanged);
        QSignalSpy removed(&library, &ConfigLibrary::configRemoved);
        const QString path = ws() + QStringLiteral("/configs/w.yaml");

        writeFile(path, fixture(QStringLiteral("talos-1.7-worker.yaml")));
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, 5000);
        QCOMPARE(added.first().first().toString(), QStringLiteral("configs/w.yaml"));
        QVERIFY(library.entry(QStringLiteral("configs/w.yaml"))->valid);

        // Replaced the way editors and QSaveFile do it (a new file renamed over the old).
        QSaveFile save(path);
        QVERIFY(save.open(QIODevice::WriteOnly));
        save.write(fixture(QStringLiteral("broken-wrong-version.yaml")));
        QVERIFY(save.commit());
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 5000);
        QVERIFY(!library.entry(QStringLiteral("configs/w.yaml"))->valid);

        // Changed in place, after the replacement: still watched.
        writeFile(path, fixture(QStringLiteral("talos-1.7-worker.yaml")));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 5000);
        QVERIFY(library.entry(QStringLiteral("configs/w.yaml"))->valid);

        QVERIFY(QFile::remove(path));
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 5000);
        QVERIFY(!library.entry(QStringLiteral("configs/w.yaml")));
        QCOMPARE(added.size(), 1);
    }

    void configsFolderCreatedLater()
    {
        ConfigLibrary library(ws());
        QSignalSpy added(&library, &ConfigLibrary::configAdded);
        QCOMPARE(library.entries().size(), 0);
        writeFile(ws() + QStringLiteral("/configs/w.yaml"), fixture(QStringLiteral("talos-1.7-worker.yaml")));
        // Until configs/ exists the library watches the workspace for it.
        QTRY_VERIFY_WITH_TIMEOUT(library.entry(QStringLiteral("configs/w.yaml")), 5000);
        QCOMPARE(added.size(), 1);
        // And from then on the folder itself.
        writeFile(ws() + QStringLiteral("/configs/x.yaml"), fixture(QStringLiteral("talos-1.7-worker.yaml")));
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 2, 5000);
    }

    void worldReadableReported()
    {
        writeFile(ws() + QStringLiteral("/configs/open.yaml"), fixture(QStringLiteral("talos-1.7-worker.yaml")), 0644);
        ConfigLibrary library(ws());
        const ConfigEntry *e = library.entry(QStringLiteral("configs/open.yaml"));
        QVERIFY(e);
        QVERIFY(!e->permissionsOk);
        QVERIFY(e->valid);                         // still a good config, with a warning
        QCOMPARE(e->problems.size(), 1);
        QCOMPARE(e->problems.first().severity, ConfigProblem::Severity::Warning);
        QVERIFY(e->problems.first().message.contains(QLatin1String("chmod 600")));

        QSignalSpy changed(&library, &ConfigLibrary::configChanged);
        QVERIFY(library.fixPermissions(e->id));
        QCOMPARE(mode(ws() + QStringLiteral("/configs/open.yaml")), 0600);
        QCOMPARE(changed.size(), 1);
        QVERIFY(library.entry(QStringLiteral("configs/open.yaml"))->permissionsOk);
    }

    void writePrivateFileIs0600()
    {
        const QString path = ws() + QStringLiteral("/f.yaml");
        writeFile(path, "old", 0644);
        const mode_t old = ::umask(0);           // the most permissive umask there is
        QString error;
        const bool ok = ConfigLibrary::writePrivateFile(path, "secret: x\n", &error);
        ::umask(old);
        QVERIFY2(ok, qPrintable(error));
        QCOMPARE(mode(path), 0600);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("secret: x\n"));
        QVERIFY(!ConfigLibrary::writePrivateFile(ws() + QStringLiteral("/missing/dir/f.yaml"), "x", &error));
        QVERIFY(!error.isEmpty());
    }

    void importsTalosctlOutput()
    {
        QTemporaryDir gen;
        writeFile(gen.filePath(QStringLiteral("controlplane.yaml")), fixture(QStringLiteral("talos-1.7-controlplane.yaml")), 0644);
        writeFile(gen.filePath(QStringLiteral("worker.yaml")), fixture(QStringLiteral("talos-1.7-worker.yaml")), 0644);
        writeFile(gen.filePath(QStringLiteral("talosconfig")), fixture(QStringLiteral("talosconfig")), 0644);
        ConfigLibrary library(ws());
        QSignalSpy added(&library, &ConfigLibrary::configAdded);
        const ImportResult r = library.importFolder(gen.path());
        QVERIFY2(r.ok(), qPrintable(r.errors.join(u'\n')));
        QCOMPARE(r.imported, QStringList({QStringLiteral("configs/homelab-controlplane.yaml"),
                                          QStringLiteral("configs/homelab-worker.yaml")}));
        QCOMPARE(added.size(), 2);
        QCOMPARE(mode(ws() + QStringLiteral("/configs/homelab-controlplane.yaml")), 0600);
        QCOMPARE(mode(ws() + QStringLiteral("/configs/homelab-worker.yaml")), 0600);
        QCOMPARE(mode(ws() + QStringLiteral("/configs")), 0700);
        // talosconfig is kept aside, private, and is no config of the library.
        QCOMPARE(r.talosconfigPath, ws() + QStringLiteral("/secrets/homelab-talosconfig"));
        QCOMPARE(mode(r.talosconfigPath), 0600);
        QCOMPARE(mode(ws() + QStringLiteral("/secrets")), 0700);
        QVERIFY(!QFile::exists(ws() + QStringLiteral("/configs/talosconfig")));
        for (const ConfigEntry &e : library.entries())
            QVERIFY(!e.id.contains(QLatin1String("talosconfig")));
        QCOMPARE(library.entry(QStringLiteral("configs/homelab-worker.yaml"))->role, MachineRole::Worker);

        // The same folder again: nothing to do, nothing lost.
        const ImportResult again = library.importFolder(gen.path());
        QVERIFY2(again.ok(), qPrintable(again.errors.join(u'\n')));

        // Different contents under the same names are not overwritten unless asked.
        QByteArray edited = fixture(QStringLiteral("talos-1.7-worker.yaml"));
        edited.replace("wipe: false", "wipe: true");
        writeFile(gen.filePath(QStringLiteral("worker.yaml")), edited);
        const ImportResult refused = library.importFolder(gen.path());
        QCOMPARE(refused.errors.size(), 1);
        QVERIFY(refused.errors.first().contains(QLatin1String("configs/homelab-worker.yaml already exists")));
        const ImportResult replaced = library.importFolder(gen.path(), true);
        QVERIFY2(replaced.ok(), qPrintable(replaced.errors.join(u'\n')));
        QFile f(ws() + QStringLiteral("/configs/homelab-worker.yaml"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), edited);
    }

    void importRefusesBrokenAndEmptyFolders()
    {
        ConfigLibrary library(ws());
        QTemporaryDir empty;
        const ImportResult none = library.importFolder(empty.path());
        QVERIFY(!none.ok());
        QVERIFY(none.errors.first().contains(QLatin1String("no controlplane.yaml or worker.yaml")));

        QTemporaryDir broken;
        writeFile(broken.filePath(QStringLiteral("worker.yaml")), fixture(QStringLiteral("broken-bad-yaml.yaml")));
        const ImportResult bad = library.importFolder(broken.path());
        QVERIFY(!bad.ok());
        QVERIFY2(bad.errors.first().contains(QLatin1String("worker.yaml:24:")), qPrintable(bad.errors.first()));
        QCOMPARE(library.entries().size(), 0);
    }

    void flagsMachinesWhoseConfigBecomesInvalid()
    {
        writeFile(ws() + QStringLiteral("/configs/w.yaml"), fixture(QStringLiteral("talos-1.7-worker.yaml")));
        writeFile(ws() + QStringLiteral("/configs/nodisk.yaml"), fixture(QStringLiteral("broken-missing-install-disk.yaml")));
        ConfigLibrary library(ws());
        QSignalSpy flagged(&library, &ConfigLibrary::machineProblemsChanged);
        library.setMachines({
            machine(QStringLiteral("52:54:00:00:00:01"), QStringLiteral("configs/w.yaml")),
            machine(QStringLiteral("52:54:00:00:00:02"), ws() + QStringLiteral("/configs/w.yaml")),
            machine(QStringLiteral("52:54:00:00:00:03"), QStringLiteral("configs/nodisk.yaml")),
            machine(QStringLiteral("52:54:00:00:00:04"), QStringLiteral("configs/nodisk.yaml"), QStringLiteral("/dev/sdb")),
            machine(QStringLiteral("52:54:00:00:00:05"), QStringLiteral("configs/gone.yaml")),
            machine(QStringLiteral("52:54:00:00:00:06"), {}),
        });
        QHash<QString, QString> problems = library.machineProblems();
        QCOMPARE(problems.size(), 2);
        QVERIFY(problems.value(QStringLiteral("52:54:00:00:00:03")).contains(QLatin1String("machine.install.disk is missing")));
        QVERIFY(problems.value(QStringLiteral("52:54:00:00:00:05")).contains(QLatin1String("configs/gone.yaml")));
        QCOMPARE(flagged.size(), 1);

        // The shared config is broken by a hand edit: both machines using it are flagged.
        writeFile(ws() + QStringLiteral("/configs/w.yaml"), fixture(QStringLiteral("broken-bad-yaml.yaml")));
        QTRY_COMPARE_WITH_TIMEOUT(library.machineProblems().size(), 4, 5000);
        problems = library.machineProblems();
        QVERIFY(problems.value(QStringLiteral("52:54:00:00:00:01")).startsWith(QLatin1String("configs/w.yaml:24:")));
        QVERIFY(problems.contains(QStringLiteral("52:54:00:00:00:02")));
        QVERIFY(!problems.contains(QStringLiteral("52:54:00:00:00:04")));
    }

    void talosctlMissing()
    {
        ConfigLibrary library(ws());
        library.setTalosctlProgram(QStringLiteral("/nonexistent/talosctl"));
        QVERIFY(library.talosctlPath().isEmpty());
        QString error;
        QVERIFY(!library.generateWithTalosctl(QStringLiteral("lab"), QStringLiteral("https://10.0.0.1:6443"),
                                              QStringLiteral("/dev/sda"), &error));
        QCOMPARE(error, ConfigLibrary::talosctlMissingMessage());
        QVERIFY(error.contains(QLatin1String("github.com/siderolabs/talos/releases")));
        QVERIFY(!library.isGenerating());
    }

    void talosctlInputsChecked_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("disk");
        QTest::addColumn<QString>("message");
        QTest::newRow("name with space") << "my lab" << "https://10.0.0.1:6443" << "/dev/sda" << "cluster name";
        QTest::newRow("upper case") << "Lab" << "https://10.0.0.1:6443" << "/dev/sda" << "cluster name";
        QTest::newRow("endpoint without scheme") << "lab" << "10.0.0.1:6443" << "/dev/sda" << "not a URL";
        QTest::newRow("disk") << "lab" << "https://10.0.0.1:6443" << "sda" << "not a device path";
    }
    void talosctlInputsChecked()
    {
        QFETCH(QString, name);
        QFETCH(QString, endpoint);
        QFETCH(QString, disk);
        QFETCH(QString, message);
        ConfigLibrary library(ws());
        library.setTalosctlProgram(QStringLiteral("/bin/true"));
        QString error;
        QVERIFY(!library.generateWithTalosctl(name, endpoint, disk, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void generatesWithTalosctl()
    {
        // A stand-in talosctl that writes what `talosctl gen config` writes, and its arguments.
        QTemporaryDir bin;
        const QString args = bin.filePath(QStringLiteral("args"));
        const QString script = bin.filePath(QStringLiteral("talosctl"));
        writeFile(script,
                  QStringLiteral("#!/bin/sh\nprintf '%s\\n' \"$@\" > '%1'\n"
                                 "cp '%2/talos-1.12-controlplane.yaml' controlplane.yaml\n"
                                 "cp '%2/talos-1.12-worker.yaml' worker.yaml\n"
                                 "cp '%2/talosconfig' talosconfig\n")
                      .arg(args, TestUtil::dataPath(QStringLiteral("talos")))
                      .toUtf8(),
                  0700);
        ConfigLibrary library(ws());
        library.setTalosctlProgram(script);
        QSignalSpy finished(&library, &ConfigLibrary::generateFinished);
        QString error;
        QVERIFY2(library.generateWithTalosctl(QStringLiteral("rack7"), QStringLiteral("https://rack7.lan:6443"),
                                              QStringLiteral("/dev/nvme0n1"), &error),
                 qPrintable(error));
        QVERIFY(library.isGenerating());
        QVERIFY(!library.generateWithTalosctl(QStringLiteral("other"), QStringLiteral("https://x:6443"),
                                              QStringLiteral("/dev/sda"), &error));
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(finished.first().at(2).toStringList(),
                 QStringList({QStringLiteral("configs/rack7-controlplane.yaml"), QStringLiteral("configs/rack7-worker.yaml")}));
        QFile argsFile(args);
        QVERIFY(argsFile.open(QIODevice::ReadOnly));
        QCOMPARE(argsFile.readAll(), QByteArray("gen\nconfig\nrack7\nhttps://rack7.lan:6443\n--install-disk\n/dev/nvme0n1\n"));
        QVERIFY(library.entry(QStringLiteral("configs/rack7-worker.yaml"))->valid);
        QVERIFY(QFile::exists(ws() + QStringLiteral("/secrets/rack7-talosconfig")));
        QVERIFY(!library.isGenerating());
    }

    void talosctlFailureReported()
    {
        QTemporaryDir bin;
        const QString script = bin.filePath(QStringLiteral("talosctl"));
        writeFile(script, "#!/bin/sh\necho 'error: unknown flag: --install-disk' >&2\nexit 1\n", 0700);
        ConfigLibrary library(ws());
        library.setTalosctlProgram(script);
        QSignalSpy finished(&library, &ConfigLibrary::generateFinished);
        QVERIFY(library.generateWithTalosctl(QStringLiteral("lab"), QStringLiteral("https://10.0.0.1:6443"),
                                             QStringLiteral("/dev/sda")));
        QVERIFY(finished.wait(10000));
        QVERIFY(!finished.first().at(0).toBool());
        QVERIFY2(finished.first().at(1).toString().contains(QLatin1String("unknown flag")),
                 qPrintable(finished.first().at(1).toString()));
        QCOMPARE(library.entries().size(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_ConfigLibrary)
#include "tst_configlibrary.moc"
