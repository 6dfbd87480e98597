#!/usr/bin/env python3
"""End-to-end: the real `netboot-console --headless --mode proxy` answers PXE clients on
the interface it is told to serve, and nobody else.

Two namespaces joined by a veth (server 10.89.0.1/24, client), and a second veth pair the
console is NOT told to serve. From the client namespace: PXE DISCOVERs as BIOS (arch 0),
UEFI (arch 7) and iPXE send and their offers are checked (file, siaddr, option 43 rules,
yiaddr 0); a plain DISCOVER and busybox udhcpc (a real non-PXE client) get nothing; a
REQUEST to 10.89.0.1:4011 gets an ACK with the boot file, from OVMF's port and iPXE's.

Needs root (namespaces); exits 77 with the reason otherwise. Every wait is bounded;
namespaces and processes are removed in `finally`.
"""
import argparse
import json
import os
import random
import shutil
import socket
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbce2e  # noqa: E402

log = nbce2e.log

SERVER = "10.89.0.1"
CLIENT = "10.89.0.2"
COOKIE = b"\x63\x82\x53\x63"
SO_BINDTODEVICE = getattr(socket, "SO_BINDTODEVICE", 25)


# ----------------------------------------------------------------------------- DHCP bits

def dhcp_packet(msg_type, mac, options, ciaddr="0.0.0.0", flags=0x8000):
    """A BOOTREQUEST. options: list of (code, bytes)."""
    xid = random.getrandbits(32)
    head = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, flags, socket.inet_aton(ciaddr),
                       bytes(4), bytes(4), bytes(4), bytes.fromhex(mac.replace(":", "")), b"", b"")
    body = bytes([53, 1, msg_type])
    for code, data in options:
        body += bytes([code, len(data)]) + data
    packet = head + COOKIE + body + b"\xff"
    return xid, packet + bytes(max(0, 300 - len(packet)))


def parse_reply(data):
    if len(data) < 240 or data[236:240] != COOKIE:
        return None
    op, _, _, _, xid, _, flags, ciaddr, yiaddr, siaddr, giaddr, chaddr, sname, file_ = struct.unpack(
        "!BBBBIHH4s4s4s4s16s64s128s", data[:236])
    options = {}
    pos = 240
    while pos < len(data) and data[pos] != 255:
        if data[pos] == 0:
            pos += 1
            continue
        code, length = data[pos], data[pos + 1]
        options[code] = options.get(code, b"") + data[pos + 2:pos + 2 + length]
        pos += 2 + length
    return {"op": op, "xid": xid, "flags": flags, "yiaddr": socket.inet_ntoa(yiaddr),
            "siaddr": socket.inet_ntoa(siaddr), "ciaddr": socket.inet_ntoa(ciaddr),
            "chaddr": chaddr[:6].hex(":"), "file": file_.split(b"\0")[0].decode("latin-1"),
            "options": options}


def pxe_options(vendor, arch, user_class=None, guid=True):
    opts = [(60, vendor.encode()), (93, struct.pack("!H", arch)), (94, b"\x01\x02\x01"),
            (55, bytes([1, 3, 43, 60, 66, 67]))]
    if user_class:
        opts.append((77, user_class.encode()))
    if guid:
        opts.append((97, b"\x00" + bytes(range(16))))
    return opts


# ----------------------------------------------------------------------------- probe

