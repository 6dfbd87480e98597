#pragma once

#include "session/setupplan.h"

#include <QWidget>

#include <atomic>
#include <memory>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTemporaryDir;
class QThread;

namespace Nbc::Boot {
class FactoryDownload;
}

namespace Nbc::Ui {

// A Talos kernel and initramfs, from one of three sources: an Image Factory download
// (resumable, with progress, rate and sha256), a Talos ISO (read with libarchive), or two
// files. Every file is checked before it is offered; nothing is written to the workspace
// here: choice() says where the files are, and the caller copies them when the user
// accepts. Used by the first-run wizard and the Artefacts dialog.
class ArtifactPicker : public QWidget
{
    Q_OBJECT
public:
    enum class Source { Factory, Iso, Files };

    explicit ArtifactPicker(QWidget *parent = nullptr);
    ~ArtifactPicker() override;

    // Both files are there and checked.
    bool isReady() const { return m_ready; }
    ArtifactChoice choice() const;
    bool isBusy() const;            // a download or an ISO import is running
    void cancel();

    // Where downloads are kept between attempts (so a later one resumes). Default: the
    // user's cache folder.
    void setDownloadFolder(const QString &dir) { m_downloadFolder = dir; }
    void setSource(Source source);

Q_SIGNALS:
    void readyChanged(bool ready);
    void busyChanged(bool busy);

private:
    QWidget *buildFactoryPage();
    QWidget *buildIsoPage();
    QWidget *buildFilesPage();
    void startDownload();
    void importIso();
    void checkFiles();
    void setFiles(const QString &kernel, const QString &initramfs, const QString &note);
    void clearFiles();
    void setBusy(bool busy);
    QString versionText() const;

    QComboBox *m_version = nullptr;
    QLineEdit *m_extraArgs = nullptr;
    QButtonGroup *m_sources = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_result = nullptr;

    // Image Factory
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_schematic = nullptr;
    QPushButton *m_downloadButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_downloadProgress = nullptr;
    QLabel *m_downloadStatus = nullptr;
    Boot::FactoryDownload *m_download = nullptr;
    QString m_downloadFolder;
    QString m_kernelSha;
    QString m_initramfsSha;

    // ISO
    QLineEdit *m_isoPath = nullptr;
    QPushButton *m_isoButton = nullptr;
    QProgressBar *m_isoProgress = nullptr;
    QLabel *m_isoStatus = nullptr;
    std::unique_ptr<QTemporaryDir> m_isoDir;
    QThread *m_isoThread = nullptr;
    std::shared_ptr<std::atomic_bool> m_isoCancel;

    // Files
    QLineEdit *m_kernelPath = nullptr;
    QLineEdit *m_initramfsPath = nullptr;
    QLabel *m_filesStatus = nullptr;

    QString m_kernelFile;
    QString m_initramfsFile;
    QString m_cmdlineFile;      // the factory's command line, when the files came from one
    bool m_ready = false;
    bool m_busy = false;
};

} // namespace Nbc::Ui
