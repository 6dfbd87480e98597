#include "boot/safepath.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

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
            QFile f(result.path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), QByteArray("inside"));
        } else {
            QVERIFY(result.path.isEmpty());
        }
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
