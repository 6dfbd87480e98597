#!/usr/bin/env python3
"""Real firmware, wider: the boots users' machines do that e2e_qemu_boot.py does not.

Topology (namespaces made here, as in e2e_qemu_boot.py): bridge nbr0 10.77.0.1/24 with
the console (--headless, proxy mode) and the machines' taps; a router namespace on the
bridge runs dnsmasq as the LAN's ordinary DHCP server (addresses only).

Cases, each judged from the wire (the console's events, a capture on the bridge) and the
machine's serial console:
  uefi-http      OVMF with PXE switched off boots by UEFI HTTP: ipxe.efi over HTTP, no
                 TFTP packet of that machine in the capture.
  bios-exit      SeaBIOS / OVMF install (the stand-in payload reports "install
  uefi-exit      successful" over TCP and reboots), the firmware network-boots again, the
  bios-sanboot   console answers per afterInstall (exit, sanboot, http-404) and the
  uefi-sanboot   machine reaches the marker boot loader on its disk (MARKER_TEXT on
  bios-404       serial, QEMU ends with MARKER_EXIT).
  uefi-404
  bios-e1000     NIC models other than virtio: Intel e1000 with SeaBIOS and with OVMF
  uefi-e1000     (QEMU's ROM for it, iPXE's BIOS and UEFI drivers), Realtek rtl8139
  bios-rtl8139   with SeaBIOS; the payload's kernel drives each NIC with its own driver.
  slow-proxy-*   the console's DHCP replies leave 2 s late (DelayRelay between it and
                 the bridge), well behind the router's offer; SeaBIOS's iPXE ROM and OVMF's
                 PXE, then iPXE's own DHCP, wait for the proxy offer and boot. (iPXE
                 stops waiting about 3 s after its first DISCOVER: a proxy later than
                 that is missed; README, "A slow console".)
The payload stands in for Talos (nbce2e.build_payload); the disk is nbce2e.marker_disk.
"""
import argparse
import os
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbce2e  # noqa: E402
import e2e_qemu_boot as qemuboot  # noqa: E402
from nbce2e import log  # noqa: E402

BOOT_TIMEOUT = 420
PROXY_DELAY_MS = 2000


class Case:
    def __init__(self, name, firmware, mac, nic="virtio-net-pci", after=None, http_boot=False, delay=False):
        self.name = name
        self.firmware = firmware
        self.mac = mac
        self.nic = nic
        self.after = after            # afterInstall policy: the machine installs, reboots, boots its disk
        self.http_boot = http_boot
        self.delay = delay


CASES = [
    Case("uefi-http", "uefi", "52:54:00:e2:f0:01", http_boot=True),
    Case("bios-exit", "bios", "52:54:00:e2:f0:02", after="exit"),
    Case("uefi-exit", "uefi", "52:54:00:e2:f0:03", after="exit"),
    Case("bios-sanboot", "bios", "52:54:00:e2:f0:04", after="sanboot"),
    Case("uefi-sanboot", "uefi", "52:54:00:e2:f0:05", after="sanboot"),
    Case("bios-404", "bios", "52:54:00:e2:f0:06", after="http-404"),
    Case("uefi-404", "uefi", "52:54:00:e2:f0:07", after="http-404"),
    Case("bios-e1000", "bios", "52:54:00:e2:f0:08", nic="e1000"),
    Case("uefi-e1000", "uefi", "52:54:00:e2:f0:09", nic="e1000"),
    Case("bios-rtl8139", "bios", "52:54:00:e2:f0:0a", nic="rtl8139"),
    Case("slow-proxy-bios", "bios", "52:54:00:e2:f0:0b", delay=True),
    Case("slow-proxy-uefi", "uefi", "52:54:00:e2:f0:0c", delay=True),
]


def group_key(case):
    """Cases that share one console run: afterInstall is one policy per workspace, and the
    delay applies to everything the console sends."""
    return ("delay" if case.delay else "") + (case.after or "exit")


