#!/usr/bin/env python3
"""PXE DHCPDISCOVERs at a fixed rate, broadcast out of one interface; counts the OFFERs.

Run it in the client's network namespace, next to a proxy DHCP server in another one:

    dhcp_load.py --interface IF --rate 3000 --seconds 10 [--machines 1000]

Every DISCOVER looks like a BIOS PXE ROM's (PXE 2.1 2.2.1: option 60 "PXEClient:...",
93 architecture, 94 network interface id, 97 machine GUID) from one of `--machines`
MACs in turn, each with a fresh transaction id. Send times come from the clock right
before sendto(); receive times from the kernel (SO_TIMESTAMPNS), so a slow reader here
does not add to the latency measured. Prints one JSON object.
"""

import argparse
import json
import socket
import struct
import threading
import time

SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)
SO_BINDTODEVICE = getattr(socket, "SO_BINDTODEVICE", 25)
SO_RCVBUFFORCE = getattr(socket, "SO_RCVBUFFORCE", 33)


def discover(xid, mac, index):
    guid = struct.pack(">IHH", 0x8C1B9B3E, 0, 0x4000) + bytes([0x80, 0]) + mac
    options = b"".join([
        bytes([53, 1, 1]),                                  # DHCPDISCOVER
        bytes([57, 2]) + struct.pack(">H", 1472),           # max message size
        bytes([93, 2, 0, 0]),                               # client arch: BIOS x86
        bytes([94, 3, 1, 2, 1]),                            # UNDI 2.1
        bytes([97, 17, 0]) + guid,                          # machine GUID
        bytes([60, 32]) + b"PXEClient:Arch:00000:UNDI:002001",
        bytes([55, 8, 1, 3, 6, 43, 60, 66, 67, 128]),       # parameters a PXE ROM asks for
        bytes([255]),
    ])
    header = struct.pack(
        ">BBBBIHH4s4s4s4s16s64s128s",
        1, 1, 6, 0, xid, 4, 0x8000,                        # BOOTREQUEST, broadcast flag
        b"\0" * 4, b"\0" * 4, b"\0" * 4, b"\0" * 4,
        mac + b"\0" * 10, b"\0" * 64, b"\0" * 128)
    return header + b"\x63\x82\x53\x63" + options


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    return sorted_values[min(len(sorted_values) - 1, int(p * len(sorted_values)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--interface", required=True)
    parser.add_argument("--rate", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--machines", type=int, default=1000)
    parser.add_argument("--server-port", type=int, default=67)
    parser.add_argument("--client-port", type=int, default=68)
    parser.add_argument("--grace", type=float, default=1.0, help="wait this long for late answers")
    args = parser.parse_args()

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    sock.setsockopt(socket.SOL_SOCKET, SO_BINDTODEVICE, args.interface.encode())
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    try:
        # As root, past net.core.rmem_max (often 208 KiB): the reader thread shares the
        # interpreter with the paced sender, and the answers must wait in the kernel, not
        # be dropped there, or the servers are blamed for the client's losses.
        sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 8 << 20)
    except OSError:
        pass
    sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    sock.bind(("0.0.0.0", args.client_port))

    total = int(args.rate * args.seconds)
    macs = [bytes([0x02, 0x00, 0x5E, (i >> 16) & 0xFF, (i >> 8) & 0xFF, i & 0xFF]) for i in range(args.machines)]
    packets = []
    base_xid = (int(time.time()) & 0xFFFF) << 16
    for n in range(total):
        xid = (base_xid + n) & 0xFFFFFFFF
        packets.append((xid, discover(xid, macs[n % args.machines], n)))

    sent_at = {}
    latencies = []
    answered = set()
    duplicates = 0
    stop = threading.Event()

    def receive():
        nonlocal duplicates
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                data, ancillary, _flags, _addr = sock.recvmsg(2048, 64)
            except socket.timeout:
                continue
            if len(data) < 240 or data[0] != 2:
                continue
            received = None
            for level, kind, value in ancillary:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                    sec, nsec = struct.unpack("qq", value[:16])
                    received = sec * 1_000_000_000 + nsec
            if received is None:
                received = time.time_ns()
            xid = struct.unpack(">I", data[4:8])[0]
            when = sent_at.get(xid)
            if when is None:
                continue
            if xid in answered:
                duplicates += 1
                continue
            answered.add(xid)
            latencies.append((received - when) / 1e6)

    reader = threading.Thread(target=receive, daemon=True)
    reader.start()

    target = ("255.255.255.255", args.server_port)
    interval = 1.0 / args.rate
    start = time.perf_counter()
    send_errors = 0
    # Paced by sleeping, never by spinning: a spinning sender holds the interpreter, the
    # reader thread then falls seconds behind and the kernel drops answers the servers
    # sent (counted as the client's UdpRcvbufErrors). Each wake-up sends what is due.
    n = 0
    while n < total:
        due = min(total, int((time.perf_counter() - start) / interval) + 1)
        while n < due:
            xid, packet = packets[n]
            sent_at[xid] = time.time_ns()
            try:
                sock.sendto(packet, target)
            except OSError:
                send_errors += 1
            n += 1
        time.sleep(min(interval, 0.0005))
    send_seconds = time.perf_counter() - start
    time.sleep(args.grace)
    stop.set()
    reader.join()

    latencies.sort()
    print(json.dumps({
        "rate": args.rate,
        "sent": total,
        "send_seconds": round(send_seconds, 3),
        "achieved_rate": round(total / send_seconds, 1),
        "send_errors": send_errors,
        "answered": len(answered),
        "answered_fraction": round(len(answered) / total, 5) if total else 0,
        "duplicates": duplicates,
        "p50_ms": round(percentile(latencies, 0.50), 3) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99), 3) if latencies else None,
        "max_ms": round(latencies[-1], 3) if latencies else None,
    }))


if __name__ == "__main__":
    main()
