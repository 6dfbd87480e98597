#!/usr/bin/env python3
"""End-to-end: `netboot-console --headless --mode dhcp` on an isolated link hands out
addresses from the workspace's dhcpRange, to real clients.

Two namespaces joined by a veth (server 10.91.0.1/24, client), nothing else on the link.
busybox udhcpc gets an address and configures it; a second run gets the same address
(sticky per MAC); after a restart of the console the lease is still there (leases.json);
a PXE DISCOVER gets address and boot file in one offer, iPXE its script URL; a client
asking for an address that is not its own gets a NAK.

Needs root (namespaces); exits 77 with the reason otherwise. Every wait is bounded;
namespaces and processes are removed in `finally`.
"""
import argparse
import json
import os
import shutil
import socket
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbce2e  # noqa: E402
import e2e_dhcp_proxy as wire  # noqa: E402  (DHCP packets and the in-namespace probe)

log = nbce2e.log
expect = wire.expect

SERVER = "10.91.0.1"
RANGE = ("10.91.0.100", "10.91.0.199")
CLIENT_MAC = "52:54:00:91:00:01"

UDHCPC_SCRIPT = """#!/bin/sh
case "$1" in
    bound|renew)
        ip addr flush dev "$interface"
        ip addr add "$ip/$mask" dev "$interface"
        echo "ip=$ip mask=$mask subnet=$subnet router=$router lease=$lease serverid=$serverid" >> "{out}" ;;
esac
exit 0
"""


def in_range(address):
    value = struct.unpack("!I", socket.inet_aton(address))[0]
    low, high = (struct.unpack("!I", socket.inet_aton(a))[0] for a in RANGE)
    return low <= value <= high


