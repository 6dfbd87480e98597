"""Shared pieces of the end-to-end tests: network namespaces, the console process and
its event lines, the stand-in Talos payload (Debian kernel + busybox initramfs), QEMU.

Every test host lives in a network namespace the test creates and deletes; no test
traffic leaves them. Only processes started here are stopped, by PID.
"""
import contextlib
import ctypes
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

SKIP = 77


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def skip(reason):
    print(f"SKIP: {reason}", flush=True)
    sys.exit(SKIP)


def require_root_and_tools(tools):
    if os.geteuid() != 0:
        skip("needs root to create network namespaces (CI runs as root)")
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        skip("missing programs: " + ", ".join(missing) + " (make deps installs them)")


def run(cmd, check=True, **kw):
    return subprocess.run(cmd, check=check, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


_libc = ctypes.CDLL(None, use_errno=True)
_CLONE_NEWNET = 0x40000000


@contextlib.contextmanager
def netns(name):
    """Sockets created inside the block belong to network namespace `name` (made by
    Namespaces.add). Only the calling thread switches, and only for the block; a socket
    stays in its namespace for its whole life, so it can be used anywhere afterwards.
    Start no subprocess inside the block."""
    with open("/proc/thread-self/ns/net") as own, open(f"/run/netns/{name}") as target:
        if _libc.setns(target.fileno(), _CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, f"setns into {name}: {os.strerror(err)}")
        try:
            yield
        finally:
            if _libc.setns(own.fileno(), _CLONE_NEWNET) != 0:
                err = ctypes.get_errno()
                raise OSError(err, f"setns back from {name}: {os.strerror(err)}")


def rss_kib(pid):
    """VmRSS of a process in KiB, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


class Namespaces:
    """Creates namespaces, links and processes; cleanup() removes all of them."""

    def __init__(self, prefix):
        self.prefix = f"{prefix}{os.getpid() % 100000}"
        self.names = []
        self.procs = []

    def add(self, short):
        name = f"{self.prefix}{short}"
        run(["ip", "netns", "add", name])
        self.names.append(name)
        self.ip(name, "link", "set", "lo", "up")
        return name

    def ip(self, ns, *args):
        return run(["ip", "-n", ns, *args])

    def exec(self, ns, cmd, check=True):
        return run(["ip", "netns", "exec", ns, *cmd], check=check)

    def popen(self, ns, cmd, **kw):
        proc = subprocess.Popen(["ip", "netns", "exec", ns, *cmd], **kw)
        self.procs.append(proc)
        return proc

    def cleanup(self):
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        for name in reversed(self.names):
            # Deleting a namespace removes its veth/tap/bridge devices with it.
            run(["ip", "netns", "del", name], check=False)
        self.names.clear()


class Console:
    """The real netboot-console --headless, its JSON event lines collected as they come."""

    def __init__(self, namespaces, ns, binary, args, log_path):
        self.lines = []
        self.lock = threading.Condition()
        self.log_file = open(log_path, "w")
        self.proc = namespaces.popen(ns, [binary, "--headless", *args], stdout=subprocess.PIPE,
                                     stderr=self.log_file, text=True, bufsize=1)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for raw in self.proc.stdout:
            self.log_file.write(raw)
            self.log_file.flush()
            try:
                event = json.loads(raw)
            except ValueError:
                event = {"event": "unparsable", "detail": raw}
            with self.lock:
                self.lines.append(event)
                self.lock.notify_all()

    def events(self, since=0):
        with self.lock:
            return self.lines[since:]

    def mark(self):
        """How many lines have arrived: pass it as wait_for's since to see only later ones."""
        with self.lock:
            return len(self.lines)

    def wait_for(self, predicate, timeout, what, since=0):
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                for event in self.lines[since:]:
                    if predicate(event):
                        return event
                if self.proc.poll() is not None:
                    raise AssertionError(f"console exited (code {self.proc.returncode}) while waiting for {what}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
                self.lock.wait(min(left, 1.0))

    def kill(self):
        """SIGKILL, as a crash or a pulled plug of the console would end it."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=20)
        self.reader.join(timeout=5)
        self.log_file.close()
        return self.proc.returncode

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                raise AssertionError("console did not stop within 20 s of SIGINT")
        self.reader.join(timeout=5)
        self.log_file.close()
        return self.proc.returncode


def make_lan(ns):
    """The console's namespace with bridge nbr0 (10.77.0.1/24, machines' taps join it) and a
    router namespace on it at 10.77.0.2 (vrt1). Returns (srv, router)."""
    srv = ns.add("s")
    router = ns.add("r")
    ns.ip(srv, "link", "add", "nbr0", "type", "bridge")
    ns.ip(srv, "addr", "add", "10.77.0.1/24", "dev", "nbr0")
    ns.ip(srv, "link", "set", "nbr0", "up")
    ns.ip(srv, "link", "add", "vrt0", "type", "veth", "peer", "name", "vrt1", "netns", router)
    ns.ip(srv, "link", "set", "vrt0", "master", "nbr0", "up")
    ns.ip(router, "addr", "add", "10.77.0.2/24", "dev", "vrt1")
    ns.ip(router, "link", "set", "vrt1", "up")
    return srv, router


def start_lan_dhcp(ns, router, run_dir, no_ping=False):
    """dnsmasq as the LAN's plain DHCP server on the router (10.77.0.100-150); returns its log.
    dnsmasq pings an address before it first offers it (about 3 s); no_ping offers at once."""
    path = os.path.join(run_dir, "dnsmasq.log")
    ns.popen(router, ["dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0", "--interface=vrt1",
                      "--bind-interfaces", "--dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,1h",
                      f"--dhcp-leasefile={run_dir}/leases", "--dhcp-authoritative", "--log-dhcp"]
             + (["--no-ping"] if no_ping else []),
             stdout=open(path, "w"), stderr=subprocess.STDOUT)
    return path


def teardown(console, ns):
    """Stops a console still running (a failed check) and removes the namespaces."""
    if console is not None:
        try:
            console.stop()
        except AssertionError:
            pass
    ns.cleanup()


# ----------------------------------------------------------------------------- payload

INIT_SCRIPT = r"""#!/bin/busybox sh
# Stand-in for Talos's first steps: network up, fetch talos.config=, send a JSON log
# line to talos.logging.kernel=, power off.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
echo "NBC-PAYLOAD: started"
for m in $(cat /modules.order); do insmod "/lib/modules/$m" 2>/dev/null; done
sleep 1
IF=$(ls /sys/class/net | grep -v '^lo$' | head -n 1)
ip link set lo up
ip link set "$IF" up
if ! udhcpc -i "$IF" -n -q -t 10 -T 2 -s /udhcpc.sh; then
    echo "NBC-PAYLOAD: dhcp failed"; poweroff -f
fi
MAC=$(cat "/sys/class/net/$IF/address")
for arg in $(cat /proc/cmdline); do
    case "$arg" in
        talos.config=*) CFG="${arg#talos.config=}" ;;
        talos.logging.kernel=*) LOG="${arg#talos.logging.kernel=}" ;;
    esac
