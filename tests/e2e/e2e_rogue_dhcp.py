#!/usr/bin/env python3
"""End-to-end: `netboot-console --headless --mode dhcp` notices another DHCP server that
appears on its segment, and with `onRogueDhcp: pxe-only` leaves plain clients to it.

Three namespaces on one bridge: the console (10.93.0.1/24 on the bridge rgbr0, probing
every 5 s: `rogueProbeSeconds: 5`), a client (raw DISCOVERs) and a host that runs dnsmasq
(10.93.0.2) only when the test says so. Checked: the console's own probe is never taken
for a client or for another server; a dnsmasq started while the console runs is reported
as a `rogue-dhcp` event line with its address within the probe interval (plus the probe's
own listening time), once; with `warn` both servers answer a plain client; after the
workspace says `pxe-only`, a plain DISCOVER gets only dnsmasq's offer while a PXE DISCOVER
still gets the console's; when dnsmasq stops, `rogue-dhcp-gone` follows and plain clients
are answered again; when it comes back it is reported again.

Needs root (namespaces); exits 77 with the reason otherwise. Every wait is bounded;
namespaces and processes are removed in `finally`.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbce2e  # noqa: E402
import e2e_dhcp_proxy as wire  # noqa: E402  (DHCP packets and the in-namespace probe)

log = nbce2e.log
expect = wire.expect

SERVER = "10.93.0.1"
ROGUE = "10.93.0.2"
RANGE = "10.93.0.100-10.93.0.149"
PROBE_SECONDS = 5
# The probe listens 4 s for answers after its DISCOVER; a little slack for the host.
REPORT_WITHIN = PROBE_SECONDS + 4 + 3
CLIENT_MAC = "52:54:00:93:00:01"

WORKSPACE = """network:
  interface: rgbr0
  mode: dhcp
  dhcpRange: {range}
  rogueProbeSeconds: {seconds}
{extra}"""


def write_workspace(path, extra=""):
    with open(os.path.join(path, "netboot.yaml.tmp"), "w") as f:
        f.write(WORKSPACE.format(range=RANGE, seconds=PROBE_SECONDS, extra=extra))
    os.replace(os.path.join(path, "netboot.yaml.tmp"), os.path.join(path, "netboot.yaml"))


class Rogue:
    """dnsmasq as a second DHCP server on the segment, started and stopped by PID."""

    def __init__(self, ns, name, run_dir):
        self.ns, self.name, self.run_dir = ns, name, run_dir
        self.proc = None
        self.starts = 0

    def start(self):
        self.starts += 1
        out = open(os.path.join(self.run_dir, f"dnsmasq-{self.starts}.log"), "w")
        self.proc = self.ns.popen(self.name, ["dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0",
                                              "--interface=rgd1", "--bind-interfaces",
                                              "--dhcp-range=10.93.0.150,10.93.0.180,255.255.255.0,1h",
                                              f"--dhcp-leasefile={self.run_dir}/dnsmasq-leases", "--log-dhcp"],
                                  stdout=out, stderr=subprocess.STDOUT)
        time.sleep(0.5)
        expect(self.proc.poll() is None, f"dnsmasq exited at once: {nbce2e.read_text(out.name)[-500:]}")
        return time.monotonic()

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=10)
        self.proc = None


def counter(console, name):
    """The dhcp-server engine's counter as its last service line has it."""
    lines = [e for e in console.events() if e.get("event") == "service" and e.get("engine") == "dhcp-server"]
    return lines[-1].get("counters", {}).get(name, 0) if lines else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary")
    parser.add_argument("--work")
    args = parser.parse_args()
    if not args.binary or not args.work:
        parser.error("--binary and --work are required")
    nbce2e.require_root_and_tools(["ip", "dnsmasq"])
    if not os.access(args.binary, os.X_OK):
        nbce2e.skip(f"{args.binary} is not built")

    work = os.path.abspath(args.work)
    run_dir = os.path.join(work, f"rogue-dhcp-{os.getpid()}")
    shutil.rmtree(run_dir, ignore_errors=True)
    workspace = os.path.join(run_dir, "workspace")
    os.makedirs(workspace)
    write_workspace(workspace)

    ns = nbce2e.Namespaces("nbcrg")
    checks = wire.Checks()
    console = None
    rogue = None
    try:
        srv = ns.add("s")
        cli = ns.add("c")
        dns = ns.add("d")
        ns.ip(srv, "link", "add", "rgbr0", "type", "bridge")
        ns.ip(srv, "addr", "add", f"{SERVER}/24", "dev", "rgbr0")
        ns.ip(srv, "link", "set", "rgbr0", "up")
        for port, peer, other in (("rgc0", "rgc1", cli), ("rgd0", "rgd1", dns)):
            ns.ip(srv, "link", "add", port, "type", "veth", "peer", "name", peer, "netns", other)
            ns.ip(srv, "link", "set", port, "master", "rgbr0", "up")
        ns.ip(cli, "link", "set", "rgc1", "address", CLIENT_MAC)
        ns.ip(cli, "link", "set", "rgc1", "up")
        ns.ip(dns, "addr", "add", f"{ROGUE}/24", "dev", "rgd1")
        ns.ip(dns, "link", "set", "rgd1", "up")
        own_mac = ns.exec(srv, ["cat", "/sys/class/net/rgbr0/address"]).stdout.strip()

        console = nbce2e.Console(ns, srv, args.binary,
                                 ["--interface", "rgbr0", "--workspace", workspace, "--mode", "dhcp",
                                  "--http-port", "8080"],
                                 os.path.join(run_dir, "console.log"))
        console.wait_for(lambda e: e.get("event") == "service" and e.get("engine") == "dhcp-server"
                         and e.get("state") in ("running", "failed"), 30, "dhcp-server engine to start")
        status = [e for e in console.events() if e.get("engine") == "dhcp-server"][-1]
        if status.get("state") != "running":
            raise AssertionError(f"dhcp-server did not start: {status.get('error')} / {status.get('fix')}")
        log(f"dhcp-server running: {status.get('address')}")
        client = wire.Client(ns, cli, "rgc1")
        rogue = Rogue(ns, dns, run_dir)
        serial = [0]

        def plain_discover():
            """A plain (non-PXE) DISCOVER from a fresh MAC; the addresses that answered."""
            serial[0] += 1
            xid, p = wire.dhcp_packet(1, f"52:54:00:93:01:{serial[0]:02x}", [(55, bytes([1, 3, 51]))])
            # dnsmasq pings an address before it offers it to a new client: up to 3 s.
            return sorted(addr for addr, _, r in client.exchange(xid, p, wait=6.0, first=False)
                          if r["options"].get(53) == b"\x02")

        def rogue_lines(kind="rogue-dhcp"):
            return [e for e in console.events() if e.get("event") == kind and e.get("ip") == ROGUE]

        def alone_no_warning():
            # Two probe rounds (two DISCOVERs each) that our own server saw and dropped.
            deadline = time.monotonic() + 3 * PROBE_SECONDS + 10
            while counter(console, "own-probe") < 4 and time.monotonic() < deadline:
                time.sleep(0.5)
            expect(counter(console, "own-probe") >= 4,
                   f"our own probe was not seen twice: {counter(console, 'own-probe')}")
            rogues = [e for e in console.events() if e.get("event") == "rogue-dhcp"]
            expect(not rogues, f"the console reported a server while alone: {rogues}")
            mine = [e for e in console.events() if e.get("mac") == own_mac]
            expect(not mine, f"our own probe became a machine: {mine[:2]}")
            expect(plain_discover() == [SERVER], "a plain client was not answered by the console alone")

        def dnsmasq_is_reported():
            since = console.mark()
            started = rogue.start()
            event = console.wait_for(lambda e: e.get("event") == "rogue-dhcp" and e.get("ip") == ROGUE,
                                     REPORT_WITHIN, f"rogue-dhcp for {ROGUE}", since)
            took = time.monotonic() - started
            log(f"rogue-dhcp after {took:.1f} s: {event}")
            expect(event.get("evidence") == "probe", f"evidence {event.get('evidence')}")
            expect(re.search(r"offers 10\.93\.0\.1[5-8]\d", event.get("detail", "")),
                   f"detail does not say what it offers: {event.get('detail')}")
            expect("time" in event and "mac" not in event, f"line shape {event}")
            # Later rounds still see it: said once.
            time.sleep(PROBE_SECONDS + 5)
            expect(len(rogue_lines()) == 1, f"reported {len(rogue_lines())} times")

        def warn_answers_everyone():
            expect(plain_discover() == [SERVER, ROGUE], "with warn both servers should answer a plain client")

        def pxe_only_leaves_plain_clients():
            since = console.mark()
            write_workspace(workspace, "  onRogueDhcp: pxe-only\n")
            console.wait_for(lambda e: e.get("event") == "workspace-reloaded", 10, "workspace-reloaded", since)
            time.sleep(0.5)
            answered = plain_discover()
            expect(answered == [ROGUE], f"a plain client was answered by {answered}, expected only dnsmasq")
            deadline = time.monotonic() + 5
            while counter(console, "dropped:pxe-only") < 1 and time.monotonic() < deadline:
                time.sleep(0.2)
            expect(counter(console, "dropped:pxe-only") >= 1, "no dropped:pxe-only counter")
            xid, p = wire.dhcp_packet(1, "52:54:00:93:02:01", wire.pxe_options("PXEClient:Arch:00000:UNDI:002001", 0))
            replies = [(addr, r) for addr, _, r in client.exchange(xid, p, wait=6.0, first=False)]
            ours = [r for addr, r in replies if addr == SERVER]
            expect(len(ours) == 1, f"a PXE client got {len(ours)} offers from the console: {replies}")
            expect(ours[0]["file"] == "undionly.kpxe", f"file {ours[0]['file']!r}")
            expect(ours[0]["yiaddr"].startswith("10.93.0.1"), f"yiaddr {ours[0]['yiaddr']}")

        def gone_then_answered_again():
            since = console.mark()
            rogue.stop()
            stopped = time.monotonic()
            console.wait_for(lambda e: e.get("event") == "rogue-dhcp-gone" and e.get("ip") == ROGUE,
                             4 * PROBE_SECONDS + 12, f"rogue-dhcp-gone for {ROGUE}", since)
            log(f"rogue-dhcp-gone after {time.monotonic() - stopped:.1f} s")
            time.sleep(0.5)
            expect(plain_discover() == [SERVER], "a plain client was not answered once dnsmasq was gone")

        def reported_again_when_back():
            since = console.mark()
            started = rogue.start()
            console.wait_for(lambda e: e.get("event") == "rogue-dhcp" and e.get("ip") == ROGUE,
                             REPORT_WITHIN, f"rogue-dhcp again for {ROGUE}", since)
            log(f"reported again after {time.monotonic() - started:.1f} s")
            expect(len(rogue_lines()) == 2, f"{len(rogue_lines())} rogue-dhcp lines in all")
            time.sleep(0.5)
            expect(plain_discover() == [ROGUE], "pxe-only did not apply again")

        checks.check("alone: our own probe is neither a client nor another server", alone_no_warning)
        checks.check(f"dnsmasq started on the segment is reported within {REPORT_WITHIN} s, once",
                     dnsmasq_is_reported)
        checks.check("onRogueDhcp: warn (default): both servers answer a plain client", warn_answers_everyone)
        checks.check("onRogueDhcp: pxe-only: a plain client gets only dnsmasq's offer, a PXE client ours",
                     pxe_only_leaves_plain_clients)
        checks.check("dnsmasq stopped: rogue-dhcp-gone, plain clients answered again", gone_then_answered_again)
        checks.check("dnsmasq back: reported again", reported_again_when_back)
        rogue.stop()
        code = console.stop()
        console = None
        expect(code == 0, f"console exited with {code} after SIGINT")
    except (AssertionError, subprocess.CalledProcessError) as e:
        checks.failed.append(f"setup: {e}")
    finally:
        if rogue is not None:
            try:
                rogue.stop()
            except subprocess.TimeoutExpired:
                pass
        nbce2e.teardown(console, ns)

    return checks.report(f"{run_dir}/console.log")


if __name__ == "__main__":
    sys.exit(main())
