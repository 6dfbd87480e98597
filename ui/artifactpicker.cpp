#include "artifactpicker.h"
#include "choicerow.h"

#include "boot/artifactstore.h"
#include "boot/factorydownload.h"
#include "boot/isoimport.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QVBoxLayout>

namespace Nbc::Ui {

namespace {

QString rateText(double bytesPerSecond)
{
    return ArtifactPicker::tr("%1/s").arg(QLocale().formattedDataSize(qint64(bytesPerSecond)));
}

QLabel *wrapLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ArtifactPicker::ArtifactPicker(QWidget *parent)
    : QWidget(parent)
    , m_downloadFolder(QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/downloads"))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *form = new QFormLayout;
    m_version = new QComboBox(this);
    m_version->setObjectName(QStringLiteral("talosVersion"));
    m_version->setEditable(true);
    m_version->addItems({QStringLiteral("1.12.0"), QStringLiteral("1.11.5"), QStringLiteral("1.10.8"), QStringLiteral("1.9.6")});
    m_version->setToolTip(tr("The Talos release to boot; it picks the kernel arguments Talos expects"));
    form->addRow(tr("Talos &version:"), m_version);
    m_extraArgs = new QLineEdit(this);
    m_extraArgs->setObjectName(QStringLiteral("extraKernelArgs"));
    m_extraArgs->setPlaceholderText(tr("optional, e.g. console=ttyS0"));
    form->addRow(tr("Extra &kernel arguments:"), m_extraArgs);
    layout->addLayout(form);

    m_sources = addChoiceRow(this, layout, {
        {int(Source::Factory), tr("&Download from an Image Factory"), "sourceFactory"},
        {int(Source::Iso), tr("Import a Talos &ISO"), "sourceIso"},
        {int(Source::Files), tr("Choose the two &files"), "sourceFiles"},
    });

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(buildFactoryPage());
    m_stack->addWidget(buildIsoPage());
    m_stack->addWidget(buildFilesPage());
    layout->addWidget(m_stack);

    m_result = wrapLabel(this);
    m_result->setObjectName(QStringLiteral("artifactResult"));
    layout->addWidget(m_result);
    layout->addStretch();

    connect(m_sources, &QButtonGroup::idClicked, this, [this](int id) { setSource(Source(id)); });
    // Another version is another set: what was found for the old one no longer counts.
    connect(m_version, &QComboBox::currentTextChanged, this, [this] {
        if (!m_busy)
            clearFiles();
    });
    setSource(Source::Factory);
}

ArtifactPicker::~ArtifactPicker()
{
    if (m_isoThread) {
        *m_isoCancel = true;
        m_isoThread->wait();
    }
}

QWidget *ArtifactPicker::buildFactoryPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    m_baseUrl = new QLineEdit(Boot::FactoryDownload::defaultBaseUrl(), page);
    m_baseUrl->setObjectName(QStringLiteral("factoryBaseUrl"));
    m_baseUrl->setToolTip(tr("An Image Factory, or a mirror with the same /image/<schematic>/<version>/ layout"));
    form->addRow(tr("Image &Factory:"), m_baseUrl);
    m_schematic = new QLineEdit(Boot::FactoryDownload::vanillaSchematic(), page);
    m_schematic->setObjectName(QStringLiteral("factorySchematic"));
    m_schematic->setToolTip(tr("The schematic ID; the one shown is plain Talos without extensions"));
    form->addRow(tr("&Schematic ID:"), m_schematic);
    auto *buttons = new QHBoxLayout;
    m_downloadButton = new QPushButton(tr("Do&wnload"), page);
    m_downloadButton->setObjectName(QStringLiteral("downloadButton"));
    m_cancelButton = new QPushButton(tr("&Cancel download"), page);
    m_cancelButton->setObjectName(QStringLiteral("cancelDownloadButton"));
    m_cancelButton->setEnabled(false);
    buttons->addWidget(m_downloadButton);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch();
    form->addRow(buttons);
    m_downloadProgress = new QProgressBar(page);
    m_downloadProgress->setObjectName(QStringLiteral("downloadProgress"));
    m_downloadProgress->setRange(0, 1000);
    m_downloadProgress->setValue(0);
    form->addRow(m_downloadProgress);
    m_downloadStatus = wrapLabel(page);
    m_downloadStatus->setObjectName(QStringLiteral("downloadStatus"));
    form->addRow(m_downloadStatus);
    connect(m_downloadButton, &QPushButton::clicked, this, &ArtifactPicker::startDownload);
    connect(m_cancelButton, &QPushButton::clicked, this, &ArtifactPicker::cancel);
    return page;
}

QWidget *ArtifactPicker::buildIsoPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    m_isoPath = new QLineEdit(page);
    m_isoPath->setObjectName(QStringLiteral("isoPath"));
    m_isoPath->setPlaceholderText(tr("metal-amd64.iso"));
    auto *browse = new QPushButton(tr("&Browse…"), page);
    row->addWidget(m_isoPath, 1);
    row->addWidget(browse);
    auto *isoLabel = new QLabel(tr("Talos &ISO:"), page);
    isoLabel->setBuddy(m_isoPath);
    form->addRow(isoLabel, row);
    m_isoButton = new QPushButton(tr("&Read the ISO"), page);
    m_isoButton->setObjectName(QStringLiteral("isoImportButton"));
    form->addRow(m_isoButton);
    m_isoProgress = new QProgressBar(page);
    m_isoProgress->setRange(0, 1000);
    m_isoProgress->setValue(0);
    form->addRow(m_isoProgress);
    m_isoStatus = wrapLabel(page);
    m_isoStatus->setObjectName(QStringLiteral("isoStatus"));
    form->addRow(m_isoStatus);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a Talos ISO"), QDir::homePath(),
                                                          tr("ISO images (*.iso);;All files (*)"));
        if (!path.isEmpty()) {
            m_isoPath->setText(path);
            importIso();
        }
    });
    connect(m_isoButton, &QPushButton::clicked, this, &ArtifactPicker::importIso);
    return page;
}