class Run:
    def __init__(self, ns, srv, binary, workspace, run_dir):
        self.ns, self.srv, self.binary, self.workspace, self.run_dir = ns, srv, binary, workspace, run_dir
        self.console = None
        self.starts = 0

    def start_console(self):
        self.starts += 1
        self.console = nbce2e.Console(self.ns, self.srv, self.binary,
                                      ["--interface", "dfs0", "--workspace", self.workspace, "--mode", "dhcp",
                                       "--http-port", "8080"],
                                      os.path.join(self.run_dir, f"console-{self.starts}.log"))
        self.console.wait_for(lambda e: e.get("event") == "service" and e.get("engine") == "dhcp-server"
                              and e.get("state") in ("running", "failed"), 30, "dhcp-server engine to start")
        status = [e for e in self.console.events() if e.get("engine") == "dhcp-server"][-1]
        if status.get("state") != "running":
            raise AssertionError(f"dhcp-server did not start: {status.get('error')} / {status.get('fix')}")
        log(f"dhcp-server running: {status.get('address')}")

    def stop_console(self):
        if self.console is None:   # a check that killed it failed before starting it again
            return
        code = self.console.stop()
        self.console = None
        expect(code == 0, f"console exited with {code} after SIGINT")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary")
    parser.add_argument("--work")
    args = parser.parse_args()
    if not args.binary or not args.work:
        parser.error("--binary and --work are required")
    nbce2e.require_root_and_tools(["ip", "udhcpc", "busybox"])
    if not os.access(args.binary, os.X_OK):
        nbce2e.skip(f"{args.binary} is not built")

    work = os.path.abspath(args.work)
    run_dir = os.path.join(work, f"dhcp-full-{os.getpid()}")
    shutil.rmtree(run_dir, ignore_errors=True)
    workspace = os.path.join(run_dir, "workspace")
    os.makedirs(workspace)
    with open(os.path.join(workspace, "netboot.yaml"), "w") as f:
        f.write(f"network:\n  interface: dfs0\n  mode: proxy\n  dhcpRange: {RANGE[0]}-{RANGE[1]}\n")
    udhcpc_out = os.path.join(run_dir, "udhcpc.out")
    script = os.path.join(run_dir, "udhcpc.sh")
    with open(script, "w") as f:
        f.write(UDHCPC_SCRIPT.replace("{out}", udhcpc_out))
    os.chmod(script, 0o755)

    ns = nbce2e.Namespaces("nbcdf")
    checks = wire.Checks()
    run = None
    try:
        srv = ns.add("s")
        cli = ns.add("c")
        ns.ip(srv, "link", "add", "dfs0", "type", "veth", "peer", "name", "dfc0", "netns", cli)
        ns.ip(srv, "addr", "add", f"{SERVER}/24", "dev", "dfs0")
        ns.ip(srv, "link", "set", "dfs0", "up")
        ns.ip(cli, "link", "set", "dfc0", "address", CLIENT_MAC)
        ns.ip(cli, "link", "set", "dfc0", "up")
        run = Run(ns, srv, args.binary, workspace, run_dir)
        run.start_console()
        client = wire.Client(ns, cli, "dfc0")
        leased = {}

        def udhcpc(label):
            ns.ip(cli, "addr", "flush", "dev", "dfc0")
            if os.path.exists(udhcpc_out):
                os.remove(udhcpc_out)
            out = ns.exec(cli, ["timeout", "30", "udhcpc", "-i", "dfc0", "-n", "-q", "-t", "5", "-T", "2",
                                "-s", script], check=False)
            expect(out.returncode == 0, f"udhcpc got no lease: {out.stdout[-800:]}")
            got = dict(kv.split("=", 1) for kv in nbce2e.read_text(udhcpc_out).split())
            log(f"udhcpc ({label}): {got}")
            expect(in_range(got["ip"]), f"address {got['ip']} is not in the range {RANGE}")
            expect(got["mask"] == "24" and got["subnet"] == "255.255.255.0", f"netmask {got}")
            expect(got["router"] == "", f"a router was offered on an isolated network: {got['router']}")
            expect(got["serverid"] == SERVER, f"server id {got['serverid']}")
            expect(got["lease"] == "3600", f"lease time {got['lease']}")
            addrs = ns.exec(cli, ["ip", "-4", "-o", "addr", "show", "dev", "dfc0"]).stdout
            expect(f"{got['ip']}/24" in addrs, f"udhcpc did not configure {got['ip']}/24: {addrs}")
            ping = ns.exec(cli, ["busybox", "ping", "-c", "1", "-W", "2", SERVER], check=False)
            expect(ping.returncode == 0, f"no ping to the console from the leased address: {ping.stdout}")
            return got["ip"]

        def first_lease():
            leased["first"] = udhcpc("first run")

        def sticky():
            expect("first" in leased, "no first lease")
            again = udhcpc("second run")
            expect(again == leased["first"], f"second run got {again}, the first {leased['first']}")

        def persisted():
            expect("first" in leased, "no first lease")
            run.stop_console()
            with open(os.path.join(workspace, "leases.json")) as f:
                leases = json.load(f)["leases"]
            mine = [entry for entry in leases if entry.get("mac") == CLIENT_MAC]
            expect(len(mine) == 1 and mine[0]["ip"] == leased["first"] and mine[0]["state"] == "bound",
                   f"leases.json has {mine}")
            run.start_console()
            # Another client first: it must not be handed the first client's address.
            xid, p = wire.dhcp_packet(1, "52:54:00:91:00:09", [(55, bytes([1, 3, 51]))])
            replies = client.exchange(xid, p)
            expect(len(replies) == 1, f"{len(replies)} replies to a plain DISCOVER")
            other = replies[0][2]["yiaddr"]
            expect(in_range(other) and other != leased["first"], f"a newcomer was offered {other}")
            after = udhcpc("after a restart")
            expect(after == leased["first"], f"after a restart got {after}, before {leased['first']}")

        def pxe_bios_one_offer():
            mac = "52:54:00:91:00:02"
            xid, p = wire.dhcp_packet(1, mac, wire.pxe_options("PXEClient:Arch:00000:UNDI:002001", 0))
            replies = client.exchange(xid, p, wait=2.0, first=False)
            expect(len(replies) == 1, f"expected one offer (address and boot file together), got {len(replies)}")
            addr, port, r = replies[0]
            expect(addr == SERVER and port == 67, f"reply from {addr}:{port}")
            expect(r["options"].get(53) == b"\x02", "not an OFFER")
            expect(in_range(r["yiaddr"]), f"yiaddr {r['yiaddr']}")
            expect(r["siaddr"] == SERVER, f"siaddr {r['siaddr']}")
            expect(r["file"] == "undionly.kpxe", f"file {r['file']!r}")
            expect(r["options"].get(67) == b"undionly.kpxe", f"option 67 {r['options'].get(67)!r}")
            expect(r["options"].get(60, b"").startswith(b"PXEClient"), "option 60")
            expect(r["options"].get(43) == b"\x06\x01\x08\xff", f"option 43 {r['options'].get(43)!r}")
            expect(r["options"].get(1) == socket.inet_aton("255.255.255.0"), "option 1")
            expect(r["options"].get(54) == socket.inet_aton(SERVER), "option 54")
            expect(struct.unpack("!I", r["options"].get(51))[0] == 3600, "option 51")
            expect(3 not in r["options"], "option 3 on an isolated network")
            # The whole exchange: REQUEST for the offered address, ACK with the boot file.
            opts = wire.pxe_options("PXEClient:Arch:00000:UNDI:002001", 0) + [
                (54, socket.inet_aton(SERVER)), (50, socket.inet_aton(r["yiaddr"]))]
            xid, p = wire.dhcp_packet(3, mac, opts)
            acks = client.exchange(xid, p, wait=2.0, first=False)
            expect(len(acks) == 1, f"expected one ACK, got {len(acks)}")
            ack = acks[0][2]
            expect(ack["options"].get(53) == b"\x05" and ack["yiaddr"] == r["yiaddr"], f"ACK {ack}")
            expect(ack["file"] == "undionly.kpxe", f"ACK file {ack['file']!r}")
            event = run.console.wait_for(lambda e: e.get("event") == "dhcp-ack" and e.get("mac") == mac, 10,
                                         "dhcp-ack event line")
            expect(event.get("ip") == r["yiaddr"] and event.get("lease") == r["yiaddr"], f"ack event {event}")
            offer = run.console.wait_for(lambda e: e.get("event") == "dhcp-offer" and e.get("mac") == mac, 10,
                                         "dhcp-offer event line")
            expect(offer.get("detail") == "undionly.kpxe", f"offer event {offer}")

        def ipxe_script_url():
            opts = wire.pxe_options("PXEClient:Arch:00000:UNDI:002001", 0, user_class="iPXE")
            xid, p = wire.dhcp_packet(1, "52:54:00:91:00:03", opts)
            replies = client.exchange(xid, p)
            expect(len(replies) == 1, f"{len(replies)} replies")
            r = replies[0][2]
            expect(in_range(r["yiaddr"]), f"yiaddr {r['yiaddr']}")
            expect(r["file"] == f"http://{SERVER}:8080/boot.ipxe", f"file {r['file']!r}")
            expect(43 not in r["options"], "a PXE menu for iPXE")

        def lease_survives_sigkill_after_ack():
            # The ACK is sent only once the binding is on disk: a console killed right after
            # it has the lease at its next start, and hands that address to no one else.
            mac = "52:54:00:91:00:06"
            xid, p = wire.dhcp_packet(1, mac, [(55, bytes([1, 3, 51]))])
            offers = client.exchange(xid, p)
            expect(len(offers) == 1, f"{len(offers)} offers")
            address = offers[0][2]["yiaddr"]
            xid, p = wire.dhcp_packet(3, mac, [(54, socket.inet_aton(SERVER)), (50, socket.inet_aton(address))])
            acks = client.exchange(xid, p)
            expect(len(acks) == 1 and acks[0][2]["options"].get(53) == b"\x05", f"no ACK: {acks}")
            run.console.kill()
            run.console = None
            with open(os.path.join(workspace, "leases.json")) as f:
                leases = json.load(f)["leases"]
            mine = [entry for entry in leases if entry.get("mac") == mac]
            expect(len(mine) == 1 and mine[0]["ip"] == address and mine[0]["state"] == "bound",
                   f"after SIGKILL leases.json has {mine} for {mac} (ACKed {address})")
            run.start_console()
            xid, p = wire.dhcp_packet(1, "52:54:00:91:00:07", [(50, socket.inet_aton(address))])
            newcomer = client.exchange(xid, p)
            expect(len(newcomer) == 1 and newcomer[0][2]["yiaddr"] != address,
                   f"a newcomer asking for {address} was offered it after the restart: {newcomer}")

        def wrong_address_nak():
            # INIT-REBOOT asking for the udhcpc client's address from another MAC.
            expect("first" in leased, "no first lease")
            xid, p = wire.dhcp_packet(3, "52:54:00:91:00:04", [(50, socket.inet_aton(leased["first"]))])
            replies = client.exchange(xid, p)
            expect(len(replies) == 1, f"{len(replies)} replies")
            r = replies[0][2]
            expect(r["options"].get(53) == b"\x06" and r["yiaddr"] == "0.0.0.0", f"expected a NAK: {r}")

        checks.check("udhcpc gets an address in the range and configures it", first_lease)
        checks.check("a second udhcpc run gets the same address", sticky)
        checks.check("the lease survives a restart of the console (leases.json)", persisted)
        checks.check("PXE BIOS DISCOVER: address and undionly.kpxe in one offer, then the ACK", pxe_bios_one_offer)
        checks.check("iPXE DISCOVER: address and script URL, no PXE menu", ipxe_script_url)
        checks.check("REQUEST for another client's address: NAK", wrong_address_nak)
        checks.check("a lease ACKed just before SIGKILL is still there after the restart",
                     lease_survives_sigkill_after_ack)
        run.stop_console()
    except (AssertionError, subprocess.CalledProcessError) as e:
        checks.failed.append(f"setup: {e}")
    finally:
        if run is not None and run.console is not None:
            try:
                run.console.stop()
            except AssertionError:
                pass
        ns.cleanup()

    return checks.report(f"{run_dir}/console-*.log")


if __name__ == "__main__":
    sys.exit(main())
