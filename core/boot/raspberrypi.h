#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace Nbc::Boot::RaspberryPi {

// The Raspberry Pi 4/5 EEPROM bootloader (and the Pi 3 boot ROM) network-boots with a
// DISCOVER that looks like a BIOS PC's: option 93 = 0 and the vendor class
// "PXEClient:Arch:00000:UNDI:002001" (raspberrypi/documentation, computers/raspberry-pi/
// boot-net.adoc). It is told apart by its MAC's OUI or by its option 97.

// A MAC (normalised, lower-case, colon-separated) from one of the Raspberry Pi OUIs.
bool isRaspberryPiMac(const QString &mac);

// Option 97 as the bootloader sends it by default (DHCP_OPTION97, eeprom-bootloader.adoc):
// the FourCC "RPi4"/"RPi5" (0x34695052/0x35695052 little-endian), the board revision, the
// four low bytes of the MAC and the 32-bit serial number, each little-endian.
bool hasRaspberryPiGuid(const QByteArray &guid);

// The serial number as the bootloader names its TFTP folder (TFTP_PREFIX=0: eight lower-case
// hex digits, e.g. "9ffefdef"), from option 97 in the default form or in the older form
// (DHCP_OPTION97=0: the serial four times); empty when the GUID holds none (the Pi 3 ROM
// sends a constant).
QString serialFromGuid(const QByteArray &guid);

// True for a serial-number folder name: exactly eight lower-case hex digits.
bool isSerialFolder(QStringView name);

// Option 43 as dnsmasq sends it for `pxe-service=0,"Raspberry Pi Boot"`: discovery control 3,
// the menu prompt (timeout 0, "PXE") and one menu item of type 0 named "Raspberry Pi Boot",
// the string the bootloader looks for (PXE_OPTION43). Byte for byte the reply shown in
// boot-net.adoc.
QByteArray bootMenuOption();

// The menu item the reply carries: what the offer's event names instead of a boot file.
QString bootMenuItem();

} // namespace Nbc::Boot::RaspberryPi
