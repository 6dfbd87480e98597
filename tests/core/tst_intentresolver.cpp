#include "boot/intentresolver.h"

#include <QTest>

using namespace Nbc;
using namespace Nbc::Boot;

// One machine across its NICs, entries by MAC, UUID or serial, and rules for a pallet.
class tst_IntentResolver : public QObject
{
    Q_OBJECT
private:
    static MachineRule rule(const QString &name, const RuleMatch &match, const QString &config,
                            const QString &hostname = {})
    {
        MachineRule r;
        r.name = name;
        r.match = match;
        r.configPath = config;
        r.hostname = hostname;
        return r;
    }
    static MachineFacts dell(const QString &mac, const QString &serial = QStringLiteral("5CG1234XYZ"))
    {
        MachineFacts f;
        f.macs = {mac};
        f.manufacturer = QStringLiteral("Dell Inc.");
        f.product = QStringLiteral("OptiPlex 7080");
        f.serial = serial;
        f.firmware = QStringLiteral("uefi");
        return f;
    }

private Q_SLOTS:
    void ruleFieldsAllMustHold_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("range");
        QTest::addColumn<QString>("manufacturer");
        QTest::addColumn<QString>("product");
        QTest::addColumn<QString>("serial");
        QTest::addColumn<QString>("firmware");
        QTest::addColumn<bool>("matches");
        QTest::newRow("prefix") << "52:54:00" << "" << "" << "" << "" << "" << true;
        QTest::newRow("prefix dashes upper") << "52-54-00" << "" << "" << "" << "" << "" << true;
        QTest::newRow("other prefix") << "52:54:01" << "" << "" << "" << "" << "" << false;
        QTest::newRow("range inside") << "" << "52:54:00:00:00:10-52:54:00:00:00:3f" << "" << "" << "" << "" << true;
        QTest::newRow("range outside") << "" << "52:54:00:00:00:40-52:54:00:00:00:4f" << "" << "" << "" << "" << false;
        QTest::newRow("manufacturer glob") << "" << "" << "dell*" << "" << "" << "" << true;
        QTest::newRow("manufacturer other") << "" << "" << "HP*" << "" << "" << "" << false;
        QTest::newRow("product glob") << "" << "" << "" << "OptiPlex 70?0" << "" << "" << true;
        QTest::newRow("serial glob") << "" << "" << "" << "" << "5CG*" << "" << true;
        QTest::newRow("firmware") << "" << "" << "" << "" << "" << "uefi" << true;
        QTest::newRow("firmware bios") << "" << "" << "" << "" << "" << "bios" << false;
        QTest::newRow("all") << "52:54:00" << "" << "Dell*" << "OptiPlex*" << "5CG*" << "uefi" << true;
        QTest::newRow("all but one") << "52:54:00" << "" << "Dell*" << "Latitude*" << "5CG*" << "uefi" << false;
    }
    void ruleFieldsAllMustHold()
    {
        QFETCH(QString, prefix);
        QFETCH(QString, range);
        QFETCH(QString, manufacturer);
        QFETCH(QString, product);
        QFETCH(QString, serial);
        QFETCH(QString, firmware);
        QFETCH(bool, matches);
        const MachineRule r = rule(QStringLiteral("r"), {prefix, range, manufacturer, product, serial, firmware},
                                   QStringLiteral("/w/c.yaml"));
        QCOMPARE(ruleMatches(r, dell(QStringLiteral("52:54:00:00:00:20"))), matches);
    }

    void unreportedFactsDoNotMatch()
    {
        // Before iPXE has reported its SMBIOS, a machine matches no manufacturer pattern.
        MachineFacts f;
        f.macs = {QStringLiteral("52:54:00:00:00:20")};
        QVERIFY(!ruleMatches(rule(QStringLiteral("r"), {{}, {}, QStringLiteral("*"), {}, {}, {}}, {}), f));
        QVERIFY(ruleMatches(rule(QStringLiteral("r"), {QStringLiteral("52:54:00"), {}, {}, {}, {}, {}}, {}), f));
        // A placeholder serial matches no serial pattern.
        f.serial = QStringLiteral("To be filled by O.E.M.");
        QVERIFY(!ruleMatches(rule(QStringLiteral("r"), {{}, {}, {}, {}, QStringLiteral("*"), {}}, {}), f));
    }

    void hostnames_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("expected");
        QTest::newRow("n padded") << "worker-{n:02}" << 7 << "worker-07";
        QTest::newRow("n plain") << "node{n}" << 12 << "node12";
        QTest::newRow("n wide") << "w-{n:03}" << 5 << "w-005";
        QTest::newRow("product and n") << "{product}-{n}" << 3 << "optiplex-7080-3";
        QTest::newRow("serial") << "{serial}" << 0 << "5cg1234xyz";
        QTest::newRow("mac") << "m-{mac}" << 0 << "m-52-54-00-00-00-20";
        QTest::newRow("manufacturer cleaned") << "{manufacturer}" << 0 << "dell-inc";
        QTest::newRow("junk dropped") << "__we!rd__{n}" << 1 << "werd-1";
    }
    void hostnames()
    {
        QFETCH(QString, pattern);
        QFETCH(int, n);
        QFETCH(QString, expected);
        QCOMPARE(expandHostname(pattern, dell(QStringLiteral("52:54:00:00:00:20")), n), expected);
    }

    void entriesBeatRulesAndNameOneMachine()
    {
        QHash<QString, MachineIntent> byMac;
        MachineIntent own;
        own.mac = QStringLiteral("52:54:00:00:00:02");
        own.configPath = QStringLiteral("/w/configs/cp.yaml");
        byMac.insert(own.mac, own);
        MachineIntent byUuid;
        byUuid.uuid = QStringLiteral("4c4c4544-0042-3510-8050-b4c04f4e4a31");
        byUuid.configPath = QStringLiteral("/w/configs/by-uuid.yaml");
        byUuid.hostname = QStringLiteral("db-1");
        MachineIntent bySerial;
        bySerial.serial = QStringLiteral("5CG9999");
        bySerial.configPath = QStringLiteral("/w/configs/by-serial.yaml");
        const QList<MachineRule> rules{rule(QStringLiteral("dells"), {{}, {}, QStringLiteral("Dell*"), {}, {}, {}},
                                            QStringLiteral("/w/configs/worker.yaml"), QStringLiteral("worker-{n:02}"))};
        QHash<QString, int> given;
        auto numbers = [&given](const QString &r, const QString &key) {
            return given.contains(r + key) ? given.value(r + key) : (given[r + key] = int(given.size()) + 1);
        };

        // Its own MAC entry, whichever NIC asks (the entry names its second NIC).
        MachineFacts twoNics = dell(QStringLiteral("52:54:00:00:00:01"));
        twoNics.macs << QStringLiteral("52:54:00:00:00:02");
        Resolution r = resolveIntent(byMac, {byUuid, bySerial}, rules, twoNics, numbers);
        QVERIFY(r.found);
        QCOMPARE(r.intent.configPath, own.configPath);
        QCOMPARE(r.intent.mac, QStringLiteral("52:54:00:00:00:01"));
        QVERIFY(r.rule.isEmpty());

        // By UUID, in the other byte order of the first three fields.
        MachineFacts swapped = dell(QStringLiteral("52:54:00:00:00:03"));
        swapped.uuid = QStringLiteral("44454c4c-4200-1035-8050-b4c04f4e4a31");
        r = resolveIntent(byMac, {byUuid, bySerial}, rules, swapped, numbers);
        QCOMPARE(r.intent.configPath, byUuid.configPath);
        QCOMPARE(r.intent.hostname, QStringLiteral("db-1"));

        // By serial (any case).
        r = resolveIntent(byMac, {byUuid, bySerial}, rules, dell(QStringLiteral("52:54:00:00:00:04"), QStringLiteral("5cg9999")),
                          numbers);
        QCOMPARE(r.intent.configPath, bySerial.configPath);

        // Else the rule, with a number that stays.
        r = resolveIntent(byMac, {byUuid, bySerial}, rules, dell(QStringLiteral("52:54:00:00:00:05")), numbers);
        QCOMPARE(r.rule, QStringLiteral("dells"));
        QCOMPARE(r.intent.configPath, QStringLiteral("/w/configs/worker.yaml"));
        QCOMPARE(r.intent.hostname, QStringLiteral("worker-01"));
        r = resolveIntent(byMac, {byUuid, bySerial}, rules, dell(QStringLiteral("52:54:00:00:00:06")), numbers);
        QCOMPARE(r.intent.hostname, QStringLiteral("worker-02"));
        r = resolveIntent(byMac, {byUuid, bySerial}, rules, dell(QStringLiteral("52:54:00:00:00:05")), numbers);
        QCOMPARE(r.intent.hostname, QStringLiteral("worker-01"));

        // Nothing matches: nothing found.
        MachineFacts hp = dell(QStringLiteral("52:54:00:00:00:07"));
        hp.manufacturer = QStringLiteral("HP");
        QVERIFY(!resolveIntent(byMac, {byUuid, bySerial}, rules, hp, numbers).found);
    }
};

QTEST_GUILESS_MAIN(tst_IntentResolver)
#include "tst_intentresolver.moc"