done
echo "NBC-PAYLOAD: mac=$MAC config=$CFG log=$LOG"
# Talos fills ${mac} (URL-encoded) in query values of talos.config (reference 2.2).
ENC=$(echo "$MAC" | sed 's/:/%3A/g')
URL=$(echo "$CFG" | sed "s/\${mac}/$ENC/g")
if [ -n "$URL" ] && timeout 60 wget -q -O /tmp/config "$URL"; then
    echo "NBC-PAYLOAD: config-sha256=$(sha256sum /tmp/config | cut -d ' ' -f 1)"
    sed 's/^/NBC-CONFIG: /' /tmp/config
else
    echo "NBC-PAYLOAD: config-fetch-failed"
fi
HP="${LOG#tcp://}"; HP="${HP%/}"
HOST="${HP%:*}"; PORT="${HP##*:}"
LINE1="{\"msg\":\"[talos] task install (1/1): installing Talos to disk /dev/sda\",\"talos-level\":\"info\",\"facility\":\"user\",\"mac\":\"$MAC\"}"
# nbc.e2e=install: play a finished install (Talos's own words, reference 3.4) and reboot,
# as Talos does, so the firmware network-boots again and the console sends it to its disk.
if grep -q "nbc.e2e=install" /proc/cmdline; then
    LINE2="{\"msg\":\"[talos] task install (1/1): install successful\",\"talos-level\":\"info\",\"facility\":\"user\",\"mac\":\"$MAC\"}"
    printf '%s\n%s\n' "$LINE1" "$LINE2" | timeout 5 nc "$HOST" "$PORT"
    echo "NBC-PAYLOAD: log-sent"
    echo "NBC-PAYLOAD: install-reported, rebooting"
    echo "NBC-PAYLOAD: done"
    sleep 1
    reboot -f
