#!/usr/bin/env python3
"""End-to-end: a hostile LAN. Per-source limits, bounded state, no amplification.

The real `netboot-console --headless --mode proxy` serves one veth (server 10.93.0.1/24).
On the other end, in a second namespace, one host plays two parts: 10.93.0.3 is a good
machine (its primary address, so its DHCP leaves from there) and 10.93.0.2 a neighbour
that attacks; 10.93.0.4 is a second good machine that turns up late, and 10.93.0.100-129
are the sources the forged DISCOVERs claim. Every attack uses real sockets:

  1. 1000 idle HTTP connections from one address: a few are kept (per-address share),
     the rest get a 503 and are closed (counted as dropped:per-address-limit);
  2. a slow reader (tiny receive buffer, one byte a second) of a 64 MiB kernel: closed
     as too slow (dropped:too-slow) within a minute;
  3. 2000 idle log connections from one address: a few are kept, the rest closed;
  4. a 100 MiB log line without a newline: the connection is closed after the line cap
     (dropped:line-too-long);
  5. 3000 forged PXE DISCOVERs with random MACs: machine rows stay under
     `limits: maxMachines` (inventory.sqlite), the file stays small, a new good machine
     still gets its row;
  6. 1000 TFTP RRQs that never ACK: the good machine's TFTP still works, and an RRQ that
     is never acknowledged draws at most two datagrams (no amplification);
  7. TFTP packets from a wrong port during a transfer: the transfer completes with the
     right bytes, the stray sender gets no answer (no reflection);
  8. malformed DHCP at 5000/s to 67 and 4011: dropped by counted reason.

After every attack (while it still runs, where that makes sense) the good machine is
served: its PXE DHCP REQUEST is answered and teaches the console its address; boot.ipxe
and its own script within 1 s; its config (token bound to its address) with 200; its
Talos log line arrives as a `log` event with its MAC; in the TFTP scenarios its iPXE
binary over TFTP. The console's RSS stays under a stated bound throughout, it is still
running at the end and stops cleanly, and its stderr has no sanitizer or fatal lines.

The planned limits are constants at the top of this file. `--only 1,5` runs a subset.
Needs root (namespaces); exits 77 with the reason otherwise. Every wait is bounded;
namespaces and processes are removed in `finally`.
"""
import argparse
import http.client
import json
import mmap
import os
import random
import re
import resource
import select
import shutil
import socket
import sqlite3
import struct
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbce2e  # noqa: E402
import e2e_dhcp_proxy as wire  # noqa: E402  (DHCP packets, the in-namespace probe, Checks)

log = nbce2e.log
expect = wire.expect

# ----------------------------------------------------------------------------- the LAN

SERVER = "10.93.0.1"
GOOD = "10.93.0.3"            # the good machine; the client side's primary address
ATTACKER = "10.93.0.2"        # the neighbour that attacks
NEW_GOOD = "10.93.0.4"        # a good machine that first appears after the DISCOVER flood
FORGED_SOURCES = [f"10.93.0.{n}" for n in range(100, 130)]
SITE_DHCP = "10.93.0.254"     # the site's DHCP server the good machine's REQUEST names (silent)
GOOD_MAC = "52:54:00:93:00:03"
NEW_GOOD_MAC = "52:54:00:93:00:04"
ATTACKER_MAC = "52:54:00:93:00:02"
SRV_IF, CLI_IF = "hls0", "hlc0"
HTTP_PORT, LOG_PORT, TFTP_PORT, DHCP_PORT, PROXY_PORT = 8080, 4050, 69, 67, 4011
IPXE_BIOS = "/usr/lib/ipxe/undionly.kpxe"
IPXE_UEFI = "/usr/lib/ipxe/ipxe.efi"
CONFIG_FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "talos",
                              "talos-1.12-worker.yaml")
KERNEL_BYTES = 64 * 1024 * 1024

# ----------------------------------------------------------------------------- the planned limits
# What the console is meant to do; adjust here when a default changes.

HTTP_PER_ADDRESS = 8                     # HTTP connections one address may hold
HTTP_LIMIT_COUNTER = "dropped:per-address-limit"
SLOW_READER_CLOSED_WITHIN = 60           # s: a reader far below 16 KiB per window is closed by then
SLOW_READER_COUNTER = "dropped:too-slow"
LOG_PER_ADDRESS = 8                      # log TCP connections one address may hold
LOG_LINE_CAP = 64 * 1024                 # bytes of one log line
LOG_LINE_COUNTER = "dropped:line-too-long"
MAX_MACHINES = 500                       # netboot.yaml limits: maxMachines
INVENTORY_MAX_BYTES = 5 * 1024 * 1024    # inventory.sqlite after the DISCOVER flood
INVENTORY_WAL_MAX_BYTES = 8 * 1024 * 1024
TFTP_DATAGRAMS_PER_UNACKED_RRQ = 2       # the first answer and at most one repeat
RSS_BOUND_MB = 150                       # the console's VmRSS at every sample
SANITIZER_RSS_FACTOR = 4                 # an ASan build's shadow memory raises RSS
SCRIPT_WITHIN = 1.0                      # s: boot.ipxe + the machine's own script
LOG_EVENT_WITHIN = 5.0                   # s: the good log line shows as an event

# ----------------------------------------------------------------------------- the attacks' sizes

IDLE_HTTP_CONNECTIONS = 1000
IDLE_LOG_CONNECTIONS = 2000
HUGE_LOG_LINE = 100 * 1024 * 1024
FORGED_DISCOVERS = 3000
UNACKED_RRQS = 1000
UNACKED_WATCH = 10.0                     # s: how long an unacknowledged RRQ is watched
MALFORMED_DHCP_RATE = 5000               # datagrams per second
MALFORMED_DHCP_SECONDS = 3.0


# ----------------------------------------------------------------------------- workspace

