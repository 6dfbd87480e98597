#!/bin/bash
# Re-captures the firmware DHCP packets in this folder (needs root, qemu-system-x86,
# ipxe-qemu, ovmf, tcpdump, dnsmasq-base). Everything runs inside a private network
# namespace with a bridge and a tap; nothing leaves it. Usage:
#   capture.sh OUTDIR
# writes OUTDIR/<name>.pcap for each scenario; pcap2hex.py turns them into the .hex files.
set -u
out=${1:?output folder}
mkdir -p "$out"
ns=nbcdhcp-$$
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
}
trap cleanup EXIT

ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add br0 type bridge
ip -n "$ns" tuntap add tap0 mode tap
ip -n "$ns" link set tap0 master br0
ip -n "$ns" addr add 10.88.0.1/24 dev br0
ip -n "$ns" link set br0 up
ip -n "$ns" link set tap0 up

# run NAME SECONDS [dnsmasq args --] qemu args...
run() {
    local name=$1 secs=$2; shift 2
    local dns=()
    if [ "$1" = "--dnsmasq" ]; then
        shift
        while [ "$1" != "--" ]; do dns+=("$1"); shift; done
        shift
    fi
    ip netns exec "$ns" tcpdump -i br0 -U -n -w "$out/$name.pcap" \
        'udp port 67 or udp port 68 or udp port 4011' 2>/dev/null &
    local tcpdump=$!; pids+=("$tcpdump")
    local dnsmasq=
    if [ ${#dns[@]} -gt 0 ]; then
        ip netns exec "$ns" dnsmasq --no-daemon --port=0 --interface=br0 --bind-interfaces \
            --no-resolv --no-hosts --leasefile-ro --log-dhcp "${dns[@]}" \
            >"$out/$name.dnsmasq.log" 2>&1 &
        dnsmasq=$!; pids+=("$dnsmasq")
    fi
    sleep 1
    ip netns exec "$ns" timeout "$secs" qemu-system-x86_64 -machine pc,graphics=off -accel tcg \
        -m 256 -nographic -no-reboot -netdev tap,id=n0,ifname=tap0,script=no,downscript=no \
        "$@" >"$out/$name.console.log" 2>&1 </dev/null
    [ -n "$dnsmasq" ] && kill "$dnsmasq" && wait "$dnsmasq" 2>/dev/null
    sleep 1
    kill "$tcpdump"; wait "$tcpdump" 2>/dev/null
}

cp /usr/share/OVMF/OVMF_VARS.fd "$out/vars.fd"
ovmf=(-drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE.fd
      -drive if=pflash,format=raw,file="$out/vars.fd")

# SeaBIOS + the iPXE option ROM QEMU loads for e1000 (Debian ipxe-qemu).
run bios-ipxe-e1000-discover 60 -boot n -device e1000,netdev=n0,mac=52:54:00:88:00:01
# OVMF's own PXE (no iPXE ROM on the NIC).
run ovmf-pxe-discover 120 "${ovmf[@]}" -device virtio-net-pci,netdev=n0,mac=52:54:00:88:00:02,romfile=
# OVMF's PXE driven to boot-server discovery on port 4011 by a DHCP server with a PXE menu.
cp /usr/share/OVMF/OVMF_VARS.fd "$out/vars.fd"
run ovmf-pxe-request-4011 120 --dnsmasq --dhcp-range=10.88.0.50,10.88.0.99,1h \
    --pxe-service=x86-64_EFI,"Netboot",ipxe.efi -- \
    "${ovmf[@]}" -device virtio-net-pci,netdev=n0,mac=52:54:00:88:00:03,romfile=
# iPXE's EFI driver from the virtio option ROM under OVMF.
cp /usr/share/OVMF/OVMF_VARS.fd "$out/vars.fd"
run ovmf-ipxe-efi-discover 120 "${ovmf[@]}" -device virtio-net-pci,netdev=n0,mac=52:54:00:88:00:04
# BIOS iPXE next to a DHCP server that offers an address (its REQUEST and a 4011 request
# to a proxy, when it makes one).
run bios-ipxe-e1000-request 60 --dnsmasq --dhcp-range=10.88.0.50,10.88.0.99,1h \
    --dhcp-boot=undionly.kpxe -- \
    -boot n -device e1000,netdev=n0,mac=52:54:00:88:00:05
