#include "boot/kernelargs.h"

#include <QFile>
#include <QHostAddress>
#include <QTemporaryDir>
#include <QTest>

using namespace Nbc::Boot;

// Reference §8.3: the metal command line of Talos's imager, per version and arch, and
// the way Talos merges extra arguments into it (go-procfs AppendAll with console and
// talos.platform overwritten, negated arguments deleted).
class tst_KernelArgs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("arch");
        QTest::addColumn<QString>("expected");
        const QString ima = QStringLiteral(" ima_template=ima-ng ima_appraise=fix ima_hash=sha512");
        const QString old = QStringLiteral("init_on_alloc=1 slab_nomerge pti=on consoleblank=0 nvme_core.io_timeout=4294967295 printk.devkmsg=on");
        const QString v14 = QStringLiteral("slab_nomerge pti=on consoleblank=0 printk.devkmsg=on");
        for (const char *arch : {"amd64", "arm64"}) {
            const bool arm = qstrcmp(arch, "arm64") == 0;
            const QString head = QStringLiteral("talos.platform=metal ");
            const QString consoles = arm ? QStringLiteral("console=ttyAMA0 console=tty0 ") : QStringLiteral("console=tty0 ");
            auto row = [&](const char *version, const QString &expected) {
                QTest::addRow("%s/%s", version, arch) << QString::fromLatin1(version) << QString::fromLatin1(arch) << expected;
            };
            row("1.7", head + (arm ? consoles : QStringLiteral("console=ttyS0 console=tty0 ")) + old + ima);
            row("1.8", head + consoles + old + ima);
            row("1.9", head + consoles + old + ima);
            row("v1.10.3", head + consoles + old + ima + QStringLiteral(" selinux=1"));
            row("1.11", head + consoles + old + QStringLiteral(" selinux=1"));
            row("1.12", head + consoles + old + QStringLiteral(" selinux=1 module.sig_enforce=1"));
            row("1.13", head + consoles + old + QStringLiteral(" selinux=1 module.sig_enforce=1 proc_mem.force_override=never"));
            row("1.14", head + consoles + v14 + QStringLiteral(" selinux=1 module.sig_enforce=1 proc_mem.force_override=never"));
            row("v1.14.0-rc.1", head + consoles + v14 + QStringLiteral(" selinux=1 module.sig_enforce=1 proc_mem.force_override=never"));
            row("unknown-is-newest", head + consoles + v14 + QStringLiteral(" selinux=1 module.sig_enforce=1 proc_mem.force_override=never"));
        }
        QTest::newRow("no-arch-is-amd64") << QStringLiteral("1.9") << QString()
            << QStringLiteral("talos.platform=metal console=tty0 ") + old + ima;
    }
    void defaults()
    {
        QFETCH(QString, version);
        QFETCH(QString, arch);
        QFETCH(QString, expected);
        QCOMPARE(talosDefaultKernelArgs(version == QLatin1String("unknown-is-newest") ? QStringLiteral("banana") : version, arch)
                     .join(u' '),
                 expected);
    }
    void neverInPxeArgs()
    {
        for (const char *v : {"1.7", "1.9", "1.12", "1.14"}) {
            const QString line = talosDefaultKernelArgs(QLatin1String(v), QStringLiteral("amd64")).join(u' ');
            for (const char *never : {"init_on_free", "talos.dashboard.disabled", "lockdown", "talos.halt_if_installed"})
                QVERIFY2(!line.contains(QLatin1String(never)), v);
            QVERIFY(line.contains(QLatin1String("slab_nomerge")));
            QVERIFY(line.contains(QLatin1String("pti=on")));
        }
    }
    void merge_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("extra");
        QTest::addColumn<QString>("expected");
        const QString base = QStringLiteral("console=tty0 console=ttyS0 root=/dev/sdb");
        QTest::newRow("nothing") << base << QString() << base;
        QTest::newRow("whitespace") << base << QStringLiteral("  \t ") << base;
        // A console in the extras replaces every default console, where they stood.
        QTest::newRow("console-replaces") << base << QStringLiteral("console=tty0 console=ttyS1,115200 nogui")
                                          << QStringLiteral("console=tty0 console=ttyS1,115200 root=/dev/sdb nogui");
        // -key deletes the key; -key=value only that value.
        QTest::newRow("delete-key") << base << QStringLiteral("-console nogui") << QStringLiteral("root=/dev/sdb nogui");
        QTest::newRow("delete-value") << base << QStringLiteral("-console=ttyS0 nogui")
                                      << QStringLiteral("console=tty0 root=/dev/sdb nogui");
        QTest::newRow("delete-then-console") << base << QStringLiteral("-console nogui console=ttyAMA0")
                                             << QStringLiteral("root=/dev/sdb nogui console=ttyAMA0");
        QTest::newRow("delete-value-then-console") << base << QStringLiteral("-console=tty0 nogui console=ttyAMA0")
                                                   << QStringLiteral("console=ttyAMA0 root=/dev/sdb nogui");
        QTest::newRow("delete-missing") << base << QStringLiteral("-quiet") << base;
        // Any other repeated key gets a second value next to the first.
        QTest::newRow("repeat") << base << QStringLiteral("root=/dev/sdc")
                                << QStringLiteral("console=tty0 console=ttyS0 root=/dev/sdb root=/dev/sdc");
        QTest::newRow("value-with-equals") << base << QStringLiteral("this=that=those")
                                           << base + QStringLiteral(" this=that=those");
        QTest::newRow("platform-overwritten") << QStringLiteral("talos.platform=metal slab_nomerge")
                                              << QStringLiteral("talos.platform=nocloud")
                                              << QStringLiteral("talos.platform=nocloud slab_nomerge");
        // On Talos's own defaults: the KSPP value stays first, so pti=off does not take it away.
        QTest::newRow("talos-1.12") << talosDefaultKernelArgs(QStringLiteral("1.12"), QStringLiteral("amd64")).join(u' ')
                                    << QStringLiteral("console=ttyS0,115200 pti=off -module.sig_enforce net.ifnames=0")
                                    << QStringLiteral("talos.platform=metal console=ttyS0,115200 init_on_alloc=1 slab_nomerge pti=on pti=off "
                                                      "consoleblank=0 nvme_core.io_timeout=4294967295 printk.devkmsg=on selinux=1 net.ifnames=0");
        QTest::newRow("arm64-serial") << talosDefaultKernelArgs(QStringLiteral("1.14"), QStringLiteral("arm64")).join(u' ')
                                      << QStringLiteral("console=ttyAMA0,115200")
                                      << QStringLiteral("talos.platform=metal console=ttyAMA0,115200 slab_nomerge pti=on consoleblank=0 "
                                                        "printk.devkmsg=on selinux=1 module.sig_enforce=1 proc_mem.force_override=never");
    }
    void merge()
    {
        QFETCH(QString, base);
        QFETCH(QString, extra);
        QFETCH(QString, expected);
        QCOMPARE(mergeKernelArgs(base.split(u' ', Qt::SkipEmptyParts), extra).join(u' '), expected);
    }
    void logUrlIsTheSameStringEverywhere()
    {
        QCOMPARE(talosLogUrl(QHostAddress(QStringLiteral("10.77.0.1")), 4050), QStringLiteral("tcp://10.77.0.1:4050/"));
        QCOMPARE(talosLogUrl(QHostAddress(QStringLiteral("fd00:77::1")), 4050), QStringLiteral("tcp://[fd00:77::1]:4050/"));
        QCOMPARE(talosLogUrl(QStringLiteral("fd00:77::1"), 4050), QStringLiteral("tcp://[fd00:77::1]:4050/"));
        QCOMPARE(talosLogUrl(QHostAddress(QStringLiteral("::ffff:10.77.0.1")), 4050), QStringLiteral("tcp://10.77.0.1:4050/"));
        QCOMPARE(talosLogUrl(QStringLiteral("logs.lan"), 4050), QStringLiteral("tcp://logs.lan:4050/"));
    }
    void factoryCmdline()
    {
        QTemporaryDir dir;
        auto write = [&](const char *name, const QByteArray &bytes) {
            QFile f(dir.filePath(QLatin1String(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        };
        const QByteArray factory = "talos.platform=metal console=tty0 init_on_alloc=1 slab_nomerge pti=on consoleblank=0 "
                                   "nvme_core.io_timeout=4294967295 printk.devkmsg=on selinux=1 module.sig_enforce=1\n";
        write("good", factory);
        write("html", "<html><body>Not found</body></html>\n");
        write("binary", QByteArray("talos.platform=metal \x01\x02", 23));
        write("huge", "talos.platform=metal " + QByteArray(5000, 'a'));
        QCOMPARE(readTalosCmdline(dir.filePath(QStringLiteral("good"))), QString::fromLatin1(factory.trimmed()));
        QVERIFY(readTalosCmdline(dir.filePath(QStringLiteral("html"))).isEmpty());
        QVERIFY(readTalosCmdline(dir.filePath(QStringLiteral("binary"))).isEmpty());
        QVERIFY(readTalosCmdline(dir.filePath(QStringLiteral("huge"))).isEmpty());
        QVERIFY(readTalosCmdline(dir.filePath(QStringLiteral("missing"))).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_KernelArgs)
#include "tst_kernelargs.moc"