def workspace(kernel, initramfs, cases, after):
    text = qemuboot.workspace_yaml(kernel, initramfs, [c.mac for c in cases])
    text = text.replace("afterInstall: exit\n", f"afterInstall: {after}\n")
    # The console's default for UEFI (snponly.efi, served as ipxe.efi): it hands the NIC
    # back to the firmware when it exits, where ipxe.efi hangs OVMF.
    text = text.replace("uefi: /usr/lib/ipxe/ipxe.efi", "uefi: /usr/lib/ipxe/snponly.efi")
    if any(c.after for c in cases):
        # The payload plays a finished install and reboots (nbce2e.INIT_SCRIPT).
        text = text.replace('extraKernelArgs: "console=ttyS0 panic=-1"',
                            'extraKernelArgs: "console=ttyS0 panic=-1 nbc.e2e=install"')
    return text


def capture_macs(pcap_text, mac):
    return [line for line in pcap_text.splitlines() if mac in line.lower()]


class FirmwareBoot(qemuboot.Boot):
    """Boot.expect that gives up as soon as the machine is gone (QEMU ended: powered off,
    or a payload that found no NIC) instead of waiting out BOOT_TIMEOUT."""

    def __init__(self, console, case, qemu):
        super().__init__(console, case.mac, case.name)
        self.qemu = qemu

    def expect(self, what, predicate, timeout=BOOT_TIMEOUT):
        while True:
            ended = self.qemu.poll() is not None
            try:
                # One slice of 5 s (Boot.expect waits at least that long).
                return super().expect(what, predicate, timeout=time.monotonic() - self.start)
            except AssertionError:
                if ended:
                    raise AssertionError(f"the machine ended (QEMU exit {self.qemu.returncode}) before: {what}")
                if time.monotonic() - self.start > timeout:
                    raise


class DelayRelay:
    """A userspace Ethernet relay between the console's own namespace and the LAN's bridge
    that holds every DHCP reply of the console (UDP from port 67 or 4011) for delay_ms
    and passes everything else at once: a slow console, built from sockets because the
    kernel here may have no netem. Frames are read and written with AF_PACKET sockets."""

    def __init__(self, netns_name, console_side, lan_side, delay_ms):
        import heapq
        import socket
        self.heapq = heapq
        self.delay = delay_ms / 1000
        self.held = []
        self.lock = threading.Condition()
        self.stopped = False
        self.delayed = 0
        with nbce2e.netns(netns_name):
            self.console = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
            self.console.bind((console_side, 0))
            self.lan = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
            self.lan.bind((lan_side, 0))
        for sock in (self.console, self.lan):
            sock.settimeout(0.5)
        self.threads = [threading.Thread(target=self._pump, args=(self.console, self.lan, True), daemon=True),
                        threading.Thread(target=self._pump, args=(self.lan, self.console, False), daemon=True),
                        threading.Thread(target=self._release, daemon=True)]
        for t in self.threads:
            t.start()

    @staticmethod
    def is_dhcp_reply(frame):
        if len(frame) < 42 or frame[12:14] != b"\x08\x00" or frame[23] != 17:
            return False
        ihl = (frame[14] & 0x0F) * 4
        return int.from_bytes(frame[14 + ihl:16 + ihl], "big") in (67, 4011)

    def _pump(self, source, target, from_console):
        import socket
        while not self.stopped:
            try:
                frame, address = source.recvfrom(65535)
            except socket.timeout:
                continue
            except OSError:
                return
            if address[2] == socket.PACKET_OUTGOING:
                continue   # our own writes
            if from_console and self.is_dhcp_reply(frame):
                with self.lock:
                    self.heapq.heappush(self.held, (time.monotonic() + self.delay, self.delayed, frame))
                    self.delayed += 1
                    self.lock.notify()
                continue
            try:
                target.send(frame)
            except OSError:
                pass

    def _release(self):
        with self.lock:
            while not self.stopped:
                if not self.held:
                    self.lock.wait(0.5)
                    continue
                due = self.held[0][0] - time.monotonic()
                if due > 0:
                    self.lock.wait(due)
                    continue
                frame = self.heapq.heappop(self.held)[2]
                try:
                    self.lan.send(frame)
                except OSError:
                    pass

    def stop(self):
        with self.lock:
            self.stopped = True
            self.lock.notify()
        for t in self.threads:
            t.join(timeout=5)
        self.console.close()
        self.lan.close()