QWidget *ArtifactPicker::buildFilesPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    auto fileRow = [this, page, form](QLineEdit **edit, const char *name, const QString &label, const QString &placeholder) {
        auto *row = new QHBoxLayout;
        *edit = new QLineEdit(page);
        (*edit)->setObjectName(QLatin1String(name));
        (*edit)->setPlaceholderText(placeholder);
        auto *browse = new QPushButton(tr("Browse…"), page);
        row->addWidget(*edit, 1);
        row->addWidget(browse);
        auto *rowLabel = new QLabel(label, page);
        rowLabel->setBuddy(*edit);
        form->addRow(rowLabel, row);
        QLineEdit *target = *edit;
        connect(browse, &QPushButton::clicked, this, [this, target, label] {
            const QString path = QFileDialog::getOpenFileName(this, QString(label).remove(u'&').remove(u':'), QDir::homePath());
            if (!path.isEmpty()) {
                target->setText(path);
                checkFiles();
            }
        });
        connect(target, &QLineEdit::editingFinished, this, &ArtifactPicker::checkFiles);
    };
    fileRow(&m_kernelPath, "kernelPath", tr("&Kernel:"), tr("vmlinuz-amd64 or kernel-amd64"));
    fileRow(&m_initramfsPath, "initramfsPath", tr("I&nitramfs:"), tr("initramfs-amd64.xz"));
    m_filesStatus = wrapLabel(page);
    m_filesStatus->setObjectName(QStringLiteral("filesStatus"));
    form->addRow(m_filesStatus);
    return page;
}

void ArtifactPicker::setSource(Source source)
{
    if (QAbstractButton *button = m_sources->button(int(source)))
        button->setChecked(true);
    m_stack->setCurrentIndex(int(source));
}

