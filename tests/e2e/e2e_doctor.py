#!/usr/bin/env python3
"""End-to-end: `netboot-console --doctor` run inside a network namespace, next to a real
DHCP server (dnsmasq, with its usual 3-second ping check before an offer) and on a
segment where nobody answers.

Two namespaces joined by a veth: the console's side c (10.98.0.2/24) and the server's side
s (10.98.0.1/24). Checks: the JSON lines (--headless) name dnsmasq as the DHCP server and
recommend proxy mode; with boot options dnsmasq is called a second netboot server;
without dnsmasq full mode is recommended with a range from the interface's address; the
ports come from the workspace and the --*-port overrides, and a program holding one of
them in the console's namespace is named; the text report; exit codes 2 (no
--interface) and 1 (no such interface).

Needs root (namespaces); exits 77 with the reason otherwise. Every wait is bounded;
namespaces and processes are removed in `finally`.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbce2e  # noqa: E402

log = nbce2e.log

SERVER = "10.98.0.1"
CLIENT = "10.98.0.2"


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

    def report(self):
        if self.failed:
            print("FAILURES:\n  " + "\n  ".join(self.failed))
        print(f"{self.passed} passed, {len(self.failed)} failed")
        return 1 if self.failed else 0


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    nbce2e.require_root_and_tools(["ip", "dnsmasq"])
    if not os.access(args.binary, os.X_OK):
        nbce2e.skip(f"{args.binary} is not built")

    work = os.path.abspath(args.work)
    run_dir = os.path.join(work, f"doctor-{os.getpid()}")
    shutil.rmtree(run_dir, ignore_errors=True)
    workspace = os.path.join(run_dir, "workspace")
    os.makedirs(workspace)
    # Ports come from the workspace (http) and the command line (tftp, below).
    with open(os.path.join(workspace, "netboot.yaml"), "w") as f:
        f.write("ports: {http: 8181}\n")

    ns = nbce2e.Namespaces("nbcdd")
    checks = Checks()
    try:
        srv = ns.add("s")
        cli = ns.add("c")
        ns.ip(cli, "link", "add", "ddc0", "type", "veth", "peer", "name", "dds0", "netns", srv)
        ns.ip(cli, "addr", "add", f"{CLIENT}/24", "dev", "ddc0")
        ns.ip(srv, "addr", "add", f"{SERVER}/24", "dev", "dds0")
        ns.ip(cli, "link", "set", "ddc0", "up")
        ns.ip(srv, "link", "set", "dds0", "up")
        time.sleep(1)   # carrier on both ends

        def doctor(*extra, headless=True, interface="ddc0"):
            cmd = ["ip", "netns", "exec", cli, args.binary, "--doctor", "--workspace", workspace]
            if interface is not None:
                cmd += ["--interface", interface]
            if headless:
                cmd.append("--headless")
            cmd += list(extra)
            started = time.monotonic()
            result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
            log(f"doctor {' '.join(extra)} -> {result.returncode} in {time.monotonic() - started:.1f}s")
            return result

        def lines_of(result):
            expect(result.returncode == 0, f"exit code {result.returncode}: {result.stderr[-500:]}")
            lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
            for line in lines:
                expect(line.get("event", "").startswith("doctor-") and "time" in line, f"odd line {line}")
            return lines

        def only(lines, event):
            found = [line for line in lines if line["event"] == event]
            expect(len(found) == 1, f"{len(found)} {event} lines in {lines}")
            return found[0]

        def start_dnsmasq(extra):
            proc = ns.popen(srv, ["dnsmasq", "--keep-in-foreground", "--no-daemon", "--port=0", "--interface=dds0",
                                  "--bind-interfaces", "--dhcp-range=10.98.0.100,10.98.0.150,255.255.255.0,10m",
                                  f"--pid-file={run_dir}/dnsmasq.pid", "--conf-file=/dev/null", "--leasefile-ro",
                                  "--log-facility=-", *extra],
                            stdout=subprocess.DEVNULL, stderr=open(os.path.join(run_dir, "dnsmasq.log"), "a"))
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                with open(f"/proc/{proc.pid}/net/udp") as f:
                    if ":0043 " in f.read():
                        return proc
                time.sleep(0.1)
            raise AssertionError("dnsmasq did not bind UDP 67")

        def stop(proc):
            proc.terminate()
            proc.wait(timeout=10)

        def next_to_dhcp_server():
            proc = start_dnsmasq([])
            try:
                lines = lines_of(doctor())
            finally:
                stop(proc)
            server = only(lines, "doctor-dhcp-server")
            expect(server["ip"] == SERVER, f"server {server}")
            expect(server["offered"].startswith("10.98.0.1"), f"offered {server}")
            expect(server["subnet"] == "10.98.0.0/24" and server["router"] == SERVER, f"subnet/router {server}")
            expect(server["roles"] == ["dhcp-server"] and not server["secondNetbootServer"], f"roles {server}")
            rec = only(lines, "doctor-recommendation")
            expect(rec["mode"] == "proxy" and rec["basis"] == "dhcp-server-answered", f"recommendation {rec}")
            expect(rec["serverAddress"] == CLIENT and "dhcpRange" not in rec, f"recommendation {rec}")
            expect(not rec["secondNetbootServer"], f"recommendation {rec}")
            iface = only(lines, "doctor-interface")
            expect(iface["found"] and iface["kind"] == "virtual" and iface["ipv4"] == [f"{CLIENT}/24"], f"{iface}")

        def second_netboot_server():
            proc = start_dnsmasq([f"--dhcp-boot=undionly.kpxe,,{SERVER}", f"--dhcp-option=66,{SERVER}"])
            try:
                lines = lines_of(doctor())
            finally:
                stop(proc)
            server = only(lines, "doctor-dhcp-server")
            expect(server["bootFile"] == "undionly.kpxe" and server["nextServer"] == SERVER, f"{server}")
            expect("netboot-server" in server["roles"] and server["secondNetbootServer"], f"{server}")
            expect("a second netboot server" in server["detail"], f"{server}")
            rec = only(lines, "doctor-recommendation")
            expect(rec["mode"] == "proxy" and rec["secondNetbootServer"], f"{rec}")

        def isolated_segment():
            # Something of the console's own namespace holds the TFTP port (moved to 6969).
            holder = ns.popen(cli, [sys.executable, "-c",
                                    "import socket, time\n"
                                    "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                                    "s.bind(('127.0.0.1', 6969))\n"
                                    "time.sleep(60)\n"])
            try:
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    with open(f"/proc/{holder.pid}/net/udp") as f:
                        if ":1B39 " in f.read():
                            break
                    time.sleep(0.1)
                lines = lines_of(doctor("--tftp-port", "6969"))
            finally:
                stop(holder)
            expect(not [line for line in lines if line["event"] == "doctor-dhcp-server"], "someone answered")
            probe = only(lines, "doctor-dhcp-probe")
            expect(probe["probed"] and probe["answers"] == 0, f"{probe}")
            rec = only(lines, "doctor-recommendation")
            expect(rec["mode"] == "dhcp" and rec["basis"] == "no-dhcp-server", f"{rec}")
            expect(rec["dhcpRange"] == "10.98.0.100-10.98.0.199" and rec["serverAddress"] == CLIENT, f"{rec}")
            ports = {(line["transport"], line["port"]): line for line in lines if line["event"] == "doctor-port"}
            expect(("udp", 6969) in ports and ("udp", 69) not in ports, f"tftp port: {sorted(ports)}")
            expect(("tcp", 8181) in ports and ("tcp", 8080) not in ports, f"http port from the workspace: {sorted(ports)}")
            tftp = ports[("udp", 6969)]
            expect(not tftp["free"] and tftp["pid"] == holder.pid and tftp["program"].startswith("python"), f"{tftp}")
            expect(ports[("udp", 67)]["free"], f"{ports[('udp', 67)]}")
            perm = only(lines, "doctor-permission")
            expect(perm["allowed"] and perm["reason"] == "root", f"{perm}")

        def text_report():
            result = doctor(headless=False)
            expect(result.returncode == 0, f"exit code {result.returncode}: {result.stderr[-500:]}")
            expect("Mode: dhcp" in result.stdout and "10.98.0.100-10.98.0.199" in result.stdout, result.stdout)
            expect(not result.stdout.lstrip().startswith("{"), "text expected, not JSON")

        def usage_errors():
            result = doctor(interface=None)
            expect(result.returncode == 2, f"without --interface: exit code {result.returncode}")
            result = doctor(interface="nbc-nosuch0")
            expect(result.returncode == 1, f"unknown interface: exit code {result.returncode}")
            expect(result.stdout == "", f"printed a report for a missing interface: {result.stdout[:200]}")

        checks.check("next to a DHCP server: it is named and proxy mode is recommended", next_to_dhcp_server)
        checks.check("a DHCP server sending boot options is a second netboot server", second_netboot_server)
        checks.check("nobody answers: full mode with a range; ports from workspace and flags", isolated_segment)
        checks.check("without --headless the report is text", text_report)
        checks.check("usage errors: exit codes 2 and 1", usage_errors)
    except (AssertionError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        checks.failed.append(f"setup: {e}")
    finally:
        ns.cleanup()
    return checks.report()


if __name__ == "__main__":
    sys.exit(main())