def probe(spec):
    """Runs inside the client namespace: sends one datagram, prints the replies as JSON."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    s.setsockopt(socket.SOL_SOCKET, SO_BINDTODEVICE, spec["iface"].encode())
    s.bind((spec["bind"], spec["port"]))
    s.sendto(bytes.fromhex(spec["packet"]), (spec["to"], spec["to_port"]))
    replies = []
    deadline = time.monotonic() + spec["wait"]
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        s.settimeout(left)
        try:
            data, (addr, port) = s.recvfrom(2048)
        except socket.timeout:
            break
        reply = parse_reply(data)
        if reply and reply["op"] == 2 and reply["xid"] == spec["xid"]:
            replies.append({"from": addr, "port": port, "hex": data.hex()})
            if spec.get("first"):
                break
    print(json.dumps(replies))


class Client:
    def __init__(self, ns, name, iface):
        self.ns, self.name, self.iface = ns, name, iface

    def exchange(self, xid, packet, to="255.255.255.255", to_port=67, bind="0.0.0.0", port=68, wait=3.0,
                 first=True):
        spec = {"iface": self.iface, "bind": bind, "port": port, "to": to, "to_port": to_port,
                "packet": packet.hex(), "xid": xid, "wait": wait, "first": first}
        out = self.ns.exec(self.name, [sys.executable, os.path.abspath(__file__), "--probe", json.dumps(spec)])
        replies = json.loads(out.stdout.strip().splitlines()[-1])
        return [(r["from"], r["port"], parse_reply(bytes.fromhex(r["hex"]))) for r in replies]


# ----------------------------------------------------------------------------- checks

class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def check(self, name, fn):
        try:
            fn()
            self.passed += 1
            log(f"ok   {name}")
        except AssertionError as e:
            self.failed.append(f"{name}: {e}")
            log(f"FAIL {name}: {e}")

    def report(self, logs_hint):
        """Prints the summary line ctest reads; returns the exit code."""
        if self.failed:
            print("FAILURES:\n  " + "\n  ".join(self.failed))
            print(f"console logs: {logs_hint}")
        print(f"{self.passed} passed, {len(self.failed)} failed")
        return 1 if self.failed else 0


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def expect_offer(replies, file_, option43, guid=True, msg_type=2, from_port=67):
    expect(len(replies) == 1, f"expected one reply, got {len(replies)}")
    addr, port, r = replies[0]
    expect(addr == SERVER and port == from_port, f"reply from {addr}:{port}, expected {SERVER}:{from_port}")
    expect(r["options"].get(53) == bytes([msg_type]), f"message type {r['options'].get(53)}")
    expect(r["yiaddr"] == "0.0.0.0", f"yiaddr {r['yiaddr']}: a proxy must not assign addresses")
    expect(r["siaddr"] == SERVER, f"siaddr {r['siaddr']}")
    expect(r["file"] == file_, f"file field {r['file']!r}, expected {file_!r}")
    expect(r["options"].get(67, b"").decode() == file_, f"option 67 {r['options'].get(67)!r}")
    expect(r["options"].get(54) == socket.inet_aton(SERVER), "option 54 is not the server")
    expect(r["options"].get(60, b"").startswith(b"PXEClient"), f"option 60 {r['options'].get(60)!r}")
    expect((97 in r["options"]) == guid, "option 97 echo")
    if option43:
        expect(r["options"].get(43) == b"\x06\x01\x08\xff", f"option 43 {r['options'].get(43)!r}, expected control 8")
    else:
        expect(43 not in r["options"], f"unexpected option 43 {r['options'].get(43)!r}")
    return r


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary")
    parser.add_argument("--work")
    parser.add_argument("--probe")
    args = parser.parse_args()
    if args.probe:
        probe(json.loads(args.probe))
        return 0
    if not args.binary or not args.work:
        parser.error("--binary and --work are required")
    nbce2e.require_root_and_tools(["ip", "udhcpc"])
    if not os.access(args.binary, os.X_OK):
        nbce2e.skip(f"{args.binary} is not built")

    work = os.path.abspath(args.work)
    run_dir = os.path.join(work, f"dhcp-proxy-{os.getpid()}")
    shutil.rmtree(run_dir, ignore_errors=True)
    os.makedirs(os.path.join(run_dir, "workspace"))

    ns = nbce2e.Namespaces("nbcdp")
    console = None
    checks = Checks()
    try:
        srv = ns.add("s")
        cli = ns.add("c")
        ns.ip(srv, "link", "add", "dps0", "type", "veth", "peer", "name", "dpc0", "netns", cli)
        ns.ip(srv, "addr", "add", f"{SERVER}/24", "dev", "dps0")
        ns.ip(srv, "link", "set", "dps0", "up")
        ns.ip(cli, "link", "set", "dpc0", "up")
        # A second link the console is not told to serve: it must stay silent there.
        ns.ip(srv, "link", "add", "dps1", "type", "veth", "peer", "name", "dpc1", "netns", cli)
        ns.ip(srv, "addr", "add", "10.90.0.1/24", "dev", "dps1")
        ns.ip(srv, "link", "set", "dps1", "up")
        ns.ip(cli, "link", "set", "dpc1", "up")

        console = nbce2e.Console(ns, srv, args.binary,
                                 ["--interface", "dps0", "--workspace", os.path.join(run_dir, "workspace"),
                                  "--mode", "proxy", "--http-port", "8080"],
                                 os.path.join(run_dir, "console.log"))
        console.wait_for(lambda e: e.get("event") == "service" and e.get("engine") == "dhcp-proxy"
                         and e.get("state") in ("running", "failed"), 30, "dhcp-proxy engine to start")
        status = [e for e in console.events() if e.get("engine") == "dhcp-proxy"][-1]
        if status.get("state") != "running":
            raise AssertionError(f"dhcp-proxy did not start: {status.get('error')} / {status.get('fix')}")
        log(f"dhcp-proxy running: {status.get('address')}")

        client = Client(ns, cli, "dpc0")
        macs = {"bios": "52:54:00:89:00:01", "uefi": "52:54:00:89:00:02", "ipxe": "52:54:00:89:00:03",
                "plain": "52:54:00:89:00:04", "other-link": "52:54:00:89:00:05", "noguid": "52:54:00:89:00:06"}
        script_url = f"http://{SERVER}:8080/boot.ipxe"

        def bios():
            xid, p = dhcp_packet(1, macs["bios"], pxe_options("PXEClient:Arch:00000:UNDI:002001", 0))
            expect_offer(client.exchange(xid, p), "undionly.kpxe", option43=True)

        def uefi():
            xid, p = dhcp_packet(1, macs["uefi"], pxe_options("PXEClient:Arch:00007:UNDI:003000", 7))
            expect_offer(client.exchange(xid, p), "ipxe.efi", option43=False)

        def uefi_without_guid():
            xid, p = dhcp_packet(1, macs["noguid"], pxe_options("PXEClient:Arch:00009:UNDI:003000", 9, guid=False))
            expect_offer(client.exchange(xid, p), "ipxe.efi", option43=False, guid=False)

        def ipxe():
            opts = pxe_options("PXEClient:Arch:00000:UNDI:002001", 0, user_class="iPXE") + [(175, b"\xb1\x05\x01\x80\x86\x10\x0e")]
            xid, p = dhcp_packet(1, macs["ipxe"], opts)
            expect_offer(client.exchange(xid, p), script_url, option43=False)

        def plain_discover():
            xid, p = dhcp_packet(1, macs["plain"], [(55, bytes([1, 3, 6]))])
            replies = client.exchange(xid, p, wait=2.0, first=False)
            expect(not replies, f"a non-PXE client got {len(replies)} replies")

        def udhcpc():
            # busybox udhcpc: a real, non-PXE DHCP client. Nobody else serves here, so any
            # lease or offer it sees would be ours.
            out = ns.exec(cli, ["timeout", "20", "udhcpc", "-i", "dpc0", "-n", "-q", "-t", "2", "-T", "1",
                                "-s", "/bin/true"], check=False)
            expect(out.returncode != 0, f"udhcpc got a lease from a proxy: {out.stdout[-500:]}")
            expect("obtained" not in out.stdout and "select" not in out.stdout.lower(),
                   f"udhcpc saw an offer: {out.stdout[-500:]}")
            # Its DISCOVERs did arrive and were dropped by reason (plain_discover's too).
            console.wait_for(lambda e: e.get("engine") == "dhcp-proxy"
                             and e.get("counters", {}).get("dropped:not-pxe", 0) >= 3, 10,
                             "dropped:not-pxe counted for udhcpc's DISCOVERs")

        def other_link_is_silent():
            other = Client(ns, cli, "dpc1")
            xid, p = dhcp_packet(1, macs["other-link"], pxe_options("PXEClient:Arch:00007:UNDI:003000", 7))
            replies = other.exchange(xid, p, wait=2.0, first=False)
            expect(not replies, f"the console answered on an interface it does not serve: {replies}")

        def request_4011_ovmf():
            # OVMF asks from port 4011 once it has an address (ciaddr), unicast.
            xid, p = dhcp_packet(3, macs["uefi"], pxe_options("PXEClient:Arch:00007:UNDI:003000", 7),
                                 ciaddr=CLIENT, flags=0)
            replies = client.exchange(xid, p, to=SERVER, to_port=4011, bind=CLIENT, port=4011)
            expect_offer(replies, "ipxe.efi", option43=False, msg_type=5, from_port=4011)

        def request_4011_ipxe():
            # iPXE asks from port 68.
            opts = pxe_options("PXEClient:Arch:00000:UNDI:002001", 0, user_class="iPXE")
            xid, p = dhcp_packet(3, macs["ipxe"], opts, ciaddr=CLIENT, flags=0)
            replies = client.exchange(xid, p, to=SERVER, to_port=4011, bind=CLIENT, port=68)
            expect_offer(replies, script_url, option43=False, msg_type=5, from_port=4011)

        def request_67_proxy_ack():
            # SELECTING-state REQUEST to the site's DHCP server: a proxy ACK with the boot
            # info (yiaddr 0) that the client tells apart by its server id.
            opts = pxe_options("PXEClient:Arch:00000:UNDI:002001", 0) + [
                (54, socket.inet_aton("10.89.0.254")), (50, socket.inet_aton("10.89.0.77"))]
            xid, p = dhcp_packet(3, macs["bios"], opts)
            expect_offer(client.exchange(xid, p), "undionly.kpxe", option43=True, msg_type=5)
            console.wait_for(lambda e: e.get("event") == "dhcp-request" and e.get("mac") == macs["bios"]
                             and e.get("ip") == "10.89.0.77", 10, "dhcp-request with the requested address")

        def request_67_for_local_server():
            # A REQUEST naming our own address belongs to a DHCP server on this host; a
            # proxy ACK would be taken for its ACK (OVMF then fails with PXE-E07).
            opts = pxe_options("PXEClient:Arch:00007:UNDI:003000", 7) + [(54, socket.inet_aton(SERVER))]
            xid, p = dhcp_packet(3, macs["uefi"], opts)
            replies = client.exchange(xid, p, wait=2.0, first=False)
            expect(not replies, f"proxy ACK for a REQUEST to a server at our address: {replies}")

        def event_lines():
            for kind in ("bios", "uefi", "ipxe"):
                console.wait_for(lambda e, m=macs[kind]: e.get("event") == "dhcp-offer" and e.get("mac") == m,
                                 10, f"dhcp-offer event line for {kind}")
            discover = console.wait_for(lambda e: e.get("event") == "dhcp-discover" and e.get("mac") == macs["bios"],
                                        10, "dhcp-discover event line")
            expect(discover.get("firmware") == "bios" and discover.get("arch") == 0, f"discover facts {discover}")
            ack = console.wait_for(lambda e: e.get("event") == "dhcp-ack" and e.get("mac") == macs["uefi"], 10,
                                   "dhcp-ack event line")
            expect(ack.get("detail") == "ipxe.efi", f"ack detail {ack.get('detail')}")
            # How the registry learns a machine's address in proxy mode.
            console.wait_for(lambda e: e.get("event") == "dhcp-request" and e.get("mac") == macs["uefi"]
                             and e.get("ip") == CLIENT, 10, f"dhcp-request event line with ip {CLIENT}")

        checks.check("BIOS PXE DISCOVER: undionly.kpxe + discovery control 8", bios)
        checks.check("UEFI x64 DISCOVER: ipxe.efi, no option 43", uefi)
        checks.check("UEFI without GUID is tolerated", uefi_without_guid)
        checks.check("iPXE DISCOVER: HTTP script URL, no option 43", ipxe)
        checks.check("REQUEST on 67 to another server: proxy ACK", request_67_proxy_ack)
        checks.check("REQUEST on 67 to a server at our address: no ACK", request_67_for_local_server)
        checks.check("plain DISCOVER gets no offer", plain_discover)
        checks.check("udhcpc gets no offer", udhcpc)
        checks.check("no answer on an interface not served", other_link_is_silent)
        ns.ip(cli, "addr", "add", f"{CLIENT}/24", "dev", "dpc0")
        checks.check("REQUEST to 4011 from 4011 (OVMF): ACK with ipxe.efi", request_4011_ovmf)
        checks.check("REQUEST to 4011 from 68 (iPXE): ACK with script URL", request_4011_ipxe)
        checks.check("event lines for offers and ACKs", event_lines)

        code = console.stop()
        console = None
        if code != 0:
            checks.failed.append(f"console exited with {code} after SIGINT")
    except (AssertionError, subprocess.CalledProcessError) as e:
        checks.failed.append(f"setup: {e}")
    finally:
        if console is not None:
            try:
                console.stop()
            except AssertionError:
                pass
        ns.cleanup()

    return checks.report(f"{run_dir}/console.log")


if __name__ == "__main__":
    sys.exit(main())