fi
echo "$LINE1" | timeout 5 nc "$HOST" "$PORT"
echo "NBC-PAYLOAD: log-sent"
echo "NBC-PAYLOAD: done"
poweroff -f
"""

UDHCPC_SCRIPT = r"""#!/bin/sh
case "$1" in
    bound|renew)
        ip addr flush dev "$interface"
        ip addr add "$ip/${mask:-24}" dev "$interface"
        [ -n "$router" ] && ip route add default via "${router%% *}" ;;
esac
exit 0
"""

PAYLOAD_MODULES = ["virtio_pci", "virtio_net", "e1000", "8139too", "8139cp"]


def fetch_debian_kernel(cache):
    """Debian's kernel package, unpacked with dpkg -x (no host initrd is built)."""
    done = glob.glob(os.path.join(cache, "kernel", "boot", "vmlinuz-*"))
    if done:
        return os.path.join(cache, "kernel"), done[0]
    os.makedirs(cache, exist_ok=True)
    dep = run(["apt-cache", "depends", "linux-image-amd64"], check=False).stdout
    if "Depends: linux-image-" not in dep:
        run(["apt-get", "update", "-qq"])
        dep = run(["apt-cache", "depends", "linux-image-amd64"]).stdout
    package = next(line.split()[1] for line in dep.splitlines() if line.strip().startswith("Depends: linux-image-"))
    log(f"fetching {package}")
    result = run(["apt-get", "download", package], cwd=cache, check=False)
    if result.returncode != 0:
        run(["apt-get", "update", "-qq"])
        run(["apt-get", "download", package], cwd=cache)
    deb = glob.glob(os.path.join(cache, package + "_*.deb"))[0]
    run(["dpkg", "-x", deb, os.path.join(cache, "kernel")])
    os.remove(deb)
    return os.path.join(cache, "kernel"), glob.glob(os.path.join(cache, "kernel", "boot", "vmlinuz-*"))[0]


def module_closure(moddir, wanted):
    """Module paths in load order. The package's maintainer scripts never ran (no
    modules.dep), so read each module's own "depends=" from its .modinfo strings."""
    paths = {}
    for path in glob.glob(os.path.join(moddir, "kernel", "**", "*.ko"), recursive=True):
        paths[os.path.basename(path)[:-3].replace("-", "_")] = path

    def depends(path):
        with open(path, "rb") as f:
            data = f.read()
        at = data.find(b"\0depends=")
        if at < 0:
            return []
        value = data[at + 9:data.index(b"\0", at + 1)].decode()
        return [d.replace("-", "_") for d in value.split(",") if d]

    order = []

    def visit(name):
        path = paths[name]
        for need in depends(path):
            visit(need)
        rel = os.path.relpath(path, moddir)
        if rel not in order:
            order.append(rel)

    for name in wanted:
        visit(name)
    return order


def build_payload(cache):
    """Returns (kernel path, initramfs path): the stand-in for Talos's vmlinuz/initramfs."""
    kdir, vmlinuz = fetch_debian_kernel(cache)
    out = os.path.join(cache, "initramfs.xz")
    if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(__file__):
        return vmlinuz, out
    root = os.path.join(cache, "initramfs-root")
    shutil.rmtree(root, ignore_errors=True)
    for d in ["bin", "proc", "sys", "dev", "tmp", "lib/modules"]:
        os.makedirs(os.path.join(root, d), exist_ok=True)
    shutil.copy2("/bin/busybox", os.path.join(root, "bin", "busybox"))
    os.symlink("busybox", os.path.join(root, "bin", "sh"))
    moddir = glob.glob(os.path.join(kdir, "lib", "modules", "*"))[0]
    order = module_closure(moddir, PAYLOAD_MODULES)
    for rel in order:
        dest = os.path.join(root, "lib", "modules", rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copy2(os.path.join(moddir, rel), dest)
    with open(os.path.join(root, "modules.order"), "w") as f:
        f.write("\n".join(order) + "\n")
    for name, text in (("init", INIT_SCRIPT), ("udhcpc.sh", UDHCPC_SCRIPT)):
        path = os.path.join(root, name)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o755)
    # newc cpio, xz with CRC32: the kernel's xz decoder does not do CRC64.
    cpio = subprocess.run("find . | cpio -o -H newc --quiet", shell=True, cwd=root, check=True,
                          stdout=subprocess.PIPE).stdout
    xz = subprocess.run(["xz", "--check=crc32", "-6", "-c"], input=cpio, check=True, stdout=subprocess.PIPE).stdout
    with open(out + ".tmp", "wb") as f:
        f.write(xz)
    os.replace(out + ".tmp", out)
    return vmlinuz, out


