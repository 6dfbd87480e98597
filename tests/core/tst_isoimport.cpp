#include "boot/isoimport.h"

#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Nbc::Boot;

// ISOs are made at test time with xorriso, the tool Talos's own imager uses.
class tst_IsoImport : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_serial = 0;

    static QByteArray randomBytes(qsizetype size)
    {
        QByteArray bytes(size, Qt::Uninitialized);
        QRandomGenerator generator(42);
        for (qsizetype i = 0; i < size; ++i)
            bytes[i] = char(generator.bounded(256));
        return bytes;
    }
    // A kernel that ArtifactStore::inspect accepts, large enough for several progress steps.
    static QByteArray bzImage()
    {
        QByteArray k = randomBytes(1536 * 1024);
        k[0x1fe] = char(0x55);
        k[0x1ff] = char(0xaa);
        k.replace(0x202, 4, "HdrS");
        return k;
    }
    QString newDir(const QString &prefix)
    {
        const QString path = m_dir.filePath(prefix + QString::number(++m_serial));
        QDir().mkpath(path);
        return path;
    }
    // A real xz of a real newc cpio holding one file.
    QByteArray initramfs()
    {
        const QString root = newDir(QStringLiteral("cpio"));
        TestUtil::writeFile(root, QStringLiteral("init"), "#!/bin/sh\necho talos\n" + randomBytes(300 * 1024).toHex());
        QProcess shell;
        shell.setWorkingDirectory(root);
        shell.start(QStringLiteral("sh"), {QStringLiteral("-c"),
                                           QStringLiteral("find . | cpio -o -H newc --quiet | xz -c -0")});
        if (!shell.waitForFinished(60000) || shell.exitCode() != 0)
            qFatal("cpio | xz failed: %s", shell.readAllStandardError().constData());
        const QByteArray xz = shell.readAllStandardOutput();
        if (!xz.startsWith(QByteArray::fromHex("fd377a585a00")))
            qFatal("xz did not write xz");
        return xz;
    }
    // files: path inside the ISO → content. extra: more xorriso options (labels).
    QString makeIso(const QMap<QString, QByteArray> &files, const QStringList &extra = {})
    {
        const QString root = newDir(QStringLiteral("isoroot"));
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            TestUtil::writeFile(root, it.key(), it.value());
        const QString iso = m_dir.filePath(QStringLiteral("image%1.iso").arg(++m_serial));
        QProcess xorriso;
        xorriso.start(QStringLiteral("xorriso"), QStringList{QStringLiteral("-as"), QStringLiteral("mkisofs"),
                                                             QStringLiteral("-R"), QStringLiteral("-quiet")}
                                                     + extra + QStringList{QStringLiteral("-o"), iso, root});
        if (!xorriso.waitForFinished(60000) || xorriso.exitCode() != 0)
            qFatal("xorriso failed: %s", xorriso.readAllStandardError().constData());
        return iso;
    }
    static QStringList entries(const QString &dir)
    {
        return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    }
    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    static QByteArray grubCfg()
    {
        return "set default=0\nmenuentry \"Talos ISO\" {\n\tlinux /boot/vmlinuz talos.platform=metal\n"
               "\tinitrd /boot/initramfs.xz\n}\n";
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        NBC_REQUIRE_PROGRAM(xorriso, "xorriso");
        NBC_REQUIRE_PROGRAM(xz, "xz");
        NBC_REQUIRE_PROGRAM(cpio, "cpio");
    }

    void talosGrubIsoIsExtracted()
    {
        const QByteArray kernel = bzImage();
        const QByteArray initrd = initramfs();
        const QString iso = makeIso({{QStringLiteral("boot/vmlinuz"), kernel},
                                     {QStringLiteral("boot/initramfs.xz"), initrd},
                                     {QStringLiteral("boot/grub/grub.cfg"), grubCfg()}},
                                    {QStringLiteral("-V"), QStringLiteral("TALOS_V1_9_5"), QStringLiteral("-volset"),
                                     QStringLiteral("Talos-v1.9.5")});
        const QString dest = m_dir.filePath(QStringLiteral("talos-grub/artifacts"));   // created on the way
        // An older kernel of that name is replaced.
        TestUtil::writeFile(dest, QStringLiteral("vmlinuz-amd64"), "old");

        QList<QPair<qint64, qint64>> steps;
        const IsoImportResult result = IsoImport::extract(iso, dest, [&steps](qint64 done, qint64 total) {
            steps.append({done, total});
            return true;
        });
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.layout, IsoLayout::TalosGrub);
        QCOMPARE(result.outcome, IsoImportOutcome::Done);
        QVERIFY(result.error.isEmpty());
        QCOMPARE(result.talosVersion, QStringLiteral("v1.9.5"));
        QCOMPARE(result.kernelPath, QDir(dest).absoluteFilePath(QStringLiteral("vmlinuz-amd64")));
        QCOMPARE(result.initramfsPath, QDir(dest).absoluteFilePath(QStringLiteral("initramfs-amd64.xz")));
        QVERIFY(read(result.kernelPath) == kernel);
        QVERIFY(read(result.initramfsPath) == initrd);
        // Only the two files: no temporary left over.
        QCOMPARE(entries(dest), (QStringList{QStringLiteral("initramfs-amd64.xz"), QStringLiteral("vmlinuz-amd64")}));

        // Progress: bytes of the two files, never backwards, ending at the total.
        const qint64 total = kernel.size() + initrd.size();
        QVERIFY(steps.size() > 3);
        for (qsizetype i = 0; i < steps.size(); ++i) {
            QCOMPARE(steps.at(i).second, total);
            if (i > 0)
                QVERIFY(steps.at(i).first >= steps.at(i - 1).first);
        }
        QCOMPARE(steps.first().first, 0);
        QCOMPARE(steps.last().first, total);
    }

    // 1.10+ amd64 ISOs carry both: GRUB's files win, the UKI's name gives the version.
    void dualBootIsoUsesGrubFiles()
    {
        const QByteArray kernel = bzImage();
        const QByteArray initrd = initramfs();
        const QString iso = makeIso({{QStringLiteral("boot/vmlinuz"), kernel},
                                     {QStringLiteral("boot/initramfs.xz"), initrd},
                                     {QStringLiteral("EFI/BOOT/BOOTX64.EFI"), "MZ loader"},
                                     {QStringLiteral("EFI/Linux/Talos-v1.10.0.efi"), "MZ uki"}});
        const QString dest = newDir(QStringLiteral("dual"));
        const IsoImportResult result = IsoImport::extract(iso, dest);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.layout, IsoLayout::TalosGrub);
        QCOMPARE(result.talosVersion, QStringLiteral("v1.10.0"));
        QVERIFY(read(result.kernelPath) == kernel);
        QVERIFY(read(result.initramfsPath) == initrd);
    }

    void ukiOnlyIsoIsRefused()
    {
        const QString iso = makeIso({{QStringLiteral("EFI/BOOT/BOOTX64.EFI"), "MZ systemd-boot"},
                                     {QStringLiteral("EFI/Linux/Talos-v1.10.0.efi"), "MZ uki"},
                                     {QStringLiteral("loader/loader.conf"), "timeout 10\n"}});
        const QString dest = newDir(QStringLiteral("uki"));
        const IsoImportResult result = IsoImport::extract(iso, dest);
        QVERIFY(!result.ok());
        QCOMPARE(result.layout, IsoLayout::UkiOnly);
        QCOMPARE(result.outcome, IsoImportOutcome::NotUsable);
        QVERIFY2(result.error.contains(QLatin1String("EFI/Linux/Talos-v1.10.0.efi")), qPrintable(result.error));
        QVERIFY(result.error.contains(QLatin1String("Image Factory")));
        QCOMPARE(result.talosVersion, QStringLiteral("v1.10.0"));
        QVERIFY(result.kernelPath.isEmpty());
        QVERIFY(entries(dest).isEmpty());
    }

    // The SecureBoot ISO keeps systemd-boot and the UKI inside efiboot.img (talos
    // pkg/imager/iso/uefi.go): only its label tells it is Talos.
    void secureBootIsoIsRefused()
    {
        const QString iso = makeIso({{QStringLiteral("efiboot.img"), QByteArray(64 * 1024, '\0')}},
                                    {QStringLiteral("-V"), QStringLiteral("Talos Secure Boot ISO")});
        const IsoImportResult result = IsoImport::extract(iso, newDir(QStringLiteral("sb")));
        QCOMPARE(result.layout, IsoLayout::UkiOnly);
        QVERIFY2(result.error.contains(QLatin1String("efiboot.img")), qPrintable(result.error));
    }

    void wrongFileIsRefused_data()
    {
        QTest::addColumn<bool>("badKernel");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("named");
        QTest::newRow("text as kernel") << true << QByteArray("this is not a kernel\n") << QStringLiteral("text file");
        QTest::newRow("xz as kernel") << true << QByteArray::fromHex("fd377a585a000004e6d6b446") << QStringLiteral("xz");
        QTest::newRow("kernel as initramfs") << false << bzImage() << QStringLiteral("x86 Linux kernel (bzImage)");
    }
    void wrongFileIsRefused()
    {
        QFETCH(bool, badKernel);
        QFETCH(QByteArray, content);
        QFETCH(QString, named);
        const QString iso = makeIso({{QStringLiteral("boot/vmlinuz"), badKernel ? content : bzImage()},
                                     {QStringLiteral("boot/initramfs.xz"), badKernel ? initramfs() : content}});
        const QString dest = newDir(QStringLiteral("wrong"));
        const IsoImportResult result = IsoImport::extract(iso, dest);
        QVERIFY(!result.ok());
        QCOMPARE(result.layout, IsoLayout::TalosGrub);
        QCOMPARE(result.outcome, IsoImportOutcome::WrongFile);
        QVERIFY2(result.error.contains(badKernel ? QLatin1String("boot/vmlinuz") : QLatin1String("boot/initramfs.xz")),
                 qPrintable(result.error));
        QVERIFY2(result.error.contains(named), qPrintable(result.error));
        QVERIFY(result.kernelPath.isEmpty() && result.initramfsPath.isEmpty());
        // Neither file, nor a temporary, is left: the good one is not kept alone either.
        QCOMPARE(entries(dest), QStringList());
    }

    void notAnIso_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("named");
        QTest::newRow("random") << randomBytes(100 * 1024) << QStringLiteral("unrecognised binary data");
        QTest::newRow("gzip") << QByteArray::fromHex("1f8b0800000000000003") + randomBytes(40000)
                              << QStringLiteral("gzip");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    }
    void notAnIso()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, named);
        const QString path = TestUtil::writeFile(newDir(QStringLiteral("notiso")), QStringLiteral("metal-amd64.iso"), content);
        const QString dest = newDir(QStringLiteral("notiso-dest"));
        const IsoImportResult result = IsoImport::extract(path, dest);
        QVERIFY(!result.ok());
        QCOMPARE(result.layout, IsoLayout::Unreadable);
        QVERIFY2(result.error.contains(QLatin1String("not an ISO")), qPrintable(result.error));
        QVERIFY2(result.error.contains(named), qPrintable(result.error));
        QVERIFY(entries(dest).isEmpty());
    }

    void missingFileIsUnreadable()
    {
        const IsoImportResult result = IsoImport::extract(m_dir.filePath(QStringLiteral("nope.iso")),
                                                          newDir(QStringLiteral("missing")));
        QCOMPARE(result.layout, IsoLayout::Unreadable);
        QVERIFY2(result.error.contains(QLatin1String("cannot be read")), qPrintable(result.error));
    }

    // Another distribution's ISO: refused, naming what it holds instead.
    void otherIsoIsNotTalos()
    {
        const QString iso = makeIso({{QStringLiteral("casper/vmlinuz"), bzImage()},
                                     {QStringLiteral("casper/initrd"), "initrd"},
                                     {QStringLiteral("README.diskdefines"), "ubuntu"}});
        const QString dest = newDir(QStringLiteral("other"));
        const IsoImportResult result = IsoImport::extract(iso, dest);
        QCOMPARE(result.layout, IsoLayout::NotTalos);
        QCOMPARE(result.outcome, IsoImportOutcome::NotUsable);
        QVERIFY2(result.error.contains(QLatin1String("casper/vmlinuz")), qPrintable(result.error));
        QVERIFY(result.found.contains(QStringLiteral("casper/vmlinuz")));
        QVERIFY(entries(dest).isEmpty());

        const QString half = makeIso({{QStringLiteral("boot/vmlinuz"), bzImage()}});
        const IsoImportResult halfResult = IsoImport::extract(half, dest);
        QCOMPARE(halfResult.layout, IsoLayout::NotTalos);
        QVERIFY2(halfResult.error.contains(QLatin1String("no /boot/initramfs.xz")), qPrintable(halfResult.error));
    }

    void cancelLeavesNothingBehind()
    {
        const QByteArray kernel = bzImage();
        const QString iso = makeIso({{QStringLiteral("boot/vmlinuz"), kernel},
                                     {QStringLiteral("boot/initramfs.xz"), initramfs()}});
        const QString dest = newDir(QStringLiteral("cancel"));
        // What was there before a cancelled import stays as it was.
        TestUtil::writeFile(dest, QStringLiteral("vmlinuz-amd64"), "previous kernel");

        // At the start, within the kernel, within the initramfs.
        for (const qint64 stopAt : {qint64(0), qint64(1), qint64(kernel.size() + 1)}) {
            qint64 lastDone = -1;
            const IsoImportResult result = IsoImport::extract(iso, dest, [&](qint64 done, qint64) {
                lastDone = done;
                return done < stopAt;
            });
            QVERIFY(lastDone >= stopAt);
            QCOMPARE(result.outcome, IsoImportOutcome::Cancelled);
            QVERIFY(!result.ok());
            QVERIFY(result.error.contains(QLatin1String("cancelled")));
            QCOMPARE(entries(dest), QStringList{QStringLiteral("vmlinuz-amd64")});
            QCOMPARE(read(QDir(dest).filePath(QStringLiteral("vmlinuz-amd64"))), QByteArray("previous kernel"));
        }
    }

    void unwritableDestination()
    {
        const QString iso = makeIso({{QStringLiteral("boot/vmlinuz"), bzImage()},
                                     {QStringLiteral("boot/initramfs.xz"), initramfs()}});
        // A folder below a regular file cannot be created, even by root.
        const QString blocker = TestUtil::writeFile(newDir(QStringLiteral("blocked")), QStringLiteral("file"), "x");
        const IsoImportResult result = IsoImport::extract(iso, blocker + QStringLiteral("/artifacts"));
        QCOMPARE(result.outcome, IsoImportOutcome::WriteError);
        QVERIFY(result.error.contains(QLatin1String("Cannot write")));
    }
};

QTEST_GUILESS_MAIN(tst_IsoImport)
#include "tst_isoimport.moc"