def workspace_yaml():
    return f"""network:
  interface: {SRV_IF}
  mode: proxy
ports: {{dhcp: {DHCP_PORT}, proxy: {PROXY_PORT}, tftp: {TFTP_PORT}, http: {HTTP_PORT}, logs: {LOG_PORT}}}
ipxe: {{bios: {IPXE_BIOS}, uefi: {IPXE_UEFI}}}
artifacts:
  hostile:
    kernel: artifacts/vmlinuz
    initramfs: artifacts/initramfs.xz
    talosVersion: "1.12"
defaultArtifacts: hostile
unassigned: wait
afterInstall: exit
limits: {{maxMachines: {MAX_MACHINES}}}
machines:
  - mac: {GOOD_MAC}
    config: configs/node.yaml
    hostname: good-1
  - mac: {NEW_GOOD_MAC}
    config: configs/node.yaml
    hostname: good-2
"""


def write_artifacts(ws):
    """A 64 MiB kernel (sparse, with the bzImage marks the console checks) and a small
    initramfs that starts like an xz file."""
    folder = os.path.join(ws, "artifacts")
    os.makedirs(folder)
    with open(os.path.join(folder, "vmlinuz"), "wb") as f:
        f.write(os.urandom(0x1fe) + b"\x55\xaa" + b"\xeb\x66" + b"HdrS" + os.urandom(64))
        f.truncate(KERNEL_BYTES)
    with open(os.path.join(folder, "initramfs.xz"), "wb") as f:
        f.write(bytes.fromhex("fd377a585a00") + os.urandom(1024 * 1024))


# ----------------------------------------------------------------------------- small wire helpers

def tcp_socket(ns_name, source, nonblocking=False, rcvbuf=None):
    with nbce2e.netns(ns_name):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf is not None:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind((source, 0))
    if nonblocking:
        s.setblocking(False)
    return s


def udp_socket(ns_name, source, port=0, device=None):
    with nbce2e.netns(ns_name):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if device:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        s.setsockopt(socket.SOL_SOCKET, wire.SO_BINDTODEVICE, device.encode())
    s.bind((source, port))
    return s


def http_get(ns_name, source, url, timeout=5.0):
    """(status, body) of one GET from `source`, on a fresh connection."""
    parts = urllib.parse.urlsplit(url)
    with nbce2e.netns(ns_name):
        conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout,
                                          source_address=(source, 0))
        try:
            conn.request("GET", parts.path + ("?" + parts.query if parts.query else ""))
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()


def fill_ipxe_url(template, values):
    """The chain URL of boot.ipxe with iPXE's ${name:type} settings filled in."""
    def one(match):
        name, _, kind = match.group(1).partition(":")
        if name not in values:
            raise AssertionError(f"boot.ipxe uses an iPXE setting the test does not know: {match.group(0)}")
        value = values[name]
        return urllib.parse.quote(value, safe="") if kind == "uristring" else value
    return re.sub(r"\$\{([^}]+)\}", one, template)


def tftp_rrq(name, options=None):
    packet = b"\x00\x01" + name.encode() + b"\x00octet\x00"
    for key, value in (options or {}).items():
        packet += key.encode() + b"\x00" + str(value).encode() + b"\x00"
    return packet


def tftp_get(sock, name, deadline_s=15.0, on_data=None):
    """A plain RFC 1350 read over `sock`; returns (bytes, the server's transfer port,
    datagrams received twice). on_data(block, port) runs before each ACK."""
    sock.settimeout(1.0)
    rrq = tftp_rrq(name)
    sock.sendto(rrq, (SERVER, TFTP_PORT))
    last, last_to = rrq, (SERVER, TFTP_PORT)
    data = bytearray()
    expected = 1
    tid = None
    duplicates = 0
    deadline = time.monotonic() + deadline_s
    while True:
        if time.monotonic() > deadline:
            raise AssertionError(f"TFTP {name}: not complete after {deadline_s:.0f} s ({len(data)} bytes)")
        try:
            packet, addr = sock.recvfrom(65536)
        except socket.timeout:
            sock.sendto(last, last_to)
            continue
        if addr[0] != SERVER or (tid is not None and addr != tid):
            continue
        opcode = struct.unpack("!H", packet[:2])[0] if len(packet) >= 2 else 0
        if opcode == 5:
            message = packet[4:].rstrip(b"\0")
            raise AssertionError(f"TFTP {name}: error {packet[2:4].hex()} {message!r}")
        if opcode != 3 or len(packet) < 4:
            raise AssertionError(f"TFTP {name}: unexpected packet {packet[:16].hex()}")
        if tid is None:
            expect(addr[1] != TFTP_PORT, "TFTP DATA came from port 69, not from a transfer port")
            tid = addr
        block = struct.unpack("!H", packet[2:4])[0]
        if block == expected:
            data += packet[4:]
            if on_data:
                on_data(block, tid[1])
            last, last_to = struct.pack("!HH", 4, block), tid
            sock.sendto(last, last_to)
            expected += 1
            if len(packet) - 4 < 512:
                return bytes(data), tid[1], duplicates
        elif block == expected - 1:
            duplicates += 1
            sock.sendto(struct.pack("!HH", 4, block), tid)


def established(ns, srv, local_port, peer, peer_port=None):
    """Connections the console holds open from `peer` (ESTABLISHED, or waiting in its
    accept queue), seen from the server's namespace."""
    flt = f"( sport = :{local_port} and dst {peer}" + (f" and dport = :{peer_port}" if peer_port else "") + " )"
    out = ns.exec(srv, ["ss", "-Htn", "state", "established", flt]).stdout
    return len([line for line in out.splitlines() if line.strip()])


def wait_connected(socks, timeout):
    """Waits until every non-blocking connect has finished; returns (connected, failed)."""
    poller = select.poll()
    pending = {s.fileno(): s for s in socks}
    for fd in pending:
        poller.register(fd, select.POLLOUT)
    connected = failed = 0
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        for fd, _ in poller.poll(100):
            s = pending.pop(fd, None)
            if s is None:
                continue
            poller.unregister(fd)
            if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
                connected += 1
            else:
                failed += 1
    return connected, failed