def make_run_workspace(work, prefix, config_text):
    """A fresh run folder with workspace/configs/node.yaml (0600); returns (run_dir, ws)."""
    run_dir = os.path.join(work, f"{prefix}-{os.getpid()}")
    shutil.rmtree(run_dir, ignore_errors=True)
    ws = os.path.join(run_dir, "workspace")
    os.makedirs(os.path.join(ws, "configs"))
    config_path = os.path.join(ws, "configs", "node.yaml")
    with open(config_path, "w") as f:
        f.write(config_text)
    os.chmod(config_path, 0o600)
    return run_dir, ws


# ----------------------------------------------------------------------------- QEMU

def qemu_command(firmware, tap, mac, serial_log, work, nic="virtio-net-pci", disk=None, reboot=False,
                 http_boot=False, rom="default", ipv6=True, offload=True):
    """QEMU for one test machine. firmware: "bios" (SeaBIOS with the NIC's iPXE option ROM)
    or "uefi" (OVMF). nic: a QEMU NIC model. disk: a raw image booted after the network
    (a copy-on-write snapshot, so one image serves every machine). reboot: a guest reboot
    resets the machine instead of ending QEMU. http_boot: OVMF's PXE switched off, so it
    boots by UEFI HTTP. rom: "default" (QEMU's ROM for the NIC), "none", or a path.
    ipv6=False: OVMF's network stack without IPv6 (no PXEv6/HTTPv6 boot entries), as the
    firmware setup of a site with IPv4 only is set. offload=False: a virtio NIC without
    checksum offload, so every frame on the wire carries its own checksums."""
    cmd = ["qemu-system-x86_64", "-accel", "tcg", "-m", "512", "-smp", "1",
           "-display", "none", "-serial", f"file:{serial_log}", "-monitor", "none",
           "-netdev", f"tap,id=n0,ifname={tap},script=no,downscript=no",
           # The marker boot loader on the test disk ends QEMU with exit status 33 (MARKER_EXIT).
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           # SMBIOS identity that iPXE reports (${uuid}, ${serial}) and the console records.
           "-uuid", "5a1e0000-0000-4000-8000-" + mac.replace(":", ""),
           "-smbios", "type=1,manufacturer=Netboot Test,product=E2E Machine,serial=E2E-" + mac.replace(":", "")[-6:]]
    if not reboot:
        cmd.append("-no-reboot")
    if rom == "default" and firmware == "uefi" and nic == "virtio-net-pci":
        rom = "none"   # OVMF has its own virtio-net driver: its own PXE client runs, not iPXE's
    nic_options = f"{nic},netdev=n0,mac={mac},bootindex=1"
    if not offload and nic == "virtio-net-pci":
        nic_options += ",csum=off"
    if rom == "none":
        nic_options += ",romfile="
    elif rom != "default":
        nic_options += f",romfile={rom}"
    if firmware == "bios":
        # SeaBIOS with the NIC's iPXE option ROM; SeaBIOS/iPXE print to serial only with graphics=off.
        cmd += ["-machine", "pc,graphics=off"]
    else:
        vars_copy = os.path.join(work, f"OVMF_VARS-{mac.replace(':', '')}.fd")
        shutil.copy2("/usr/share/OVMF/OVMF_VARS.fd", vars_copy)
        cmd += ["-machine", "q35",
                "-drive", "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE.fd",
                "-drive", f"if=pflash,format=raw,file={vars_copy}"]
        if http_boot:
            # OVMF's run-time switches (fw_cfg): no PXE over IPv4 or IPv6, so the NIC's
            # remaining boot entry is "UEFI HTTPv4".
            cmd += ["-fw_cfg", "name=opt/org.tianocore/IPv4PXESupport,string=n",
                    "-fw_cfg", "name=opt/org.tianocore/IPv6PXESupport,string=n"]
        if not ipv6:
            cmd += ["-fw_cfg", "name=opt/org.tianocore/IPv6Support,string=n"]
    cmd += ["-device", nic_options]
    if disk:
        cmd += ["-drive", f"if=none,id=d0,format=raw,snapshot=on,file={disk}",
                "-device", "virtio-blk-pci,drive=d0,bootindex=2"]
    else:
        cmd += ["-boot", "n"]
    return cmd


