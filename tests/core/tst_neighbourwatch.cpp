#include "session/neighbourwatch.h"

#include <QSignalSpy>
#include <QTest>

using namespace Nbc;

// Who the console turned away, gathered from the engines' statuses and the registry.
class tst_NeighbourWatch : public QObject
{
    Q_OBJECT
private:
    static EngineStatus status(const QString &engine, const QList<Refusal> &refusals)
    {
        EngineStatus s;
        s.engine = engine;
        s.state = EngineStatus::State::Running;
        s.refusals = refusals;
        return s;
    }

private Q_SLOTS:
    void announcesOnceThenThrottled()
    {
        NeighbourWatch watch;
        qint64 now = 1'000'000;
        watch.setClock([&now] { return now; });
        QSignalSpy refused(&watch, &NeighbourWatch::refused);
        const QHostAddress greedy(QStringLiteral("10.0.0.9"));
        watch.takeStatus(status(QStringLiteral("http"), {{greedy, QStringLiteral("per-address-limit"), 1, now}}));
        QCOMPARE(refused.size(), 1);
        // The same count again (a status published for another reason) says nothing new.
        watch.takeStatus(status(QStringLiteral("http"), {{greedy, QStringLiteral("per-address-limit"), 1, now}}));
        QCOMPARE(refused.size(), 1);
        // Growing within ten seconds: counted, not announced.
        now += 5000;
        watch.takeStatus(status(QStringLiteral("http"), {{greedy, QStringLiteral("per-address-limit"), 500, now}}));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(watch.entries().first().count, 500u);
        now += 5000;
        watch.takeStatus(status(QStringLiteral("http"), {{greedy, QStringLiteral("per-address-limit"), 992, now}}));
        QCOMPARE(refused.size(), 2);
        const auto entry = refused.last().first().value<NeighbourWatch::Entry>();
        QCOMPARE(entry.count, 992u);
        QCOMPARE(entry.engine, QStringLiteral("http"));
        QCOMPARE(entry.address, greedy);
        // Another reason of the same address is its own line at once.
        watch.takeStatus(status(QStringLiteral("http"), {{greedy, QStringLiteral("too-slow"), 1, now}}));
        QCOMPARE(refused.size(), 3);
    }

    void warningNamesTheWorstAndFades()
    {
        NeighbourWatch watch;
        qint64 now = 5'000'000;
        watch.setClock([&now] { return now; });
        QVERIFY(watch.warning().isEmpty());
        watch.takeStatus(status(QStringLiteral("logs"), {{QHostAddress(QStringLiteral("10.0.0.7")), QStringLiteral("idle"), 3, now}}));
        watch.takeStatus(status(QStringLiteral("http"), {{QHostAddress(QStringLiteral("10.0.0.9")), QStringLiteral("per-address-limit"), 992, now}}));
        watch.add(QStringLiteral("registry"), QHostAddress(QStringLiteral("0.0.0.0")), QStringLiteral("new-machine-rate"));
        const QString text = watch.warning();
        QVERIFY2(text.startsWith(QLatin1String("10.0.0.9 was turned away 992 times: more HTTP connections")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("2 more neighbour refusals")), qPrintable(text));
        // Two quiet minutes later it is gone from the window (the list keeps it).
        now += NeighbourWatch::kRecentMs + 1;
        QVERIFY(watch.warning().isEmpty());
        QCOMPARE(watch.entries().size(), 3);
        // Clients without an address are named as such.
        watch.add(QStringLiteral("registry"), QHostAddress(QStringLiteral("0.0.0.0")), QStringLiteral("new-machine-rate"));
        QVERIFY2(watch.warning().startsWith(QLatin1String("Clients without an address yet was turned away 2 times"))
                     || watch.warning().contains(QLatin1String("Clients without an address yet")),
                 qPrintable(watch.warning()));
    }

    void bounded()
    {
        NeighbourWatch watch;
        qint64 now = 0;
        watch.setClock([&now] { return now; });
        for (int i = 0; i < 1000; ++i) {
            ++now;
            watch.add(QStringLiteral("registry"), QHostAddress(quint32(0x0a000000 + i)), QStringLiteral("new-machine-rate"));
        }
        QCOMPARE(watch.entries().size(), NeighbourWatch::kMaxEntries);
        // The newest are kept.
        QCOMPARE(watch.entries().first().address, QHostAddress(quint32(0x0a000000 + 999)));
    }
};

QTEST_GUILESS_MAIN(tst_NeighbourWatch)
#include "tst_neighbourwatch.moc"
