// Which iPXE binaries are there: a dangling link or an empty file is not a binary, and a
// missing ipxe.efi is stood in for by its sibling for the same firmware.
#include "model/bootfiles.h"
#include "testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Nbc;

class tst_BootFiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void presence()
    {
        QTemporaryDir dir;
        const QString efi = TestUtil::writeFile(dir.path(), QStringLiteral("ipxe.efi"), QByteArray(512, 'e'));
        const QString empty = TestUtil::writeFile(dir.path(), QStringLiteral("undionly.kpxe"), QByteArray());
        const QString dangling = dir.filePath(QStringLiteral("link.efi"));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("gone.efi")), dangling));
        QVERIFY(isIpxeBinaryPresent(efi));
        QVERIFY(!isIpxeBinaryPresent(empty));
        QVERIFY(!isIpxeBinaryPresent(dangling));
        QVERIFY(!isIpxeBinaryPresent(dir.filePath(QStringLiteral("none"))));
    }

    void siblings()
    {
        QTemporaryDir dir;
        const QString snp = TestUtil::writeFile(dir.path(), QStringLiteral("snponly.efi"), QByteArray(512, 's'));
        QCOMPARE(presentIpxeBinary(dir.filePath(QStringLiteral("ipxe.efi"))), snp);
        const QString kkpxe = TestUtil::writeFile(dir.path(), QStringLiteral("undionly.kkpxe"), QByteArray(512, 'k'));
        QCOMPARE(presentIpxeBinary(dir.filePath(QStringLiteral("undionly.kpxe"))), kkpxe);
        const QString kpxe = TestUtil::writeFile(dir.path(), QStringLiteral("undionly.kpxe"), QByteArray(512, 'b'));
        QCOMPARE(presentIpxeBinary(kpxe), kpxe);   // the asked one first
        QVERIFY(presentIpxeBinary(dir.filePath(QStringLiteral("other.bin"))).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_BootFiles)
#include "tst_bootfiles.moc"
