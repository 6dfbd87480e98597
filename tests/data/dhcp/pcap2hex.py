#!/usr/bin/env python3
"""Prints the UDP payload of one packet of a pcap file (Ethernet, IPv4) as a hex dump
in the format of tests/data: '#' comments, 16 bytes a line.

    pcap2hex.py FILE.pcap INDEX [COMMENT ...]
    pcap2hex.py FILE.pcap --list
"""
import struct
import sys


def packets(path):
    with open(path, 'rb') as f:
        data = f.read()
    magic = struct.unpack('<I', data[:4])[0]
    endian = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
    pos = 24
    while pos + 16 <= len(data):
        sec, usec, incl, _orig = struct.unpack(endian + 'IIII', data[pos:pos + 16])
        frame = data[pos + 16:pos + 16 + incl]
        pos += 16 + incl
        if len(frame) < 14 or frame[12:14] != b'\x08\x00':
            continue
        ip = frame[14:]
        ihl = (ip[0] & 0x0f) * 4
        if ip[9] != 17:
            continue
        src = '.'.join(str(b) for b in ip[12:16])
        dst = '.'.join(str(b) for b in ip[16:20])
        sport, dport, length = struct.unpack('>HHH', ip[ihl:ihl + 6])
        yield sec, src, sport, dst, dport, ip[ihl + 8:ihl + length]


def main():
    path = sys.argv[1]
    found = list(packets(path))
    if sys.argv[2] == '--list':
        for i, (_sec, src, sport, dst, dport, payload) in enumerate(found):
            print(i, f'{src}:{sport} -> {dst}:{dport}', len(payload))
        return
    sec, src, sport, dst, dport, payload = found[int(sys.argv[2])]
    for line in sys.argv[3:]:
        print('# ' + line if line else '#')
    print(f'# UDP {src}:{sport} -> {dst}:{dport}, {len(payload)} bytes')
    for i in range(0, len(payload), 16):
        print(' '.join(f'{b:02x}' for b in payload[i:i + 16]))


if __name__ == '__main__':
    main()