QString ArtifactPicker::versionText() const
{
    return Setup::normalizeVersion(m_version->currentText());
}

ArtifactChoice ArtifactPicker::choice() const
{
    ArtifactChoice c;
    if (!m_ready)
        return c;
    c.talosVersion = versionText();
    c.kernelFile = m_kernelFile;
    c.initramfsFile = m_initramfsFile;
    c.cmdlineFile = m_cmdlineFile;
    c.extraKernelArgs = m_extraArgs->text().trimmed();
    return c;
}

bool ArtifactPicker::isBusy() const
{
    return m_busy;
}

void ArtifactPicker::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    m_downloadButton->setEnabled(!busy);
    m_cancelButton->setEnabled(busy && m_download && m_download->isRunning());
    m_isoButton->setEnabled(!busy);
    m_version->setEnabled(!busy);
    for (QAbstractButton *b : m_sources->buttons())
        b->setEnabled(!busy);
    Q_EMIT busyChanged(busy);
}

void ArtifactPicker::cancel()
{
    if (m_download && m_download->isRunning())
        m_download->cancel();
    if (m_isoCancel)
        *m_isoCancel = true;
}

void ArtifactPicker::clearFiles()
{
    m_kernelFile.clear();
    m_initramfsFile.clear();
    m_cmdlineFile.clear();
    m_result->clear();
    if (m_ready) {
        m_ready = false;
        Q_EMIT readyChanged(false);
    }
}

void ArtifactPicker::setFiles(const QString &kernel, const QString &initramfs, const QString &note)
{
    m_kernelFile = kernel;
    m_initramfsFile = initramfs;
    m_cmdlineFile.clear();   // an ISO's or hand-picked files come without one
    m_result->setText(note);
    const bool ready = !kernel.isEmpty() && !initramfs.isEmpty();
    if (ready != m_ready) {
        m_ready = ready;
        Q_EMIT readyChanged(ready);
    }
}

void ArtifactPicker::startDownload()
{
    const QString version = versionText();
    if (version.isEmpty()) {
        m_downloadStatus->setText(tr("Choose a Talos version first."));
        return;
    }
    clearFiles();
    if (!m_download) {
        m_download = new Boot::FactoryDownload(this);
        connect(m_download, &Boot::FactoryDownload::progress, this,
                [this](ArtifactKind kind, qint64 received, qint64 total, double rate) {
                    const QString what = kind == ArtifactKind::Kernel ? tr("kernel") : tr("initramfs");
                    // Kernel then initramfs: each fills half of the bar.
                    const int base = kind == ArtifactKind::Kernel ? 0 : 500;
                    m_downloadProgress->setValue(total > 0 ? base + int(500 * received / total) : base);
                    m_downloadStatus->setText(tr("Downloading the %1: %2 of %3, %4")
                                                  .arg(what, QLocale().formattedDataSize(received),
                                                       total > 0 ? QLocale().formattedDataSize(total) : tr("unknown size"),
                                                       rateText(rate)));
                });
        connect(m_download, &Boot::FactoryDownload::status, m_downloadStatus, &QLabel::setText);
        connect(m_download, &Boot::FactoryDownload::fileFinished, this,
                [this](ArtifactKind kind, const QString &path, const QString &sha256, qint64 size) {
                    Q_UNUSED(size);
                    if (kind == ArtifactKind::Kernel) {
                        m_kernelFile = path;
                        m_kernelSha = sha256;
                    } else {
                        m_initramfsFile = path;
                        m_initramfsSha = sha256;
                    }
                });
        connect(m_download, &Boot::FactoryDownload::finished, this, [this](bool ok, const QString &message) {
            setBusy(false);
            m_cancelButton->setEnabled(false);
            if (!ok) {
                m_downloadStatus->setText(message);
                clearFiles();
                return;
            }
            m_downloadProgress->setValue(1000);
            m_downloadStatus->setText(message);
            setFiles(m_kernelFile, m_initramfsFile,
                     tr("Kernel: %1\nsha256 %2\nInitramfs: %3\nsha256 %4")
                         .arg(m_kernelFile, m_kernelSha, m_initramfsFile, m_initramfsSha));
            // Set after setFiles(), which forgets it.
            m_cmdlineFile = m_download->cmdlinePath();
        });
    }
    const QString folder = m_downloadFolder + u'/' + m_schematic->text().trimmed().left(16) + u'/' + version;
    QDir().mkpath(folder);
    setBusy(true);
    m_downloadProgress->setValue(0);
    m_download->start(m_baseUrl->text().trimmed(), m_schematic->text().trimmed(), version, folder);
    m_cancelButton->setEnabled(true);
}

