#include "boot/safepath.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Nbc;

class tst_SafePath : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_outside;
    QTemporaryDir m_root;

private Q_SLOTS:
    void initTestCase()
    {
        QDir(m_root.path()).mkpath(QStringLiteral("sub"));
        QFile a(m_root.filePath(QStringLiteral("sub/file.bin")));
        QVERIFY(a.open(QIODevice::WriteOnly));
        a.write("inside");
        a.close();
        QFile secret(m_outside.filePath(QStringLiteral("secret")));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("outside");
        secret.close();
        QVERIFY(QFile::link(m_outside.filePath(QStringLiteral("secret")), m_root.filePath(QStringLiteral("escape"))));
        QVERIFY(QFile::link(m_root.filePath(QStringLiteral("sub/file.bin")), m_root.filePath(QStringLiteral("inner-link"))));
        QVERIFY(QFile::link(m_outside.path(), m_root.filePath(QStringLiteral("dirlink"))));
    }
    void resolve_data()
    {
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QString>("refusal");
        QTest::newRow("plain") << QStringLiteral("sub/file.bin") << QString();
        QTest::newRow("leading-slash") << QStringLiteral("/sub/file.bin") << QString();
        QTest::newRow("double-slash") << QStringLiteral("sub//file.bin") << QString();
        QTest::newRow("inner-symlink") << QStringLiteral("inner-link") << QString();
        QTest::newRow("dotdot") << QStringLiteral("../secret") << QStringLiteral("traversal");
        QTest::newRow("dotdot-middle") << QStringLiteral("sub/../../secret") << QStringLiteral("traversal");
        QTest::newRow("dotdot-harmless-still-refused") << QStringLiteral("sub/../sub/file.bin") << QStringLiteral("traversal");
        QTest::newRow("backslash") << QStringLiteral("..\\secret") << QStringLiteral("bad-name");
        QTest::newRow("nul") << QStringLiteral("sub/file.bin") + QChar(0) + QStringLiteral("x") << QStringLiteral("bad-name");
        QTest::newRow("control") << QStringLiteral("sub/\nfile.bin") << QStringLiteral("bad-name");
        QTest::newRow("symlink-out") << QStringLiteral("escape") << QStringLiteral("symlink-escape");
        QTest::newRow("dir-symlink-out") << QStringLiteral("dirlink/secret") << QStringLiteral("symlink-escape");
        QTest::newRow("directory") << QStringLiteral("sub") << QStringLiteral("not-a-file");
        QTest::newRow("missing") << QStringLiteral("nope") << QStringLiteral("not-found");
        QTest::newRow("empty") << QString() << QStringLiteral("not-found");
        QTest::newRow("root-only") << QStringLiteral("/") << QStringLiteral("not-found");
    }
    void resolve()
    {
        QFETCH(QString, requested);
        QFETCH(QString, refusal);
        const SafePathResult result = resolveUnderRoot(m_root.path(), requested);
        QCOMPARE(result.refusal, refusal);
        if (refusal.isEmpty()) {
            QVERIFY(result.path.startsWith(QDir(m_root.path()).canonicalPath()));
            // What realpath(3) says, though resolved by the kernel in one walk.
            QCOMPARE(result.path, QFileInfo(m_root.path() + u'/' + requested).canonicalFilePath());
            QVERIFY(S_ISREG(result.mode));
            QFile f(result.path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), QByteArray("inside"));
        } else {
            QVERIFY(result.path.isEmpty());
        }
    }
    // A root reached through a link is resolved first: its files are inside, and the
    // mode of each comes back for the world-readable check.
    void rootThroughALink()
    {
        QTemporaryDir links;
        const QString root = links.filePath(QStringLiteral("root"));
        QVERIFY(QFile::link(m_root.path(), root));
        const SafePathResult result = resolveUnderRoot(root, QStringLiteral("sub/file.bin"));
        QVERIFY2(result.ok(), qPrintable(result.refusal));
        QCOMPARE(result.path, QFileInfo(m_root.filePath(QStringLiteral("sub/file.bin"))).canonicalFilePath());
        QCOMPARE(resolveUnderRoot(root, QStringLiteral("escape")).refusal, QStringLiteral("symlink-escape"));
        QVERIFY(QFile::setPermissions(result.path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const SafePathResult privateFile = resolveUnderRoot(root, QStringLiteral("sub/file.bin"));
        QCOMPARE(privateFile.mode & 0777u, 0600u);
        QCOMPARE(extraRootRefusal(BootSnapshot{}, privateFile.path, privateFile.mode), QStringLiteral("not-world-readable"));
        QCOMPARE(extraRootRefusal(BootSnapshot{}, privateFile.path), QStringLiteral("not-world-readable"));
        QVERIFY(QFile::setPermissions(result.path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        const SafePathResult shared = resolveUnderRoot(root, QStringLiteral("sub/file.bin"));
        QVERIFY(extraRootRefusal(BootSnapshot{}, shared.path, shared.mode).isEmpty());
        // A folder for the Pi boot folders.
        const SafePathResult folder = resolveFolderUnderRoot(root, QStringLiteral("sub"));
        QVERIFY2(folder.ok(), qPrintable(folder.refusal));
        QVERIFY(S_ISDIR(folder.mode));
    }
    void noRoot()
    {
        QCOMPARE(resolveUnderRoot(QString(), QStringLiteral("x")).refusal, QStringLiteral("not-found"));
        QCOMPARE(resolveUnderRoot(QStringLiteral("/nonexistent-root-dir"), QStringLiteral("x")).refusal,
                 QStringLiteral("not-found"));
    }
};

QTEST_GUILESS_MAIN(tst_SafePath)
#include "tst_safepath.moc"
