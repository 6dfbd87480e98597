#!/usr/bin/env python3
"""A real network boot, end to end, with real firmware under QEMU.

Topology (all in namespaces made here):
  srv:    bridge nbr0 10.77.0.1/24 <- the console (--headless, proxy mode), QEMU taps
  router: veth 10.77.0.2/24 on the bridge <- dnsmasq, the LAN's ordinary DHCP server
          (addresses only, no boot options), so the console answers only as proxy.

Boots:
  1. legacy BIOS: SeaBIOS + the NIC's iPXE option ROM
  2. UEFI: OVMF's own PXE fetches ipxe.efi over TFTP, which does DHCP again as iPXE
  3. a machine powered on unassigned waits in iPXE; a broken edit of netboot.yaml is
     reported and not applied; a good edit assigns a config and the machine boots.
The payload stands in for Talos: Debian's kernel and a busybox initramfs whose /init
fetches talos.config=, sends a JSON line to talos.logging.kernel= and powers off.
"""
import argparse
import os
import re
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbce2e  # noqa: E402
from nbce2e import log  # noqa: E402

BOOT_TIMEOUT = 420  # seconds per boot under TCG (KVM here is nested and breaks iPXE/OVMF)

CONFIG_TEXT = """version: v1alpha1
machine:
  type: worker
  token: e2e-dummy-token
  install:
    disk: /dev/sda
cluster:
  controlPlane:
    endpoint: https://10.77.0.10:6443
  clusterName: e2e
"""


def workspace_yaml(kernel, initramfs, machines):
    text = f"""network:
  interface: nbr0
  mode: proxy
ports: {{dhcp: 67, proxy: 4011, tftp: 69, http: 8080, logs: 4050}}
ipxe: {{bios: /usr/lib/ipxe/undionly.kpxe, uefi: /usr/lib/ipxe/ipxe.efi}}
artifacts:
  e2e:
    kernel: {kernel}
    initramfs: {initramfs}
    talosVersion: "1.9"
    extraKernelArgs: "console=ttyS0 panic=-1"
defaultArtifacts: e2e
unassigned: wait
afterInstall: exit
machines:
"""
    for mac in machines:
        text += f"  - mac: {mac}\n    config: configs/node.yaml\n    hostname: node-{mac[-2:]}\n"
    if not machines:
        text = text.replace("machines:\n", "machines: []\n")
    return text


def write_atomic(path, text):
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


class Boot:
    def __init__(self, console, mac, name):
        self.console = console
        self.mac = mac
        self.name = name
        self.start = time.monotonic()
        self.timings = []

    def expect(self, what, predicate, timeout=BOOT_TIMEOUT):
        left = max(5, timeout - (time.monotonic() - self.start))
        event = self.console.wait_for(lambda e: e.get("mac") == self.mac and predicate(e), left, f"{self.name}: {what}")
        self.timings.append((what, time.monotonic() - self.start))
        log(f"{self.name}: {what} at +{self.timings[-1][1]:.1f}s  {event.get('event')} {event.get('stage')} {event.get('detail', '')}")
        return event