def check_boot(console, case, serial, qemu):
    boot = FirmwareBoot(console, case, qemu)
    offer = boot.expect("proxy DHCP offer", lambda e: e.get("event") == "dhcp-offer")
    if case.http_boot:
        assert offer.get("detail", "").startswith("http://10.77.0.1:8080/"), offer
        boot.expect("ipxe.efi over HTTP", lambda e: e.get("event") == "http-done" and "ipxe.efi" in e.get("detail", ""))
    elif case.firmware == "uefi" and case.nic != "virtio-net-pci":
        # QEMU's ROM for this NIC is iPXE's UEFI driver: the NIC's boot entry runs iPXE
        # itself, which asks the console for its script straight away.
        assert offer.get("detail", "") == "http://10.77.0.1:8080/boot.ipxe", offer
    elif case.firmware == "uefi":
        boot.expect("TFTP of ipxe.efi done", lambda e: e.get("event") == "tftp-done" and "ipxe.efi" in e.get("detail", "")
                    and e.get("outcome") == "done")
    boot.expect("per-machine script boots Talos",
                lambda e: e.get("event") == "script-served" and e.get("detail") == "boot-talos")
    boot.expect("kernel downloaded", lambda e: e.get("event") == "http-done" and e.get("detail") == "vmlinuz")
    boot.expect("initramfs downloaded", lambda e: e.get("event") == "http-done" and e.get("detail") == "initramfs.xz")
    boot.expect("config served", lambda e: e.get("event") == "config-served")
    boot.expect("log line received", lambda e: e.get("event") == "log" and "installing Talos" in e.get("detail", ""))
    qemuboot.assert_payload(serial, case.mac, "node-" + case.mac[-2:])
    if case.after:
        boot.expect("install reported", lambda e: e.get("event") == "log" and "install successful" in e.get("detail", ""))
        script = boot.expect(f"after the reboot: script says {case.after}",
                             lambda e: e.get("event") == "script-served" and e.get("detail") == case.after)
        if case.after == "http-404":
            assert script.get("status", 404) == 404, script
        left = max(5, BOOT_TIMEOUT - (time.monotonic() - boot.start))
        try:
            code = qemu.wait(timeout=left)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"{case.name}: the machine did not reach its disk within {BOOT_TIMEOUT} s")
        marker = nbce2e.MARKER_TEXT.format(case.firmware)
        text = nbce2e.read_text(serial)
        assert marker in text, f"{case.name}: no '{marker}' on its serial console (QEMU ended {code})"
        assert code == nbce2e.MARKER_EXIT, f"{case.name}: QEMU ended {code}, not by the marker loader"
        log(f"{case.name}: reached the disk's boot loader at +{time.monotonic() - boot.start:.1f}s")
    log(f"{case.name}: per-stage timings: " + ", ".join(f"{w} {t:.1f}s" for w, t in boot.timings))


