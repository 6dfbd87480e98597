#!/usr/bin/env bash
# Installs every Debian 12 package that the build, the app, the tests and the benchmarks
# need. Does nothing (and needs no network) when they are all present.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ ccache pkg-config make
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-svg-dev libqt6svg6 libqt6sql6-sqlite qt6-qpa-plugins
  libyaml-cpp-dev libarchive-dev libhttp-parser-dev
  # the fuzz build (make fuzz; make test runs it briefly): clang, its libFuzzer and
  # sanitizer runtimes, and llvm-symbolizer for readable stacks in findings
  clang libclang-rt-14-dev llvm-14
  # runtime data: iPXE binaries, the IEEE OUI list for vendor names, Qt's own German
  # (the standard dialog buttons next to the console's translation)
  ipxe ieee-data qt6-translations-l10n
  # test peers and end-to-end: real clients, real firmware, a stand-in payload
  curl atftp udhcpc iproute2 dnsmasq-base tcpdump nginx-light
  # the network doctor reads the firewall with nft; its test loads rules into a namespace
  nftables
  qemu-system-x86 qemu-utils ovmf ipxe-qemu busybox-static cpio xz-utils python3
  # the firmware matrix's disk: a FAT EFI system partition with the marker boot loader
  mtools dosfstools
  # the slow-console case: a userspace delay between the console and the LAN needs the
  # veths' offloads off (the kernel here may have no netem)
  ethtool
  # ISOs made at test time (Talos ISO import)
  xorriso
  # GUI tests and screenshots; pdftoppm renders the pallet report's PDF in its test
  xvfb xauth imagemagick x11-utils poppler-utils
  # packaging: the icon's PNG sizes, the .deb (dpkg-shlibdeps), its checks
  librsvg2-bin dpkg-dev file desktop-file-utils appstream libcap2-bin groff-base man-db
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing missing packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update -qq
# Test peers such as nginx are started by the tests themselves, with their own
# configuration: their packages must not start system services on this machine's
# interfaces. Debian's invoke-rc.d asks policy-rc.d; a temporary one says no (101).
policy=/usr/sbin/policy-rc.d
made_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# Written by the install step of Netboot Console while it installs packages.\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod 755 "$policy"
  made_policy=yes
fi
status=0
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" || status=$?
if [ -n "$made_policy" ]; then
  $SUDO rm -f "$policy"
fi
exit $status
