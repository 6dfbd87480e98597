// Raspberry Pi netboot (issue 15): the Pi 4 bootloader's DISCOVER, shaped as the Raspberry
// Pi documentation shows it (tests/data/dhcp/README.md), gets dnsmasq's "Raspberry Pi Boot"
// answer; a PC sending the same vendor class still gets undionly.kpxe; the registry shows
// the Pi with its serial and its firmware files as a stage of their own; its TFTP names are
// served from its own boot folders, which nobody else gets.

#include "boot/bootpolicy.h"
#include "boot/raspberrypi.h"
#include "boot/tftproute.h"
#include "inventory/machineregistry.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Nbc;
using namespace Nbc::Boot;
using Dhcp::OptionCode;
using Dhcp::Packet;

namespace {

const QHostAddress kServer(QStringLiteral("10.77.0.1"));
// The bootloader fixture's MAC (eeprom-bootloader.adoc's example), and another Pi's.
const QString kPi = QStringLiteral("dc:a6:32:01:36:c2");
const QString kOtherPi = QStringLiteral("e4:5f:01:aa:bb:cc");

void write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    f.setPermissions(f.permissions() | QFileDevice::ReadOther);
}

BootSnapshot snapshot()
{
    BootSnapshot s;
    s.serverAddress = kServer;
    s.ipxeBios = QStringLiteral("/nonexistent/undionly.kpxe");
    s.ipxeUefi = QStringLiteral("/nonexistent/ipxe.efi");
    return s;
}

Packet piDiscover()
{
    const Dhcp::Result<Packet> p = Packet::parse(TestUtil::readHexData(QStringLiteral("dhcp/rpi4-bootloader-discover.hex")));
    if (!p.ok())
        qFatal("cannot parse the Pi fixture");
    return p.value();
}

} // namespace

