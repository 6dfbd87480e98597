#include "inventory/workspace.h"

#include "boot/httproute.h"
#include "boot/tftproute.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Nbc;

class tst_Workspace : public QObject
{
    Q_OBJECT
private:
    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static void write(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

private Q_SLOTS:
    void missingFolderIsInitialised()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("new/ws"));
        const Workspace ws = Workspace::open(dir);
        QVERIFY2(ws.ok(), qPrintable(ws.error().toString()));
        QVERIFY(QFile::exists(dir + QStringLiteral("/netboot.yaml")));
        QVERIFY(QDir(dir + QStringLiteral("/configs")).exists());
        QVERIFY(QDir(dir + QStringLiteral("/artifacts")).exists());
        QCOMPARE(QFile::permissions(dir + QStringLiteral("/configs")) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        // Defaults of DESIGN.md
        QCOMPARE(ws.settings().ports.http, 8080);
        QCOMPARE(ws.settings().ports.logs, 4050);
        QCOMPARE(ws.settings().mode, DhcpMode::Proxy);
        // And it opens again identically.
        const Workspace again = Workspace::open(dir);
        QVERIFY(again.ok());
        QCOMPARE(Workspace::serialize(again.settings()), Workspace::serialize(ws.settings()));
    }
    void emptyFileIsInitialised()
    {
        QTemporaryDir tmp;
        write(tmp.filePath(QStringLiteral("netboot.yaml")), QByteArray());
        const Workspace ws = Workspace::open(tmp.path());
        QVERIFY(ws.ok());
        QVERIFY(read(tmp.filePath(QStringLiteral("netboot.yaml"))).contains("ports:"));
    }
    void designExampleParses()
    {
        const QByteArray yaml = R"(network:
  interface: eth1
  mode: proxy                      # proxy | dhcp
  serverAddress: 10.77.0.1         # optional; default: first IPv4 of the interface
  dhcpRange: 10.77.0.100-10.77.0.199   # dhcp mode only
ports: {dhcp: 67, proxy: 4011, tftp: 69, http: 8080, logs: 4050}
tftpRoot: tftp/                    # optional extra TFTP folder
httpRoot: files/                   # optional extra HTTP folder, served under /files/
ipxe: {bios: /usr/lib/ipxe/undionly.kpxe, uefi: /usr/lib/ipxe/ipxe.efi}
artifacts:
  talos-1.9:
    kernel: artifacts/vmlinuz-amd64
    initramfs: artifacts/initramfs-amd64.xz
    talosVersion: "1.9"
    extraKernelArgs: "console=ttyS0"
defaultArtifacts: talos-1.9
unassigned: wait                   # wait (iPXE polls) | maintenance (boot Talos without config)
afterInstall: exit                 # exit | sanboot | http-404 | always-pxe
machines:
  - mac: 52:54:00:12:34:56
    config: configs/worker.yaml
    hostname: worker-1
    installDisk: /dev/sda
    patches: [patches/nvme.yaml, patches/labels.yaml]
)";
        WorkspaceSettings s;
        WorkspaceError e;
        QVERIFY2(Workspace::parse(yaml, QStringLiteral("netboot.yaml"), &s, &e), qPrintable(e.toString()));
        QCOMPARE(s.interfaceName, QStringLiteral("eth1"));
        QCOMPARE(s.serverAddress, QStringLiteral("10.77.0.1"));
        QCOMPARE(s.dhcpRange, QStringLiteral("10.77.0.100-10.77.0.199"));
        QCOMPARE(s.ports.tftp, 69);
        QCOMPARE(s.tftpRoot, QStringLiteral("tftp/"));
        QCOMPARE(s.artifacts.value(QStringLiteral("talos-1.9")).talosVersion, QStringLiteral("1.9"));
        QCOMPARE(s.artifacts.value(QStringLiteral("talos-1.9")).extraKernelArgs, QStringLiteral("console=ttyS0"));
        QCOMPARE(s.afterInstall, AfterInstallPolicy::Exit);
        QCOMPARE(s.machines.size(), 1);
        QCOMPARE(s.machines.first().hostname, QStringLiteral("worker-1"));
        QCOMPARE(s.machines.first().installDisk, QStringLiteral("/dev/sda"));
        QCOMPARE(s.machines.first().patches, (QStringList{QStringLiteral("patches/nvme.yaml"), QStringLiteral("patches/labels.yaml")}));

