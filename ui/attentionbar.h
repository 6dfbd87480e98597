#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace Nbc {
class ConsoleSession;
}

namespace Nbc::Ui {

// Over the machine table: a banner when the console itself keeps machines waiting
// (services stopped or failed, with Start or Retry and, for a port that is taken, a free
// one to use), a warning when another DHCP server answers on a full-mode segment (with
// "Answer PXE clients only"), and one line per cause that several machines share
// ("30 machines: ...") with a button that selects them.
class AttentionBar : public QWidget
{
    Q_OBJECT
public:
    explicit AttentionBar(ConsoleSession *session, QWidget *parent = nullptr);

    static constexpr int kMaxGroups = 3;

    // Rebuilds from the registry now (it also does so a moment after machines change).
    void refresh();
    QString bannerText() const;
    // The warning about neighbours the console turned away; empty when hidden.
    QString neighbourText() const;
    // The warning about another DHCP server on the segment (full mode); empty when hidden.
    QString rogueText() const;
    QStringList groupTexts() const;

Q_SIGNALS:
    void selectMachines(const QStringList &macs);
    void startServices();
    void message(const QString &text);

private:
    void useFreePort(const QString &engine);
    QWidget *m_banner = nullptr;
    QWidget *m_neighbourBanner = nullptr;
    QLabel *m_neighbourText = nullptr;
    QWidget *m_rogueBanner = nullptr;
    QLabel *m_rogueText = nullptr;
    QPushButton *m_pxeOnly = nullptr;
    QLabel *m_bannerText = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_port = nullptr;
    QString m_portEngine;
    QWidget *m_groups = nullptr;
    QVBoxLayout *m_groupLayout = nullptr;
    QStringList m_groupTexts;
    ConsoleSession *m_session = nullptr;
    QTimer *m_refresh = nullptr;
};

} // namespace Nbc::Ui
