#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace Nbc {

// The iPXE binaries, by the names firmware asks for over TFTP and HTTP. One table
// (bootfiles.cpp) for the proxy's offers, the TFTP and HTTP routes and the registry.
enum class IpxeBinary {
    Undionly,        // undionly.kpxe: legacy BIOS PXE ROMs (chains through UNDI)
    UndionlyKeep,    // undionly.kkpxe: the same, keeping the PXE stack loaded
    IpxeEfi,         // ipxe.efi: UEFI with iPXE's own drivers
    SnpOnly,         // snponly.efi: UEFI through the firmware's SNP driver
};

QString ipxeBinaryName(IpxeBinary binary);
// The binary a file name or path names (its last component), if it names one.
std::optional<IpxeBinary> ipxeBinaryFromName(QStringView nameOrPath);
inline bool isIpxeBinaryName(QStringView nameOrPath) { return ipxeBinaryFromName(nameOrPath).has_value(); }
// UEFI binaries are served from the workspace's `ipxe: uefi:` path, the others from `bios:`.
bool isUefiBinary(IpxeBinary binary);

// The workspace's default iPXE paths (WorkspaceSettings::ipxeBios/ipxeUefi) are those of
// Debian's `ipxe` package. True when path is a readable, non-empty file after symlinks:
// /usr/lib/ipxe/ipxe.efi links to /boot/ipxe.efi, which a trimmed system may lack.
bool isIpxeBinaryPresent(const QString &path);
// path when it is present; else the other binary for the same firmware in the same folder
// (ipxe.efi <-> snponly.efi, undionly.kpxe <-> undionly.kkpxe) when that one is; else empty.
QString presentIpxeBinary(const QString &path);

// How a machine's firmware network-boots, as told by its DHCP messages.
enum class Firmware {
    Unknown,
    Bios,        // legacy PXE ROM, client arch 0
    Uefi,        // UEFI PXE, client arch 7 or 9
    UefiHttp,    // UEFI HTTP boot, client arch 16, vendor class "HTTPClient"
    Ipxe,        // iPXE already runs (user class "iPXE" or option 175)
    RaspberryPi, // the Pi 4/5 bootloader or Pi 3 boot ROM: arch 0, a Pi OUI or a Pi option 97
};

// "bios", "uefi" (also for HTTP boot), "ipxe", "rpi", "unknown": the values of the event fact
// and of Machine::firmware.
QString firmwareName(Firmware firmware);

} // namespace Nbc
