#include "boot/kernelargs.h"

#include <QTest>

using namespace Nbc::Boot;

class tst_KernelArgs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults_data()
    {
        // Expected strings from the reference table (Talos imager, metal amd64).
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("expected");
        QTest::newRow("1.7") << QStringLiteral("1.7")
            << QStringLiteral("talos.platform=metal console=ttyS0 console=tty0 init_on_alloc=1 slab_nomerge pti=on consoleblank=0 nvme_core.io_timeout=4294967295 printk.devkmsg=on ima_template=ima-ng ima_appraise=fix ima_hash=sha512");
        QTest::newRow("1.9") << QStringLiteral("1.9")
            << QStringLiteral("talos.platform=metal console=tty0 init_on_alloc=1 slab_nomerge pti=on consoleblank=0 nvme_core.io_timeout=4294967295 printk.devkmsg=on ima_template=ima-ng ima_appraise=fix ima_hash=sha512");
        QTest::newRow("v1.10.3") << QStringLiteral("v1.10.3")
            << QStringLiteral("talos.platform=metal console=tty0 init_on_alloc=1 slab_nomerge pti=on consoleblank=0 nvme_core.io_timeout=4294967295 printk.devkmsg=on ima_template=ima-ng ima_appraise=fix ima_hash=sha512 selinux=1");
        QTest::newRow("1.11") << QStringLiteral("1.11")
            << QStringLiteral("talos.platform=metal console=tty0 init_on_alloc=1 slab_nomerge pti=on consoleblank=0 nvme_core.io_timeout=4294967295 printk.devkmsg=on selinux=1");
        QTest::newRow("1.13") << QStringLiteral("1.13")
            << QStringLiteral("talos.platform=metal console=tty0 init_on_alloc=1 slab_nomerge pti=on consoleblank=0 nvme_core.io_timeout=4294967295 printk.devkmsg=on selinux=1 module.sig_enforce=1 proc_mem.force_override=never");
        QTest::newRow("1.14") << QStringLiteral("1.14")
            << QStringLiteral("talos.platform=metal console=tty0 slab_nomerge pti=on consoleblank=0 printk.devkmsg=on selinux=1 module.sig_enforce=1 proc_mem.force_override=never");
        QTest::newRow("unknown-is-newest") << QStringLiteral("banana")
            << QStringLiteral("talos.platform=metal console=tty0 slab_nomerge pti=on consoleblank=0 printk.devkmsg=on selinux=1 module.sig_enforce=1 proc_mem.force_override=never");
    }
    void defaults()
    {
        QFETCH(QString, version);
        QFETCH(QString, expected);
        QCOMPARE(talosDefaultKernelArgs(version).join(u' '), expected);
    }
    void requiredKsppArgsAlwaysPresent()
    {
        for (const char *v : {"1.5", "1.8", "1.12", "1.14", ""}) {
            const QStringList args = talosDefaultKernelArgs(QLatin1String(v));
            QVERIFY2(args.contains(QStringLiteral("slab_nomerge")), v);
            QVERIFY2(args.contains(QStringLiteral("pti=on")), v);
            QVERIFY2(args.contains(QStringLiteral("talos.platform=metal")), v);
        }
    }
    void merge()
    {
        const QStringList base{QStringLiteral("a=1"), QStringLiteral("console=tty0"), QStringLiteral("flag")};
        QCOMPARE(mergeKernelArgs(base, QStringLiteral("  a=2   console=ttyS0,115200 new ")).join(u' '),
                 QStringLiteral("console=tty0 flag a=2 console=ttyS0,115200 new"));
        QCOMPARE(mergeKernelArgs(base, QStringLiteral("console=tty0")), base);
        QCOMPARE(mergeKernelArgs(base, QString()), base);
    }
};

QTEST_GUILESS_MAIN(tst_KernelArgs)
#include "tst_kernelargs.moc"