# ----------------------------------------------------------------------------- marker disk

MARKER_EXIT = 33    # isa-debug-exit: QEMU ends with (0x10 << 1) | 1 when the marker runs
MARKER_TEXT = "NBC-DISK: booted from the disk ({})"


def _marker_code(text, bits):
    """x86 code that writes text to COM1 (port 0x3f8), then 0x10 to isa-debug-exit (0xf4)
    so QEMU ends, then halts. Real mode at 0x7c00 (bits=16) or position-independent long
    mode (bits=64, the message addressed RIP-relative)."""
    msg = text.encode() + b"\r\n\0"
    if bits == 16:
        # cli; cld; xor ax,ax; mov ds,ax; mov si,msg
        head = bytes([0xFA, 0xFC, 0x31, 0xC0, 0x8E, 0xD8, 0xBE]) + (0x7C00 + 9 + 3 + 15).to_bytes(2, "little")
        head += bytes([0xBA, 0xF8, 0x03])                  # mov dx,0x3f8
    else:
        # cld; lea rsi,[rip+disp] (disp from the next instruction to msg); mov dx,0x3f8
        head = bytes([0xFC, 0x48, 0x8D, 0x35]) + (4 + 15).to_bytes(4, "little") + bytes([0x66, 0xBA, 0xF8, 0x03])
    loop = bytes([0xAC,              # lodsb
                  0x84, 0xC0,        # test al,al
                  0x74, 0x03,        # jz done
                  0xEE,              # out dx,al
                  0xEB, 0xF8,        # jmp loop
                  0xB0, 0x10,        # done: mov al,0x10
                  0xE6, 0xF4,        # out 0xf4,al
                  0xF4,              # hlt
                  0xEB, 0xFD])       # jmp hlt
    assert len(loop) == 15 and len(head) == 12
    return head + loop + msg


def _efi_application(code):
    """A minimal PE32+ EFI application (subsystem 10) whose entry point is code; the code
    is position independent, so the image needs no relocations."""
    import struct
    text_raw = code + b"\0" * (-len(code) % 0x200)
    dos = b"MZ" + b"\0" * 58 + struct.pack("<I", 0x40)
    coff = struct.pack("<HHIIIHH", 0x8664, 1, 0, 0, 0, 240, 0x0022)
    opt = struct.pack("<HBBIIIII", 0x20B, 0, 0, len(text_raw), 0, 0, 0x1000, 0x1000)
    opt += struct.pack("<QIIHHHHHHIIIIHH", 0x400000, 0x1000, 0x200, 0, 0, 0, 0, 0, 0, 0,
                       0x2000, 0x200, 0, 10, 0)
    opt += struct.pack("<QQQQII", 0x10000, 0x10000, 0x10000, 0x1000, 0, 16) + b"\0" * 128
    assert len(opt) == 240
    section = b".text\0\0\0" + struct.pack("<IIIIIIHHI", len(code), 0x1000, len(text_raw), 0x200, 0, 0, 0, 0,
                                           0x60000020)
    headers = dos + b"PE\0\0" + coff + opt + section
    return headers + b"\0" * (0x200 - len(headers)) + text_raw


