#!/usr/bin/env python3
"""A point-to-point IP link between two network namespaces that delays one direction.

For kernels without sch_netem: two TUN devices, one in each namespace, and this
process in between copying packets from one to the other, those leaving the server
held back `--delay-ms` (like `tc qdisc add dev SERVER root netem delay 5ms`).

    delay_link.py --server-ns S --server-dev tunS --client-ns C --client-dev tunC --delay-ms 5

The devices must exist (ip -n NS tuntap add dev NAME mode tun). Runs until killed.
"""

import argparse
import collections
import ctypes
import fcntl
import os
import select
import struct
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
CLONE_NEWNET = 0x40000000

libc = ctypes.CDLL(None, use_errno=True)


def enter_namespace(name):
    fd = os.open(f"/run/netns/{name}", os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns {name}")
    finally:
        os.close(fd)


def open_tun(namespace, device):
    enter_namespace(namespace)
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", device.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server-ns", required=True)
    parser.add_argument("--server-dev", required=True)
    parser.add_argument("--client-ns", required=True)
    parser.add_argument("--client-dev", required=True)
    parser.add_argument("--delay-ms", type=float, default=5.0)
    args = parser.parse_args()

    server = open_tun(args.server_ns, args.server_dev)
    client = open_tun(args.client_ns, args.client_dev)
    delay = args.delay_ms / 1000.0
    held = collections.deque()   # (due, packet) from the server, in order of arrival

    while True:
        timeout = None
        if held:
            timeout = max(0.0, held[0][0] - time.monotonic())
        readable, _, _ = select.select([server, client], [], [], timeout)
        now = time.monotonic()
        if server in readable:
            while True:
                try:
                    held.append((now + delay, os.read(server, 65535)))
                except BlockingIOError:
                    break
        if client in readable:
            while True:
                try:
                    os.write(server, os.read(client, 65535))
                except BlockingIOError:
                    break
        now = time.monotonic()
        while held and held[0][0] <= now:
            try:
                os.write(client, held.popleft()[1])
            except BlockingIOError:
                pass   # the client side is full: drop, as a real link would


if __name__ == "__main__":
    main()
