#!/usr/bin/env python3
"""The first-run wizard, end to end: in a network namespace with a plain DHCP server
(dnsmasq) on the LAN, the real wizard (driven offscreen) picks the bridge, lets the network
doctor find dnsmasq and recommend proxy mode, downloads Talos's kernel and initramfs from
a local mirror with the Image Factory's URL layout, imports a `talosctl gen config` folder
and chooses maintenance mode for machines without a config. Then the console starts on
that workspace, untouched by hand, and a SeaBIOS machine under QEMU boots from it:
proxy offer, iPXE script, kernel and initramfs over HTTP, the payload running."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbce2e  # noqa: E402
from nbce2e import log  # noqa: E402

VANILLA = "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba"
VERSION = "v1.9.5"
MAC = "52:54:00:e2:e0:21"


def make_mirror(root, kernel, initramfs):
    d = os.path.join(root, "image", VANILLA, VERSION)
    os.makedirs(d, exist_ok=True)
    shutil.copy2(kernel, os.path.join(d, "kernel-amd64"))
    shutil.copy2(initramfs, os.path.join(d, "initramfs-amd64.xz"))


def doctor_lines(ns, srv, binary, run_dir):
    env = dict(os.environ, HOME=os.path.join(run_dir, "home"))
    result = subprocess.run(["ip", "netns", "exec", srv, binary, "--doctor", "--headless", "--interface", "nbr0",
                             "--workspace", os.path.join(run_dir, "no-workspace")],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert not os.path.exists(os.path.join(run_dir, "no-workspace")), "--doctor wrote a workspace"
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    nbce2e.require_root_and_tools(["ip", "qemu-system-x86_64", "dnsmasq", "cpio", "xz", "apt-get", "dpkg"])
    driver = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(args.binary))), "tests", "wizard_driver")
    if not os.path.exists(driver):
        nbce2e.skip(f"{driver} is not built (it needs the GUI build)")
    for path in ("/usr/lib/ipxe/undionly.kpxe", "/usr/lib/ipxe/ipxe.efi", "/usr/lib/ipxe/qemu/pxe-virtio.rom",
                 "/bin/busybox"):
        if not os.path.exists(path):
            nbce2e.skip(f"{path} is missing (make deps installs ipxe, ipxe-qemu, busybox-static)")

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    kernel, initramfs = nbce2e.build_payload(os.path.join(work, "cache"))
    run_dir = os.path.join(work, f"wizard-{os.getpid()}")
    shutil.rmtree(run_dir, ignore_errors=True)
    os.makedirs(run_dir)
    mirror = os.path.join(run_dir, "mirror")
    make_mirror(mirror, kernel, initramfs)
    gen = os.path.join(run_dir, "gen")
    os.makedirs(gen)
    data = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "talos")
    shutil.copy2(os.path.join(data, "talos-1.12-controlplane.yaml"), os.path.join(gen, "controlplane.yaml"))
    shutil.copy2(os.path.join(data, "talos-1.12-worker.yaml"), os.path.join(gen, "worker.yaml"))
    shutil.copy2(os.path.join(data, "talosconfig"), os.path.join(gen, "talosconfig"))
    ws = os.path.join(run_dir, "workspace")

    ns = nbce2e.Namespaces("nbcwz")
    console = None
    try:
        srv, router = nbce2e.make_lan(ns)
        # --doctor on a segment with no DHCP server: full mode, with a range on the bridge's net.
        lines = doctor_lines(ns, srv, args.binary, run_dir)
        rec = next(e for e in lines if e.get("event") == "doctor-recommendation")
        assert rec.get("mode") == "dhcp" and rec.get("dhcpRange") == "10.77.0.100-10.77.0.199", rec
        assert not any(e.get("event") == "doctor-dhcp-server" for e in lines), lines
        log("--doctor on an empty segment recommends full DHCP: " + rec.get("detail", ""))

        nbce2e.start_lan_dhcp(ns, router, run_dir)
        # --doctor next to dnsmasq: names it, with the address it offers, and recommends proxy mode.
        lines = doctor_lines(ns, srv, args.binary, run_dir)
        servers = [e for e in lines if e.get("event") == "doctor-dhcp-server"]
        assert any(e.get("ip") == "10.77.0.2" and e.get("offered", "").startswith("10.77.0.1") for e in servers), lines
        rec = next(e for e in lines if e.get("event") == "doctor-recommendation")
        assert rec.get("mode") == "proxy", rec
        log("--doctor found dnsmasq and recommends proxy DHCP")

        # The mirror: loopback of the console's namespace, nothing outside it.
        mirror_log = open(os.path.join(run_dir, "mirror.log"), "w")
        ns.popen(srv, [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", mirror, "18080"],
                 stdout=mirror_log, stderr=subprocess.STDOUT)

        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=os.path.join(run_dir, "home"))
        cmd = ["ip", "netns", "exec", srv, driver, "--workspace", ws, "--interface", "nbr0",
               "--mirror", "http://127.0.0.1:18080", "--version", VERSION, "--configs", gen,
               "--unassigned", "maintenance", "--expect-mode", "proxy",
               # The payload prints to the serial port, as a technician's serial console would.
               "--extra-args", "console=ttyS0",
               "--screenshots", os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(args.binary))), "screenshots")]
        for attempt in range(20):   # the mirror needs a moment to listen
            result = subprocess.run(["ip", "netns", "exec", srv, sys.executable, "-c",
                                     "import socket; socket.create_connection(('127.0.0.1', 18080), 1)"],
                                    capture_output=True)
            if result.returncode == 0:
                break
            time.sleep(0.25)
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
        log("wizard: " + result.stdout.strip())
        if result.returncode != 0:
            print(result.stderr[-3000:])
            print("FAILED: the wizard did not write the workspace")
            return 1
        with open(os.path.join(ws, "netboot.yaml")) as f:
            yaml = f.read()
        log("netboot.yaml written by the wizard:\n" + yaml)
        for needle in ("interface: nbr0", "mode: proxy", "defaultArtifacts: talos-1.9.5", "unassigned: maintenance"):
            assert needle in yaml, f"{needle!r} missing from netboot.yaml"
        configs = sorted(os.listdir(os.path.join(ws, "configs")))
        assert len(configs) == 2 and all(c.endswith(("-controlplane.yaml", "-worker.yaml")) for c in configs), configs

        console = nbce2e.Console(ns, srv, args.binary, ["--workspace", ws], os.path.join(run_dir, "console.log"))
        for engine in ("dhcp-proxy", "tftp", "http", "logs"):
            console.wait_for(lambda e, n=engine: e.get("event") == "service" and e.get("engine") == n
                             and e.get("state") == "running", 20, f"engine {engine} running")
        tap = "ntapw"
        ns.ip(srv, "tuntap", "add", "dev", tap, "mode", "tap")
        ns.ip(srv, "link", "set", tap, "master", "nbr0", "up")
        serial = os.path.join(run_dir, "serial.log")
        ns.popen(srv, nbce2e.qemu_command("bios", tap, MAC, serial, run_dir),
                 stdout=open(os.path.join(run_dir, "qemu.log"), "w"), stderr=subprocess.STDOUT)
        mine = lambda f: (lambda e: e.get("mac") == MAC and f(e))  # noqa: E731
        timeout = 300
        console.wait_for(mine(lambda e: e.get("event") == "dhcp-offer"), timeout, "proxy DHCP offer")
        console.wait_for(mine(lambda e: e.get("event") == "script-served" and e.get("detail") == "maintenance"),
                         timeout, "script boots Talos in maintenance mode")
        console.wait_for(mine(lambda e: e.get("event") == "http-done" and e.get("detail") == "vmlinuz"),
                         timeout, "kernel downloaded")
        console.wait_for(mine(lambda e: e.get("event") == "http-done" and e.get("detail") == "initramfs.xz"),
                         timeout, "initramfs downloaded")
        deadline = time.time() + 180
        while "NBC-PAYLOAD: started" not in nbce2e.read_text(serial):
            if time.time() > deadline:
                raise AssertionError("the payload did not start:\n" + nbce2e.read_text(serial)[-3000:])
            time.sleep(1)
        log("the machine booted the kernel and initramfs the wizard downloaded")
        code = console.stop()
        console = None
        if code != 0:
            print(f"FAILED: console exited with {code}")
            return 1
        print("1 passed, 0 failed")
        shutil.rmtree(run_dir, ignore_errors=True)
        return 0
    except AssertionError as e:
        print(f"FAILED: {e}")
        return 1
    finally:
        nbce2e.teardown(console, ns)


if __name__ == "__main__":
    sys.exit(main())
