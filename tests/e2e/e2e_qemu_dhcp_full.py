#!/usr/bin/env python3
"""A real network boot in full DHCP mode: legacy BIOS on an isolated network, no other
DHCP server, the console in --mode dhcp.

Topology (a namespace made here): bridge nbr0 10.77.0.1/24 with the console and one QEMU
tap, nothing else. SeaBIOS with the NIC's iPXE ROM gets its address and the script URL
from the console in one offer; the stand-in payload (Debian kernel + busybox initramfs,
as in e2e_qemu_boot.py) gets its address from the console too, fetches its config and
sends a log line.
"""
import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbce2e  # noqa: E402
import e2e_qemu_boot as qemuboot  # noqa: E402
from nbce2e import log  # noqa: E402

RANGE = "10.77.0.100-10.77.0.199"
MAC = "52:54:00:e2:e0:04"


def in_range(address):
    parts = [int(p) for p in address.split(".")]
    return parts[:3] == [10, 77, 0] and 100 <= parts[3] <= 199


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    nbce2e.require_root_and_tools(["ip", "qemu-system-x86_64", "cpio", "xz", "apt-get", "dpkg"])
    for path in ("/usr/lib/ipxe/qemu/pxe-virtio.rom", "/bin/busybox"):
        if not os.path.exists(path):
            nbce2e.skip(f"{path} is missing (make deps installs ipxe-qemu, busybox-static)")

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    kernel, initramfs = nbce2e.build_payload(os.path.join(work, "cache"))
    run_dir, ws = nbce2e.make_run_workspace(work, "full", qemuboot.CONFIG_TEXT)
    yaml = qemuboot.workspace_yaml(kernel, initramfs, [MAC])
    yaml = yaml.replace("  mode: proxy\n", f"  mode: proxy\n  dhcpRange: {RANGE}\n")
    qemuboot.write_atomic(os.path.join(ws, "netboot.yaml"), yaml)

    ns = nbce2e.Namespaces("nbcqf")
    console = None
    try:
        srv = ns.add("s")
        ns.ip(srv, "link", "add", "nbr0", "type", "bridge")
        ns.ip(srv, "addr", "add", "10.77.0.1/24", "dev", "nbr0")
        ns.ip(srv, "link", "set", "nbr0", "up")
        console = nbce2e.Console(ns, srv, args.binary, ["--workspace", ws, "--mode", "dhcp"],
                                 os.path.join(run_dir, "console.log"))
        for engine in ("dhcp-server", "dhcp-proxy", "tftp", "http", "logs"):
            console.wait_for(lambda e, n=engine: e.get("event") == "service" and e.get("engine") == n
                             and e.get("state") == "running", 20, f"engine {engine} running")

        ns.ip(srv, "tuntap", "add", "dev", "ntapf", "mode", "tap")
        ns.ip(srv, "link", "set", "ntapf", "master", "nbr0", "up")
        serial = os.path.join(run_dir, "serial-full.log")
        ns.popen(srv, nbce2e.qemu_command("bios", "ntapf", MAC, serial, run_dir),
                 stdout=open(os.path.join(run_dir, "qemu-full.log"), "w"), stderr=qemuboot.subprocess_stdout())
        boot = qemuboot.Boot(console, MAC, "BIOS-FULL")
        failures = []
        try:
            ack = boot.expect("address leased to iPXE", lambda e: e.get("event") == "dhcp-ack")
            assert in_range(ack.get("ip", "")) and ack.get("lease") == ack.get("ip"), ack
            assert ack.get("detail") == "http://10.77.0.1:8080/boot.ipxe", ack
            qemuboot.check_common_stages(boot, serial, "bios")
            # The payload's own DHCP (udhcpc) was answered by the console too: the address
            # it reported is the machine's sticky one, and its log line was matched to it.
            text = nbce2e.read_text(serial)
            assert "NBC-PAYLOAD: dhcp failed" not in text, text[-2000:]
            log_event = [e for e in console.events() if e.get("mac") == MAC and e.get("event") == "log"][-1]
            assert log_event.get("ip") == ack["ip"], log_event
        except AssertionError as e:
            failures.append(str(e))
            log(f"FAILED: {e}\n--- serial tail ---\n{nbce2e.read_text(serial)[-3000:]}")

        # iPXE's DISCOVER and REQUEST, then the payload's: four answers, no drops.
        console.wait_for(lambda e: e.get("engine") == "dhcp-server" and e.get("counters", {}).get("served", 0) >= 4,
                         10, "dhcp-server served iPXE and the payload")
        counters = [e for e in console.events() if e.get("engine") == "dhcp-server"][-1].get("counters", {})
        log(f"dhcp-server counters: {counters}")
        if any(k.startswith("dropped:") or k.startswith("nak:") for k in counters):
            failures.append(f"dhcp-server dropped or NAKed: {counters}")
        code = console.stop()
        console = None
        if code != 0:
            failures.append(f"console exited with {code} after SIGINT")
        if failures:
            print("FAILURES:\n  " + "\n  ".join(failures))
            return 1
        print("1 passed, 0 failed")
        shutil.rmtree(run_dir, ignore_errors=True)
        return 0
    finally:
        if console is not None:
            try:
                console.stop()
            except AssertionError:
                pass
        ns.cleanup()


if __name__ == "__main__":
    sys.exit(main())
