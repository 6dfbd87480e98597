#include "boot/bigtext.h"
#include "boot/ipxescript.h"

#include <QTest>

using namespace Nbc;
using namespace Nbc::Boot;

class tst_IpxeScripts : public QObject
{
    Q_OBJECT
private:
    static BootSnapshot snapshot()
    {
        BootSnapshot s;
        s.serverAddress = QHostAddress(QStringLiteral("10.77.0.1"));
        s.ports.http = 8080;
        s.ports.logs = 4050;
        ArtifactSet set;
        set.name = QStringLiteral("talos-1.9");
        set.kernelPath = QStringLiteral("/a/vmlinuz");
        set.initramfsPath = QStringLiteral("/a/initramfs.xz");
        set.talosVersion = QStringLiteral("1.9");
        set.extraKernelArgs = QStringLiteral("console=ttyS0");
        s.artifacts.insert(set.name, set);
        s.defaultArtifacts = set.name;
        MachineIntent m;
        m.mac = QStringLiteral("52:54:00:12:34:56");
        m.configPath = QStringLiteral("/ws/configs/worker.yaml");
        s.machines.insert(m.mac, m);
        return s;
    }
    static const QString kMac;

private Q_SLOTS:
    void entryChainsWithFacts()
    {
        const IpxeScript s = IpxeScripts::entry(snapshot());
        QCOMPARE(s.status, 200);
        QVERIFY(s.text.startsWith("#!ipxe\n"));
        QVERIFY(s.text.contains("chain --replace --autofree http://10.77.0.1:8080/m/${net0/mac:hexhyp}/script.ipxe?"
                                "uuid=${uuid}&serial=${serial:uristring}&manufacturer=${manufacturer:uristring}"
                                "&product=${product:uristring}&arch=${buildarch}&platform=${platform}"));
        // Retries DHCP when no address stuck (proxy offer won over the router's).
        QVERIFY(s.text.contains("isset ${net0/ip} && goto chain"));
        QVERIFY(s.text.contains("dhcp net0"));
        // A 404 (afterInstall http-404; iPXE's ENOENT, BIOS and UEFI builds) falls through to
        // the firmware's next device with status 1; any other failure retries.
        QVERIFY(s.text.contains("|| goto failed\n:failed\n"
                                "set chain-error ${errno}\n"     // a failing iseq sets ${errno} too
                                "iseq ${chain-error} 0x2d0c613b && goto disk ||\n"
                                "iseq ${chain-error} 0x2d0c618e && goto disk ||\n"
                                "goto retry\n"
                                ":disk\n"));
        QVERIFY(s.text.contains("\nexit 1\n:retry\n"));
        QVERIFY(s.text.endsWith("sleep 5\ngoto chain\n"));
    }
    void bootTalos()
    {
        const IpxeScript s = IpxeScripts::forMachine(snapshot(), kMac, QStringLiteral("uuid=abc"));
        QCOMPARE(scriptKey(s.kind), QStringLiteral("boot-talos"));
        const QByteArray expected =
            "#!ipxe\n"
            "# Netboot Console: 52:54:00:12:34:56: Talos 1.9 (talos-1.9)\n"
            "imgfree\n"
            // The set's console=ttyS0 replaces Talos's default console, as Talos merges extras.
            "kernel http://10.77.0.1:8080/m/52-54-00-12-34-56/vmlinuz initrd=initramfs.xz talos.platform=metal "
            "console=ttyS0 init_on_alloc=1 slab_nomerge pti=on consoleblank=0 nvme_core.io_timeout=4294967295 "
            "printk.devkmsg=on ima_template=ima-ng ima_appraise=fix ima_hash=sha512 "
            "talos.config=http://10.77.0.1:8080/m/52-54-00-12-34-56/config.yaml "
            "talos.logging.kernel=tcp://10.77.0.1:4050/\n"
            "initrd http://10.77.0.1:8080/m/52-54-00-12-34-56/initramfs.xz\n"
            "boot\n";
        QCOMPARE(s.text, expected);
    }
    void waitWhenUnassigned()
    {
        BootSnapshot snap = snapshot();
        snap.machines.clear();
        const IpxeScript s = IpxeScripts::forMachine(snap, kMac, QStringLiteral("uuid=abc&arch=x86_64"));
        QCOMPARE(scriptKey(s.kind), QStringLiteral("wait"));
        QVERIFY(s.text.contains("sleep 5\n"));
        // Re-chains to itself with the same facts, so the poll keeps identifying the machine.
        QVERIFY(s.text.contains("chain --replace --autofree http://10.77.0.1:8080/m/52-54-00-12-34-56/script.ipxe"
                                "?uuid=abc&arch=x86_64 || goto failed\n"));
        // Keeps polling while the console is away; a 404 (installed meanwhile, http-404)
        // goes to the next boot device.
        QVERIFY(s.text.contains("iseq ${chain-error} 0x2d0c613b && goto disk ||\n"));
        QVERIFY(s.text.contains("goto wait\n:disk\n"));
        QVERIFY(!s.text.contains("kernel "));
    }
    // "Which box is this?": the waiting machine's screen says its name in block letters.
    void waitingScreenNamesTheMachine()
    {
        BootSnapshot snap = snapshot();
        snap.machines.clear();
        IpxeScript s = IpxeScripts::forMachine(snap, kMac, {});
        QCOMPARE(IpxeScripts::screenName(snap, kMac), QStringLiteral("12-34-56"));
        for (const QString &row : bigText(QStringLiteral("12-34-56")))
            QVERIFY2(s.text.contains(QByteArray("echo ." + row.toLatin1() + '\n')), qPrintable(row));
        QVERIFY(s.text.contains("echo 12-34-56 (52:54:00:12:34:56): WAITING FOR A CONFIG\n"));
        QVERIFY(s.text.contains("set esc:hex 1b\n"));
        QVERIFY(s.text.contains("echo ${esc:string}[2J${esc:string}[H\n"));   // a steady screen, not a scroll
        QVERIFY(!s.text.contains("[7m"));
        QVERIFY(!s.text.contains("IDENTIFY"));

        // Named once it has a hostname; "Identify" makes it flash at its next poll.
        MachineIntent named;
        named.mac = kMac;
        named.hostname = QStringLiteral("rack1-07");
        snap.machines.insert(kMac, named);
        snap.identify.insert(kMac);
        s = IpxeScripts::forMachine(snap, kMac, {});
        for (const QString &row : bigText(QStringLiteral("rack1-07")))
            QVERIFY(s.text.contains(row.toLatin1()));
        QCOMPARE(s.text.count("${esc:string}[7m"), 3);
        QCOMPARE(s.text.count("echo IDENTIFY: rack1-07 - THIS MACHINE\n"), 3);
        QVERIFY(s.text.indexOf("IDENTIFY") < s.text.indexOf("sleep 5\n"));   // before it polls again
        // Every row is one word iPXE echoes as it is: no spaces to collapse, and no
        // word that starts with '#' (a comment to iPXE).
        for (const QByteArray &line : s.text.split('\n')) {
            if (line.startsWith("echo ") && line.contains("#.")) {
                QVERIFY2(!line.mid(5).contains(' '), line.constData());
                QVERIFY2(!line.mid(5).startsWith('#'), line.constData());
            }
        }
    }
    void bigLetters()
    {
        const QStringList rows = bigText(QStringLiteral("Ab1"));
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows.at(0), QStringLiteral(".###..####....#.."));
        QCOMPARE(rows.at(2), QStringLiteral("#####.####....#.."));
        for (const QString &row : rows)
            QCOMPARE(row.size(), 3 * 5 + 2);
        QCOMPARE(bigText(QStringLiteral("a very long hostname"), 12).first().size(), 12 * 6 - 1);
        QCOMPARE(bigText(QStringLiteral("\u00e9")), bigText(QStringLiteral("?")));
        QVERIFY(bigText({}).isEmpty());
    }
    void maintenanceWhenUnassigned()
    {
        BootSnapshot snap = snapshot();
        snap.machines.clear();
        snap.unassigned = UnassignedPolicy::Maintenance;
        const IpxeScript s = IpxeScripts::forMachine(snap, kMac, {});
        QCOMPARE(scriptKey(s.kind), QStringLiteral("maintenance"));
        QVERIFY(s.text.contains("kernel http://"));
        // No config URL: Talos enters maintenance mode and waits for talosctl apply-config.
        QVERIFY(!s.text.contains("talos.config="));
        QVERIFY(s.text.contains("talos.logging.kernel="));
    }
    void noArtifacts()
    {
        BootSnapshot snap = snapshot();
        snap.artifacts.clear();
        const IpxeScript s = IpxeScripts::forMachine(snap, kMac, {});
        QCOMPARE(scriptKey(s.kind), QStringLiteral("no-artifacts"));
        QVERIFY(s.text.contains("chain --replace"));
    }
    void afterInstall_data()
    {
        QTest::addColumn<int>("policy");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("command");
        QTest::newRow("exit") << int(AfterInstallPolicy::Exit) << QStringLiteral("exit") << 200 << QByteArray("\nexit 1\n");
        QTest::newRow("sanboot") << int(AfterInstallPolicy::Sanboot) << QStringLiteral("sanboot") << 200
                                 << QByteArray("\nsanboot --no-describe --drive 0x80 || exit 1\n");
        QTest::newRow("http-404") << int(AfterInstallPolicy::Http404) << QStringLiteral("http-404") << 404 << QByteArray();
        QTest::newRow("always-pxe") << int(AfterInstallPolicy::AlwaysPxe) << QStringLiteral("boot-talos") << 200
                                    << QByteArray("\nboot\n");
    }
    void afterInstall()
    {
        QFETCH(int, policy);
        QFETCH(QString, kind);
        QFETCH(int, status);
        QFETCH(QByteArray, command);
        BootSnapshot snap = snapshot();
        snap.afterInstall = static_cast<AfterInstallPolicy>(policy);
        snap.machines[kMac].installed = true;
        const IpxeScript s = IpxeScripts::forMachine(snap, kMac, {});
        QCOMPARE(scriptKey(s.kind), kind);
        QCOMPARE(s.status, status);
        if (!command.isEmpty())
            QVERIFY2(s.text.contains(command), s.text.constData());
    }
    void perMachineArtifactSet()
    {
        BootSnapshot snap = snapshot();
        ArtifactSet other;
        other.name = QStringLiteral("talos-1.14");
        other.kernelPath = QStringLiteral("/b/vmlinuz");
        other.initramfsPath = QStringLiteral("/b/initramfs.xz");
        other.talosVersion = QStringLiteral("1.14");
        snap.artifacts.insert(other.name, other);
        snap.machines[kMac].artifacts = other.name;
        const QString cmdline = IpxeScripts::talosCommandLine(snap, kMac, true);
        QVERIFY(cmdline.contains(QLatin1String("proc_mem.force_override=never")));
        QVERIFY(!cmdline.contains(QLatin1String("ima_hash")));
        QVERIFY(cmdline.startsWith(QLatin1String("initrd=initramfs.xz ")));
    }
    // Reference §8.3/§8.4: the factory's own command line when the set has one, the
    // arch's consoles, and an IPv6 log host bracketed as in the served config.
    void commandLineSources()
    {
        BootSnapshot s = snapshot();
        ArtifactSet &set = s.artifacts[QStringLiteral("talos-1.9")];
        set.extraKernelArgs.clear();
        set.arch = QStringLiteral("arm64");
        set.talosVersion = QStringLiteral("1.14");
        QString line = IpxeScripts::talosCommandLine(s, kMac, true, {});
        QVERIFY2(line.contains(QLatin1String("talos.platform=metal console=ttyAMA0 console=tty0 slab_nomerge")), qPrintable(line));
        QVERIFY(!line.contains(QLatin1String("init_on_alloc")));

        set.cmdline = QStringLiteral("talos.platform=metal console=tty0 init_on_alloc=1 slab_nomerge pti=on lockdown=confidentiality");
        set.extraKernelArgs = QStringLiteral("-lockdown");
        line = IpxeScripts::talosCommandLine(s, kMac, true, {});
        QVERIFY2(line.startsWith(QLatin1String("initrd=initramfs.xz talos.platform=metal console=tty0 init_on_alloc=1 "
                                               "slab_nomerge pti=on talos.config=")), qPrintable(line));

        s.serverAddress = QHostAddress(QStringLiteral("fd00:77::1"));
        line = IpxeScripts::talosCommandLine(s, kMac, true, {});
        QVERIFY2(line.endsWith(QLatin1String(" talos.logging.kernel=tcp://[fd00:77::1]:4050/")), qPrintable(line));
    }
    void deterministic()
    {
        QCOMPARE(IpxeScripts::forMachine(snapshot(), kMac, QStringLiteral("a=b")).text,
                 IpxeScripts::forMachine(snapshot(), kMac, QStringLiteral("a=b")).text);
    }
};

const QString tst_IpxeScripts::kMac = QStringLiteral("52:54:00:12:34:56");

QTEST_GUILESS_MAIN(tst_IpxeScripts)
#include "tst_ipxescripts.moc"
