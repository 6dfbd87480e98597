// Files written off the main thread: the latest bytes win, flush() waits for the disk,
// a failure is reported, and nothing queued is lost when the writer goes away.
#include "inventory/filewriter.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Nbc;

class tst_FileWriter : public QObject
{
    Q_OBJECT

    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }

private Q_SLOTS:
    void latestBytesWinAndFlushWaits()
    {
        QTemporaryDir dir;
        FileWriter writer;
        const QString a = dir.filePath(QStringLiteral("installed.json"));
        const QString b = dir.filePath(QStringLiteral("other.json"));
        for (int i = 0; i < 500; ++i)
            writer.write(a, QByteArray::number(i));
        writer.write(b, "b");
        QVERIFY(writer.flush());
        QCOMPARE(read(a), QByteArray("499"));
        QCOMPARE(read(b), QByteArray("b"));
        // No temporary file is left next to them.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2);
    }

    // netboot.yaml: made on the file thread, and written only over what the writer last
    // wrote or was told the file holds; a hand edit in between is kept and reported.
    void producedOnItsThreadAndNeverOverAnEdit()
    {
        QTemporaryDir dir;
        FileWriter writer;
        QSignalSpy conflicts(&writer, &FileWriter::conflict);
        const QString path = dir.filePath(QStringLiteral("netboot.yaml"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("first\n");
        }
        writer.expect(path, "first\n");
        QThread *madeOn = nullptr;
        writer.writeIfUnchanged(path, [&madeOn] {
            madeOn = QThread::currentThread();
            return QByteArray("second\n");
        });
        QVERIFY(writer.flush());
        QVERIFY(!writer.pending(path));
        QCOMPARE(read(path), QByteArray("second\n"));
        QVERIFY(madeOn && madeOn != QThread::currentThread());
        QCOMPARE(writer.expected(path), QByteArray("second\n"));
        QVERIFY(conflicts.isEmpty());

        // Someone edits the file: the next write leaves it alone and says so.
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("edited by hand\n");
        }
        bool produced = false;
        writer.writeIfUnchanged(path, [&produced] {
            produced = true;
            return QByteArray("third\n");
        });
        QVERIFY(writer.flush());
        QCOMPARE(read(path), QByteArray("edited by hand\n"));
        QVERIFY(!produced);
        QTRY_COMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.first().first().toString(), path);
        // Once the owner has read the edit, writes go on.
        writer.expect(path, "edited by hand\n");
        writer.writeIfUnchanged(path, [] { return QByteArray("fourth\n"); });
        QVERIFY(writer.flush());
        QCOMPARE(read(path), QByteArray("fourth\n"));
        QCOMPARE(conflicts.size(), 1);
    }

    void failureIsReported()
    {
        QTemporaryDir dir;
        FileWriter writer;
        QSignalSpy failed(&writer, &FileWriter::failed);
        const QString inMissingFolder = dir.filePath(QStringLiteral("no/such/folder/installed.json"));
        writer.write(inMissingFolder, "x");
        QString error;
        QVERIFY(!writer.flush(&error));
        QVERIFY2(error.contains(inMissingFolder), qPrintable(error));
        QTRY_COMPARE(failed.size(), 1);
        // The next good write succeeds, and flush() says so.
        writer.write(dir.filePath(QStringLiteral("ok.json")), "ok");
        QVERIFY(writer.flush());
    }

    void nothingQueuedIsLostAtTheEnd()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("installed.json"));
        {
            auto writer = std::make_unique<FileWriter>();
            writer->write(path, QByteArray(1 << 20, 'x'));
        }
        QCOMPARE(read(path).size(), 1 << 20);
    }
};

QTEST_GUILESS_MAIN(tst_FileWriter)
#include "tst_filewriter.moc"