def classify(socks):
    """For idle non-blocking client sockets: how many are still open, how many the server
    closed, and how many read an HTTP 503 first."""
    poller = select.poll()
    for s in socks:
        poller.register(s.fileno(), select.POLLIN)
    ready = {fd for fd, _ in poller.poll(0)}
    open_, closed, got503 = 0, 0, 0
    for s in socks:
        if s.fileno() not in ready:
            open_ += 1
            continue
        seen, eof = b"", False
        try:
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    eof = True
                    break
                seen += chunk
        except BlockingIOError:
            pass
        except (ConnectionResetError, OSError):
            eof = True
        if seen.startswith(b"HTTP/1.1 503") or seen.startswith(b"HTTP/1.0 503"):
            got503 += 1
        if eof:
            closed += 1
        else:
            open_ += 1
    return open_, closed, got503


def close_all(socks):
    for s in socks:
        try:
            s.close()
        except OSError:
            pass
    socks.clear()


# ----------------------------------------------------------------------------- malformed DHCP

def malformed_dhcp(rng):
    """One datagram no DHCP client sends: random bytes, a packet cut short, or options
    that lie about their length, that have no message type or an unknown one."""
    kind = rng.randrange(6)
    mac = "02:" + ":".join(f"{rng.randrange(256):02x}" for _ in range(5))
    _, good = wire.dhcp_packet(1, mac, wire.pxe_options("PXEClient:Arch:00000:UNDI:002001", 0))
    if kind == 0:
        return rng.randbytes(rng.randrange(1, 600))
    if kind == 1:
        return good[:rng.randrange(1, 240)]
    head = good[:236] + wire.COOKIE
    if kind == 2:     # an option longer than the packet
        return head + bytes([53, 1, 1, 60, 200]) + b"PXEClient"
    if kind == 3:     # message type with a wrong length, no end
        return head + bytes([53, 0, 60, 9]) + b"PXEClient" + bytes([93, 7, 0])
    if kind == 4:     # an unknown message type from a PXE client
        return head + bytes([53, 1, 99, 60, 9]) + b"PXEClient" + b"\xff"
    return head + bytes([52, 1, 3]) + rng.randbytes(rng.randrange(0, 300))   # overload into garbage


# ----------------------------------------------------------------------------- the test

class RssMonitor:
    """Samples the console's VmRSS four times a second."""

    def __init__(self, pid):
        self.pid = pid
        self.samples = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stopping.is_set():
            kib = nbce2e.rss_kib(self.pid)
            if kib is not None:
                self.samples.append((time.monotonic(), kib))
            self.stopping.wait(0.25)

    def now_mb(self):
        kib = nbce2e.rss_kib(self.pid)
        return None if kib is None else kib / 1024

    def peak_mb(self, since):
        values = [kib for t, kib in self.samples if t >= since]
        return max(values) / 1024 if values else 0.0

    def stop(self):
        self.stopping.set()
        self.thread.join(timeout=2)


