#!/usr/bin/env python3
"""The export (`--export dnsmasq-nginx DIR`) served by real dnsmasq and real nginx, with no
console running, boots a real machine under QEMU in proxy and in full DHCP mode.

For each mode, in namespaces made here:
  1. the console exports the workspace (run inside the server's namespace, so the address
     of its interface is the one written into the scripts), then exits;
  2. nginx (its own config in the run folder, workers as www-data) includes the exported
     server block; the configs, written 0600, are refused (403) until the README's
     chgrp/chmod lines are run, then served;
  3. dnsmasq runs the exported dnsmasq.conf: proxy next to a stand-in router's DHCP
     server, or full DHCP alone on the bridge;
  4. SeaBIOS + iPXE boots the stand-in Talos payload (Debian kernel + busybox initramfs,
     as in e2e_qemu_boot.py), which fetches talos.config= and prints what it got.
Judged from the machine's serial console (the config it fetched is byte for byte the
exported one, with its hostname) and from nginx's access log (its own script and config
asked for from its own address, answered 200). The proxy machine is named by MAC, the
full-mode one by its SMBIOS UUID, so both ways of boot.ipxe's chain are crossed.
"""
import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbce2e  # noqa: E402
import e2e_qemu_boot as qemuboot  # noqa: E402
from nbce2e import log  # noqa: E402

MACS = {"proxy": "52:54:00:e2:e0:21", "dhcp": "52:54:00:e2:e0:22"}
RANGE = "10.77.0.100-10.77.0.199"


def qemu_uuid(mac):
    """The SMBIOS UUID nbce2e.qemu_command gives the machine with this MAC."""
    return "5a1e0000-0000-4000-8000-" + mac.replace(":", "")


def workspace(kernel, initramfs):
    """The e2e workspace: the proxy machine by MAC, the full-mode machine by UUID only."""
    text = qemuboot.workspace_yaml(kernel, initramfs, [MACS["proxy"]])
    text = text.replace("  mode: proxy\n", f"  mode: proxy\n  dhcpRange: {RANGE}\n")
    return text + f"  - uuid: {qemu_uuid(MACS['dhcp'])}\n    config: configs/node.yaml\n    hostname: node-uuid\n"


def readme_commands(out):
    """The chgrp/chmod lines the exported README gives for nginx's group."""
    text = nbce2e.read_text(os.path.join(out, "README.md"))
    return [line for line in text.splitlines() if line.startswith("sudo chgrp") or line.startswith("sudo chmod")]