def run_group(args, work, kernel, initramfs, disk, cases):
    after = cases[0].after or "exit"
    delay = cases[0].delay
    tag = group_key(cases[0]).replace("-", "")[:8]
    run_dir, ws = nbce2e.make_run_workspace(work, f"fw-{tag}", qemuboot.CONFIG_TEXT)
    qemuboot.write_atomic(os.path.join(ws, "netboot.yaml"), workspace(kernel, initramfs, cases, after))
    ns = nbce2e.Namespaces("nbcfw")
    console = None
    relay = None
    failures = []
    started = time.monotonic()
    try:
        srv, router = nbce2e.make_lan(ns)
        # A router that offers at once: the console's offer is the late one.
        dnsmasq_log = nbce2e.start_lan_dhcp(ns, router, run_dir, no_ping=delay)
        console_ns = srv
        capture_on = "nbr0"
        if delay:
            # The console in a namespace of its own, its "nbr0" a veth whose peer (vdc1)
            # the relay joins to a bridge port (vdb1 - vdb0): only the console's DHCP
            # replies leave late; its TFTP and HTTP answers keep their pace.
            console_ns = ns.add("c")
            ns.ip(srv, "addr", "del", "10.77.0.1/24", "dev", "nbr0")
            ns.ip(srv, "link", "add", "vdc1", "type", "veth", "peer", "name", "nbr0", "netns", console_ns)
            ns.ip(srv, "link", "add", "vdb1", "type", "veth", "peer", "name", "vdb0")
            ns.ip(srv, "link", "set", "vdb0", "master", "nbr0", "up")
            for dev in ("vdc1", "vdb1"):
                ns.ip(srv, "link", "set", dev, "up")
            ns.ip(console_ns, "addr", "add", "10.77.0.1/24", "dev", "nbr0")
            ns.ip(console_ns, "link", "set", "nbr0", "up")
            # Frames read from a packet socket must be whole: no segmentation or checksum
            # left to a NIC that a veth does not have.
            for where, dev in ((console_ns, "nbr0"), (router, "vrt1"), (srv, "vdc1"), (srv, "vdb1")):
                ns.exec(where, ["ethtool", "-K", dev, "tx", "off", "tso", "off", "gso", "off", "gro", "off"])
            relay = DelayRelay(srv, "vdc1", "vdb1", PROXY_DELAY_MS)
            capture_on = "any"
        pcap = os.path.join(run_dir, "bridge.pcap")
        ns.popen(srv, ["tcpdump", "-i", capture_on, "-U", "-n", "-w", pcap, "udp or tcp"],
                 stdout=subprocess.DEVNULL, stderr=open(os.path.join(run_dir, "tcpdump.log"), "w"))
        console = nbce2e.Console(ns, console_ns, args.binary, ["--workspace", ws],
                                 os.path.join(run_dir, "console.log"))
        for engine in ("dhcp-proxy", "tftp", "http", "logs"):
            console.wait_for(lambda e, n=engine: e.get("event") == "service" and e.get("engine") == n
                             and e.get("state") == "running", 20, f"engine {engine} running")

        def one(index, case):
            tap = f"nfw{index}"
            ns.ip(srv, "tuntap", "add", "dev", tap, "mode", "tap")
            ns.ip(srv, "link", "set", tap, "master", "nbr0", "up")
            serial = os.path.join(run_dir, f"serial-{case.name}.log")
            cmd = nbce2e.qemu_command(case.firmware, tap, case.mac, serial, run_dir, nic=case.nic,
                                      disk=disk if case.after else None, reboot=bool(case.after),
                                      http_boot=case.http_boot, ipv6=not case.after,
                                      # The relay forwards frames as they are: whole ones.
                                      offload=not case.delay)
            qemu = ns.popen(srv, cmd, stdout=open(os.path.join(run_dir, f"qemu-{case.name}.log"), "w"),
                            stderr=subprocess.STDOUT)
            try:
                check_boot(console, case, serial, qemu)
            except AssertionError as e:
                failures.append(f"{case.name}: {e}")
                log(f"FAILED {case.name}: {e}\n--- serial tail ---\n{nbce2e.read_text(serial)[-3000:]}")
            finally:
                if qemu.poll() is None:
                    qemu.terminate()
                    qemu.wait(timeout=10)

        # Two machines at a time: one core each under TCG.
        pending = list(enumerate(cases))
        while pending:
            batch, pending = pending[:args.parallel], pending[args.parallel:]
            threads = [threading.Thread(target=one, args=item) for item in batch]
            for t in threads:
                t.start()
            for t in threads:
                t.join()

        if delay:
            # From the wire: the first offer of the router, then the console's, 2 s behind.
            text = ns.exec(srv, ["tcpdump", "-tt", "-n", "-r", pcap, "udp src port 67"], check=False).stdout
            first = {}
            for line in text.splitlines():
                parts = line.split()
                # Captured on every interface: the console's replies count where they reach
                # the LAN, after the relay (not on vdc1, before it).
                if "IP" not in parts or "vdc1" in parts:
                    continue
                source = parts[parts.index("IP") + 1]
                first.setdefault(source.rsplit(".", 1)[0], float(parts[0]))
            if "10.77.0.2" not in first or "10.77.0.1" not in first:
                failures.append(f"no DHCP replies of both servers in the capture: {first}")
            else:
                behind = first["10.77.0.1"] - first["10.77.0.2"]
                log(f"the console's first DHCP reply left {behind:.2f}s after the router's")
                if behind < PROXY_DELAY_MS / 1000 - 0.5:
                    failures.append(f"the console's reply was not behind the router's: {behind:.2f}s")
        if any(c.http_boot for c in cases):
            text = ns.exec(srv, ["tcpdump", "-n", "-e", "-r", pcap, "udp port 69"], check=False).stdout
            for case in cases:
                if case.http_boot and capture_macs(text, case.mac):
                    failures.append(f"{case.name}: TFTP packets of {case.mac} in the capture:\n"
                                    + "\n".join(capture_macs(text, case.mac)[:5]))
                elif case.http_boot:
                    log(f"{case.name}: no TFTP packet of {case.mac} in the capture")
        code = console.stop()
        console = None
        if code != 0:
            failures.append(f"console exited with {code} after SIGINT")
        if relay:
            relay.stop()
            log(f"the relay held {relay.delayed} DHCP replies of the console for {PROXY_DELAY_MS} ms each")
            relay = None
        log(f"group afterInstall={after}{' delayed' if delay else ''}: {len(cases)} machines in "
            f"{time.monotonic() - started:.0f}s")
        if failures:
            print("--- dnsmasq ---\n" + nbce2e.read_text(dnsmasq_log)[-2000:])
        else:
            shutil.rmtree(run_dir, ignore_errors=True)
        return failures
    finally:
        if relay:
            relay.stop()
        nbce2e.teardown(console, ns)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--only", action="append", choices=[c.name for c in CASES])
    parser.add_argument("--parallel", type=int, default=2)
    args = parser.parse_args()
    nbce2e.require_root_and_tools(["ip", "ethtool", "tcpdump", "qemu-system-x86_64", "dnsmasq", "cpio", "xz", "apt-get",
                                   "dpkg", "mkfs.vfat", "mcopy", "mmd"])
    for path in ("/usr/share/OVMF/OVMF_CODE.fd", "/usr/lib/ipxe/ipxe.efi", "/usr/lib/ipxe/qemu/pxe-virtio.rom",
                 "/usr/lib/ipxe/qemu/efi-e1000.rom", "/usr/lib/ipxe/qemu/pxe-rtl8139.rom", "/bin/busybox"):
        if not os.path.exists(path):
            nbce2e.skip(f"{path} is missing (make deps installs ovmf, ipxe, ipxe-qemu, busybox-static)")
    chosen = [c for c in CASES if not args.only or c.name in args.only]
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    kernel, initramfs = nbce2e.build_payload(os.path.join(work, "cache"))
    disk = nbce2e.marker_disk(os.path.join(work, "cache"))

    started = time.monotonic()
    groups = {}
    for case in chosen:
        groups.setdefault(group_key(case), []).append(case)
    failures = []
    for cases in groups.values():
        failures += run_group(args, work, kernel, initramfs, disk, cases)
    log(f"{len(chosen)} machines in {time.monotonic() - started:.0f}s")
    if failures:
        print("FAILURES:\n  " + "\n  ".join(failures))
        return 1
    print(f"{len(chosen)} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