class HostileLan:
    def __init__(self, ns, srv, cli, console, workspace, checks, rss_bound):
        self.ns, self.srv, self.cli = ns, srv, cli
        self.console = console
        self.workspace = workspace
        self.checks = checks
        self.rss_bound = rss_bound
        self.rss = RssMonitor(console.proc.pid)
        self.dhcp = wire.Client(ns, cli, CLI_IF)
        self.serial = 0
        with open(IPXE_BIOS, "rb") as f:
            self.ipxe_bios = f.read()

    # ------------------------------------------------------------------ console state

    def counters(self, engine):
        for event in reversed(self.console.events()):
            if event.get("event") == "service" and event.get("engine") == engine and "counters" in event:
                return dict(event["counters"])
        return {}

    def refused_line(self, engine, reason, ip=None):
        """The newest `refused` event line for engine/reason (and ip), or None."""
        for event in reversed(self.console.events()):
            if (event.get("event") == "refused" and event.get("engine") == engine and event.get("reason") == reason
                    and (ip is None or event.get("ip") == ip)):
                return event
        return None

    def expect_refused_line(self, title, engine, reason, ip=None):
        def named():
            line = self.refused_line(engine, reason, ip)
            expect(line is not None, f"no `refused` line for {engine}/{reason}" + (f" from {ip}" if ip else ""))
            expect(line.get("count", 0) >= 1 and line.get("detail"), f"incomplete refused line {line}")
            log(f"     refused line: {json.dumps(line)}")

        self.checks.check(f"{title}: a `refused` line names {ip or 'the source'} ({engine}, {reason})", named)

    def settled_counters(self, engine, wait=1.5):
        """Counters are published at most twice a second: wait for the next publication."""
        time.sleep(wait)
        return self.counters(engine)

    def alive(self):
        expect(self.console.proc.poll() is None, f"the console exited with {self.console.proc.returncode}")

    # ------------------------------------------------------------------ the good machine

    def good_client(self, mac=GOOD_MAC, ip=GOOD, tftp=False):
        """The good machine's whole visit; returns its figures, raises on the first failure."""
        self.alive()
        self.serial += 1
        figures = []
        # (1) DHCP: iPXE's REQUEST for the address the site's server gave it.
        since = self.console.mark()
        opts = wire.pxe_options("PXEClient:Arch:00000:UNDI:002001", 0, user_class="iPXE") + [
            (54, socket.inet_aton(SITE_DHCP)), (50, socket.inet_aton(ip))]
        start = time.monotonic()
        replies = []
        for _ in range(2):   # a real client repeats an unanswered REQUEST once
            xid, packet = wire.dhcp_packet(3, mac, opts)
            replies = self.dhcp.exchange(xid, packet, wait=3.0)
            if replies:
                break
        expect(len(replies) == 1, f"the good machine's DHCP REQUEST got {len(replies)} answers")
        addr, _, ack = replies[0]
        expect(addr == SERVER and ack["options"].get(53) == b"\x05", f"not an ACK from the console: {ack}")
        entry_url = f"http://{SERVER}:{HTTP_PORT}/boot.ipxe"
        expect(ack["file"] == entry_url, f"ACK file {ack['file']!r}, expected {entry_url}")
        figures.append(f"dhcp {1000 * (time.monotonic() - start):.0f} ms")
        self.console.wait_for(lambda e: e.get("event") == "dhcp-request" and e.get("mac") == mac
                              and e.get("ip") == ip, 5, f"dhcp-request event with {ip}", since=since)

        # (2) boot.ipxe, then the machine's own script, within SCRIPT_WITHIN.
        values = {"net0/mac": mac.replace(":", "-"), "uuid": f"5a1e0000-0000-4000-8000-{mac.replace(':', '')}",
                  "serial": f"HL-{mac[-5:].replace(':', '')}", "manufacturer": "Hostile LAN Test",
                  "product": "Good Machine", "buildarch": "i386", "platform": "pcbios"}
        deadline = time.monotonic() + 5
        while True:
            start = time.monotonic()
            status, entry = http_get(self.cli, ip, entry_url)
            expect(status == 200, f"boot.ipxe answered {status}")
            chain = re.search(rb"chain\s+(?:--\S+\s+)*(http://\S+)", entry)
            expect(chain is not None, f"no chain URL in boot.ipxe: {entry[:200]!r}")
            script_url = fill_ipxe_url(chain.group(1).decode(), values)
            status, script = http_get(self.cli, ip, script_url)
            took = time.monotonic() - start
            expect(status == 200, f"the machine's script answered {status}")
            config = re.search(rb"talos\.config=(\S+)", script)
            # The HTTP engine learns the address from the DHCP engine a moment later.
            if config or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        expect(config is not None, f"the script names no config (address not learnt?): {script[:300]!r}")
        expect(took < SCRIPT_WITHIN, f"boot.ipxe and the script took {took:.2f} s (bound {SCRIPT_WITHIN} s)")
        figures.append(f"script {1000 * took:.0f} ms")

        # (3) the config, from its own address, with the token.
        config_url = config.group(1).decode()
        expect(config_url.startswith(f"http://{SERVER}:{HTTP_PORT}/") and "t=" in config_url,
               f"config URL {config_url}")
        start = time.monotonic()
        status, body = http_get(self.cli, ip, config_url)
        expect(status == 200, f"the config answered {status}: {body[:200]!r}")
        expect(b"machine:" in body and b"type: worker" in body, f"not the machine's config: {body[:200]!r}")
        figures.append(f"config 200 ({len(body)} B, {1000 * (time.monotonic() - start):.0f} ms)")

        # (4) one Talos log line over TCP, seen as a log event with its MAC.
        nonce = f"#{self.serial}-{random.getrandbits(32):08x}"
        line = json.dumps({"msg": f"[talos] hello from the good machine {nonce}", "talos-level": "info",
                           "talos-time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}) + "\n"
        since = self.console.mark()
        start = time.monotonic()
        s = tcp_socket(self.cli, ip)
        try:
            s.settimeout(5)
            s.connect((SERVER, LOG_PORT))
            s.sendall(line.encode())
        finally:
            s.close()
        self.console.wait_for(lambda e: e.get("event") == "log" and e.get("mac") == mac
                              and nonce in e.get("detail", ""), LOG_EVENT_WITHIN,
                              "the good machine's log line as a log event", since=since)
        figures.append(f"log {1000 * (time.monotonic() - start):.0f} ms")

        # (5) the iPXE binary over TFTP.
        if tftp:
            s = udp_socket(self.cli, ip)
            try:
                start = time.monotonic()
                data, _, _ = tftp_get(s, "undionly.kpxe")
            finally:
                s.close()
            expect(data == self.ipxe_bios, f"TFTP gave {len(data)} bytes, not undionly.kpxe")
            figures.append(f"tftp {len(data)} B in {1000 * (time.monotonic() - start):.0f} ms")
        return ", ".join(figures)

    def check_good(self, title, **kw):
        self.checks.check(f"{title}: good machine served",
                          lambda: log(f"     good machine: {self.good_client(**kw)}"))

    def check_rss(self, title, since):
        def rss():
            now = self.rss.now_mb()
            peak = max(self.rss.peak_mb(since), now or 0.0)
            log(f"     console RSS: {now:.1f} MB now, peak {peak:.1f} MB during the scenario (bound {self.rss_bound} MB)"
                if now is not None else "     console RSS: the process is gone")
            expect(now is not None, "the console is gone")
            expect(peak < self.rss_bound, f"peak RSS {peak:.1f} MB over the bound of {self.rss_bound} MB")
        self.checks.check(f"{title}: console RSS under {self.rss_bound} MB", rss)

    def scenario(self, title, body):
        log(f"=== {title}")
        start = time.monotonic()
        try:
            self.alive()
            body(title)
        except (AssertionError, OSError, sqlite3.Error, subprocess.CalledProcessError) as e:
            self.checks.failed.append(f"{title}: {e}")
            log(f"FAIL {title}: {e}")
        self.check_rss(title, start)
        log(f"--- {title}: {time.monotonic() - start:.1f} s")

    # ------------------------------------------------------------------ scenarios

    def baseline(self, title):
        self.check_good(title, tftp=True)

    def idle_http(self, title):
        socks = []
        try:
            for first in range(0, IDLE_HTTP_CONNECTIONS, 100):
                batch = []
                for _ in range(first, min(first + 100, IDLE_HTTP_CONNECTIONS)):
                    s = tcp_socket(self.cli, ATTACKER, nonblocking=True)
                    s.connect_ex((SERVER, HTTP_PORT))
                    batch.append(s)
                wait_connected(batch, 5)
                socks += batch
            time.sleep(2)
            held = established(self.ns, self.srv, HTTP_PORT, ATTACKER)
            open_, closed, got503 = classify(socks)
            log(f"     {len(socks)} idle connections from {ATTACKER}: the console holds {held}; "
                f"{closed} closed by it, {got503} of them with a 503; {open_} still open on our side")

            def share():
                expect(held <= HTTP_PER_ADDRESS,
                       f"the console holds {held} idle connections from one address (share {HTTP_PER_ADDRESS})")
                refused = IDLE_HTTP_CONNECTIONS - HTTP_PER_ADDRESS
                expect(got503 >= 0.9 * refused, f"only {got503} of {refused} refused connections read a 503")

            self.checks.check(f"{title}: at most {HTTP_PER_ADDRESS} kept, the rest 503 and closed", share)
            self.check_good(title)

            def counted():
                counters = self.settled_counters("http")
                log(f"     http counters: {counters}")
                expect(counters.get(HTTP_LIMIT_COUNTER, 0) >= 0.9 * (IDLE_HTTP_CONNECTIONS - HTTP_PER_ADDRESS),
                       f"{HTTP_LIMIT_COUNTER} is {counters.get(HTTP_LIMIT_COUNTER, 0)}")

            self.checks.check(f"{title}: counted as {HTTP_LIMIT_COUNTER}", counted)
            self.expect_refused_line(title, "http", "per-address-limit", ATTACKER)
        finally:
            close_all(socks)

    def slow_reader(self, title):
        # The neighbour is a machine of the LAN too: its DHCP makes it known, so its
        # kernel download is an ordinary one that it then reads at a byte a second.
        opts = wire.pxe_options("PXEClient:Arch:00000:UNDI:002001", 0, user_class="iPXE") + [
            (54, socket.inet_aton(SITE_DHCP)), (50, socket.inet_aton(ATTACKER))]
        xid, packet = wire.dhcp_packet(3, ATTACKER_MAC, opts)
        self.dhcp.exchange(xid, packet, wait=2.0)
        s = tcp_socket(self.cli, ATTACKER, rcvbuf=1024)
        try:
            s.settimeout(5)
            s.connect((SERVER, HTTP_PORT))
            port = s.getsockname()[1]
            path = f"/m/{ATTACKER_MAC.replace(':', '-')}/vmlinuz"
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: {SERVER}:{HTTP_PORT}\r\n\r\n".encode())
            head = b""
            while b"\r\n" not in head:
                head += s.recv(1)
            expect(head.startswith(b"HTTP/1.1 200"), f"the kernel download answered {head!r}")
            start = time.monotonic()
            received = len(head)
            closed_after = None
            served_meanwhile = False
            s.settimeout(1.0)
            while time.monotonic() - start < SLOW_READER_CLOSED_WITHIN + 5:
                try:
                    if s.recv(1):
                        received += 1
                except (socket.timeout, ConnectionResetError, OSError):
                    pass
                if not served_meanwhile and time.monotonic() - start > 3:
                    served_meanwhile = True
                    self.check_good(title + " (while it reads)")
                if established(self.ns, self.srv, HTTP_PORT, ATTACKER, port) == 0:
                    closed_after = time.monotonic() - start
                    break
                time.sleep(max(0.0, 1.0 - (time.monotonic() - start) % 1.0))
            log(f"     slow reader read {received} bytes; "
                + (f"the console closed it after {closed_after:.0f} s" if closed_after is not None
                   else f"still open after {time.monotonic() - start:.0f} s"))

            def closed():
                expect(closed_after is not None and closed_after <= SLOW_READER_CLOSED_WITHIN,
                       f"not closed within {SLOW_READER_CLOSED_WITHIN} s")
            self.checks.check(f"{title}: closed within {SLOW_READER_CLOSED_WITHIN} s", closed)

            def counted():
                counters = self.settled_counters("http")
                log(f"     http counters: {counters}")
                expect(counters.get(SLOW_READER_COUNTER, 0) >= 1, f"no {SLOW_READER_COUNTER} counted")
            self.checks.check(f"{title}: counted as {SLOW_READER_COUNTER}", counted)
        finally:
            s.close()
        self.check_good(title)

    def idle_logs(self, title):
        socks = []
        try:
            connected = failed = 0
            for first in range(0, IDLE_LOG_CONNECTIONS, 100):
                batch = []
                for _ in range(first, min(first + 100, IDLE_LOG_CONNECTIONS)):
                    s = tcp_socket(self.cli, ATTACKER, nonblocking=True)
                    s.connect_ex((SERVER, LOG_PORT))
                    batch.append(s)
                c, f = wait_connected(batch, 3)
                connected, failed = connected + c, failed + f
                socks += batch
            time.sleep(2)
            held = established(self.ns, self.srv, LOG_PORT, ATTACKER)
            open_, closed, _ = classify(socks)
            log(f"     {len(socks)} idle log connections from {ATTACKER} ({connected} connected, {failed} failed, "
                f"{len(socks) - connected - failed} never answered): the console holds {held}, "
                f"{closed} were closed by it")
            self.checks.check(f"{title}: at most {LOG_PER_ADDRESS} kept",
                              lambda: expect(held <= LOG_PER_ADDRESS,
                                             f"the console holds {held} idle log connections from one address "
                                             f"(share {LOG_PER_ADDRESS})"))
            self.check_good(title)
            log(f"     logs counters: {self.settled_counters('logs', wait=0.6)}")
            self.expect_refused_line(title, "logs", "per-address-limit", ATTACKER)
        finally:
            close_all(socks)

    def huge_log_line(self, title):
        s = tcp_socket(self.cli, ATTACKER)
        sent = 0
        outcome = "all sent"
        start = time.monotonic()
        try:
            s.settimeout(5)
            s.connect((SERVER, LOG_PORT))
            s.settimeout(15)
            chunk = b"A" * (64 * 1024)
            while sent < HUGE_LOG_LINE:
                try:
                    sent += s.send(chunk)
                except (BrokenPipeError, ConnectionResetError) as e:
                    outcome = f"closed by the console ({e.__class__.__name__})"
                    break
                except socket.timeout:
                    outcome = "the console stopped reading for 15 s without closing"
                    break
            log(f"     {sent / 1048576:.1f} MiB of one line sent in {time.monotonic() - start:.1f} s: {outcome}")
            self.checks.check(f"{title}: the connection is closed after the {LOG_LINE_CAP // 1024} KiB cap",
                              lambda: expect(outcome.startswith("closed"), outcome))
            self.check_good(title)

            def counted():
                counters = self.settled_counters("logs", wait=0.6)
                log(f"     logs counters: {counters}")
                expect(counters.get(LOG_LINE_COUNTER, 0) >= 1, f"no {LOG_LINE_COUNTER} counted")
            self.checks.check(f"{title}: counted as {LOG_LINE_COUNTER}", counted)
        finally:
            s.close()

    def inventory(self):
        """(rows, {mac: stage} of the good machines, size of inventory.sqlite, size of its WAL)."""
        path = os.path.join(self.workspace, "inventory.sqlite")
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            rows = db.execute("SELECT COUNT(*) FROM machines").fetchone()[0]
            good = dict(db.execute("SELECT mac, stage FROM machines WHERE mac IN (?, ?)", (GOOD_MAC, NEW_GOOD_MAC)))
        finally:
            db.close()
        size = os.path.getsize(path)
        wal = os.path.getsize(path + "-wal") if os.path.exists(path + "-wal") else 0
        return rows, good, size, wal

    def settled_inventory(self, timeout=20):
        """The inventory once the console's batched writes have stopped changing it."""
        last, same = None, 0
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            now = self.inventory()
            same = same + 1 if last is not None and now[:2] == last[:2] else 0
            last = now
            if same >= 3:
                break
            time.sleep(1)
        return last

    def forged_discovers(self, title):
        rng = random.Random(93)
        before = self.counters("dhcp-proxy").get("received", 0)
        senders = [udp_socket(self.cli, source, 68, device=CLI_IF) for source in FORGED_SOURCES]
        start = time.monotonic()
        try:
            for i in range(FORGED_DISCOVERS):
                mac = "%02x:" % (rng.randrange(256) & 0xfe | 0x02) + ":".join(f"{rng.randrange(256):02x}" for _ in range(5))
                _, packet = wire.dhcp_packet(1, mac, wire.pxe_options("PXEClient:Arch:00000:UNDI:002001", 0))
                senders[i % len(senders)].sendto(packet, ("255.255.255.255", DHCP_PORT))
                if i % 100 == 99:
                    time.sleep(max(0.0, start + (i + 1) / 1000 - time.monotonic()))   # 1000 a second
        finally:
            close_all(senders)
        log(f"     {FORGED_DISCOVERS} forged DISCOVERs with random MACs from {len(FORGED_SOURCES)} sources "
            f"in {time.monotonic() - start:.1f} s")
        rows, good, size, wal = self.settled_inventory()
        arrived = self.counters("dhcp-proxy").get("received", 0) - before
        log(f"     the console received {arrived} of them; inventory: {rows} machine rows (cap {MAX_MACHINES}); "
            f"inventory.sqlite {size / 1024:.0f} KiB, WAL {wal / 1024:.0f} KiB; good machine row: {good.get(GOOD_MAC)}")
        self.checks.check(f"{title}: the forged DISCOVERs reached the console",
                          lambda: expect(arrived >= 0.9 * FORGED_DISCOVERS, f"only {arrived} received"))
        self.checks.check(f"{title}: machine rows stay under the cap of {MAX_MACHINES}",
                          lambda: expect(rows <= MAX_MACHINES, f"{rows} machine rows"))
        self.checks.check(f"{title}: the good machine keeps its row",
                          lambda: expect(GOOD_MAC in good, "the good machine's row is gone"))
        self.checks.check(f"{title}: the inventory stays small",
                          lambda: expect(size < INVENTORY_MAX_BYTES and wal < INVENTORY_WAL_MAX_BYTES,
                                         f"inventory.sqlite {size} bytes (bound {INVENTORY_MAX_BYTES}), "
                                         f"WAL {wal} bytes (bound {INVENTORY_WAL_MAX_BYTES})"))
        self.check_good(title)
        self.check_good(title + " (a new machine)", mac=NEW_GOOD_MAC, ip=NEW_GOOD)

        def new_row():
            deadline = time.monotonic() + 10
            while True:
                rows, good, _, _ = self.inventory()
                if NEW_GOOD_MAC in good or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            log(f"     inventory: {rows} rows; new machine row: {good.get(NEW_GOOD_MAC)}")
            expect(NEW_GOOD_MAC in good, "the new good machine has no row")
            expect(rows <= MAX_MACHINES, f"{rows} machine rows after the new machine")
        self.checks.check(f"{title}: a new good machine still gets its row", new_row)

    def unacked_rrqs(self, title):
        # One RRQ from the good machine's address, never acknowledged, watched throughout.
        before = self.counters("tftp").get("received", 0)
        watcher = udp_socket(self.cli, GOOD)
        watcher.sendto(tftp_rrq("undionly.kpxe"), (SERVER, TFTP_PORT))
        watch_start = time.monotonic()
        socks = []
        try:
            for _ in range(UNACKED_RRQS):
                s = udp_socket(self.cli, ATTACKER)
                s.setblocking(False)
                s.sendto(tftp_rrq("undionly.kpxe"), (SERVER, TFTP_PORT))
                socks.append(s)
            log(f"     {UNACKED_RRQS} RRQs from {ATTACKER}, each from its own port, never acknowledged")
            self.check_good(title, tftp=True)
            time.sleep(max(0.0, watch_start + UNACKED_WATCH - time.monotonic()))
            watcher.setblocking(False)
            single = 0
            try:
                while watcher.recv(65536):
                    single += 1
            except BlockingIOError:
                pass
            per_socket = []
            for s in socks:
                n = 0
                try:
                    while s.recv(65536):
                        n += 1
                except BlockingIOError:
                    pass
                per_socket.append(n)
            answered = len([n for n in per_socket if n])
            log(f"     the single unacknowledged RRQ drew {single} datagrams in {UNACKED_WATCH:.0f} s; the flood's "
                f"{UNACKED_RRQS} RRQs drew {sum(per_socket)} ({answered} answered, at most {max(per_socket)} each)")
            self.checks.check(f"{title}: an RRQ never acknowledged draws 1 to {TFTP_DATAGRAMS_PER_UNACKED_RRQ} datagrams",
                              lambda: expect(1 <= single <= TFTP_DATAGRAMS_PER_UNACKED_RRQ, f"{single} datagrams"))
            self.checks.check(f"{title}: no flood RRQ drew more than {TFTP_DATAGRAMS_PER_UNACKED_RRQ}",
                              lambda: expect(max(per_socket) <= TFTP_DATAGRAMS_PER_UNACKED_RRQ,
                                             f"{len([n for n in per_socket if n > TFTP_DATAGRAMS_PER_UNACKED_RRQ])} "
                                             f"RRQs drew more, up to {max(per_socket)}"))
            counters = self.settled_counters("tftp", wait=0.6)
            log(f"     tftp counters: {counters}")
            self.checks.check(f"{title}: the RRQs reached the console",
                              lambda: expect(counters.get("received", 0) - before >= 0.9 * UNACKED_RRQS,
                                             f"only {counters.get('received', 0) - before} received"))
        finally:
            watcher.close()
            close_all(socks)

    def wrong_port(self, title):
        good = udp_socket(self.cli, GOOD)
        strays = [udp_socket(self.cli, ATTACKER), udp_socket(self.cli, GOOD)]
        rng = random.Random(7)
        sent = [0]

        def interfere(block, port):
            if block % 10 != 1:
                return
            for stray in strays:
                for packet in (struct.pack("!HH", 4, block), struct.pack("!HH", 4, block + 1),
                               struct.pack("!HH", 4, 65535), struct.pack("!HH", 5, 0) + b"abort\0",
                               tftp_rrq("undionly.kpxe"), rng.randbytes(rng.randrange(1, 100))):
                    stray.sendto(packet, (SERVER, port))
                    sent[0] += 1

        try:
            data, port, duplicates = tftp_get(good, "undionly.kpxe", on_data=interfere)
            answers = 0
            for stray in strays:
                stray.settimeout(1.0)
                try:
                    while True:
                        stray.recvfrom(65536)
                        answers += 1
                except socket.timeout:
                    pass
            log(f"     transfer port {port}: {len(data)} bytes, {duplicates} blocks seen twice; {sent[0]} stray "
                f"datagrams (ACKs, ERROR, RRQ, garbage) from {ATTACKER} and another port of {GOOD}; "
                f"{answers} answers to them")
            self.checks.check(f"{title}: the transfer completes with the right bytes",
                              lambda: expect(data == self.ipxe_bios, f"{len(data)} bytes, not undionly.kpxe"))
            self.checks.check(f"{title}: the stray sender gets no answer",
                              lambda: expect(answers == 0, f"{answers} datagrams answered the strays"))
        finally:
            good.close()
            close_all(strays)
        self.check_good(title, tftp=True)

    def malformed_flood(self, title):
        before = self.counters("dhcp-proxy")
        lines_before = self.console.mark()
        stop = threading.Event()
        sent = [0]

        def flood():
            rng = random.Random(5000)
            s = udp_socket(self.cli, ATTACKER, device=CLI_IF)
            try:
                start = time.monotonic()
                while not stop.is_set() and time.monotonic() - start < MALFORMED_DHCP_SECONDS:
                    for _ in range(50):
                        to = ("255.255.255.255", DHCP_PORT) if sent[0] % 2 else (SERVER, PROXY_PORT)
                        try:
                            s.sendto(malformed_dhcp(rng), to)
                        except OSError:
                            pass
                        sent[0] += 1
                    time.sleep(max(0.0, start + sent[0] / MALFORMED_DHCP_RATE - time.monotonic()))
            finally:
                s.close()

        thread = threading.Thread(target=flood, daemon=True)
        start = time.monotonic()
        thread.start()
        try:
            time.sleep(0.5)
            self.check_good(title + " (during the flood)")
        finally:
            thread.join(timeout=MALFORMED_DHCP_SECONDS + 10)
            stop.set()
        elapsed = time.monotonic() - start
        after = self.settled_counters("dhcp-proxy")
        delta = {k: v - before.get(k, 0) for k, v in after.items() if v != before.get(k, 0)}
        dropped = sum(v for k, v in delta.items() if k.startswith("dropped:"))
        log(f"     {sent[0]} malformed datagrams in {elapsed:.1f} s ({sent[0] / elapsed:.0f}/s) to {DHCP_PORT} "
            f"and {PROXY_PORT}; dhcp-proxy counters grew by {delta}; "
            f"{self.console.mark() - lines_before} event lines printed meanwhile")
        self.checks.check(f"{title}: drops counted by reason",
                          lambda: expect(dropped >= 0.5 * sent[0], f"{dropped} drops counted for {sent[0]} sent"))
        self.check_good(title)


def sanitizer_build(binary):
    with open(binary, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
        return m.find(b"__asan_init") >= 0


FATAL_MARKS = ("AddressSanitizer", "LeakSanitizer", "UndefinedBehaviorSanitizer", "runtime error:",
               "ASSERT:", "ASSERT failure", "qFatal", "FATAL", "terminate called", "Segmentation fault")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary")
    parser.add_argument("--work")
    parser.add_argument("--only", help="comma-separated scenario numbers, e.g. 1,5 (0, the baseline, always runs)")
    args = parser.parse_args()
    if not args.binary or not args.work:
        parser.error("--binary and --work are required")
    nbce2e.require_root_and_tools(["ip", "ss"])
    if not os.access(args.binary, os.X_OK):
        nbce2e.skip(f"{args.binary} is not built")
    for path in (IPXE_BIOS, CONFIG_FIXTURE):
        if not os.path.exists(path):
            nbce2e.skip(f"{path} is missing (make deps installs Debian's ipxe package)")
    only = {int(n) for n in args.only.split(",")} if args.only else None

    # Our side of 2000 connections at once.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = 8192 if hard == resource.RLIM_INFINITY else min(hard, 8192)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < IDLE_LOG_CONNECTIONS + 200:
        nbce2e.skip(f"the open-file limit ({hard}) is too low for {IDLE_LOG_CONNECTIONS} connections")

    with open(CONFIG_FIXTURE) as f:
        config_text = f.read()
    run_dir, ws = nbce2e.make_run_workspace(os.path.abspath(args.work), "hostile-lan", config_text)
    write_artifacts(ws)
    with open(os.path.join(ws, "netboot.yaml"), "w") as f:
        f.write(workspace_yaml())
    rss_bound = RSS_BOUND_MB * (SANITIZER_RSS_FACTOR if sanitizer_build(args.binary) else 1)
    if sanitizer_build(args.binary):
        # ASan keeps up to 256 MB of freed memory in quarantine by default, which would
        # measure ASan, not the console: a small quarantine keeps the bound meaningful.
        options = os.environ.get("ASAN_OPTIONS", "")
        os.environ["ASAN_OPTIONS"] = (options + ":" if options else "") + "quarantine_size_mb=16"

    ns = nbce2e.Namespaces("nbchl")
    console = None
    lan = None
    checks = wire.Checks()
    started = time.monotonic()
    try:
        srv = ns.add("s")
        cli = ns.add("c")
        ns.ip(srv, "link", "add", SRV_IF, "type", "veth", "peer", "name", CLI_IF, "netns", cli)
        ns.ip(srv, "addr", "add", f"{SERVER}/24", "dev", SRV_IF)
        ns.ip(srv, "link", "set", SRV_IF, "up")
        # The good machine's address first: it is the primary one, the source of anything
        # not bound elsewhere (the DHCP probe's REQUESTs). Every attack binds its own.
        for address in [GOOD, ATTACKER, NEW_GOOD] + FORGED_SOURCES:
            ns.ip(cli, "addr", "add", f"{address}/24", "dev", CLI_IF)
        ns.ip(cli, "link", "set", CLI_IF, "up")

        console = nbce2e.Console(ns, srv, args.binary,
                                 ["--interface", SRV_IF, "--workspace", ws, "--mode", "proxy"],
                                 os.path.join(run_dir, "console.log"))
        for engine in ("dhcp-proxy", "tftp", "http", "logs"):
            console.wait_for(lambda e, n=engine: e.get("event") == "service" and e.get("engine") == n
                             and e.get("state") in ("running", "failed"), 30, f"{engine} engine to start")
            status = [e for e in console.events() if e.get("engine") == engine][-1]
            if status.get("state") != "running":
                raise AssertionError(f"{engine} did not start: {status.get('error')} / {status.get('fix')}")
        exe = os.readlink(f"/proc/{console.proc.pid}/exe")
        expect(os.path.samefile(exe, args.binary), f"pid {console.proc.pid} is {exe}, not the console")
        log(f"console running (pid {console.proc.pid}, RSS {nbce2e.rss_kib(console.proc.pid) / 1024:.1f} MB, "
            f"bound {rss_bound} MB{' for a sanitizer build' if rss_bound != RSS_BOUND_MB else ''})")

        lan = HostileLan(ns, srv, cli, console, ws, checks, rss_bound)
        scenarios = [
            (0, "0 baseline: the good machine before any attack", lan.baseline),
            (1, f"1 {IDLE_HTTP_CONNECTIONS} idle HTTP connections from one address", lan.idle_http),
            (2, "2 a slow reader of the kernel", lan.slow_reader),
            (3, f"3 {IDLE_LOG_CONNECTIONS} idle log connections from one address", lan.idle_logs),
            (4, f"4 a {HUGE_LOG_LINE // 1048576} MiB log line without a newline", lan.huge_log_line),
            (5, f"5 {FORGED_DISCOVERS} forged DISCOVERs with random MACs", lan.forged_discovers),
            (6, f"6 {UNACKED_RRQS} TFTP RRQs that never ACK", lan.unacked_rrqs),
            (7, "7 TFTP packets from a wrong port", lan.wrong_port),
            (8, f"8 malformed DHCP at {MALFORMED_DHCP_RATE}/s", lan.malformed_flood),
        ]
        for number, title, body in scenarios:
            if only is None or number == 0 or number in only:
                lan.scenario(title, body)

        checks.check("the console is still running after every attack", lan.alive)
        lan.rss.stop()
        log(f"console RSS: peak {lan.rss.peak_mb(0):.1f} MB over the whole run")
        code = console.stop()
        console = None
        if code != 0:
            checks.failed.append(f"console exited with {code} after SIGINT")

        def stderr_clean():
            text = nbce2e.read_text(os.path.join(run_dir, "console.log"))
            # split("\n"), not splitlines(): event lines may carry U+0085 and the like.
            own = [line for line in text.split("\n") if line.strip() and not line.startswith("{")]
            fatal = [line for line in own if any(mark in line for mark in FATAL_MARKS)]
            log(f"     console stderr: {len(own)} lines, {len(fatal)} sanitizer or fatal")
            expect(not fatal, "\n    ".join(fatal[:10]))
        checks.check("no sanitizer or fatal lines on the console's stderr", stderr_clean)
    except (AssertionError, OSError, subprocess.CalledProcessError) as e:
        checks.failed.append(f"setup: {e}")
    finally:
        if lan is not None:
            lan.rss.stop()
        nbce2e.teardown(console, ns)
        log(f"run took {time.monotonic() - started:.0f} s")

    return checks.report(f"{run_dir}/console.log")


if __name__ == "__main__":
    sys.exit(main())
