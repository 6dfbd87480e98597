#include "uitestutil.h"

#include "servicespanel.h"

#include "engine/servicehost.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QTcpServer>
#include <QTest>
#include <QTreeWidget>

using namespace Nbc;
using namespace Nbc::Ui;

class TestServicesPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void commandIn_data();
    void commandIn();
    void countersAreShortLinesAndExpandable();
    void linesFitTheDock();
    void engineThatCannotBindShowsTheErrorAndTheFix();
};

void TestServicesPanel::commandIn_data()
{
    QTest::addColumn<QString>("fix");
    QTest::addColumn<QString>("command");
    QTest::newRow("port in use")
        << QStringLiteral("Another program already uses port 67 (often dnsmasq or another PXE server). "
                          "Find it with: sudo ss -ulpn 'sport = :67' ; stop it, or choose another port.")
        << QStringLiteral("sudo ss -ulpn 'sport = :67'");
    QTest::newRow("privileged port, command last")
        << QStringLiteral("Port 69 is privileged. Run as root, or allow this program to bind it once with: "
                          "sudo setcap 'cap_net_bind_service,cap_net_raw=+ep' /usr/bin/netboot-console")
        << QStringLiteral("sudo setcap 'cap_net_bind_service,cap_net_raw=+ep' /usr/bin/netboot-console");
    QTest::newRow("sentence ends the command") << QStringLiteral("Free it with: sudo systemctl stop dnsmasq.")
                                               << QStringLiteral("sudo systemctl stop dnsmasq");
    QTest::newRow("semicolon in quotes") << QStringLiteral("Run: sudo sh -c 'a; b' ; then retry")
                                         << QStringLiteral("sudo sh -c 'a; b'");
    QTest::newRow("no command") << QStringLiteral("Check the interface and address in the settings.") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestServicesPanel::commandIn()
{
    QFETCH(QString, fix);
    QFETCH(QString, command);
    QCOMPARE(ServicesPanel::commandIn(fix), command);
}

void TestServicesPanel::countersAreShortLinesAndExpandable()
{
    ServicesPanel panel;
    EngineStatus status;
    status.engine = QStringLiteral("tftp");
    status.state = EngineStatus::State::Running;
    status.address = QStringLiteral("127.0.0.1:40069");
    status.counters = {{QStringLiteral("received"), 130}, {QStringLiteral("served"), 120},
                       {QStringLiteral("dropped:not-pxe"), 2}, {QStringLiteral("dropped:bad-opcode"), 1}};
    panel.updateStatus(status);
    QTreeWidgetItem *item = panel.item(QStringLiteral("tftp"));
    QVERIFY(item);
    const QStringList lines = item->text(0).split(u'\n');
    QCOMPARE(lines, (QStringList{QStringLiteral("TFTP — Running"), QStringLiteral("127.0.0.1:40069"),
                                 QStringLiteral("served 120 · dropped 3")}));
    // Every counter by name, one child each, and in the tooltip.
    QCOMPARE(item->childCount(), 4);
    QStringList children;
    for (int i = 0; i < item->childCount(); ++i)
        children << item->child(i)->text(0);
    QVERIFY2(children.contains(QStringLiteral("dropped (not-pxe): 2")), qPrintable(children.join(u'|')));
    QVERIFY(children.contains(QStringLiteral("received: 130")));
    QVERIFY(item->toolTip(0).contains(QLatin1String("dropped (bad-opcode): 1")));
    // Fewer counters later: the children follow.
    status.counters = {{QStringLiteral("served"), 121}};
    panel.updateStatus(status);
    QCOMPARE(item->childCount(), 1);
    QVERIFY(item->text(0).endsWith(QStringLiteral("served 121 · dropped 0")));
    QVERIFY(!panel.failureBox()->isVisibleTo(&panel));
}

void TestServicesPanel::linesFitTheDock()
{
    // The window gives the services dock about 19 text lines of width: every line of a
    // running engine must be readable whole there.
    ServicesPanel panel;
    const int width = 19 * panel.fontMetrics().height();
    panel.resize(width, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    EngineStatus status;
    status.engine = QStringLiteral("dhcp-proxy");
    status.state = EngineStatus::State::Running;
    status.address = QStringLiteral("192.168.100.100:4011");
    status.counters = {{QStringLiteral("served"), 123456}, {QStringLiteral("dropped:not-pxe"), 98765}};
    panel.updateStatus(status);
    QTreeWidget *tree = panel.tree();
    QTreeWidgetItem *item = panel.item(status.engine);
    const QRect rect = tree->visualItemRect(item);
    const int room = rect.width() - tree->iconSize().width() - 12;
    for (const QString &line : item->text(0).split(u'\n'))
        QVERIFY2(tree->fontMetrics().horizontalAdvance(line) <= room,
                 qPrintable(QStringLiteral("'%1' needs %2 px, has %3").arg(line).arg(tree->fontMetrics().horizontalAdvance(line)).arg(room)));
    QVERIFY(rect.height() >= 3 * tree->fontMetrics().lineSpacing());
}

void TestServicesPanel::engineThatCannotBindShowsTheErrorAndTheFix()
{
    // Hold a loopback port, then start the real engines with HTTP on it.
    QTcpServer holder;
    QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
    const quint16 port = holder.serverPort();
    QTemporaryDir dir;
    UiTest::makeWorkspace(dir.path());
    SessionOverrides overrides = UiTest::loopbackOverrides();
    overrides.ports.http = port;
    ConsoleSession session;
    QVERIFY2(session.open(dir.path(), overrides), qPrintable(session.error()));

    ServicesPanel panel;
    connect(session.services(), &ServiceHost::statusChanged, &panel, &ServicesPanel::updateStatus);
    panel.resize(19 * panel.fontMetrics().height(), 520);   // the dock's default width
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    session.startServices();

    QTreeWidgetItem *http = panel.item(QStringLiteral("http"));
    QVERIFY(http);
    QTRY_VERIFY_WITH_TIMEOUT(http->text(0).startsWith(QStringLiteral("HTTP — Failed")), 10000);
    // The others still run, with their address.
    QTRY_VERIFY_WITH_TIMEOUT(panel.item(QStringLiteral("tftp"))->text(0).contains(QLatin1String("127.0.0.1:")), 10000);

    QVERIFY(panel.failureBox()->isVisible());
    const QString error = panel.errorLabel()->text();
    QVERIFY2(error.startsWith(QLatin1String("HTTP cannot start:")), qPrintable(error));
    QVERIFY2(error.contains(QString::number(port)), qPrintable(error));
    QVERIFY(panel.fixLabel()->isVisible());
    QVERIFY2(panel.fixLabel()->text().contains(QString::number(port)), qPrintable(panel.fixLabel()->text()));
    QCOMPARE(panel.fixes().size(), 1);
    // The exact command, on its own line, and a button that copies just that.
    const QString command = panel.commandLabel()->text();
    QVERIFY(panel.commandLabel()->isVisible());
    QVERIFY2(command.startsWith(QLatin1String("sudo ss -tlpn")) && command.contains(QString::number(port)), qPrintable(command));
    QVERIFY(panel.fixLabel()->text().contains(command));
    QVERIFY(panel.copyCommandButton()->isVisible());
    QApplication::clipboard()->clear();
    QTest::mouseClick(panel.copyCommandButton(), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), command);

    // For a person to look at: the panel as the dock shows it.
    const QString shot = QStringLiteral(NBC_BINARY_DIR "/screenshots/services-failed.png");
    QDir().mkpath(QFileInfo(shot).path());
    QVERIFY(panel.grab().save(shot));

    session.stopServices();
    session.services()->shutdown();
}

QTEST_MAIN(TestServicesPanel)
#include "tst_servicespanel.moc"
