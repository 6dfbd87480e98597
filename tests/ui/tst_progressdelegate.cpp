#include "machinetablemodel.h"
#include "progressdelegate.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>

using namespace Nbc::Ui;

class TestProgressDelegate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rateText_data();
    void rateText();
    void textAndBarNeverOverlap();
    void textIsOneColourOverTheWholeBar();
    void betweenDownloadsTheCellIsPlainText();
    void sizeHintHoldsTextAndBar();

private:
    struct Painted {
        QImage image;
        QRect cell;
        QColor fill;
    };
    Painted paint(const QString &text, bool downloading, double fraction);

    QStandardItemModel m_model;
    QTreeView m_view;   // gives the delegate a widget, a style and a palette
    ProgressDelegate *m_delegate = nullptr;
};

void TestProgressDelegate::initTestCase()
{
    m_model.setColumnCount(1);
    m_model.setRowCount(1);
    m_view.setModel(&m_model);
    m_delegate = new ProgressDelegate(&m_view);
    m_view.setItemDelegate(m_delegate);
}

void TestProgressDelegate::rateText_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<qint64>("rate");
    QTest::addColumn<QString>("expected");
    QTest::newRow("rate and eta") << qint64(30 << 20) << qint64(100 << 20) << qint64(10 << 20)
                                  << QStringLiteral("10.0 MiB/s, ETA 0:07");
    QTest::newRow("size unknown") << qint64(3 << 20) << qint64(-1) << qint64(1 << 20) << QStringLiteral("1.0 MiB/s");
    QTest::newRow("no rate yet") << qint64(1 << 20) << qint64(4 << 20) << qint64(0) << QStringLiteral("1.0 MiB of 4.0 MiB");
    QTest::newRow("an hour left") << qint64(0) << qint64(3600) << qint64(1) << QStringLiteral("1 bytes/s, ETA 1:00:00");
}

void TestProgressDelegate::rateText()
{
    QFETCH(qint64, bytes);
    QFETCH(qint64, total);
    QFETCH(qint64, rate);
    QFETCH(QString, expected);
    QCOMPARE(ProgressDelegate::rateText(bytes, total, rate), expected);
}

TestProgressDelegate::Painted TestProgressDelegate::paint(const QString &text, bool downloading, double fraction)
{
    const QModelIndex index = m_model.index(0, 0);
    m_model.setData(index, text, Qt::DisplayRole);
    m_model.setData(index, downloading, MachineTableModel::DownloadingRole);
    m_model.setData(index, fraction, MachineTableModel::ProgressRole);

    QStyleOptionViewItem option;
    option.initFrom(&m_view);
    option.widget = &m_view;
    option.font = m_view.font();
    option.fontMetrics = QFontMetrics(option.font);
    option.state = QStyle::State_Enabled;
    const QFontMetrics fm(option.font);
    option.rect = QRect(0, 0, fm.horizontalAdvance(text) + 24, fm.height() + 10);

    Painted painted;
    painted.cell = option.rect;
    painted.fill = option.palette.color(QPalette::Highlight);
    painted.image = QImage(option.rect.size(), QImage::Format_RGB32);
    painted.image.fill(option.palette.color(QPalette::Base));
    QPainter painter(&painted.image);
    m_delegate->paint(&painter, option, index);
    return painted;
}

namespace {

bool near(QColor a, QColor b, int tolerance = 40)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) <= tolerance;
}

bool dark(QColor c)
{
    return c.lightness() < 100;
}

} // namespace

void TestProgressDelegate::textAndBarNeverOverlap()
{
    const QFontMetrics fm(m_view.font());
    for (const QRect &cell : {QRect(0, 0, 200, fm.height() + 10), QRect(10, 40, 90, fm.height() + 6)}) {
        const QRect bar = ProgressDelegate::barRect(cell, fm);
        const QRect text = ProgressDelegate::textRect(cell, fm);
        QVERIFY(!bar.intersects(text));
        QVERIFY(cell.contains(bar));
        QVERIFY(cell.contains(text));
        QVERIFY2(text.height() >= fm.ascent(), "the text line must fit above the bar");
    }
}

void TestProgressDelegate::textIsOneColourOverTheWholeBar()
{
    const QString text = QStringLiteral("3.0 MiB/s, ETA 0:02 WWWW");
    const Painted p = paint(text, true, 0.5);
    const QFontMetrics fm(m_view.font());
    const QRect bar = ProgressDelegate::barRect(p.cell, fm);
    // The bar's fill colour appears only in the bar, never behind or in the text.
    int fillOutside = 0, fillInside = 0;
    for (int y = 0; y < p.image.height(); ++y) {
        for (int x = 0; x < p.image.width(); ++x) {
            const QColor c = p.image.pixelColor(x, y);
            if (!near(c, p.fill))
                continue;
            (bar.contains(x, y) ? fillInside : fillOutside)++;
        }
    }
    QCOMPARE(fillOutside, 0);
    QVERIFY(fillInside > bar.width() / 3);
    // The bar is filled to half: its left end has the fill colour, its right end not.
    QVERIFY(near(p.image.pixelColor(bar.left() + bar.width() / 4, bar.center().y()), p.fill));
    QVERIFY(!near(p.image.pixelColor(bar.left() + 3 * bar.width() / 4, bar.center().y()), p.fill));
    // Dark text is drawn on both sides of where the fill ends.
    const QRect label = ProgressDelegate::textRect(p.cell, fm);
    int left = 0, right = 0;
    for (int y = label.top(); y <= label.bottom(); ++y) {
        for (int x = label.left(); x <= label.right(); ++x) {
            if (dark(p.image.pixelColor(x, y)))
                (x < bar.left() + bar.width() / 2 ? left : right)++;
        }
    }
    QVERIFY2(left > 20 && right > 20, qPrintable(QStringLiteral("%1 / %2").arg(left).arg(right)));
}

void TestProgressDelegate::betweenDownloadsTheCellIsPlainText()
{
    const Painted p = paint(QStringLiteral("vmlinuz done"), false, -1.0);
    int fill = 0, text = 0;
    for (int y = 0; y < p.image.height(); ++y) {
        for (int x = 0; x < p.image.width(); ++x) {
            const QColor c = p.image.pixelColor(x, y);
            fill += near(c, p.fill) ? 1 : 0;
            text += dark(c) ? 1 : 0;
        }
    }
    QCOMPARE(fill, 0);   // no bar
    QVERIFY(text > 20);  // but the words
}

void TestProgressDelegate::sizeHintHoldsTextAndBar()
{
    QStyleOptionViewItem option;
    option.initFrom(&m_view);
    option.font = m_view.font();
    option.fontMetrics = QFontMetrics(option.font);
    const QModelIndex index = m_model.index(0, 0);
    m_model.setData(index, QStringLiteral("3.0 MiB/s, ETA 0:02"), Qt::DisplayRole);
    const QSize hint = m_delegate->sizeHint(option, index);
    const QFontMetrics fm(option.font);
    QVERIFY(hint.height() >= fm.height() + 3);
    QVERIFY(hint.width() >= fm.horizontalAdvance(QStringLiteral("888.8 MiB/s, ETA 88:88")));
}

QTEST_MAIN(TestProgressDelegate)
#include "tst_progressdelegate.moc"
