#!/usr/bin/env python3
"""End-to-end: `netboot-console --headless --demo 50` boots 50 simulated machines on
loopback through the console's own engines, and every one reaches stage Joined.

Runs the real binary as a normal process (loopback needs no root), reads its JSON event
lines, waits until 50 distinct MACs have shown stage Joined or 180 s pass, then sends
SIGINT and expects a clean exit (code 0) that leaves no demo workspace behind.
Only the process started here is stopped, by its PID.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time

COUNT = 50
DEADLINE_S = 180


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


class Events:
    def __init__(self, stream, copy_path):
        self.lock = threading.Lock()
        self.joined = set()
        self.stages = {}
        self.macs = set()
        self.failed_services = []
        self.workspace = None
        self.bad_lines = 0
        self.lines = 0
        self.copy = open(copy_path, "w")
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream):
        for raw in stream:
            self.copy.write(raw)
            try:
                event = json.loads(raw)
            except ValueError:
                with self.lock:
                    self.bad_lines += 1
                continue
            with self.lock:
                self.lines += 1
                mac = event.get("mac")
                if mac:
                    self.macs.add(mac)
                    self.stages[mac] = event.get("stage")
                    if event.get("stage") == "Joined":
                        self.joined.add(mac)
                if event.get("event") == "service" and event.get("state") == "failed":
                    self.failed_services.append(event)
                if event.get("event") == "demo-started":
                    detail = event.get("detail", "")
                    self.workspace = detail.split("workspace ", 1)[-1] if "workspace " in detail else None
        self.copy.flush()

    def joined_count(self):
        with self.lock:
            return len(self.joined)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)

    stderr_path = os.path.join(args.work, "demo.stderr")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with open(stderr_path, "w") as stderr:
        proc = subprocess.Popen([args.binary, "--headless", "--demo", str(COUNT)], stdout=subprocess.PIPE,
                                stderr=stderr, text=True, env=env)
    log(f"started {args.binary} --headless --demo {COUNT} (pid {proc.pid})")
    events = Events(proc.stdout, os.path.join(args.work, "demo.events.jsonl"))
    failures = []
    try:
        start = time.monotonic()
        last = -1
        while time.monotonic() - start < DEADLINE_S:
            n = events.joined_count()
            if n != last:
                log(f"{n}/{COUNT} machines joined")
                last = n
            if n >= COUNT:
                break
            if proc.poll() is not None:
                failures.append(f"the console exited early with code {proc.returncode}")
                break
            time.sleep(0.5)
        elapsed = time.monotonic() - start
        joined = events.joined_count()
        if joined < COUNT:
            with events.lock:
                stuck = {m: s for m, s in events.stages.items() if m not in events.joined}
            failures.append(f"only {joined}/{COUNT} machines reached Joined in {elapsed:.0f} s; others: {stuck}")
        else:
            log(f"all {COUNT} machines joined after {elapsed:.1f} s")

        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            failures.append("the console did not exit within 30 s of SIGINT")
            proc.kill()
            code = proc.wait()
        events.thread.join(timeout=10)
        if code != 0:
            failures.append(f"exit code {code} after SIGINT, expected 0")

        with events.lock:
            if events.failed_services:
                failures.append(f"engines failed: {events.failed_services}")
            if events.bad_lines:
                failures.append(f"{events.bad_lines} stdout lines were not JSON")
            foreign = [m for m in events.macs if not m.startswith("02:00:00:")]
            if foreign:
                failures.append(f"machines that are not simulated: {foreign}")
            if len(events.macs) != COUNT:
                failures.append(f"{len(events.macs)} distinct MACs, expected {COUNT}")
            if not events.workspace:
                failures.append("no demo-started line naming the demo workspace")
            elif os.path.exists(events.workspace):
                failures.append(f"the demo workspace {events.workspace} was left behind")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    if failures:
        for f in failures:
            log("FAIL: " + f)
        log(f"stderr: {stderr_path}")
        return 1
    log("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