def assert_payload(serial_log, mac, hostname, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = nbce2e.read_text(serial_log)
        if "NBC-PAYLOAD: done" in text:
            break
        time.sleep(1)
    text = nbce2e.read_text(serial_log)
    assert "NBC-PAYLOAD: started" in text, "the payload never started; serial log:\n" + text[-3000:]
    assert f"NBC-PAYLOAD: mac={mac}" in text, "payload did not report its MAC"
    assert "NBC-PAYLOAD: config-sha256=" in text, "payload did not fetch its config:\n" + text[-2000:]
    config = nbce2e.served_config(text)
    # The machine got its own rendered config: the source's secret unchanged, its
    # hostname, and the log sink injected so logs survive the install.
    assert "token: e2e-dummy-token" in config, config
    assert hostname in config, f"hostname {hostname} missing from served config:\n{config}"
    assert "kind: KmsgLogConfig" in config and "tcp://10.77.0.1:4050/" in config, config
    assert "NBC-PAYLOAD: log-sent" in text


def check_common_stages(boot, serial_log, firmware):
    is_ipxe_dhcp = lambda e: e.get("event") == "dhcp-offer"  # noqa: E731
    boot.expect("proxy DHCP offer", is_ipxe_dhcp)
    if firmware == "uefi":
        boot.expect("TFTP of ipxe.efi done", lambda e: e.get("event") == "tftp-done" and "ipxe.efi" in e.get("detail", "")
                    and e.get("outcome") == "done")
    boot.expect("iPXE entry script", lambda e: e.get("event") == "script-served")
    script = boot.expect("per-machine script boots Talos",
                         lambda e: e.get("event") == "script-served" and e.get("detail") == "boot-talos")
    # iPXE reported the machine's SMBIOS identity with the chain URL.
    assert script.get("serial") == "E2E-" + boot.mac.replace(":", "")[-6:], script
    assert script.get("uuid", "").endswith(boot.mac.replace(":", "")), script
    start = boot.expect("kernel download started", lambda e: e.get("event") == "http-start" and e.get("detail") == "vmlinuz"
                        and e.get("stage") == "Kernel")
    assert start.get("total", 0) > 1_000_000, start
    k = boot.expect("kernel downloaded", lambda e: e.get("event") == "http-done" and e.get("detail") == "vmlinuz")
    assert k.get("bytes") == k.get("total") and k["total"] > 1_000_000, k
    boot.expect("initramfs downloaded", lambda e: e.get("event") == "http-done" and e.get("detail") == "initramfs.xz")
    boot.expect("config served to this MAC", lambda e: e.get("event") == "config-served" and e.get("stage") == "Config")
    boot.expect("log line received", lambda e: e.get("event") == "log" and "installing Talos" in e.get("detail", "")
                and e.get("stage") == "Installing")
    assert_payload(serial_log, boot.mac, "node-" + boot.mac[-2:])
    progress = [e for e in boot.console.events() if e.get("mac") == boot.mac and e.get("event") == "http-progress"]
    log(f"{boot.name}: {len(progress)} progress events (sent at most 4 a second per transfer)")
    log(f"{boot.name}: per-stage timings: " + ", ".join(f"{w} {t:.1f}s" for w, t in boot.timings))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--only", choices=["bios", "uefi", "wait"], action="append")
    args = parser.parse_args()
    nbce2e.require_root_and_tools(["ip", "qemu-system-x86_64", "dnsmasq", "cpio", "xz", "apt-get", "dpkg"])
    for path in ("/usr/share/OVMF/OVMF_CODE.fd", "/usr/lib/ipxe/ipxe.efi", "/usr/lib/ipxe/qemu/pxe-virtio.rom",
                 "/bin/busybox"):
        if not os.path.exists(path):
            nbce2e.skip(f"{path} is missing (make deps installs ovmf, ipxe, ipxe-qemu, busybox-static)")
    only = set(args.only or ["bios", "uefi", "wait"])

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    kernel, initramfs = nbce2e.build_payload(os.path.join(work, "cache"))
    run_dir, ws = nbce2e.make_run_workspace(work, "run", CONFIG_TEXT)

    macs = {"bios": "52:54:00:e2:e0:01", "uefi": "52:54:00:e2:e0:02", "wait": "52:54:00:e2:e0:03"}
    assigned = [macs[k] for k in ("bios", "uefi") if k in only]
    write_atomic(os.path.join(ws, "netboot.yaml"), workspace_yaml(kernel, initramfs, assigned))

    ns = nbce2e.Namespaces("nbce2e")
    console = None
    try:
        srv, router = nbce2e.make_lan(ns)
        dnsmasq_log = nbce2e.start_lan_dhcp(ns, router, run_dir)

        console = nbce2e.Console(ns, srv, args.binary, ["--workspace", ws], os.path.join(run_dir, "console.log"))
        for engine in ("dhcp-proxy", "tftp", "http", "logs"):
            console.wait_for(lambda e, n=engine: e.get("event") == "service" and e.get("engine") == n
                             and e.get("state") == "running", 20, f"engine {engine} running")
        log("console running in namespace " + srv)

        def start_vm(kind):
            tap = f"ntap{kind[0]}"
            ns.ip(srv, "tuntap", "add", "dev", tap, "mode", "tap")
            ns.ip(srv, "link", "set", tap, "master", "nbr0", "up")
            serial = os.path.join(run_dir, f"serial-{kind}.log")
            cmd = nbce2e.qemu_command("uefi" if kind == "uefi" else "bios", tap, macs[kind], serial, run_dir)
            ns.popen(srv, cmd, stdout=open(os.path.join(run_dir, f"qemu-{kind}.log"), "w"), stderr=subprocess_stdout())
            return serial

        failures = []
        for kind in ("bios", "uefi"):
            if kind not in only:
                continue
            serial = start_vm(kind)
            try:
                check_common_stages(Boot(console, macs[kind], kind.upper()), serial, kind)
            except AssertionError as e:
                failures.append(f"{kind}: {e}")
                log(f"FAILED {kind}: {e}\n--- serial tail ---\n{nbce2e.read_text(serial)[-3000:]}")

        if "wait" in only:
            mac = macs["wait"]
            serial = start_vm("wait")
            boot = Boot(console, mac, "WAIT")
            try:
                boot.expect("script says wait", lambda e: e.get("event") == "script-served" and e.get("detail") == "wait"
                            and e.get("stage") == "Waiting")
                # Which box is this? Its own screen (here: SeaBIOS/iPXE on serial) names it in
                # block letters on a cleared screen, with what it waits for.
                caption = f"E2-E0-03 ({mac}): WAITING FOR A CONFIG"
                deadline = time.time() + 60
                while caption not in nbce2e.read_text(serial) and time.time() < deadline:
                    time.sleep(1)
                screen = nbce2e.read_text(serial)
                assert caption in screen, f"no identify text on the waiting machine's screen: {screen[-1500:]!r}"
                rows = [line for line in screen.splitlines() if re.search(r"\.[#.]{40,}", line)]
                assert len(rows) >= 5, f"no block letters on its screen: {screen[-1500:]!r}"
                assert "\x1b[2J" in screen, "the screen is not cleared (iPXE did not expand the escape)"
                log(f"waiting machine's screen shows {len(rows)} rows of block letters and: {caption}")
                # A broken edit is reported and not applied: the machine keeps waiting.
                yaml_path = os.path.join(ws, "netboot.yaml")
                good = workspace_yaml(kernel, initramfs, assigned + [mac])
                write_atomic(yaml_path, good.replace("mode: proxy", "mode: [proxy"))
                console.wait_for(lambda e: e.get("event") == "workspace-error", 30, "workspace-error for a broken edit")
                n_wait = sum(1 for e in console.events() if e.get("mac") == mac and e.get("detail") == "wait")
                console.wait_for(lambda e: sum(1 for x in console.lines if x.get("mac") == mac
                                               and x.get("detail") == "wait") > n_wait, 60, "still waiting after broken edit")
                write_atomic(yaml_path, good)
                console.wait_for(lambda e: e.get("event") == "workspace-reloaded", 30, "workspace reloaded")
                check_common_stages(boot, serial, "bios")
            except AssertionError as e:
                failures.append(f"wait: {e}")
                log(f"FAILED wait: {e}\n--- serial tail ---\n{nbce2e.read_text(serial)[-3000:]}")

        code = console.stop()
        if code != 0:
            failures.append(f"console exited with {code} after SIGINT")
        console = None
        if failures:
            print("FAILURES:\n  " + "\n  ".join(failures))
            print("--- dnsmasq ---\n" + nbce2e.read_text(dnsmasq_log)[-2000:])
            return 1
        print(f"{len(only)} passed, 0 failed")
        shutil.rmtree(run_dir, ignore_errors=True)   # kept only when something failed
        return 0
    finally:
        nbce2e.teardown(console, ns)


def subprocess_stdout():
    import subprocess
    return subprocess.STDOUT


if __name__ == "__main__":
    sys.exit(main())
