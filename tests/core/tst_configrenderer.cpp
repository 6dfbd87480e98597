#include "talos/configrenderer.h"
#include "talos/linediff.h"
#include "talos/yamlwriter.h"

#include "testutil.h"

#include <QMap>
#include <QElapsedTimer>
#include <QTest>

using namespace Nbc::Talos;

namespace {

QByteArray fixture(const QString &name)
{
    return TestUtil::readData(QStringLiteral("talos/") + name);
}

std::vector<YAML::Node> load(const QByteArray &bytes)
{
    return YAML::LoadAll(bytes.toStdString());
}

YAML::Node documentOf(const std::vector<YAML::Node> &docs, const std::string &kind)
{
    for (const YAML::Node &doc : docs) {
        if (kind.empty() ? !doc["kind"].IsDefined() : (doc["kind"].IsDefined() && doc["kind"].Scalar() == kind))
            return doc;
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

// Every scalar under a node as "path" → "tag|text" ("machine.ca.crt", "cluster.network.podSubnets[0]").
void flatten(const YAML::Node &node, const QString &path, QMap<QString, QString> *out)
{
    if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end(); ++it)
            flatten(it->second, path.isEmpty() ? QString::fromStdString(it->first.Scalar())
                                               : path + u'.' + QString::fromStdString(it->first.Scalar()), out);
    } else if (node.IsSequence()) {
        for (std::size_t i = 0; i < node.size(); ++i)
            flatten(node[i], path + QStringLiteral("[%1]").arg(i), out);
    } else if (node.IsScalar()) {
        const bool quoted = node.Tag() == "!";
        out->insert(path, (quoted ? QStringLiteral("quoted|") : QStringLiteral("plain|"))
                              + QString::fromStdString(node.Scalar()));
    } else {
        out->insert(path, QStringLiteral("null"));
    }
}

RenderInput machineInput()
{
    RenderInput input;
    input.hostname = QStringLiteral("worker-1");
    input.installDisk = QStringLiteral("/dev/nvme0n1");
    input.logSinkHost = QStringLiteral("10.77.0.1");
    input.logSinkPort = 4050;
    return input;
}

RenderResult renderOk(const QByteArray &source, const RenderInput &input)
{
    RenderResult r = ConfigRenderer::render(source, input, QStringLiteral("src.yaml"));
    if (!r.ok())
        qWarning("%s", qPrintable(r.errorText()));
    return r;
}

const QByteArray kSmallConfig =
    "version: v1alpha1\n"
    "machine:\n"
    "  type: worker\n"
    "  token: abc.def\n"
    "  install:\n"
    "    disk: /dev/sda\n"
    "cluster:\n"
    "  controlPlane:\n"
    "    endpoint: https://10.0.0.1:6443\n"
    "  clusterName: c\n"
    "  network:\n"
    "    podSubnets:\n"
    "      - 10.244.0.0/16\n"
    "  apiServer:\n"
    "    certSANs:\n"
    "      - 10.0.0.1\n";

} // namespace

