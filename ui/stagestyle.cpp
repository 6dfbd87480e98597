#include "stagestyle.h"

#include <QCoreApplication>
#include <QHash>

// Resources of a static library are linked only when referenced: do it once here.
static void initUiResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace Nbc::Ui {

void StageStyle::ensureResources()
{
    static const bool done = [] {
        initUiResources();
        return true;
    }();
    Q_UNUSED(done);
}

QString StageStyle::title(Stage stage)
{
    switch (stage) {
    case Stage::Discovered: return QCoreApplication::translate("StageStyle", "Discovered", "stage");
    case Stage::FirmwareFiles: return QCoreApplication::translate("StageStyle", "Firmware files", "stage");
    case Stage::LoadingIpxe: return QCoreApplication::translate("StageStyle", "Loading iPXE", "stage");
    case Stage::Ipxe: return QCoreApplication::translate("StageStyle", "iPXE", "stage");
    case Stage::Waiting: return QCoreApplication::translate("StageStyle", "Waiting for config", "stage");
    case Stage::Kernel: return QCoreApplication::translate("StageStyle", "Kernel", "stage");
    case Stage::Config: return QCoreApplication::translate("StageStyle", "Config", "stage");
    case Stage::Installing: return QCoreApplication::translate("StageStyle", "Installing", "stage");
    case Stage::Joined: return QCoreApplication::translate("StageStyle", "Joined", "stage");
    case Stage::Installed: return QCoreApplication::translate("StageStyle", "Installed", "stage");
    case Stage::Stalled: return QCoreApplication::translate("StageStyle", "Stalled", "stage");
    case Stage::Failed: return QCoreApplication::translate("StageStyle", "Failed", "stage");
    }
    return {};
}

QString StageStyle::description(Stage stage)
{
    switch (stage) {
    case Stage::Discovered: return QCoreApplication::translate("StageStyle", "Its firmware asked for a network boot.");
    case Stage::FirmwareFiles:
        return QCoreApplication::translate("StageStyle", "A Raspberry Pi is downloading its boot files (start4.elf, config.txt …).");
    case Stage::LoadingIpxe: return QCoreApplication::translate("StageStyle", "Downloading the iPXE boot loader.");
    case Stage::Ipxe: return QCoreApplication::translate("StageStyle", "iPXE is running and fetched its script.");
    case Stage::Waiting: return QCoreApplication::translate("StageStyle", "No config assigned: drag one onto the machine.");
    case Stage::Kernel: return QCoreApplication::translate("StageStyle", "Downloading the Talos kernel and initramfs.");
    case Stage::Config: return QCoreApplication::translate("StageStyle", "Talos fetched its machine config.");
    case Stage::Installing: return QCoreApplication::translate("StageStyle", "Talos is installing to disk.");
    case Stage::Joined: return QCoreApplication::translate("StageStyle", "Talos is running and ready.");
    case Stage::Installed: return QCoreApplication::translate("StageStyle", "Installed: it boots from its disk.");
    case Stage::Stalled: return QCoreApplication::translate("StageStyle", "No progress for a while: see the hint.");
    case Stage::Failed: return QCoreApplication::translate("StageStyle", "Failed: see the hint for what to do.");
    }
    return {};
}

QColor StageStyle::color(Stage stage)
{
    switch (stage) {
    case Stage::Discovered: return QColor(0x7f, 0x8c, 0x8d);
    case Stage::FirmwareFiles: return QColor(0xa8, 0x3e, 0x7c);   // raspberry, apart from Failed's red
    case Stage::LoadingIpxe: return QColor(0x2e, 0x86, 0xde);
    case Stage::Ipxe: return QColor(0x38, 0x67, 0xd6);
    case Stage::Waiting: return QColor(0xd6, 0x89, 0x10);
    case Stage::Kernel: return QColor(0x24, 0x71, 0xa3);
    case Stage::Config: return QColor(0x88, 0x54, 0xd0);
    case Stage::Installing: return QColor(0x13, 0x8d, 0x90);
    case Stage::Joined: return QColor(0x1e, 0x84, 0x49);
    case Stage::Installed: return QColor(0x56, 0x65, 0x73);
    case Stage::Stalled: return QColor(0xca, 0x6f, 0x1e);
    case Stage::Failed: return QColor(0xc0, 0x39, 0x2b);
    }
    return Qt::gray;
}

QString StageStyle::iconPath(Stage stage)
{
    switch (stage) {
    case Stage::Discovered: return QStringLiteral(":/icons/stage-discovered.svg");
    case Stage::FirmwareFiles: return QStringLiteral(":/icons/stage-firmware-files.svg");
    case Stage::LoadingIpxe: return QStringLiteral(":/icons/stage-loading-ipxe.svg");
    case Stage::Ipxe: return QStringLiteral(":/icons/stage-ipxe.svg");
    case Stage::Waiting: return QStringLiteral(":/icons/stage-waiting.svg");
    case Stage::Kernel: return QStringLiteral(":/icons/stage-kernel.svg");
    case Stage::Config: return QStringLiteral(":/icons/stage-config.svg");
    case Stage::Installing: return QStringLiteral(":/icons/stage-installing.svg");
    case Stage::Joined: return QStringLiteral(":/icons/stage-joined.svg");
    case Stage::Installed: return QStringLiteral(":/icons/stage-installed.svg");
    case Stage::Stalled: return QStringLiteral(":/icons/stage-stalled.svg");
    case Stage::Failed: return QStringLiteral(":/icons/stage-failed.svg");
    }
    return {};
}

QIcon StageStyle::icon(Stage stage)
{
    // Icons are cached: the delegate asks for one per painted cell.
    ensureResources();
    static QHash<int, QIcon> cache;
    auto it = cache.constFind(int(stage));
    if (it == cache.constEnd())
        it = cache.insert(int(stage), QIcon(iconPath(stage)));
    return it.value();
}

int StageStyle::step(Stage stage, Stage from)
{
    // A Pi's firmware files are its first download, as iPXE is a PC's: one step for both,
    // so the bar has as many steps for either and a PC's never shows one it skips.
    auto position = [](Stage s) { return s <= Stage::FirmwareFiles ? int(s) : int(s) - 1; };
    if (isProblem(stage))
        return isProblem(from) ? 0 : position(from);
    // Joined is the end of a network boot: the whole bar, like Installed.
    if (stage == Stage::Joined)
        return position(Stage::Installed);
    return position(stage);
}

} // namespace Nbc::Ui
