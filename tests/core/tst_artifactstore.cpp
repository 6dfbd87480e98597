#include "boot/artifactstore.h"

#include "testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Nbc::Boot;

class tst_ArtifactStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString write(const QString &name, const QByteArray &bytes)
    {
        return TestUtil::writeFile(m_dir.path(), name, bytes);
    }
    static QByteArray bzImage()
    {
        QByteArray k(4096, '\0');
        k[0x1fe] = char(0x55);
        k[0x1ff] = char(0xaa);
        k.replace(0x202, 4, "HdrS");
        return k;
    }

private Q_SLOTS:
    void kernel()
    {
        const ArtifactCheck good = ArtifactStore::inspect(write(QStringLiteral("vmlinuz"), bzImage()), Nbc::ArtifactKind::Kernel);
        QVERIFY(good.ok);
        QCOMPARE(good.format, QStringLiteral("bzImage"));
        QCOMPARE(good.size, 4096);

        QByteArray noMagic = bzImage();
        noMagic.replace(0x202, 4, "XXXX");
        const ArtifactCheck bad = ArtifactStore::inspect(write(QStringLiteral("bad"), noMagic), Nbc::ArtifactKind::Kernel);
        QVERIFY(!bad.ok);
        QVERIFY(bad.error.contains(QLatin1String("not an x86 Linux kernel")));

        const ArtifactCheck tiny = ArtifactStore::inspect(write(QStringLiteral("tiny"), "MZ"), Nbc::ArtifactKind::Kernel);
        QVERIFY(!tiny.ok);
        const ArtifactCheck missing = ArtifactStore::inspect(m_dir.filePath(QStringLiteral("nope")), Nbc::ArtifactKind::Kernel);
        QVERIFY(!missing.ok);
        QVERIFY(missing.error.contains(QLatin1String("cannot be read")));
        QVERIFY(!ArtifactStore::inspect(QString(), Nbc::ArtifactKind::Kernel).ok);
    }
    void initramfs_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QTest::newRow("xz") << QByteArray::fromHex("fd377a585a000004") << QStringLiteral("xz");
        QTest::newRow("zstd") << QByteArray::fromHex("28b52ffd0000") << QStringLiteral("zstd");
        QTest::newRow("gzip") << QByteArray::fromHex("1f8b0800") << QStringLiteral("gzip");
        QTest::newRow("cpio") << QByteArray("070701000000") << QStringLiteral("cpio");
        QTest::newRow("kernel-by-mistake") << bzImage() << QString();
        QTest::newRow("text") << QByteArray("<html>404</html>") << QString();
        QTest::newRow("empty") << QByteArray() << QString();
    }
    void initramfs()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        const ArtifactCheck check = ArtifactStore::inspect(write(QStringLiteral("initramfs"), head), Nbc::ArtifactKind::Initramfs);
        QCOMPARE(check.ok, !format.isEmpty());
        QCOMPARE(check.format, format);
        if (!check.ok)
            QVERIFY(check.error.contains(QLatin1String("initramfs-amd64.xz")));
    }
};

QTEST_GUILESS_MAIN(tst_ArtifactStore)
#include "tst_artifactstore.moc"