        // Round trip: what we write parses back to the same settings.
        WorkspaceSettings back;
        QVERIFY(Workspace::parse(Workspace::serialize(s), QStringLiteral("x"), &back, &e));
        QCOMPARE(Workspace::serialize(back), Workspace::serialize(s));
    }
    // The issue's form of `rules:`, and entries that name a machine by UUID or serial.
    void rulesAndIdentityEntries()
    {
        const QByteArray yaml = R"(machines:
  - uuid: 4c4c4544-0042-3510-8050-b4c04f4e4a31
    config: configs/db.yaml
  - serial: 5CG1234XYZ
    config: configs/edge.yaml
    hostname: edge-1
rules:
  - name: optiplex-workers
    match: {macPrefix: "52:54:00", manufacturer: "Dell*", firmware: uefi}
    config: configs/worker.yaml
    hostname: "worker-{n:02}"
    installDisk: /dev/nvme0n1
  - name: the-rest
    match: {}
    config: configs/other.yaml
)";
        WorkspaceSettings s;
        WorkspaceError e;
        QVERIFY2(Workspace::parse(yaml, QStringLiteral("netboot.yaml"), &s, &e), qPrintable(e.toString()));
        QCOMPARE(s.machines.size(), 2);
        QVERIFY(s.machines.at(0).mac.isEmpty());
        QCOMPARE(s.machines.at(0).uuid, QStringLiteral("4c4c4544-0042-3510-8050-b4c04f4e4a31"));
        QCOMPARE(s.machines.at(1).serial, QStringLiteral("5CG1234XYZ"));
        QCOMPARE(s.rules.size(), 2);
        const MachineRule &r = s.rules.first();
        QCOMPARE(r.name, QStringLiteral("optiplex-workers"));
        QCOMPARE(r.match.macPrefix, QStringLiteral("52:54:00"));
        QCOMPARE(r.match.manufacturer, QStringLiteral("Dell*"));
        QCOMPARE(r.match.firmware, QStringLiteral("uefi"));
        QCOMPARE(r.configPath, QStringLiteral("configs/worker.yaml"));
        QCOMPARE(r.hostname, QStringLiteral("worker-{n:02}"));
        QCOMPARE(r.installDisk, QStringLiteral("/dev/nvme0n1"));
        QVERIFY(s.rules.at(1).match.isEmpty());
        // Round trip.
        WorkspaceSettings back;
        QVERIFY2(Workspace::parse(Workspace::serialize(s), QStringLiteral("x"), &back, &e), qPrintable(e.toString()));
        QCOMPARE(Workspace::serialize(back), Workspace::serialize(s));
        QCOMPARE(back.rules.first().hostname, QStringLiteral("worker-{n:02}"));
    }
    void errors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("contains");
        QTest::newRow("bad-yaml") << QByteArray("network:\n  mode: [proxy\n") << 3 << QString();
        QTest::newRow("bad-mode") << QByteArray("network:\n  mode: router\n") << 2 << QStringLiteral("proxy, dhcp");
        QTest::newRow("bad-port") << QByteArray("ports: {http: 99999}\n") << 1 << QStringLiteral("0 to 65535");
        QTest::newRow("bad-mac") << QByteArray("machines:\n  - mac: 52:54:00\n") << 2 << QStringLiteral("not a MAC");
        QTest::newRow("dup-mac") << QByteArray("machines:\n  - mac: 52:54:00:00:00:01\n  - mac: 52-54-00-00-00-01\n") << 3
                                 << QStringLiteral("listed twice");
        QTest::newRow("machines-not-list") << QByteArray("machines: 5\n") << 1 << QStringLiteral("list");
        QTest::newRow("artifact-no-kernel") << QByteArray("artifacts:\n  a:\n    initramfs: x\n") << 3 << QStringLiteral("kernel:");
        QTest::newRow("unknown-default") << QByteArray("defaultArtifacts: nope\n") << 0 << QStringLiteral("nope");
        QTest::newRow("bad-after-install") << QByteArray("afterInstall: reboot\n") << 1 << QStringLiteral("sanboot");
        QTest::newRow("not-a-map") << QByteArray("- a\n- b\n") << 1 << QStringLiteral("mapping");
        QTest::newRow("patches-not-list") << QByteArray("machines:\n  - mac: 52:54:00:00:00:01\n    patches: a.yaml\n") << 3
                                          << QStringLiteral("list of patch files");
        QTest::newRow("machine-without-id") << QByteArray("machines:\n  - config: a.yaml\n") << 2
                                            << QStringLiteral("'mac:', 'uuid:' or 'serial:'");
        QTest::newRow("placeholder-serial") << QByteArray("machines:\n  - serial: To be filled by O.E.M.\n") << 2
                                            << QStringLiteral("identifies no machine");
        QTest::newRow("bad-uuid") << QByteArray("machines:\n  - uuid: not-a-uuid\n") << 2 << QStringLiteral("SMBIOS UUID");
        QTest::newRow("rule-without-name") << QByteArray("rules:\n  - config: a.yaml\n") << 2 << QStringLiteral("needs a name");
        QTest::newRow("rule-unknown-key") << QByteArray("rules:\n  - name: r\n    match: {vendor: x}\n") << 3
                                          << QStringLiteral("unknown match key 'vendor'");
        QTest::newRow("rule-bad-firmware") << QByteArray("rules:\n  - name: r\n    match: {firmware: efi}\n") << 3
                                           << QStringLiteral("bios or uefi");
        QTest::newRow("rule-patch-not-a-path") << QByteArray("rules:\n  - name: r\n    patches: [{a: 1}]\n") << 3
                                               << QStringLiteral("each patch must be a file path");
        QTest::newRow("rule-twice") << QByteArray("rules:\n  - name: r\n  - name: r\n") << 3 << QStringLiteral("listed twice");
        QTest::newRow("bad-server-address") << QByteArray("network:\n  serverAddress: fe80::1\n") << 2 << QStringLiteral("IPv4");
        QTest::newRow("bad-on-rogue-dhcp") << QByteArray("network:\n  onRogueDhcp: stop\n") << 2
                                           << QStringLiteral("warn, pxe-only");
        QTest::newRow("bad-rogue-probe-seconds") << QByteArray("network:\n  rogueProbeSeconds: -5\n") << 2
                                                 << QStringLiteral("0 (never probe)");
        QTest::newRow("pi-boot-not-a-map") << QByteArray("tftpRoot: tftp/\npiBoot: pi/\n") << 2
                                           << QStringLiteral("'piBoot' must be a mapping like {folder: pi/}");
        QTest::newRow("pi-boot-unknown-key") << QByteArray("piBoot:\n  folder: pi/\n  path: x\n") << 3
                                             << QStringLiteral("piBoot: unknown key 'path'");
        QTest::newRow("pi-boot-folder-list") << QByteArray("piBoot:\n  folder: [a, b]\n") << 2
                                             << QStringLiteral("'folder' must be a single value");
        QTest::newRow("pi-folder-traversal")
            << QByteArray("machines:\n  - mac: dc:a6:32:01:36:c2\n    piFolder: ../outside\n") << 3
            << QStringLiteral("piFolder '../outside': it must stay inside the piBoot folder");
        QTest::newRow("pi-folder-absolute")
            << QByteArray("machines:\n  - mac: dc:a6:32:01:36:c2\n    config: a.yaml\n    piFolder: /srv/tftp/uefi\n") << 4
            << QStringLiteral("piFolder '/srv/tftp/uefi': name it relative to the piBoot folder");
        QTest::newRow("pi-folder-list")
            << QByteArray("machines:\n  - mac: dc:a6:32:01:36:c2\n    piFolder: [a]\n") << 3
            << QStringLiteral("'piFolder' must be a single value");
    }
    // A value with edge spaces or a control character (a file ending in "  \r", a hand
    // edit with a tab) reads back as it was written: found by fuzz_workspace, where
    // `initramfs: artifp/   \r` at the end of the file was written plain and came back
    // trimmed once a key followed it.
    void edgeSpacesAndControlCharactersRoundTrip()
    {
        const QByteArray yaml = "artifacts:\n  a:\n    kernel: k\n    initramfs: artifp/      \r";
        WorkspaceSettings s;
        WorkspaceError e;
        QVERIFY2(Workspace::parse(yaml, QStringLiteral("netboot.yaml"), &s, &e), qPrintable(e.toString()));
        QCOMPARE(s.artifacts.size(), 1);
        const QString a = QStringLiteral("a");
        QCOMPARE(s.artifacts.value(a).initramfsPath, QStringLiteral("artifp/      \r"));
        s.artifacts[a].kernelPath = QStringLiteral(" lead\ttab");
        s.interfaceName = QStringLiteral("eth0\x01");
        const QByteArray written = Workspace::serialize(s);
        WorkspaceSettings back;
        QVERIFY2(Workspace::parse(written, QStringLiteral("x"), &back, &e), qPrintable(e.toString()));
        QCOMPARE(back.artifacts.value(a).initramfsPath, s.artifacts.value(a).initramfsPath);
        QCOMPARE(back.artifacts.value(a).kernelPath, QStringLiteral(" lead\ttab"));
        QCOMPARE(back.interfaceName, QStringLiteral("eth0\x01"));
        QCOMPARE(Workspace::serialize(back), written);
        QVERIFY2(written.contains("kernel: \" lead\\ttab\""), written.constData());
        // Ordinary values stay plain.
        s.tftpRoot = QStringLiteral("tftp root/");
        QVERIFY2(Workspace::serialize(s).contains("tftpRoot: tftp root/\n"), Workspace::serialize(s).constData());
    }

    // Raspberry Pi boot folders: `piBoot: {folder:}` holds them, `piFolder:` gives a Pi one;
    // both read, written back and made absolute for the engines.
    void piBootAndPiFolders()
    {
        const QByteArray yaml = "tftpRoot: tftp/\n"
                                "piBoot: {folder: pi/}\n"
                                "machines:\n"
                                "  - mac: DC-A6-32-01-36-C2\n"
                                "    piFolder: uefi-rpi4\n"
                                "  - serial: \"9ffefdef\"\n"
                                "    config: configs/worker.yaml\n"
                                "    piFolder: uefi/v1.38\n";
        WorkspaceSettings s;
        WorkspaceError e;
        QVERIFY2(Workspace::parse(yaml, QStringLiteral("netboot.yaml"), &s, &e), qPrintable(e.toString()));
        QCOMPARE(s.piBootDir, QStringLiteral("pi/"));
        QCOMPARE(s.machines.size(), 2);
        QCOMPARE(s.machines.at(0).mac, QStringLiteral("dc:a6:32:01:36:c2"));
        QCOMPARE(s.machines.at(0).piFolder, QStringLiteral("uefi-rpi4"));
        QVERIFY(s.machines.at(0).configPath.isEmpty());
        QCOMPARE(s.machines.at(1).piFolder, QStringLiteral("uefi/v1.38"));
        const QByteArray written = Workspace::serialize(s);
        QVERIFY2(written.contains("piBoot: {folder: pi/}"), written.constData());
        QVERIFY2(written.contains("piFolder: uefi-rpi4"), written.constData());
        WorkspaceSettings back;
        QVERIFY2(Workspace::parse(written, QStringLiteral("x"), &back, &e), qPrintable(e.toString()));
        QCOMPARE(back.piBootDir, s.piBootDir);
        QCOMPARE(back.machines.at(0).piFolder, QStringLiteral("uefi-rpi4"));
        QCOMPARE(back.machines.at(1).piFolder, QStringLiteral("uefi/v1.38"));
        QCOMPARE(Workspace::serialize(back), written);
        // Not set: not written, and the TFTP root holds the Pi folders.
        QVERIFY(Workspace::parse("tftpRoot: tftp/\npiBoot:\n", QStringLiteral("x"), &s, &e));
        QVERIFY(s.piBootDir.isEmpty());
        QVERIFY(!Workspace::serialize(s).contains("piBoot"));

        QTemporaryDir tmp;
        write(tmp.filePath(QStringLiteral("netboot.yaml")), yaml);
        Workspace ws = Workspace::open(tmp.path());
        QVERIFY2(ws.ok(), qPrintable(ws.error().toString()));
        const QString root = QDir(tmp.path()).absolutePath();
        BootSnapshot snap = ws.toSnapshot();
        QCOMPARE(snap.piBootDir, root + QStringLiteral("/pi"));
        QCOMPARE(snap.piBootFolder(), root + QStringLiteral("/pi"));
        QCOMPARE(snap.machines.value(QStringLiteral("dc:a6:32:01:36:c2")).piFolder, QStringLiteral("uefi-rpi4"));
        QCOMPARE(snap.identityEntries.size(), 1);
        QCOMPARE(snap.identityEntries.first().piFolder, QStringLiteral("uefi/v1.38"));
        // Written back through the API the window uses: a new entry for a Pi without one,
        // cleared on another, and the file reads back the same.
        ws.setPiFolder(QStringLiteral("e4:5f:01:aa:bb:cc"), QStringLiteral("uefi-rpi4"));
        ws.setPiFolder(QStringLiteral("dc:a6:32:01:36:c2"), QString());
        QVERIFY(ws.save());
        Workspace again = Workspace::open(tmp.path());
        QVERIFY2(again.ok(), qPrintable(again.error().toString()));
        QCOMPARE(again.settings().piBootDir, QStringLiteral("pi/"));
        QVERIFY(again.machine(QStringLiteral("dc:a6:32:01:36:c2"))->piFolder.isEmpty());
        QCOMPARE(again.machine(QStringLiteral("e4:5f:01:aa:bb:cc"))->piFolder, QStringLiteral("uefi-rpi4"));
        QVERIFY(!read(ws.settingsPath()).contains("piFolder: \"\""));
        again.settings().piBootDir.clear();
        snap = again.toSnapshot();
        QVERIFY(snap.piBootDir.isEmpty());
        QCOMPARE(snap.piBootFolder(), root + QStringLiteral("/tftp"));
        // What the window checks before it writes a name.
        QVERIFY(Workspace::piFolderProblem(QStringLiteral("uefi-rpi4")).isEmpty());
        QVERIFY(!Workspace::piFolderProblem(QStringLiteral("a/../../b")).isEmpty());
        QVERIFY(!Workspace::piFolderProblem(QStringLiteral("~/pi")).isEmpty());
        QVERIFY(!Workspace::piFolderProblem(QStringLiteral("a\\b")).isEmpty());
    }
    // Full mode's guard against another DHCP server: what to do, how often to look; the
    // defaults are not written, so a file without them stays as it was.
    void rogueDhcpSettings()
    {
        WorkspaceSettings s;
        WorkspaceError e;
        QVERIFY(Workspace::parse("network:\n  mode: dhcp\n", QStringLiteral("x"), &s, &e));
        QCOMPARE(s.onRogueDhcp, RogueDhcpPolicy::Warn);
        QCOMPARE(s.rogueProbeSeconds, 180);
        QVERIFY(!Workspace::serialize(s).contains("Rogue"));
        QVERIFY(Workspace::parse("network:\n  mode: dhcp\n  onRogueDhcp: pxe-only\n  rogueProbeSeconds: 5\n",
                                 QStringLiteral("x"), &s, &e));
        QCOMPARE(s.onRogueDhcp, RogueDhcpPolicy::PxeOnly);
        QCOMPARE(s.rogueProbeSeconds, 5);
        WorkspaceSettings back;
        QVERIFY(Workspace::parse(Workspace::serialize(s), QStringLiteral("x"), &back, &e));
        QCOMPARE(back.onRogueDhcp, RogueDhcpPolicy::PxeOnly);
        QCOMPARE(back.rogueProbeSeconds, 5);
        QVERIFY(Workspace::parse("network: {rogueProbeSeconds: 0}\n", QStringLiteral("x"), &s, &e));
        QCOMPARE(s.rogueProbeSeconds, 0);
    }
    void errors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(QString, contains);
        WorkspaceSettings s;
        WorkspaceError e;
        QVERIFY(!Workspace::parse(yaml, QStringLiteral("netboot.yaml"), &s, &e));
        QCOMPARE(e.line, line);
        QVERIFY2(e.message.contains(contains), qPrintable(e.message));
        QVERIFY(e.toString().startsWith(QLatin1String("netboot.yaml")));
    }
    void brokenFileIsNeverOverwritten()
    {
        QTemporaryDir tmp;
        const QByteArray broken = "network:\n  mode: [proxy\n";
        write(tmp.filePath(QStringLiteral("netboot.yaml")), broken);
        Workspace ws = Workspace::open(tmp.path());
        QVERIFY(!ws.ok());
        QCOMPARE(ws.error().line, 3);
        QString error;
        QVERIFY(!ws.save(&error));
        QVERIFY(error.contains(QLatin1String("not overwritten")));
        QCOMPARE(read(tmp.filePath(QStringLiteral("netboot.yaml"))), broken);
    }
    void unreadableIsReported()
    {
        QTemporaryDir tmp;
        // A folder where the file should be cannot be read even by root.
        QVERIFY(QDir(tmp.path()).mkdir(QStringLiteral("netboot.yaml")));
        const Workspace ws = Workspace::open(tmp.path());
        QVERIFY(!ws.ok());
        QVERIFY(QFileInfo(tmp.filePath(QStringLiteral("netboot.yaml"))).isDir());
    }
    void reloadKeepsSettingsOnError()
    {
        QTemporaryDir tmp;
        Workspace ws = Workspace::open(tmp.path());
        QVERIFY(ws.ok());
        ws.setAssignment(QStringLiteral("52:54:00:00:00:09"), QStringLiteral("configs/a.yaml"));
        QVERIFY(ws.save());
        write(ws.settingsPath(), "machines: [\n");
        WorkspaceError e;
        QVERIFY(!ws.reload(&e));
        QVERIFY(e.line > 0);
        QCOMPARE(ws.settings().machines.size(), 1);
        write(ws.settingsPath(), "ports: {http: 9000}\n");
        QVERIFY(ws.reload(&e));
        QCOMPARE(ws.settings().ports.http, 9000);
        QVERIFY(ws.settings().machines.isEmpty());
    }
    void snapshotMakesPathsAbsolute()
    {
        QTemporaryDir tmp;
        Workspace ws = Workspace::open(tmp.path());
        ArtifactSet set;
        set.name = QStringLiteral("s");
        set.kernelPath = QStringLiteral("artifacts/vmlinuz");
        set.initramfsPath = QStringLiteral("/abs/initramfs.xz");
        ws.settings().artifacts.insert(set.name, set);
        ws.setAssignment(QStringLiteral("52-54-00-AA-BB-CC"), QStringLiteral("configs/w.yaml"));
        const BootSnapshot snap = ws.toSnapshot();
        const QString root = QDir(tmp.path()).absolutePath();
        QCOMPARE(snap.artifacts.value(QStringLiteral("s")).kernelPath, root + QStringLiteral("/artifacts/vmlinuz"));
        QCOMPARE(snap.artifacts.value(QStringLiteral("s")).initramfsPath, QStringLiteral("/abs/initramfs.xz"));
        QCOMPARE(snap.machines.value(QStringLiteral("52:54:00:aa:bb:cc")).configPath, root + QStringLiteral("/configs/w.yaml"));
    }
    void extraRootsNeverServeTheWorkspace()
    {
        // --http-root / --tftp-root pointed at the workspace itself: its settings,
        // configs, patches, leases and inventory stay private; its artefacts do not.
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("netboot.yaml")),
              "httpRoot: .\ntftpRoot: .\nmachines:\n  - mac: 52:54:00:00:00:01\n    config: elsewhere/w.yaml\n"
              "    patches: [p/disk.yaml]\n");
        for (const char *name : {"configs/worker.yaml", "elsewhere/w.yaml", "p/disk.yaml", "leases.json",
                                 "inventory.sqlite", "artifacts/vmlinuz"})
            TestUtil::writeFile(dir.path(), QLatin1String(name), "x\n");
        Workspace ws = Workspace::open(dir.path());
        QVERIFY(ws.ok());
        const BootSnapshot snap = ws.toSnapshot();
        for (const char *name : {"netboot.yaml", "configs/worker.yaml", "elsewhere/w.yaml", "p/disk.yaml",
                                 "leases.json", "inventory.sqlite"}) {
            Boot::HttpRequestInfo request;
            request.method = "GET";
            request.path = QStringLiteral("/files/") + QLatin1String(name);
            const Boot::HttpResponsePlan plan = Boot::routeHttp(snap, request);
            QVERIFY2(plan.status == 403 && plan.detail == QLatin1String("private"), name);
            QCOMPARE(Boot::resolveTftpName(snap, QLatin1String(name)).refusal, QStringLiteral("private"));
        }
        Boot::HttpRequestInfo artefact;
        artefact.method = "GET";
        artefact.path = QStringLiteral("/files/artifacts/vmlinuz");
        QCOMPARE(Boot::routeHttp(snap, artefact).status, 200);
        QVERIFY(Boot::resolveTftpName(snap, QStringLiteral("artifacts/vmlinuz")).ok());
    }
    // A pallet shares a config: it is one private path, not one per machine (every HTTP
    // and TFTP request is checked against the list).
    void sharedConfigIsOnePrivatePath()
    {
        QTemporaryDir dir;
        TestUtil::writeFile(dir.path(), QStringLiteral("configs/worker.yaml"), "x\n");
        Workspace ws = Workspace::open(dir.path());
        for (int i = 0; i < 300; ++i)
            ws.setAssignment(QStringLiteral("02:00:00:00:%1:%2").arg(i / 256, 2, 16, QLatin1Char('0')).arg(i % 256, 2, 16, QLatin1Char('0')),
                             QStringLiteral("configs/worker.yaml"));
        const BootSnapshot snap = ws.toSnapshot();
        const QString config = QFileInfo(dir.filePath(QStringLiteral("configs/worker.yaml"))).canonicalFilePath();
        QCOMPARE(snap.privatePaths.count(config), 1);
        QVERIFY(snap.isPrivateFile(config));
        QCOMPARE(snap.machines.size(), 300);
        QVERIFY2(snap.privatePaths.size() < 12, qPrintable(snap.privatePaths.join(u' ')));
    }
};

QTEST_GUILESS_MAIN(tst_Workspace)
#include "tst_workspace.moc"