def marker_disk(cache):
    """A raw disk that boots, on SeaBIOS from its MBR and on OVMF from its EFI system
    partition (\\EFI\\BOOT\\BOOTX64.EFI), a marker loader printing MARKER_TEXT on the serial
    console and ending QEMU with MARKER_EXIT: the stand-in for Talos on the machine's disk."""
    out = os.path.join(cache, "marker-disk.img")
    if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(__file__):
        return out
    os.makedirs(cache, exist_ok=True)
    esp = out + ".esp"
    if os.path.exists(esp):
        os.remove(esp)
    run(["mkfs.vfat", "-C", "-n", "NBCMARKER", esp, "16384"])
    efi = os.path.join(cache, "BOOTX64.EFI")
    with open(efi, "wb") as f:
        f.write(_efi_application(_marker_code(MARKER_TEXT.format("uefi"), 64)))
    run(["mmd", "-i", esp, "::/EFI", "::/EFI/BOOT"])
    run(["mcopy", "-i", esp, efi, "::/EFI/BOOT/BOOTX64.EFI"])
    mbr = bytearray(512)
    code = _marker_code(MARKER_TEXT.format("bios"), 16)
    mbr[:len(code)] = code
    start, sectors = 2048, os.path.getsize(esp) // 512
    # One partition of type 0xEF (EFI system) from sector 2048; CHS fields unused (0xFE..).
    mbr[446:462] = bytes([0x00, 0xFE, 0xFF, 0xFF, 0xEF, 0xFE, 0xFF, 0xFF]) + start.to_bytes(4, "little") + \
        sectors.to_bytes(4, "little")
    mbr[510:512] = b"\x55\xAA"
    with open(out + ".tmp", "wb") as f:
        f.write(mbr + b"\0" * (start * 512 - 512))
        with open(esp, "rb") as e:
            shutil.copyfileobj(e, f)
    os.remove(esp)
    os.replace(out + ".tmp", out)
    return out


def served_config(serial_text):
    """The config the payload fetched, as it printed it on its console."""
    lines = [line.split("NBC-CONFIG: ", 1)[1].rstrip("\r") for line in serial_text.splitlines() if "NBC-CONFIG: " in line]
    return "\n".join(lines) + "\n"


def read_text(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except FileNotFoundError:
        return ""


# ----------------------------------------------------------------------------- peers

NGINX_CONF = """# nginx of an end-to-end test: its own prefix in the run folder, in the foreground.
daemon off;
master_process on;
worker_processes 1;
user {user};
pid {run}/nginx.pid;
error_log {run}/nginx-error.log info;
events {{ worker_connections 64; }}
http {{
    access_log {run}/nginx-access.log;
    client_body_temp_path {run}/nginx-tmp/body;
    proxy_temp_path {run}/nginx-tmp/proxy;
    fastcgi_temp_path {run}/nginx-tmp/fastcgi;
    uwsgi_temp_path {run}/nginx-tmp/uwsgi;
    scgi_temp_path {run}/nginx-tmp/scgi;
    include {include};
}}
"""


def start_nginx(ns, netns_name, run_dir, include, user="www-data"):
    """A real nginx as a child process in namespace `netns_name`: a config of its own in
    run_dir that includes the server block `include`, workers as `user` (as Debian's
    packaged nginx runs them). Returns the access log's path once nginx answers."""
    conf = os.path.join(run_dir, "nginx.conf")
    os.makedirs(os.path.join(run_dir, "nginx-tmp"), exist_ok=True)
    with open(conf, "w") as f:
        f.write(NGINX_CONF.format(run=run_dir, include=include, user=user))
    check = ns.exec(netns_name, ["nginx", "-t", "-p", run_dir, "-c", conf], check=False)
    if check.returncode != 0:
        raise AssertionError("nginx -t refused the config:\n" + check.stdout)
    ns.popen(netns_name, ["nginx", "-p", run_dir, "-c", conf],
             stdout=open(os.path.join(run_dir, "nginx.out"), "w"), stderr=subprocess.STDOUT)
    return os.path.join(run_dir, "nginx-access.log")


def http_status(ns, netns_name, url):
    """The status curl gets for url from inside the namespace (0 when nothing answers)."""
    out = ns.exec(netns_name, ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", url],
                  check=False).stdout.strip()
    return int(out) if out.isdigit() else 0


def wait_for_text(path, marker, timeout):
    """The text of path once it holds marker, or whatever it holds after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = read_text(path)
        if marker in text:
            return text
        time.sleep(1)
    return read_text(path)