class tst_RaspberryPi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixtureIsThePi4Bootloader()
    {
        const Packet discover = piDiscover();
        QCOMPARE(discover.mac(), QStringLiteral("dc:a6:32:01:36:c2"));
        QCOMPARE(discover.vendorClass(), QStringLiteral("PXEClient:Arch:00000:UNDI:002001"));
        QCOMPARE(discover.clientArch().value_or(99), quint16(0));
        const ClientFacts facts = ClientFacts::fromPacket(discover, DhcpPort::Dhcp);
        QCOMPARE(facts.firmware, Firmware::RaspberryPi);
        QCOMPARE(facts.piSerial, QStringLiteral("9ffefdef"));
        QCOMPARE(facts.eventFacts().value(QStringLiteral("firmware")).toString(), QStringLiteral("rpi"));
        QCOMPARE(facts.eventFacts().value(QStringLiteral("serial")).toString(), QStringLiteral("9ffefdef"));
    }

    void answeredAsDnsmasqPxeService()
    {
        const BootDecision d = decideDhcp(piDiscover(), DhcpPort::Dhcp, snapshot());
        QVERIFY2(d.reply, qPrintable(d.detail));
        const Packet &r = *d.reply;
        QCOMPARE(r.messageType().value(), Dhcp::MessageType::Offer);
        QCOMPARE(r.yiaddr, quint32(0));
        QCOMPARE(r.siaddr, kServer.toIPv4Address());
        QCOMPARE(r.option(OptionCode::VendorSpecific).value_or(QByteArray()),
                 TestUtil::readHexData(QStringLiteral("dhcp/rpi-boot-option43.hex")));
        QCOMPARE(r.option(OptionCode::VendorClass).value_or(QByteArray()), QByteArray("PXEClient"));
        QCOMPARE(r.option(OptionCode::ClientGuid), piDiscover().option(OptionCode::ClientGuid));
        // dnsmasq's pxe-service without a basename names no file: the bootloader asks start4.elf.
        QVERIFY(!r.hasOption(OptionCode::BootFileName));
        QVERIFY(r.file.isEmpty() || r.file.count('\0') == r.file.size());
        QCOMPARE(d.bootFile, QStringLiteral("Raspberry Pi Boot"));
        QCOMPARE(RaspberryPi::bootMenuOption(), TestUtil::readHexData(QStringLiteral("dhcp/rpi-boot-option43.hex")));
    }

    // Recognised by OUI alone (Pi 3 ROM, DHCP_OPTION97=0) or by option 97 alone (a MAC
    // set with MAC_ADDRESS); a PC whose UNDI ROM sends the very same vendor class is a PC.
    void toldFromBiosPcs_data()
    {
        QTest::addColumn<QByteArray>("mac");
        QTest::addColumn<QByteArray>("guid");
        QTest::addColumn<int>("firmware");
        QTest::addColumn<QString>("serial");
        const QByteArray pi4Guid = piDiscover().option(OptionCode::ClientGuid).value();
        const QByteArray legacy = QByteArray::fromHex("00") + QByteArray::fromHex("effdfe9f").repeated(4);
        const QByteArray pi3 = QByteArray::fromHex("00") + QByteArray(16, char(0x44));
        QTest::newRow("pi4") << QByteArray("dca6320136c2") << pi4Guid << int(Firmware::RaspberryPi) << QStringLiteral("9ffefdef");
        QTest::newRow("pi4 legacy guid") << QByteArray("e45f01aabbcc") << legacy << int(Firmware::RaspberryPi) << QStringLiteral("9ffefdef");
        QTest::newRow("pi3 rom") << QByteArray("b827eb28f66d") << pi3 << int(Firmware::RaspberryPi) << QString();
        QTest::newRow("pi5 oui") << QByteArray("2ccf67000001") << QByteArray() << int(Firmware::RaspberryPi) << QString();
        QTest::newRow("own mac, pi guid") << QByteArray("020000000001") << pi4Guid << int(Firmware::RaspberryPi) << QStringLiteral("9ffefdef");
        QTest::newRow("bios pc") << QByteArray("525400123456") << QByteArray(17, char(0)) << int(Firmware::Bios) << QString();
        QTest::newRow("bios pc, legacy-looking guid") << QByteArray("525400123456") << legacy << int(Firmware::Bios) << QString();
    }
    void toldFromBiosPcs()
    {
        QFETCH(QByteArray, mac);
        QFETCH(QByteArray, guid);
        QFETCH(int, firmware);
        QFETCH(QString, serial);
        Packet discover = piDiscover();
        discover.chaddr = QByteArray::fromHex(mac);
        if (guid.isEmpty())
            discover.removeOption(OptionCode::ClientGuid);
        else
            discover.setOption(OptionCode::ClientGuid, guid);
        const BootDecision d = decideDhcp(discover, DhcpPort::Dhcp, snapshot());
        QCOMPARE(int(d.facts.firmware), firmware);
        QCOMPARE(d.facts.piSerial, serial);
        QVERIFY(d.reply);
        if (firmware == int(Firmware::Bios)) {
            QCOMPARE(d.bootFile, QStringLiteral("undionly.kpxe"));
            QCOMPARE(d.reply->option(OptionCode::BootFileName).value_or(QByteArray()), QByteArray("undionly.kpxe"));
        } else {
            QCOMPARE(d.reply->option(OptionCode::VendorSpecific).value_or(QByteArray()), RaspberryPi::bootMenuOption());
        }
    }

    void serialFolders()
    {
        QVERIFY(RaspberryPi::isSerialFolder(u"9ffefdef"));
        QVERIFY(!RaspberryPi::isSerialFolder(u"9FFEFDEF"));
        QVERIFY(!RaspberryPi::isSerialFolder(u"9ffefde"));
        QVERIFY(!RaspberryPi::isSerialFolder(u"9ffefdeg"));
        QVERIFY(!RaspberryPi::isSerialFolder(u".."));
    }

    // The bootloader asks "<serial>/start4.elf" and, when neither start4.elf nor start.elf is
    // in that folder, clears the prefix (eeprom-bootloader.adoc, TFTP_PREFIX). The serial
    // folder is that Pi's alone: served to the machine whose DHCP showed that serial, at the
    // address its exchange gave it, and refused to anyone else.
    void tftpSerialFolderIsItsPisOnly()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString root = dir.filePath(QStringLiteral("tftp"));
        write(root + QStringLiteral("/start4.elf"), "root start4");
        write(root + QStringLiteral("/config.txt"), "root config");
        write(root + QStringLiteral("/9ffefdef/config.txt"), "pi config");
        write(dir.filePath(QStringLiteral("outside.txt")), "secret");
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("outside.txt")), root + QStringLiteral("/9ffefdef/escape.txt")));
        BootSnapshot s = snapshot();
        s.tftpRoot = root;
        s.piSerials.insert(kPi, QStringLiteral("9ffefdef"));
        s.piSerials.insert(kOtherPi, QStringLiteral("0badcafe"));
        auto resolve = [&s](const char *name, const QString &client) {
            return resolveTftpName(s, QString::fromLatin1(name), client);
        };
        const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
        // Its own Pi: its folder first, the root for what it lacks, with or without the prefix.
        QCOMPARE(resolve("9ffefdef/config.txt", kPi).path, canonicalRoot + QStringLiteral("/9ffefdef/config.txt"));
        QCOMPARE(resolve("config.txt", kPi).path, canonicalRoot + QStringLiteral("/9ffefdef/config.txt"));
        QCOMPARE(resolve("9ffefdef/start4.elf", kPi).path, canonicalRoot + QStringLiteral("/start4.elf"));
        QCOMPARE(resolve("start4.elf", kPi).path, canonicalRoot + QStringLiteral("/start4.elf"));
        // Another Pi, a PC, an address the console never saw a DHCP exchange of: refused.
        QCOMPARE(resolve("9ffefdef/config.txt", kOtherPi).refusal, QStringLiteral("other-pi"));
        QCOMPARE(resolve("9ffefdef/start4.elf", kOtherPi).refusal, QStringLiteral("other-pi"));
        QCOMPARE(resolve("9ffefdef/config.txt", QStringLiteral("52:54:00:12:34:56")).refusal, QStringLiteral("other-pi"));
        QCOMPARE(resolve("/9ffefdef/config.txt", QString()).refusal, QStringLiteral("other-pi"));
        QVERIFY(resolve("9ffefdef/config.txt", QString()).path.isEmpty());
        // Their own names: the other Pi has no folder, so the root; a bare name is the root's.
        QCOMPARE(resolve("0badcafe/config.txt", kOtherPi).path, canonicalRoot + QStringLiteral("/config.txt"));
        QCOMPARE(resolve("config.txt", kOtherPi).path, canonicalRoot + QStringLiteral("/config.txt"));
        QCOMPARE(resolve("config.txt", QString()).path, canonicalRoot + QStringLiteral("/config.txt"));
        // A serial folder that is not there protects nothing: the bootloader gets the root's.
        QCOMPARE(resolve("12345678/start4.elf", QString()).path, canonicalRoot + QStringLiteral("/start4.elf"));
        // Only a serial-number folder falls back; escapes stay refused, even for its own Pi.
        QCOMPARE(resolve("other/start4.elf", kPi).refusal, QStringLiteral("not-found"));
        QCOMPARE(resolve("9FFEFDEF/start4.elf", kPi).refusal, QStringLiteral("not-found"));
        QCOMPARE(resolve("9ffefdef/../../outside.txt", kPi).refusal, QStringLiteral("traversal"));
        QCOMPARE(resolve("../outside.txt", kPi).refusal, QStringLiteral("traversal"));
        QCOMPARE(resolve("9ffefdef/escape.txt", kPi).refusal, QStringLiteral("symlink-escape"));
        QCOMPARE(resolve("escape.txt", kPi).refusal, QStringLiteral("symlink-escape"));
        QCOMPARE(resolve("9ffefdef/missing.bin", kPi).refusal, QStringLiteral("not-found"));
    }

    // `piFolder:` (netboot.yaml) names the folder a Pi boots from, for example the Raspberry
    // Pi UEFI firmware: looked in first, then its serial folder, then the root.
    void tftpPiFolderIsLookedInFirst()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString root = dir.filePath(QStringLiteral("tftp"));
        const QString piBoot = dir.filePath(QStringLiteral("pi"));
        write(root + QStringLiteral("/start4.elf"), "root start4");
        write(root + QStringLiteral("/fixup4.dat"), "root fixup4");
        write(root + QStringLiteral("/9ffefdef/config.txt"), "not the piBoot folder's");
        write(piBoot + QStringLiteral("/uefi-rpi4/start4.elf"), "uefi start4");
        write(piBoot + QStringLiteral("/uefi-rpi4/RPI_EFI.fd"), "uefi firmware");
        write(piBoot + QStringLiteral("/uefi-rpi4/config.txt"), "uefi config");
        write(piBoot + QStringLiteral("/9ffefdef/config.txt"), "own config");
        write(piBoot + QStringLiteral("/9ffefdef/cmdline.txt"), "own cmdline");
        BootSnapshot s = snapshot();
        s.tftpRoot = root;
        s.piBootDir = piBoot;
        s.piSerials.insert(kPi, QStringLiteral("9ffefdef"));
        MachineIntent intent;
        intent.mac = kPi;
        intent.piFolder = QStringLiteral("uefi-rpi4");
        s.machines.insert(kPi, intent);
        auto resolve = [&s](const char *name, const QString &client) {
            return resolveTftpName(s, QString::fromLatin1(name), client);
        };
        const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
        const QString canonicalPi = QFileInfo(piBoot).canonicalFilePath();
        QCOMPARE(resolve("9ffefdef/start4.elf", kPi).path, canonicalPi + QStringLiteral("/uefi-rpi4/start4.elf"));
        QCOMPARE(resolve("RPI_EFI.fd", kPi).path, canonicalPi + QStringLiteral("/uefi-rpi4/RPI_EFI.fd"));
        QCOMPARE(resolve("9ffefdef/config.txt", kPi).path, canonicalPi + QStringLiteral("/uefi-rpi4/config.txt"));
        QCOMPARE(resolve("9ffefdef/cmdline.txt", kPi).path, canonicalPi + QStringLiteral("/9ffefdef/cmdline.txt"));
        QCOMPARE(resolve("fixup4.dat", kPi).path, canonicalRoot + QStringLiteral("/fixup4.dat"));
        // Serial folders are those of the piBoot folder once it is set; its folders are
        // nobody else's.
        QCOMPARE(resolve("9ffefdef/config.txt", kOtherPi).refusal, QStringLiteral("other-pi"));
        QCOMPARE(resolve("uefi-rpi4/RPI_EFI.fd", kOtherPi).refusal, QStringLiteral("not-found"));
        QCOMPARE(resolve("start4.elf", kOtherPi).path, canonicalRoot + QStringLiteral("/start4.elf"));
        // A PC is served as before: its iPXE names and the root.
        QCOMPARE(resolve("fixup4.dat", QStringLiteral("52:54:00:12:34:56")).path, canonicalRoot + QStringLiteral("/fixup4.dat"));
        // A folder that is gone: the next place.
        s.machines[kPi].piFolder = QStringLiteral("gone");
        QCOMPARE(resolve("9ffefdef/start4.elf", kPi).path, canonicalRoot + QStringLiteral("/start4.elf"));
        QCOMPARE(resolve("config.txt", kPi).path, canonicalPi + QStringLiteral("/9ffefdef/config.txt"));
        // Without piBoot the TFTP root is where the Pi folders are.
        s.piBootDir.clear();
        s.machines[kPi].piFolder.clear();
        QCOMPARE(resolve("9ffefdef/config.txt", kPi).path, canonicalRoot + QStringLiteral("/9ffefdef/config.txt"));
    }

    // Nothing outside the piBoot folder is served through a Pi's folders: not a piFolder
    // with "..", not one that is a link out, not a link out of a folder.
    void tftpPiFoldersStayInside()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString root = dir.filePath(QStringLiteral("tftp"));
        const QString piBoot = dir.filePath(QStringLiteral("pi"));
        write(root + QStringLiteral("/start4.elf"), "root start4");
        write(dir.filePath(QStringLiteral("outside/start4.elf")), "secret");
        write(piBoot + QStringLiteral("/uefi-rpi4/start4.elf"), "uefi start4");
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("outside")), piBoot + QStringLiteral("/link-out")));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("outside")), piBoot + QStringLiteral("/9ffefdef")));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("outside/start4.elf")),
                            piBoot + QStringLiteral("/uefi-rpi4/fixup4.dat")));
        BootSnapshot s = snapshot();
        s.tftpRoot = root;
        s.piBootDir = piBoot;
        s.piSerials.insert(kPi, QStringLiteral("9ffefdef"));
        MachineIntent intent;
        intent.mac = kPi;
        s.machines.insert(kPi, intent);
        auto resolveWith = [&s](const QString &folder, const char *name) {
            s.machines[kPi].piFolder = folder;
            return resolveTftpName(s, QString::fromLatin1(name), kPi);
        };
        const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
        QCOMPARE(resolveWith(QStringLiteral("../outside"), "start4.elf").refusal, QStringLiteral("traversal"));
        QCOMPARE(resolveWith(QStringLiteral("link-out"), "start4.elf").refusal, QStringLiteral("symlink-escape"));
        QCOMPARE(resolveWith(QStringLiteral("uefi-rpi4"), "fixup4.dat").refusal, QStringLiteral("symlink-escape"));
        QCOMPARE(resolveWith(QStringLiteral("uefi-rpi4"), "9ffefdef/../../outside/start4.elf").refusal,
                 QStringLiteral("traversal"));
        // Its serial folder is a link out: never looked in, and nobody is refused for it.
        QCOMPARE(resolveWith(QString(), "9ffefdef/start4.elf").path, canonicalRoot + QStringLiteral("/start4.elf"));
        QCOMPARE(resolveTftpName(s, QStringLiteral("9ffefdef/start4.elf"), kOtherPi).path,
                 canonicalRoot + QStringLiteral("/start4.elf"));
        QVERIFY(resolveFolderUnderRoot(piBoot, QStringLiteral("uefi-rpi4")).ok());
        QCOMPARE(resolveFolderUnderRoot(piBoot, QStringLiteral("uefi-rpi4/start4.elf")).refusal, QStringLiteral("not-a-folder"));
    }

    // The Pi's bootloader fetching its firmware files is a stage of its own: FirmwareFiles,
    // with the transfer's progress, where a PC loading iPXE is LoadingIpxe.
    void firmwareFilesStage()
    {
        MachineRegistry registry;
        QDateTime now = QDateTime(QDate(2026, 11, 26), QTime(15, 40), Qt::UTC);
        registry.setClock([&now] { return now; });
        const QHostAddress piAddress(QStringLiteral("10.77.0.121"));
        const BootDecision d = decideDhcp(piDiscover(), DhcpPort::Dhcp, snapshot());
        MachineEvent discover = makeEvent(EventKind::DhcpDiscover, d.facts.mac, QHostAddress());
        discover.time = now;
        discover.facts = d.facts.eventFacts();
        registry.handleEvent(discover);
        // Its REQUEST for the address it was offered (RFC 2131 3.1) is how the console learns
        // the address its TFTP requests come from, as DhcpProxy reports it.
        MachineEvent request = makeEvent(EventKind::DhcpRequest, d.facts.mac, piAddress);
        request.time = now;
        request.facts = d.facts.eventFacts();
        registry.handleEvent(request);
        QCOMPARE(registry.machine(kPi)->stage, Stage::Discovered);

        auto tftp = [&](EventKind kind, qint64 bytes) {
            now = now.addMSecs(250);
            MachineEvent e = makeEvent(kind, QString(), piAddress, QStringLiteral("9ffefdef/start4.elf"));
            e.time = now;
            e.artifact = ArtifactKind::Other;
            e.bytes = bytes;
            e.total = 2228224;
            e.rate = 1048576;
            registry.handleEvent(e);
        };
        tftp(EventKind::TftpStart, 0);
        const Machine *pi = registry.machine(kPi);
        QCOMPARE(pi->stage, Stage::FirmwareFiles);
        QCOMPARE(stageName(pi->stage), QStringLiteral("FirmwareFiles"));
        QVERIFY(pi->downloading);
        tftp(EventKind::TftpProgress, 1048576);
        QCOMPARE(pi->stage, Stage::FirmwareFiles);
        QCOMPARE(pi->bytes, qint64(1048576));
        QCOMPARE(pi->total, qint64(2228224));
        QCOMPARE(pi->download, QStringLiteral("9ffefdef/start4.elf"));
        tftp(EventKind::TftpDone, 2228224);
        QCOMPARE(pi->stage, Stage::FirmwareFiles);
        QVERIFY(!pi->downloading);
        QCOMPARE(pi->history.size(), 2);
        QCOMPARE(pi->history.at(0).stage, Stage::Discovered);
        QCOMPARE(pi->history.at(1).stage, Stage::FirmwareFiles);

        // Its deadline runs from its last file, not from the first.
        registry.setStageDeadline(Stage::FirmwareFiles, 60);
        now = now.addSecs(50);
        tftp(EventKind::TftpStart, 0);
        tftp(EventKind::TftpDone, 2228224);
        now = now.addSecs(30);
        registry.checkStalls();
        QVERIFY(!pi->overdue);
        now = now.addSecs(40);
        registry.checkStalls();
        QVERIFY(pi->overdue);
        QVERIFY2(pi->hint.contains(QLatin1String("config.txt")), qPrintable(pi->hint));

        // A PC that fetches the very same kind of file is loading iPXE: x86 machines never
        // enter FirmwareFiles. Nor does a Pi that fetches an iPXE binary.
        const QHostAddress pcAddress(QStringLiteral("10.77.0.122"));
        MachineEvent pcRequest = makeEvent(EventKind::DhcpRequest, QStringLiteral("52:54:00:12:34:56"), pcAddress);
        pcRequest.facts.insert(QStringLiteral("arch"), 0);
        pcRequest.facts.insert(QStringLiteral("firmware"), QStringLiteral("bios"));
        registry.handleEvent(pcRequest);
        MachineEvent pcTftp = makeEvent(EventKind::TftpStart, QString(), pcAddress, QStringLiteral("start4.elf"));
        pcTftp.artifact = ArtifactKind::Other;
        registry.handleEvent(pcTftp);
        QCOMPARE(registry.machine(QStringLiteral("52:54:00:12:34:56"))->stage, Stage::LoadingIpxe);
    }

    void piFetchingIpxeIsLoadingIpxe()
    {
        MachineRegistry registry;
        const QHostAddress piAddress(QStringLiteral("10.77.0.121"));
        const BootDecision d = decideDhcp(piDiscover(), DhcpPort::Dhcp, snapshot());
        MachineEvent request = makeEvent(EventKind::DhcpRequest, d.facts.mac, piAddress);
        request.facts = d.facts.eventFacts();
        registry.handleEvent(request);
        MachineEvent e = makeEvent(EventKind::TftpStart, QString(), piAddress, QStringLiteral("ipxe.efi"));
        e.artifact = ArtifactKind::IpxeBinary;
        registry.handleEvent(e);
        QCOMPARE(registry.machine(kPi)->stage, Stage::LoadingIpxe);
    }

    void registryShowsThePiWithItsSerial()
    {
        const BootDecision d = decideDhcp(piDiscover(), DhcpPort::Dhcp, snapshot());
        MachineEvent e = makeEvent(EventKind::DhcpDiscover, d.facts.mac, QHostAddress());
        e.facts = d.facts.eventFacts();
        MachineRegistry registry;
        registry.handleEvent(e);
        const Machine *pi = registry.machine(QStringLiteral("dc:a6:32:01:36:c2"));
        QVERIFY(pi);
        QCOMPARE(pi->serial, QStringLiteral("9ffefdef"));
        // Not "bios": a rule for BIOS PCs must not catch a Pi.
        QCOMPARE(pi->firmware, QStringLiteral("rpi"));
    }
};

QTEST_GUILESS_MAIN(tst_RaspberryPi)
#include "tst_raspberrypi.moc"