class tst_ConfigRenderer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void secretsAndEveryValueKept_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("1.7 controlplane") << "talos-1.7-controlplane.yaml";
        QTest::newRow("1.7 worker") << "talos-1.7-worker.yaml";
        QTest::newRow("1.12 controlplane") << "talos-1.12-controlplane.yaml";
        QTest::newRow("1.12 worker") << "talos-1.12-worker.yaml";
        QTest::newRow("1.13 controlplane") << "talos-1.13-controlplane.yaml";
        QTest::newRow("1.14 controlplane") << "talos-1.14-controlplane.yaml";
        QTest::newRow("1.14 worker") << "talos-1.14-worker.yaml";
    }
    void secretsAndEveryValueKept()
    {
        QFETCH(QString, file);
        const QByteArray source = fixture(file);
        const RenderResult r = renderOk(source, machineInput());
        QVERIFY(r.ok());

        QMap<QString, QString> before;
        QMap<QString, QString> after;
        flatten(documentOf(load(source), {}), {}, &before);
        flatten(documentOf(load(r.bytes), {}), {}, &after);

        // The secrets, named one by one so a missing one fails here and not only below.
        const QStringList secrets = {
            QStringLiteral("machine.token"), QStringLiteral("machine.ca.crt"), QStringLiteral("machine.ca.key"),
            QStringLiteral("cluster.id"), QStringLiteral("cluster.secret"), QStringLiteral("cluster.token"),
            QStringLiteral("cluster.ca.crt"), QStringLiteral("cluster.ca.key"),
            QStringLiteral("cluster.secretboxEncryptionSecret"), QStringLiteral("cluster.aggregatorCA.crt"),
            QStringLiteral("cluster.aggregatorCA.key"), QStringLiteral("cluster.serviceAccount.key"),
            QStringLiteral("cluster.etcd.ca.crt"), QStringLiteral("cluster.etcd.ca.key")};
        int seen = 0;
        for (const QString &path : secrets) {
            if (!before.contains(path))
                continue;
            ++seen;
            QCOMPARE(after.value(path), before.value(path));
        }
        QVERIFY(seen >= (file.contains(QLatin1String("controlplane")) ? 14 : 8));

        // And every other value but the ones the machine sets, with its plain/quoted form.
        const QSet<QString> changed = {QStringLiteral("machine.install.disk")};
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            if (changed.contains(it.key()))
                continue;
            QVERIFY2(after.contains(it.key()), qPrintable(it.key()));
            QCOMPARE(after.value(it.key()), it.value());
        }
        // Long base64 stays on one line: nothing folded or wrapped.
        const YAML::Node v1 = documentOf(load(source), {});
        const QByteArray crt = QByteArray::fromStdString(v1["machine"]["ca"]["crt"].Scalar());
        QVERIFY(crt.size() > 400);
        QVERIFY(r.bytes.contains(QByteArray("        crt: " + crt + '\n')));

        // Every other document too, but the hostname and install disk the machine sets.
        const std::vector<YAML::Node> sourceDocs = load(source);
        const std::vector<YAML::Node> renderedDocs = load(r.bytes);
        for (const YAML::Node &doc : sourceDocs) {
            if (!doc["kind"].IsDefined())
                continue;
            const std::string kind = doc["kind"].Scalar();
            QMap<QString, QString> docBefore;
            QMap<QString, QString> docAfter;
            flatten(doc, {}, &docBefore);
            flatten(documentOf(renderedDocs, kind), {}, &docAfter);
            const QSet<QString> machineSet = {QStringLiteral("auto"), QStringLiteral("hostname"),
                                              QStringLiteral("provisioning.diskSelector.match")};
            for (auto it = docBefore.cbegin(); it != docBefore.cend(); ++it) {
                if (machineSet.contains(it.key()))
                    continue;
                QVERIFY2(docAfter.contains(it.key()), qPrintable(QString::fromStdString(kind) + u' ' + it.key()));
                QCOMPARE(docAfter.value(it.key()), it.value());
            }
        }
        // What Talos reads back: valid, with the machine's disk and hostname.
        const MachineConfig back = MachineConfig::parse(r.bytes);
        QVERIFY2(back.valid(), qPrintable(r.errorText()));
        QCOMPARE(back.facts().installDisk, QStringLiteral("/dev/nvme0n1"));
        QCOMPARE(back.facts().hostname, QStringLiteral("worker-1"));
    }

    // Talos 1.14 (reference §8.4): the disk goes in the UnattendedInstallConfig's selector,
    // never into a machine.install next to it.
    void unattendedInstallConfig()
    {
        const QByteArray source = fixture(QStringLiteral("talos-1.14-worker.yaml"));
        const MachineConfig config = MachineConfig::parse(source);
        QVERIFY(config.valid());
        QVERIFY(config.facts().hasUnattendedInstall);
        QCOMPARE(config.facts().talosVersion, QStringLiteral("1.14"));
        QCOMPARE(config.facts().installDisk, QStringLiteral("/dev/sda"));
        QCOMPARE(config.facts().installImage, QStringLiteral("ghcr.io/siderolabs/installer:v1.14.0"));

        RenderResult r = renderOk(source, machineInput());
        std::vector<YAML::Node> docs = load(r.bytes);
        QVERIFY(!documentOf(docs, {})["machine"]["install"].IsDefined());
        const YAML::Node unattended = documentOf(docs, "UnattendedInstallConfig");
        QCOMPARE(unattended["provisioning"]["diskSelector"]["match"].Scalar(), std::string("disk.dev_path == \"/dev/nvme0n1\""));
        QCOMPARE(unattended["provisioning"]["wipe"].Scalar(), std::string("false"));
        QCOMPARE(unattended["installer"]["image"].Scalar(), std::string("ghcr.io/siderolabs/installer:v1.14.0"));

        // A /dev/disk/by-id link is one of the disk's symlinks, never its dev_path.
        RenderInput byId = machineInput();
        byId.installDisk = QStringLiteral("/dev/disk/by-id/nvme-Samsung_SSD_980_S64DNX0R");
        r = renderOk(source, byId);
        docs = load(r.bytes);
        QCOMPARE(documentOf(docs, "UnattendedInstallConfig")["provisioning"]["diskSelector"]["match"].Scalar(),
                 std::string("\"/dev/disk/by-id/nvme-Samsung_SSD_980_S64DNX0R\" in disk.symlinks"));
        QCOMPARE(MachineConfig::parse(r.bytes).facts().installDisk, byId.installDisk);

        // A machine.install next to it (from a patch written for older Talos) is what
        // Talos 1.14 refuses; the machine's own disk takes it out again.
        RenderInput patched = machineInput();
        patched.patches.append("machine:\n  install:\n    disk: /dev/sdb\n");
        r = renderOk(source, patched);
        QVERIFY(!documentOf(load(r.bytes), {})["machine"]["install"].IsDefined());
        patched.installDisk.clear();
        const RenderResult refused = ConfigRenderer::render(source, patched);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorText().contains(QLatin1String("UnattendedInstallConfig")), qPrintable(refused.errorText()));

        // Without a selector, the machine must bring its disk.
        QByteArray noSelector = source;
        noSelector.replace("        match: disk.dev_path == \"/dev/sda\" # CEL expression matching a disk.\n", "");
        const MachineConfig bare = MachineConfig::parse(noSelector);
        QVERIFY(!bare.valid());
        QVERIFY(bare.assignable());
        QVERIFY(renderOk(noSelector, machineInput()).ok());
    }

    // Reference §8.4: hostname with `auto: off` is Talos's own form; `auto: stable` with a
    // hostname, neither of them, or the legacy stableHostname feature next to the
    // document are refused.
    void hostnameConfigRules_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QByteArray>("features");
        QTest::addColumn<QString>("error");
        QTest::newRow("auto-off+hostname") << QByteArray("auto: \"off\"\nhostname: worker-7\n") << QByteArray() << QString();
        QTest::newRow("hostname-only") << QByteArray("hostname: worker-7\n") << QByteArray() << QString();
        QTest::newRow("auto-stable") << QByteArray("auto: stable\n") << QByteArray() << QString();
        QTest::newRow("auto-stable+hostname") << QByteArray("auto: stable\nhostname: worker-7\n") << QByteArray()
                                              << QStringLiteral("'auto: stable'");
        QTest::newRow("neither") << QByteArray("{}\n") << QByteArray() << QStringLiteral("neither 'hostname' nor 'auto'");
        QTest::newRow("auto-unknown") << QByteArray("auto: talos-addr\n") << QByteArray() << QStringLiteral("not a value Talos knows");
        QTest::newRow("stableHostname-feature") << QByteArray("auto: stable\n") << QByteArray("  features:\n    stableHostname: true\n")
                                                << QStringLiteral("stable hostname is already set");
    }
    void hostnameConfigRules()
    {
        QFETCH(QByteArray, document);
        QFETCH(QByteArray, features);
        QFETCH(QString, error);
        QByteArray source = kSmallConfig;
        source.replace("  install:\n", QByteArray(features + "  install:\n"));
        source += "---\napiVersion: v1alpha1\nkind: HostnameConfig\n";
        if (document != "{}\n")
            source += document;
        const MachineConfig config = MachineConfig::parse(source);
        QString text;
        for (const ConfigProblem &p : config.problems())
            text += p.message + u'\n';
        if (error.isEmpty()) {
            QVERIFY2(config.valid(), qPrintable(text));
            // And a machine's own hostname is written the way Talos writes it.
            const RenderResult r = renderOk(source, machineInput());
            const YAML::Node doc = documentOf(load(r.bytes), "HostnameConfig");
            QCOMPARE(doc["auto"].Scalar(), std::string("off"));
            QCOMPARE(doc["hostname"].Scalar(), std::string("worker-1"));
        } else {
            QVERIFY(!config.valid());
            QVERIFY2(text.contains(error), qPrintable(text));
        }
    }

    void ipv6LogSinkBracketedLikeTheCommandLine()
    {
        RenderInput input = machineInput();
        input.logSinkHost = QStringLiteral("fd00:77::1");
        const std::vector<YAML::Node> docs = load(renderOk(fixture(QStringLiteral("talos-1.12-worker.yaml")), input).bytes);
        QCOMPARE(documentOf(docs, "KmsgLogConfig")["url"].Scalar(), std::string("tcp://[fd00:77::1]:4050/"));
        QCOMPARE(documentOf(docs, {})["machine"]["logging"]["destinations"][0]["endpoint"].Scalar(),
                 std::string("tcp://[fd00:77::1]:4050/"));
    }

    void deterministic()
    {
        const QByteArray source = fixture(QStringLiteral("talos-1.12-controlplane.yaml"));
        RenderInput input = machineInput();
        input.patches.append("machine:\n  sysctls:\n    net.core.somaxconn: \"65535\"\n");
        const RenderResult a = renderOk(source, input);
        const RenderResult b = renderOk(source, input);
        QVERIFY(a.ok());
        QCOMPARE(a.bytes, b.bytes);
        // Rendering the rendered config again changes nothing: no second log sink, no drift.
        const RenderResult again = renderOk(a.bytes, machineInput());
        QCOMPARE(again.bytes, a.bytes);
        input.hostname = QStringLiteral("worker-2");
        QVERIFY(renderOk(source, input).bytes != a.bytes);
    }

    void stringsStayStrings()
    {
        const QByteArray source = fixture(QStringLiteral("talos-1.7-worker.yaml"));
        const RenderResult r = renderOk(source, machineInput());
        QVERIFY(r.bytes.contains("rotate-server-certificates: \"true\"\n"));
        QVERIFY(r.bytes.contains("node-labels: \"rack=r07,tier=\\\"metal\\\"\"\n"));
        QVERIFY(r.bytes.contains("key: \"\"\n"));
        QVERIFY(r.bytes.contains("debug: false\n"));     // a bool stays a bool
        QVERIFY(r.bytes.contains("port: 7445\n"));       // a number stays a number
        const YAML::Node v1 = documentOf(load(r.bytes), {});
        QCOMPARE(v1["machine"]["kubelet"]["extraArgs"]["rotate-server-certificates"].Tag(), std::string("!"));
        QCOMPARE(v1["machine"]["features"]["kubePrism"]["port"].Tag(), std::string("?"));
    }

    void trickyScalarsRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("yamlValue");
        QTest::newRow("version-like") << QByteArray("\"1.12\"");
        QTest::newRow("bool-like") << QByteArray("'yes'");
        QTest::newRow("null-like") << QByteArray("\"null\"");
        QTest::newRow("tilde") << QByteArray("\"~\"");
        QTest::newRow("hex-like") << QByteArray("\"0x1F\"");
        QTest::newRow("exponent") << QByteArray("\"1e3\"");
        QTest::newRow("colon space") << QByteArray("\"a: b\"");
        QTest::newRow("hash") << QByteArray("\"#not a comment\"");
        QTest::newRow("dash") << QByteArray("\"- x\"");
        QTest::newRow("leading space") << QByteArray("\"  lead\"");
        QTest::newRow("trailing space") << QByteArray("\"trail  \"");
        QTest::newRow("tab") << QByteArray("\"a\\tb\"");
        QTest::newRow("quotes") << QByteArray("'say \"hi\" it''s'");
        QTest::newRow("backslash") << QByteArray("\"C:\\\\dir\"");
        QTest::newRow("unicode") << QByteArray("\"h\xc3\xa9llo \xe2\x9c\x93\"");
        QTest::newRow("control") << QByteArray("\"bell\\a\"");
        QTest::newRow("literal clip") << QByteArray("|\n        line one\n        line two\n");
        QTest::newRow("literal strip") << QByteArray("|-\n        no newline at end\n");
        QTest::newRow("literal keep") << QByteArray("|+\n        kept\n\n\n");
        QTest::newRow("literal leading empty") << QByteArray("|\n\n        after an empty line\n");
        QTest::newRow("literal indented first") << QByteArray("|2\n          indented first\n        then not\n");
        QTest::newRow("folded") << QByteArray(">\n        folded\n        text\n");
        QTest::newRow("explicit str tag") << QByteArray("!!str 123");
        QTest::newRow("plain with colon") << QByteArray("a:b");
        QTest::newRow("plain url") << QByteArray("https://example.com/x?y=1#z");
        QTest::newRow("empty quoted") << QByteArray("''");
        QTest::newRow("plain number") << QByteArray("1.12");
    }
    void trickyScalarsRoundTrip()
    {
        QFETCH(QByteArray, yamlValue);
        const QByteArray source = kSmallConfig + "  inlineManifests:\n    - name: m\n      contents: " + yamlValue + "\n";
        const std::vector<YAML::Node> original = load(source);
        const RenderResult r = renderOk(source, {});
        QVERIFY(r.ok());
        const std::vector<YAML::Node> back = load(r.bytes);
        const YAML::Node a = original[0]["cluster"]["inlineManifests"][0]["contents"];
        const YAML::Node b = back[0]["cluster"]["inlineManifests"][0]["contents"];
        QCOMPARE(b.Scalar(), a.Scalar());
        QVERIFY(YamlWriter::sameTree(a, b));
        QCOMPARE(YamlWriter::plainReadsAsNonString(a.Scalar()) && a.Tag() == "!", b.Tag() == "!" && YamlWriter::plainReadsAsNonString(b.Scalar()));
    }

    void hostnameOnSingleDocumentConfig()
    {
        const RenderResult r = renderOk(fixture(QStringLiteral("talos-1.7-worker.yaml")), machineInput());
        const std::vector<YAML::Node> docs = load(r.bytes);
        QCOMPARE(documentOf(docs, {})["machine"]["network"]["hostname"].Scalar(), std::string("worker-1"));
        QVERIFY(!documentOf(docs, "HostnameConfig").IsDefined());
        const MachineConfig back = MachineConfig::parse(r.bytes);
        QVERIFY(back.valid());
        QCOMPARE(back.facts().hostname, QStringLiteral("worker-1"));
    }

    void hostnameOnHostnameConfig()
    {
        const RenderResult r = renderOk(fixture(QStringLiteral("talos-1.12-worker.yaml")), machineInput());
        const std::vector<YAML::Node> docs = load(r.bytes);
        const YAML::Node hostname = documentOf(docs, "HostnameConfig");
        QVERIFY(hostname.IsMap());
        QCOMPARE(hostname["hostname"].Scalar(), std::string("worker-1"));
        QCOMPARE(hostname["auto"].Scalar(), std::string("off"));   // Talos's own form; "stable" next to it is refused
        QVERIFY(!documentOf(docs, {})["machine"]["network"]["hostname"].IsDefined());
        QVERIFY(MachineConfig::parse(r.bytes).valid());
    }

    void hostnameNeverInBothPlaces()
    {
        // A patch that sets the legacy field on a 1.12 config: the hostname still lands once.
        RenderInput input = machineInput();
        input.patches.append("machine:\n  network:\n    hostname: from-patch\n");
        const RenderResult r = renderOk(fixture(QStringLiteral("talos-1.12-worker.yaml")), input);
        QVERIFY(r.ok());
        const std::vector<YAML::Node> docs = load(r.bytes);
        QVERIFY(!documentOf(docs, {})["machine"]["network"]["hostname"].IsDefined());
        QCOMPARE(documentOf(docs, "HostnameConfig")["hostname"].Scalar(), std::string("worker-1"));
        // Without a machine hostname the patch's conflict is reported, not served.
        input.hostname.clear();
        const RenderResult refused = ConfigRenderer::render(fixture(QStringLiteral("talos-1.12-worker.yaml")), input);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorText().contains(QLatin1String("static hostname is already set")),
                 qPrintable(refused.errorText()));
    }

    void numericHostnameStaysAString()
    {
        RenderInput input;
        input.hostname = QStringLiteral("1234");
        const RenderResult r = renderOk(kSmallConfig, input);
        QVERIFY(r.bytes.contains("hostname: \"1234\"\n"));
    }

    void badMachineValuesRefused_data()
    {
        QTest::addColumn<QString>("hostname");
        QTest::addColumn<QString>("disk");
        QTest::addColumn<QString>("message");
        QTest::newRow("space in hostname") << "worker 1" << "" << "not a valid host name";
        QTest::newRow("underscore") << "worker_1" << "" << "not a valid host name";
        QTest::newRow("leading dash") << "-w" << "" << "not a valid host name";
        QTest::newRow("disk not a path") << "" << "sda" << "not a device path";
    }
    void badMachineValuesRefused()
    {
        QFETCH(QString, hostname);
        QFETCH(QString, disk);
        QFETCH(QString, message);
        RenderInput input;
        input.hostname = hostname;
        input.installDisk = disk;
        const RenderResult r = ConfigRenderer::render(kSmallConfig, input);
        QVERIFY(!r.ok());
        QVERIFY2(r.errorText().contains(message), qPrintable(r.errorText()));
    }

    void installDisk()
    {
        const RenderResult r = renderOk(fixture(QStringLiteral("talos-1.7-worker.yaml")), machineInput());
        QCOMPARE(documentOf(load(r.bytes), {})["machine"]["install"]["disk"].Scalar(), std::string("/dev/nvme0n1"));

        // The machine's disk wins over a shared selector.
        QByteArray selector = kSmallConfig;
        selector.replace("    disk: /dev/sda\n", "    diskSelector:\n      size: '>= 100GB'\n");
        RenderInput input;
        input.installDisk = QStringLiteral("/dev/disk/by-id/nvme-x");
        const YAML::Node install = documentOf(load(renderOk(selector, input).bytes), {})["machine"]["install"];
        QCOMPARE(install["disk"].Scalar(), std::string("/dev/disk/by-id/nvme-x"));
        QVERIFY(!install["diskSelector"].IsDefined());
    }

    void missingInstallDiskNeedsTheMachinesDisk()
    {
        const QByteArray source = fixture(QStringLiteral("broken-missing-install-disk.yaml"));
        RenderInput input = machineInput();
        input.installDisk.clear();
        const RenderResult refused = ConfigRenderer::render(source, input, QStringLiteral("w.yaml"));
        QVERIFY(!refused.ok());
        QVERIFY(refused.bytes.isEmpty());
        QVERIFY2(refused.errorText().contains(QLatin1String("machine.install.disk is missing")),
                 qPrintable(refused.errorText()));
        input.installDisk = QStringLiteral("/dev/sdb");
        const RenderResult served = renderOk(source, input);
        QVERIFY(served.ok());
        QCOMPARE(MachineConfig::parse(served.bytes).facts().installDisk, QStringLiteral("/dev/sdb"));
    }

    void invalidSourceRefused_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad yaml") << "broken-bad-yaml.yaml" << "w.yaml:24: this is not valid YAML";
        QTest::newRow("wrong version") << "broken-wrong-version.yaml" << "w.yaml:1: 'version: v1alpha2'";
        QTest::newRow("empty") << "broken-empty.yaml" << "w.yaml: the file is empty";
    }
    void invalidSourceRefused()
    {
        QFETCH(QString, file);
        QFETCH(QString, message);
        const RenderResult r = ConfigRenderer::render(fixture(file), machineInput(), QStringLiteral("w.yaml"));
        QVERIFY(!r.ok());
        QVERIFY2(r.errorText(QStringLiteral("w.yaml")).startsWith(message), qPrintable(r.errorText(QStringLiteral("w.yaml"))));
    }

    void aliasBombRefusedBeforeExpanding()
    {
        // Nine levels of nine aliases: ~390 million leaves if expanded (the render took
        // 6.7 s and 834 MB for a file like this one). Refused from the event stream.
        QByteArray bomb = "version: v1alpha1\nmachine:\n  type: worker\n  install:\n    disk: /dev/sda\n"
                          "  a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
        for (int level = 1; level < 9; ++level) {
            bomb += "  a" + QByteArray::number(level) + ": &a" + QByteArray::number(level) + " [";
            for (int i = 0; i < 9; ++i)
                bomb += (i ? ", *a" : "*a") + QByteArray::number(level - 1);
            bomb += "]\n";
        }
        bomb += "cluster:\n  controlPlane:\n    endpoint: https://10.0.0.1:6443\n";
        QVERIFY(bomb.size() < 1024);
        QElapsedTimer timer;
        timer.start();
        const RenderResult r = ConfigRenderer::render(bomb, machineInput(), QStringLiteral("bomb.yaml"));
        qInfo("alias bomb of %d bytes refused in %lld ms", int(bomb.size()), timer.elapsed());
        QVERIFY(!r.ok());
        QVERIFY(r.bytes.isEmpty());
        const QString text = r.errorText(QStringLiteral("bomb.yaml"));
        QVERIFY2(text.startsWith(QLatin1String("bomb.yaml:7: YAML aliases")), qPrintable(text));
        // The library shows the same reason for the file.
        const MachineConfig parsed = MachineConfig::parse(bomb, QStringLiteral("bomb.yaml"));
        QVERIFY(!parsed.assignable());
        // An alias in a patch is refused too.
        RenderInput input = machineInput();
        input.patches.append("machine:\n  a: &x [1]\n  b: *x\n");
        const RenderResult patched = ConfigRenderer::render(kSmallConfig, input, QStringLiteral("w.yaml"));
        QVERIFY(!patched.ok());
        QVERIFY2(patched.errorText(QStringLiteral("w.yaml")).contains(QLatin1String("alias")),
                 qPrintable(patched.errorText(QStringLiteral("w.yaml"))));
    }

    // A patch that would make yaml-cpp 0.7 report empty documents forever (see
    // tst_MachineConfig::strayCommaRefused) is refused before it is loaded.
    void strayCommaInPatchRefused()
    {
        RenderInput input = machineInput();
        input.patches.append("machine:\n  nodeLabels: {rack: r1}\n---\n,\n");
        const RenderResult r = ConfigRenderer::render(kSmallConfig, input, QStringLiteral("w.yaml"));
        QVERIFY(!r.ok());
        QCOMPARE(r.errorText(QStringLiteral("w.yaml")),
                 QStringLiteral("w.yaml:4: patch 1 is not valid YAML (a ',' outside [ ] or { }): fix the patch file"));
    }

    void logSinkInjected()
    {
        const RenderResult r = renderOk(fixture(QStringLiteral("talos-1.7-controlplane.yaml")), machineInput());
        const std::vector<YAML::Node> docs = load(r.bytes);
        const YAML::Node kmsg = documentOf(docs, "KmsgLogConfig");
        QVERIFY(kmsg.IsMap());
        QCOMPARE(kmsg["apiVersion"].Scalar(), std::string("v1alpha1"));
        QCOMPARE(kmsg["name"].Scalar(), ConfigRenderer::logConfigName().toStdString());
        QCOMPARE(kmsg["url"].Scalar(), std::string("tcp://10.77.0.1:4050/"));
        const YAML::Node destinations = documentOf(docs, {})["machine"]["logging"]["destinations"];
        QVERIFY(destinations.IsSequence());
        QCOMPARE(destinations.size(), std::size_t(1));
        QCOMPARE(destinations[0]["endpoint"].Scalar(), std::string("tcp://10.77.0.1:4050/"));
        QCOMPARE(destinations[0]["format"].Scalar(), std::string("json_lines"));
        QVERIFY(MachineConfig::parse(r.bytes).valid());

        // No sink given: nothing injected.
        RenderInput none = machineInput();
        none.logSinkHost.clear();
        const std::vector<YAML::Node> plain = load(renderOk(fixture(QStringLiteral("talos-1.7-controlplane.yaml")), none).bytes);
        QVERIFY(!documentOf(plain, "KmsgLogConfig").IsDefined());
        QVERIFY(!documentOf(plain, {})["machine"]["logging"].IsDefined());
    }

    void logSinkKeepsExistingDestinations()
    {
        QByteArray source = kSmallConfig;
        source.replace("  token: abc.def\n", "  token: abc.def\n  logging:\n    destinations:\n"
                                             "      - endpoint: udp://192.168.1.5:5140/\n        format: json_lines\n");
        RenderInput input;
        input.logSinkHost = QStringLiteral("fd00::1");
        input.logSinkPort = 4050;
        const std::vector<YAML::Node> docs = load(renderOk(source, input).bytes);
        const YAML::Node destinations = documentOf(docs, {})["machine"]["logging"]["destinations"];
        QCOMPARE(destinations.size(), std::size_t(2));
        QCOMPARE(destinations[0]["endpoint"].Scalar(), std::string("udp://192.168.1.5:5140/"));
        QCOMPARE(destinations[1]["endpoint"].Scalar(), std::string("tcp://[fd00::1]:4050/"));
        QCOMPARE(documentOf(docs, "KmsgLogConfig")["url"].Scalar(), std::string("tcp://[fd00::1]:4050/"));
    }

    void logSinkSkipsKmsgDocumentBeforeTalos15()
    {
        QByteArray source = kSmallConfig;
        source.replace("    disk: /dev/sda\n", "    disk: /dev/sda\n    image: ghcr.io/siderolabs/installer:v1.4.8\n");
        const RenderResult r = renderOk(source, machineInput());
        // Talos < 1.5 refuses documents it does not know.
        QVERIFY(!documentOf(load(r.bytes), "KmsgLogConfig").IsDefined());
        QVERIFY(documentOf(load(r.bytes), {})["machine"]["logging"]["destinations"].IsSequence());
    }

    void patches()
    {
        RenderInput input;
        input.patches.append(
            "machine:\n"
            "  sysctls:\n"
            "    net.core.somaxconn: \"65535\"\n"
            "  network:\n"
            "    interfaces:\n"
            "      - interface: eth0\n"
            "        dhcp: true\n"
            "cluster:\n"
            "  network:\n"
            "    podSubnets:\n"
            "      - 10.32.0.0/16\n"
            "  apiServer:\n"
            "    certSANs:\n"
            "      - cp.lan\n");
        input.patches.append(
            "machine:\n"
            "  network:\n"
            "    interfaces:\n"
            "      - interface: eth0\n"
            "        mtu: 9000\n"
            "      - interface: eth1\n"
            "        ignore: true\n");
        const RenderResult r = renderOk(kSmallConfig, input);
        QVERIFY(r.ok());
        const YAML::Node v1 = documentOf(load(r.bytes), {});
        QCOMPARE(v1["machine"]["sysctls"]["net.core.somaxconn"].Scalar(), std::string("65535"));
        QCOMPARE(v1["machine"]["sysctls"]["net.core.somaxconn"].Tag(), std::string("!"));
        // Lists append...
        QCOMPARE(v1["cluster"]["apiServer"]["certSANs"].size(), std::size_t(2));
        QCOMPARE(v1["cluster"]["apiServer"]["certSANs"][1].Scalar(), std::string("cp.lan"));
        // ...but podSubnets is replaced, and interfaces merge by name.
        QCOMPARE(v1["cluster"]["network"]["podSubnets"].size(), std::size_t(1));
        QCOMPARE(v1["cluster"]["network"]["podSubnets"][0].Scalar(), std::string("10.32.0.0/16"));
        const YAML::Node interfaces = v1["machine"]["network"]["interfaces"];
        QCOMPARE(interfaces.size(), std::size_t(2));
        QCOMPARE(interfaces[0]["interface"].Scalar(), std::string("eth0"));
        QCOMPARE(interfaces[0]["dhcp"].Scalar(), std::string("true"));
        QCOMPARE(interfaces[0]["mtu"].Scalar(), std::string("9000"));
        QCOMPARE(interfaces[1]["interface"].Scalar(), std::string("eth1"));
        // Untouched values stay where they were.
        QCOMPARE(v1["machine"]["token"].Scalar(), std::string("abc.def"));
    }

    void patchDeletes()
    {
        RenderInput input;
        input.patches.append("cluster:\n  apiServer:\n    $patch: delete\n");
        input.patches.append("---\napiVersion: v1alpha1\nkind: HostnameConfig\n$patch: delete\n");
        const RenderResult r = renderOk(fixture(QStringLiteral("talos-1.12-controlplane.yaml")), input);
        QVERIFY(r.ok());
        const std::vector<YAML::Node> docs = load(r.bytes);
        QVERIFY(!documentOf(docs, {})["cluster"]["apiServer"].IsDefined());
        QVERIFY(documentOf(docs, {})["cluster"]["etcd"].IsDefined());
        QVERIFY(!documentOf(docs, "HostnameConfig").IsDefined());
        QVERIFY(!r.bytes.contains("$patch"));

        // With the HostnameConfig gone, the hostname goes to the v1alpha1 document.
        input.hostname = QStringLiteral("cp-1");
        const std::vector<YAML::Node> named = load(renderOk(fixture(QStringLiteral("talos-1.12-controlplane.yaml")), input).bytes);
        QCOMPARE(documentOf(named, {})["machine"]["network"]["hostname"].Scalar(), std::string("cp-1"));
    }

    void patchAddsDocuments()
    {
        RenderInput input;
        input.patches.append("apiVersion: v1alpha1\nkind: KmsgLogConfig\nname: remote\nurl: udp://10.0.0.9:514/\n"
                             "---\nmachine:\n  nodeLabels:\n    rack: r07\n");
        const std::vector<YAML::Node> docs = load(renderOk(kSmallConfig, input).bytes);
        QCOMPARE(docs.size(), std::size_t(2));
        QCOMPARE(documentOf(docs, "KmsgLogConfig")["name"].Scalar(), std::string("remote"));
        QCOMPARE(documentOf(docs, {})["machine"]["nodeLabels"]["rack"].Scalar(), std::string("r07"));
    }

    void badPatchReported()
    {
        RenderInput input;
        input.patches.append("machine:\n  sysctls: {}\n");
        input.patches.append("machine:\n  network:\n   - bad\n  x: [\n");
        const RenderResult r = ConfigRenderer::render(kSmallConfig, input);
        QVERIFY(!r.ok());
        QVERIFY2(r.errorText().contains(QLatin1String("patch 2 is not valid YAML")), qPrintable(r.errorText()));
        QVERIFY(r.problems.first().line > 0);
    }

    void patchThatBreaksTheConfigIsRefused()
    {
        RenderInput input;
        input.patches.append("cluster:\n  controlPlane:\n    endpoint: not a url\n");
        const RenderResult r = ConfigRenderer::render(kSmallConfig, input);
        QVERIFY(!r.ok());
        QVERIFY2(r.errorText().contains(QLatin1String("is not a URL")), qPrintable(r.errorText()));
    }

    void lineDiff_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::addColumn<QString>("expected");   // one letter per line: ' ' unchanged, '+' added, '-' removed
        QTest::newRow("same") << "a\nb\n" << "a\nb\n" << "  ";
        QTest::newRow("empty both") << "" << "" << "";
        QTest::newRow("all added") << "" << "a\nb\n" << "++";
        QTest::newRow("all removed") << "a\nb\n" << "" << "--";
        QTest::newRow("insert middle") << "a\nc\n" << "a\nb\nc\n" << " + ";
        QTest::newRow("replace") << "a\nb\nc\n" << "a\nx\nc\n" << " -+ ";
        QTest::newRow("append") << "a\n" << "a\nb\nc\n" << " ++";
        QTest::newRow("no final newline") << "a\nb" << "a\nb\n" << "  ";
    }
    void lineDiff()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        QFETCH(QString, expected);
        const QList<DiffLine> diff = diffLines(before, after);
        QString kinds;
        QStringList oldText;
        QStringList newText;
        for (const DiffLine &l : diff) {
            kinds += l.kind == DiffLine::Kind::Added ? u'+' : l.kind == DiffLine::Kind::Removed ? u'-' : u' ';
            if (l.kind != DiffLine::Kind::Added) {
                oldText.append(l.text);
                QCOMPARE(l.oldLine, int(oldText.size()));
            }
            if (l.kind != DiffLine::Kind::Removed) {
                newText.append(l.text);
                QCOMPARE(l.newLine, int(newText.size()));
            }
        }
        QCOMPARE(kinds, expected);
        QCOMPARE(oldText.join(u'\n'), before.endsWith(u'\n') ? before.chopped(1) : before);
        QCOMPARE(newText.join(u'\n'), after.endsWith(u'\n') ? after.chopped(1) : after);
    }

    void previewShowsOnlyWhatRenderingChanged()
    {
        const QByteArray source = fixture(QStringLiteral("talos-1.12-worker.yaml"));
        const QByteArray normalized = ConfigRenderer::normalize(source);
        QVERIFY(!normalized.isEmpty());
        QVERIFY(!normalized.contains('#'));                  // comments are not part of the comparison
        const RenderResult r = renderOk(source, machineInput());
        const QList<DiffLine> diff = diffLines(QString::fromUtf8(normalized), QString::fromUtf8(r.bytes));
        QStringList added;
        QStringList removed;
        for (const DiffLine &l : diff) {
            if (l.kind == DiffLine::Kind::Added)
                added.append(l.text.trimmed());
            else if (l.kind == DiffLine::Kind::Removed)
                removed.append(l.text.trimmed());
        }
        QVERIFY2(added.contains(QStringLiteral("hostname: worker-1")), qPrintable(added.join(u'\n')));
        QVERIFY(added.contains(QStringLiteral("disk: /dev/nvme0n1")));
        QVERIFY(added.contains(QStringLiteral("kind: KmsgLogConfig")));
        QVERIFY(removed.contains(QStringLiteral("auto: stable")));
        QVERIFY(removed.contains(QStringLiteral("disk: /dev/sda")));
        // Everything else (the secrets among it) is unchanged.
        QVERIFY(removed.size() <= 3);
        QVERIFY(added.size() <= 14);
    }
};

QTEST_GUILESS_MAIN(tst_ConfigRenderer)
#include "tst_configrenderer.moc"
