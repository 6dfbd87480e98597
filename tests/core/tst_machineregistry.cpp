#include "inventory/machineregistry.h"

#include <QTest>

using namespace Nbc;

class tst_MachineRegistry : public QObject
{
    Q_OBJECT
private:
    static const QString kMac;
    static MachineEvent ev(EventKind kind, const QString &mac, const QString &ip = {}, const QString &detail = {},
                           const QVariantMap &facts = {})
    {
        MachineEvent e = makeEvent(kind, mac, ip.isEmpty() ? QHostAddress() : QHostAddress(ip), detail);
        e.facts = facts;
        return e;
    }
    static QVariantMap firmware(const char *kind)
    {
        return {{QStringLiteral("firmware"), QLatin1String(kind)}};
    }

private Q_SLOTS:
    void transitions_data()
    {
        QTest::addColumn<QList<MachineEvent>>("events");
        QTest::addColumn<QString>("stage");
        const QString m = kMac;
        const QString ip = QStringLiteral("10.77.0.120");
        QTest::newRow("discover") << QList<MachineEvent>{ev(EventKind::DhcpDiscover, m, {}, {}, firmware("uefi"))}
                                  << QStringLiteral("Discovered");
        QTest::newRow("tftp-by-ip") << QList<MachineEvent>{ev(EventKind::DhcpRequest, m, ip, {}, firmware("uefi")),
                                                           ev(EventKind::TftpStart, {}, ip, QStringLiteral("ipxe.efi"))}
                                    << QStringLiteral("LoadingIpxe");
        QTest::newRow("entry-script") << QList<MachineEvent>{ev(EventKind::DhcpDiscover, m),
                                                             ev(EventKind::ScriptServed, m, ip, QStringLiteral("boot-talos"))}
                                      << QStringLiteral("Ipxe");
        QTest::newRow("wait") << QList<MachineEvent>{ev(EventKind::ScriptServed, m, ip, QStringLiteral("wait"))}
                              << QStringLiteral("Waiting");
        QTest::newRow("kernel") << QList<MachineEvent>{ev(EventKind::ScriptServed, m, ip, QStringLiteral("wait")),
                                                       ev(EventKind::HttpProgress, m, ip, QStringLiteral("vmlinuz"))}
                                << QStringLiteral("Kernel");
        QTest::newRow("files-download-is-not-kernel") << QList<MachineEvent>{ev(EventKind::ScriptServed, m, ip, QStringLiteral("boot-talos")),
                                                                             ev(EventKind::HttpDone, m, ip, QStringLiteral("/files/x"))}
                                                      << QStringLiteral("Ipxe");
        QTest::newRow("config") << QList<MachineEvent>{ev(EventKind::HttpDone, m, ip, QStringLiteral("initramfs.xz")),
                                                       ev(EventKind::ConfigServed, m, ip, QStringLiteral("a.yaml"))}
                                << QStringLiteral("Config");
        QTest::newRow("install-log-by-ip") << QList<MachineEvent>{ev(EventKind::ConfigServed, m, ip),
                                                                  ev(EventKind::Log, {}, ip, QStringLiteral("[talos] task install (1/1): installing Talos to disk /dev/sda"))}
                                           << QStringLiteral("Installing");
        QTest::newRow("joined") << QList<MachineEvent>{ev(EventKind::ConfigServed, m, ip),
                                                       ev(EventKind::Log, {}, ip, QStringLiteral("machine is running and ready"))}
                                << QStringLiteral("Joined");
        QTest::newRow("installed-exit") << QList<MachineEvent>{ev(EventKind::ScriptServed, m, ip, QStringLiteral("exit"))}
                                        << QStringLiteral("Installed");
        QTest::newRow("no-going-back") << QList<MachineEvent>{ev(EventKind::ConfigServed, m, ip),
                                                              ev(EventKind::HttpProgress, m, ip, QStringLiteral("vmlinuz"))}
                                       << QStringLiteral("Config");
        QTest::newRow("firmware-again-is-new-boot") << QList<MachineEvent>{ev(EventKind::ConfigServed, m, ip),
                                                                           ev(EventKind::DhcpDiscover, m, {}, {}, firmware("bios"))}
                                                    << QStringLiteral("Discovered");
        QTest::newRow("ipxe-dhcp-is-same-boot") << QList<MachineEvent>{ev(EventKind::HttpDone, m, ip, QStringLiteral("vmlinuz")),
                                                                       ev(EventKind::DhcpDiscover, m, {}, {}, firmware("ipxe"))}
                                                << QStringLiteral("Kernel");
    }
    void transitions()
    {
        QFETCH(QList<MachineEvent>, events);
        QFETCH(QString, stage);
        MachineRegistry registry;
        for (const MachineEvent &e : events)
            registry.handleEvent(e);
        const Machine *m = registry.machine(kMac);
        QVERIFY(m);
        QCOMPARE(stageName(m->stage), stage);
    }
    void unknownAddressIsNotAMachine()
    {
        MachineRegistry registry;
        QList<QString> resolved;
        connect(&registry, &MachineRegistry::eventResolved, this,
                [&resolved](const MachineEvent &e, Stage) { resolved.append(e.mac); });
        registry.handleEvent(ev(EventKind::TftpStart, {}, QStringLiteral("10.9.9.9"), QStringLiteral("undionly.kpxe")));
        QVERIFY(registry.machines().isEmpty());
        QCOMPARE(resolved, QList<QString>{QString()});
    }
    void factsFromScript()
    {
        MachineRegistry registry;
        registry.handleEvent(ev(EventKind::ScriptServed, kMac, QStringLiteral("10.77.0.5"), QStringLiteral("wait"),
                                {{QStringLiteral("uuid"), QStringLiteral("u-1")},
                                 {QStringLiteral("serial"), QStringLiteral("S1")},
                                 {QStringLiteral("product"), QStringLiteral("Standard PC")}}));
        const Machine *m = registry.machine(kMac);
        QCOMPARE(m->uuid, QStringLiteral("u-1"));
        QCOMPARE(m->serial, QStringLiteral("S1"));
        QCOMPARE(m->product, QStringLiteral("Standard PC"));
        QCOMPARE(registry.macForAddress(QHostAddress(QStringLiteral("10.77.0.5"))), kMac);
    }
};

const QString tst_MachineRegistry::kMac = QStringLiteral("52:54:00:12:34:56");

QTEST_GUILESS_MAIN(tst_MachineRegistry)
#include "tst_machineregistry.moc"