void ArtifactPicker::importIso()
{
    const QString iso = m_isoPath->text().trimmed();
    if (iso.isEmpty() || m_isoThread)
        return;
    clearFiles();
    m_isoDir = std::make_unique<QTemporaryDir>();
    if (!m_isoDir->isValid()) {
        m_isoStatus->setText(tr("Cannot create a temporary folder: check the free space in %1").arg(QDir::tempPath()));
        return;
    }
    setBusy(true);
    m_isoProgress->setValue(0);
    m_isoStatus->setText(tr("Reading %1…").arg(QFileInfo(iso).fileName()));
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_isoCancel = cancel;
    const QString dest = m_isoDir->path();
    QPointer<ArtifactPicker> self(this);
    auto result = std::make_shared<Boot::IsoImportResult>();
    m_isoThread = QThread::create([iso, dest, cancel, result, self] {
        *result = Boot::IsoImport::extract(iso, dest, [cancel, self](qint64 done, qint64 total) {
            if (total > 0) {
                const int value = int(1000 * done / total);
                QMetaObject::invokeMethod(self, [self, value] {
                    if (self)
                        self->m_isoProgress->setValue(value);
                }, Qt::QueuedConnection);
            }
            return !cancel->load();
        });
    });
    connect(m_isoThread, &QThread::finished, this, [this, result] {
        m_isoThread->deleteLater();
        m_isoThread = nullptr;
        m_isoCancel.reset();
        setBusy(false);
        if (!result->ok()) {
            m_isoStatus->setText(result->error);
            return;
        }
        m_isoProgress->setValue(1000);
        if (!result->talosVersion.isEmpty())
            m_version->setEditText(Setup::normalizeVersion(result->talosVersion));
        m_isoStatus->setText(tr("Found the kernel and initramfs of a Talos ISO."));
        setFiles(result->kernelPath, result->initramfsPath,
                 tr("Kernel: %1\nInitramfs: %2").arg(result->kernelPath, result->initramfsPath));
    });
    m_isoThread->start();
}

void ArtifactPicker::checkFiles()
{
    const QString kernel = m_kernelPath->text().trimmed();
    const QString initramfs = m_initramfsPath->text().trimmed();
    QStringList lines;
    bool ok = true;
    const struct {
        const QString &path;
        ArtifactKind kind;
        QString what;
    } files[] = {{kernel, ArtifactKind::Kernel, tr("Kernel")}, {initramfs, ArtifactKind::Initramfs, tr("Initramfs")}};
    for (const auto &f : files) {
        if (f.path.isEmpty()) {
            ok = false;
            continue;
        }
        const Boot::ArtifactCheck check = Boot::ArtifactStore::inspect(f.path, f.kind);
        if (check.ok) {
            lines << tr("%1: %2, %3").arg(f.what, check.format, QLocale().formattedDataSize(check.size));
        } else {
            ok = false;
            lines << tr("%1: %2").arg(f.what, check.error);
        }
    }
    m_filesStatus->setText(lines.join(u'\n'));
    if (ok)
        setFiles(kernel, initramfs, QString());
    else
        clearFiles();
}

} // namespace Nbc::Ui