def boot_through_export(args, work, kernel, initramfs, mode):
    mac = MACS[mode]
    run_dir, ws = nbce2e.make_run_workspace(work, f"export-{mode}", qemuboot.CONFIG_TEXT)
    # dnsmasq's and nginx's own users read the tree: every folder above it is searchable.
    os.chmod(run_dir, 0o755)
    qemuboot.write_atomic(os.path.join(ws, "netboot.yaml"), workspace(kernel, initramfs))
    out = os.path.join(run_dir, "export")
    ns = nbce2e.Namespaces(f"nbcx{mode[0]}")
    failures = []
    try:
        if mode == "proxy":
            srv, router = nbce2e.make_lan(ns)
            lan_log = nbce2e.start_lan_dhcp(ns, router, run_dir)
        else:
            srv = ns.add("s")
            ns.ip(srv, "link", "add", "nbr0", "type", "bridge")
            ns.ip(srv, "addr", "add", "10.77.0.1/24", "dev", "nbr0")
            ns.ip(srv, "link", "set", "nbr0", "up")
            lan_log = None

        started = time.monotonic()
        export = ns.exec(srv, [args.binary, "--workspace", ws, "--mode", mode, "--export", "dnsmasq-nginx", out],
                         check=False)
        log(f"{mode}: export exited {export.returncode} in {time.monotonic() - started:.1f}s:\n{export.stdout}")
        assert export.returncode == 0, export.stdout
        again = ns.exec(srv, [args.binary, "--workspace", ws, "--export", "dnsmasq-nginx", out], check=False)
        assert again.returncode == 1 and "not empty" in again.stdout, f"a second export into {out}: {again.stdout}"

        if mode == "proxy":
            script = f"mac/{mac.replace(':', '-')}.ipxe"
            config = f"configs/mac-{mac.replace(':', '-')}.yaml"
            hostname = "node-" + mac[-2:]
        else:
            script = f"uuid/{qemu_uuid(mac)}.ipxe"
            config = f"configs/uuid-{qemu_uuid(mac)}.yaml"
            hostname = "node-uuid"
        config_path = os.path.join(out, "www", config)
        assert os.stat(config_path).st_mode & 0o777 == 0o600, oct(os.stat(config_path).st_mode)
        conf = nbce2e.read_text(os.path.join(out, "dnsmasq.conf"))
        assert ("dhcp-range=10.77.0.100,10.77.0.199" in conf) == (mode == "dhcp"), conf
        assert ("proxy" in re.search(r"^dhcp-range=.*$", conf, re.M).group(0)) == (mode == "proxy"), conf

        access_log = nbce2e.start_nginx(ns, srv, run_dir, os.path.join(out, "nginx-netboot.conf"))
        base = "http://10.77.0.1:8080"
        deadline = time.monotonic() + 20
        while nbce2e.http_status(ns, srv, f"{base}/boot.ipxe") != 200 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert nbce2e.http_status(ns, srv, f"{base}/boot.ipxe") == 200, "nginx does not serve boot.ipxe"
        # Written 0600: nginx's workers (www-data) may not read the configs ...
        assert nbce2e.http_status(ns, srv, f"{base}/{config}") == 403, "a 0600 config was served"
        # ... until the README's lines give nginx's group read access.
        commands = readme_commands(out)
        assert len(commands) == 2, commands
        for line in commands:
            nbce2e.run(["sh", "-c", line.replace("sudo ", "")])
        assert nbce2e.http_status(ns, srv, f"{base}/{config}") == 200, "README's commands did not let nginx read"
        assert os.stat(config_path).st_mode & 0o007 == 0, "the README made a config readable by everyone"

        ns.popen(srv, ["dnsmasq", "--no-daemon", "--conf-file=" + os.path.join(out, "dnsmasq.conf"), "--log-dhcp",
                       f"--dhcp-leasefile={run_dir}/export-leases", f"--pid-file={run_dir}/export-dnsmasq.pid"],
                 stdout=open(os.path.join(run_dir, "export-dnsmasq.log"), "w"), stderr=subprocess.STDOUT)

        tap = f"ntx{mode[0]}"
        ns.ip(srv, "tuntap", "add", "dev", tap, "mode", "tap")
        ns.ip(srv, "link", "set", tap, "master", "nbr0", "up")
        serial = os.path.join(run_dir, f"serial-{mode}.log")
        boot_start = time.monotonic()
        ns.popen(srv, nbce2e.qemu_command("bios", tap, mac, serial, run_dir),
                 stdout=open(os.path.join(run_dir, f"qemu-{mode}.log"), "w"), stderr=subprocess.STDOUT)
        text = nbce2e.wait_for_text(serial, "NBC-PAYLOAD: done", qemuboot.BOOT_TIMEOUT)
        log(f"{mode}: machine finished in {time.monotonic() - boot_start:.1f}s")
        try:
            assert "NBC-PAYLOAD: started" in text, "the payload never started; serial tail:\n" + text[-3000:]
            assert f"NBC-PAYLOAD: mac={mac}" in text, "the payload did not report its MAC"
            with open(config_path, "rb") as f:
                exported = f.read()
            sha = hashlib.sha256(exported).hexdigest()
            assert f"NBC-PAYLOAD: config-sha256={sha}" in text, \
                "the machine did not fetch its exported config:\n" + text[-2000:]
            fetched = nbce2e.served_config(text)
            assert "token: e2e-dummy-token" in fetched and f"hostname: {hostname}" in fetched, fetched
            assert "KmsgLogConfig" not in fetched, "the export's config names a log sink nobody listens on"
            # nginx saw the machine ask for its own script and config, from its own address.
            lines = nbce2e.read_text(access_log).splitlines()
            own = [line for line in lines if not line.startswith("10.77.0.1 ")]
            for path in (f"/{script}", f"/{config}", "/assets/e2e/vmlinuz", "/assets/e2e/initramfs.xz"):
                hits = [line for line in own if f'"GET {path} ' in line and '" 200 ' in line]
                assert hits, f"nginx's access log has no 200 for {path}:\n" + "\n".join(own[-20:])
            address = [line for line in own if f'"GET /{config} ' in line][0].split()[0]
            if mode == "dhcp":
                leases = nbce2e.read_text(os.path.join(run_dir, "export-leases"))
                assert mac in leases and address in leases, f"{address} is not {mac}'s lease:\n{leases}"
            log(f"{mode}: the machine at {address} fetched {config} ({len(exported)} bytes, sha256 {sha[:12]}…)")
        except AssertionError as e:
            failures.append(f"{mode}: {e}")
            log(f"FAILED {mode}: {e}\n--- export dnsmasq ---\n"
                + nbce2e.read_text(os.path.join(run_dir, "export-dnsmasq.log"))[-3000:]
                + "\n--- nginx access ---\n" + nbce2e.read_text(access_log)[-2000:]
                + ("\n--- LAN dnsmasq ---\n" + nbce2e.read_text(lan_log)[-1500:] if lan_log else ""))
    except AssertionError as e:
        failures.append(f"{mode}: {e}")
        log(f"FAILED {mode}: {e}")
    finally:
        ns.cleanup()
    if not failures:
        shutil.rmtree(run_dir, ignore_errors=True)   # kept only when something failed
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--only", choices=["proxy", "dhcp"], action="append")
    args = parser.parse_args()
    nbce2e.require_root_and_tools(["ip", "qemu-system-x86_64", "dnsmasq", "nginx", "curl", "cpio", "xz", "apt-get",
                                   "dpkg"])
    for path in ("/usr/lib/ipxe/undionly.kpxe", "/usr/lib/ipxe/qemu/pxe-virtio.rom", "/bin/busybox"):
        if not os.path.exists(path):
            nbce2e.skip(f"{path} is missing (make deps installs ipxe, ipxe-qemu, busybox-static)")
    try:
        import pwd
        pwd.getpwnam("www-data")
    except KeyError:
        nbce2e.skip("no www-data user for nginx's workers")
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    os.chmod(work, 0o755)
    kernel, initramfs = nbce2e.build_payload(os.path.join(work, "cache"))
    modes = args.only or ["proxy", "dhcp"]
    failures = []
    for mode in modes:
        failures += boot_through_export(args, work, kernel, initramfs, mode)
    if failures:
        print("FAILURES:\n  " + "\n  ".join(failures))
        print(f"0 passed, {len(failures)} failed")
        return 1
    print(f"{len(modes)} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
