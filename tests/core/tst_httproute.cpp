#include "boot/httproute.h"

#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Nbc;
using namespace Nbc::Boot;

class tst_HttpRoute : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    BootSnapshot m_snap;

    QString write(const QString &name, const QByteArray &bytes)
    {
        return TestUtil::writeFile(m_dir.path(), name, bytes);
    }
    HttpResponsePlan get(const QString &path, const QString &query = {})
    {
        HttpRequestInfo request;
        request.method = "GET";
        request.path = path;
        request.query = query;
        // As the machine asks: from the address its DHCP exchange gave it, with its token.
        request.peer = request.machineAddress = QHostAddress(QStringLiteral("10.77.0.120"));
        request.issuedToken = QStringLiteral("tok3n");
        request.tokenCheck = ConfigTokens::Check::Valid;
        return routeHttp(m_snap, request);
    }
    HttpResponsePlan getAs(const QString &path, const QString &peer, const QString &machineAddress,
                           ConfigTokens::Check token)
    {
        HttpRequestInfo request;
        request.method = "GET";
        request.path = path;
        request.peer = QHostAddress(peer);
        request.machineAddress = machineAddress.isEmpty() ? QHostAddress() : QHostAddress(machineAddress);
        request.tokenCheck = token;
        return routeHttp(m_snap, request);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QByteArray kernel(4096, '\0');
        kernel[0x1fe] = char(0x55);
        kernel[0x1ff] = char(0xaa);
        kernel.replace(0x202, 4, "HdrS");
        m_snap.serverAddress = QHostAddress(QStringLiteral("10.77.0.1"));
        ArtifactSet set;
        set.name = QStringLiteral("t");
        set.kernelPath = write(QStringLiteral("artifacts/vmlinuz"), kernel);
        set.initramfsPath = write(QStringLiteral("artifacts/initramfs.xz"), QByteArray::fromHex("fd377a585a00") + "rest");
        m_snap.artifacts.insert(set.name, set);
        m_snap.defaultArtifacts = set.name;
        MachineIntent m;
        m.mac = QStringLiteral("52:54:00:00:00:01");
        m.configPath = write(QStringLiteral("configs/a.yaml"), TestUtil::readData(QStringLiteral("talos/talos-1.7-worker.yaml")));
        m.hostname = QStringLiteral("node-1");
        m_snap.machines.insert(m.mac, m);
        MachineIntent broken;
        broken.mac = QStringLiteral("52:54:00:00:00:03");
        broken.configPath = write(QStringLiteral("configs/b.yaml"), "version: v1alpha1\n");
        m_snap.machines.insert(broken.mac, broken);
        m_snap.ipxeUefi = write(QStringLiteral("ipxe.efi"), "MZ-efi");
        m_snap.httpRoot = m_dir.filePath(QStringLiteral("files"));
        write(QStringLiteral("files/readme.txt"), "hello");
        write(QStringLiteral("secret.txt"), "no");
    }
    void entry()
    {
        const HttpResponsePlan p = get(QStringLiteral("/boot.ipxe"));
        QCOMPARE(p.status, 200);
        QCOMPARE(p.event, EventKind::ScriptServed);
        QCOMPARE(p.detail, QStringLiteral("entry"));
        QVERIFY(p.body.startsWith("#!ipxe"));
        QVERIFY(p.mac.isEmpty());
    }
    void machineScriptCarriesFacts()
    {
        const HttpResponsePlan p = get(QStringLiteral("/m/52-54-00-00-00-01/script.ipxe"),
                                       QStringLiteral("uuid=1234-5678&serial=S%20N&manufacturer=QEMU&arch=x86_64"));
        QCOMPARE(p.status, 200);
        QCOMPARE(p.mac, QStringLiteral("52:54:00:00:00:01"));
        QCOMPARE(p.detail, QStringLiteral("boot-talos"));
        QCOMPARE(p.facts.value(QStringLiteral("uuid")).toString(), QStringLiteral("1234-5678"));
        QCOMPARE(p.facts.value(QStringLiteral("serial")).toString(), QStringLiteral("S N"));
        QCOMPARE(p.facts.value(QStringLiteral("arch")).toString(), QStringLiteral("x86_64"));
        QVERIFY(!p.facts.contains(QStringLiteral("product")));
        // The config URL carries the token issued for this machine at this address.
        QVERIFY2(p.body.contains("talos.config=http://10.77.0.1:8080/m/52-54-00-00-00-01/config.yaml?t=tok3n "), p.body.constData());
    }
    void scriptOnlyToTheMachinesAddress()
    {
        const QString path = QStringLiteral("/m/52-54-00-00-00-01/script.ipxe");
        // Another host naming the MAC, or any host before the machine's DHCP was seen:
        // a script that waits and says why; no config URL, no facts believed.
        for (const auto &[peer, known] : {std::pair{"10.77.0.99", "10.77.0.120"}, std::pair{"10.77.0.120", ""}}) {
            HttpRequestInfo request;
            request.method = "GET";
            request.path = path;
            request.query = QStringLiteral("uuid=evil");
            request.peer = QHostAddress(QLatin1String(peer));
            request.machineAddress = *known ? QHostAddress(QLatin1String(known)) : QHostAddress();
            request.issuedToken = QStringLiteral("tok3n");
            const HttpResponsePlan p = routeHttp(m_snap, request);
            QCOMPARE(p.status, 200);
            QCOMPARE(p.script, ScriptKind::AddressUnconfirmed);
            QCOMPARE(p.detail, QStringLiteral("address-unconfirmed"));
            QVERIFY(!p.body.contains("talos.config"));
            QVERIFY(!p.body.contains("tok3n"));
            QVERIFY(p.facts.isEmpty());
            QVERIFY(p.body.contains("chain --replace --autofree http://10.77.0.1:8080/m/52-54-00-00-00-01/script.ipxe?uuid=evil"));
        }
    }
    void configRefusedWithoutTokenOrFromElsewhere_data()
    {
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QString>("machineAddress");
        QTest::addColumn<int>("token");
        QTest::addColumn<QString>("why");
        const int valid = int(ConfigTokens::Check::Valid);
        QTest::newRow("another host") << "10.77.0.99" << "10.77.0.120" << valid << "not the address its DHCP exchange gave it";
        QTest::newRow("no dhcp seen") << "10.77.0.120" << "" << valid << "no DHCP exchange of it seen";
        QTest::newRow("no token") << "10.77.0.120" << "10.77.0.120" << int(ConfigTokens::Check::Missing) << "token-missing";
        QTest::newRow("expired") << "10.77.0.120" << "10.77.0.120" << int(ConfigTokens::Check::Expired) << "token-expired";
        QTest::newRow("other machine's token") << "10.77.0.120" << "10.77.0.120" << int(ConfigTokens::Check::WrongMac)
                                               << "token-other-machine";
    }
    void configRefusedWithoutTokenOrFromElsewhere()
    {
        QFETCH(QString, peer);
        QFETCH(QString, machineAddress);
        QFETCH(int, token);
        QFETCH(QString, why);
        const HttpResponsePlan p = getAs(QStringLiteral("/m/52-54-00-00-00-01/config.yaml"), peer, machineAddress,
                                         ConfigTokens::Check(token));
        QCOMPARE(p.status, 403);
        QCOMPARE(p.event, EventKind::ConfigRefused);
        QCOMPARE(p.failure, FailureCode::Unauthorized);
        QCOMPARE(p.body, QByteArray("Forbidden\n"));
        QVERIFY(p.filePath.isEmpty());
        QCOMPARE(p.detail, QStringLiteral("config for node-1 asked by %1: refused (%2)").arg(peer, why));
        // The same for a MAC that has no config: nobody learns which MACs have one.
        const HttpResponsePlan none = getAs(QStringLiteral("/m/52-54-00-00-00-02/config.yaml"), peer, machineAddress,
                                            ConfigTokens::Check(token));
        QCOMPARE(none.status, 403);
        QCOMPARE(none.body, p.body);
    }
    void artifacts()
    {
        HttpResponsePlan k = get(QStringLiteral("/m/52:54:00:00:00:01/vmlinuz"));
        QCOMPARE(k.status, 200);
        QCOMPARE(k.filePath, m_snap.artifacts.value(QStringLiteral("t")).kernelPath);
        QCOMPARE(k.event, EventKind::HttpStart);
        QCOMPARE(k.detail, QStringLiteral("vmlinuz"));
        // Any MAC may fetch artefacts: they hold no secrets (unlike configs).
        HttpResponsePlan i = get(QStringLiteral("/m/aa-bb-cc-dd-ee-ff/initramfs.xz"));
        QCOMPARE(i.status, 200);
        QCOMPARE(i.mac, QStringLiteral("aa:bb:cc:dd:ee:ff"));
    }
    void brokenArtifactIs500WithReason()
    {
        BootSnapshot saved = m_snap;
        m_snap.artifacts[QStringLiteral("t")].kernelPath = m_snap.ipxeUefi;   // not a bzImage
        const HttpResponsePlan p = get(QStringLiteral("/m/52-54-00-00-00-01/vmlinuz"));
        m_snap = saved;
        QCOMPARE(p.status, 500);
        QVERIFY(p.filePath.isEmpty());
        QVERIFY(p.detail.contains(QLatin1String("not an x86 Linux kernel")));
    }
    void configOnlyForItsMachine()
    {
        const HttpResponsePlan mine = get(QStringLiteral("/m/52-54-00-00-00-01/config.yaml"));
        QCOMPARE(mine.status, 200);
        QCOMPARE(mine.event, EventKind::ConfigServed);
        QCOMPARE(mine.contentType, QByteArray("application/yaml"));
        // Served rendered for this machine, never the file as is.
        QVERIFY(mine.filePath.isEmpty());
        QVERIFY(mine.body.contains("hostname: node-1\n"));
        QVERIFY(mine.body.contains("url: tcp://10.77.0.1:4050/\n"));
        const HttpResponsePlan broken = get(QStringLiteral("/m/52-54-00-00-00-03/config.yaml"));
        QCOMPARE(broken.status, 500);
        QCOMPARE(broken.event, EventKind::ConfigRefused);
        QVERIFY(broken.detail.contains(QLatin1String("b.yaml")));
        QVERIFY(broken.detail.contains(QLatin1String("machine")));
        QCOMPARE(broken.body, broken.detail.toUtf8() + '\n');
        const HttpResponsePlan other = get(QStringLiteral("/m/52-54-00-00-00-02/config.yaml"));
        QCOMPARE(other.status, 404);
        QCOMPARE(other.event, EventKind::ConfigRefused);
        QVERIFY(other.filePath.isEmpty());
        QVERIFY(other.body.isEmpty() || !other.body.contains("v1alpha1"));
        QVERIFY(other.detail.contains(QLatin1String("no config is assigned")));
    }
    void patchesApplied()
    {
        const BootSnapshot saved = m_snap;
        MachineIntent &m = m_snap.machines[QStringLiteral("52:54:00:00:00:01")];
        m.patches << write(QStringLiteral("patches/kubelet.yaml"),
                           "machine:\n  kubelet:\n    extraArgs:\n      rotate-server-certificates: \"true\"\n");
        const HttpResponsePlan patched = get(QStringLiteral("/m/52-54-00-00-00-01/config.yaml"));
        QCOMPARE(patched.status, 200);
        QVERIFY2(patched.body.contains("rotate-server-certificates: \"true\""), patched.body.constData());
        m.patches << m_dir.filePath(QStringLiteral("patches/missing.yaml"));
        const HttpResponsePlan missing = get(QStringLiteral("/m/52-54-00-00-00-01/config.yaml"));
        m_snap = saved;
        QCOMPARE(missing.status, 500);
        QCOMPARE(missing.event, EventKind::ConfigRefused);
        QVERIFY(missing.detail.contains(QLatin1String("missing.yaml")));
    }
    void ipxeBinaries()
    {
        QCOMPARE(get(QStringLiteral("/ipxe.efi")).filePath, m_snap.ipxeUefi);
        QCOMPARE(get(QStringLiteral("/undionly.kpxe")).status, 404);   // none set up in this snapshot
    }
    void refused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("unknown") << QStringLiteral("/etc/passwd") << 404;
        QTest::newRow("files-traversal") << QStringLiteral("/files/../secret.txt") << 403;
        QTest::newRow("files-missing") << QStringLiteral("/files/nope") << 404;
        QTest::newRow("machine-bad-mac") << QStringLiteral("/m/zz/script.ipxe") << 404;
        QTest::newRow("machine-extra-depth") << QStringLiteral("/m/52-54-00-00-00-01/a/config.yaml") << 404;
        QTest::newRow("machine-unknown-leaf") << QStringLiteral("/m/52-54-00-00-00-01/../../secret.txt") << 404;
        QTest::newRow("root") << QStringLiteral("/") << 404;
    }
    void refused()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        const HttpResponsePlan p = get(path);
        QCOMPARE(p.status, status);
        QVERIFY(p.filePath.isEmpty());
    }
    void extraRoot()
    {
        const HttpResponsePlan p = get(QStringLiteral("/files/readme.txt"));
        QCOMPARE(p.status, 200);
        QVERIFY(p.filePath.endsWith(QLatin1String("files/readme.txt")));
    }
};

QTEST_GUILESS_MAIN(tst_HttpRoute)
#include "tst_httproute.moc"
