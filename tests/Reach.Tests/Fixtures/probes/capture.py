#!/usr/bin/env python3
"""Captures the packets the probe parsers are tested on, from real sockets, as the probes' own sockets
receive them. Run as root inside the probe network's host a (tests/Reach.Lab.Tests/probe-net.sh up):

    probe-net.sh exec a python3 capture.py OUTDIR

Each capture writes NAME.bin (the bytes recv/recvmsg returned) and NAME.json (the sender and, where the
socket reports it, the received hop limit or TTL from the ancillary data). Echo probes use id 0x5241 and the
sequence numbers below, which the tests match on.
"""
import json, os, socket, struct, sys, time

OUT = sys.argv[1]
ID = 0x5241
SOL_IP, IP_MTU_DISCOVER, IP_RECVTTL, IP_TTL = 0, 10, 12, 2
SOL_IPV6, IPV6_MTU_DISCOVER, IPV6_DONTFRAG, IPV6_RECVHOPLIMIT, IPV6_HOPLIMIT = 41, 23, 62, 51, 52
PROBE = 3


def save(name, data, **meta):
    with open(os.path.join(OUT, name + ".bin"), "wb") as f:
        f.write(data)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(meta, f, indent=1)
    print(name, len(data), meta)


def hop_limit(ancdata):
    for level, kind, data in ancdata:
        if (level, kind) in ((SOL_IP, IP_TTL), (SOL_IPV6, IPV6_HOPLIMIT)):
            return struct.unpack("i", data[:4])[0]
    return None


def checksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def echo(v6, size, seq):
    n = size - (48 if v6 else 28)
    body = (b"reach echo probe" * 200)[:n]
    hdr = struct.pack("!BBHHH", 128 if v6 else 8, 0, 0, ID, seq)
    if v6:
        return hdr + body
    return struct.pack("!BBHHH", 8, 0, checksum(hdr + body), ID, seq) + body


def icmp_capture(name, v6, target, size, seq, want, ttl=None):
    s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMPV6 if v6 else socket.IPPROTO_ICMP)
    s.setsockopt(SOL_IPV6 if v6 else SOL_IP, IPV6_RECVHOPLIMIT if v6 else IP_RECVTTL, 1)
    if v6:
        s.setsockopt(SOL_IPV6, IPV6_MTU_DISCOVER, PROBE)
        s.setsockopt(SOL_IPV6, IPV6_DONTFRAG, 1)
    else:
        s.setsockopt(SOL_IP, IP_MTU_DISCOVER, PROBE)
    if ttl:
        s.setsockopt(SOL_IPV6 if v6 else SOL_IP, 16 if v6 else IP_TTL, ttl)
    s.settimeout(2)
    s.sendto(echo(v6, size, seq), (target, 0))
    while True:
        data, anc, _, addr = s.recvmsg(65536, 256)
        icmp = data if v6 else data[(data[0] & 15) * 4:]
        if icmp[0] in want:
            save(name, data, sender=addr[0], hop_limit=hop_limit(anc), id=ID, seq=seq, size=size, ttl=ttl)
            return


def arp_reply(name, ifname, src, target):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0806))
    s.bind((ifname, 0x0806))
    mac = bytes.fromhex(open(f"/sys/class/net/{ifname}/address").read().strip().replace(":", ""))
    req = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, mac, socket.inet_aton(src), b"\0" * 6, socket.inet_aton(target))
    s.settimeout(2)
    s.sendto(req, (ifname, 0x0806, 0, 0, b"\xff" * 6))
    while True:
        data = s.recv(1500)
        if struct.unpack("!H", data[6:8])[0] == 2 and data[14:18] == socket.inet_aton(target):
            save(name, data, sender=target, ifname=ifname)
            return


def neighbour_advert(name, ifname, target):
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    s.setsockopt(socket.SOL_SOCKET, 25, ifname.encode())
    s.setsockopt(SOL_IPV6, 18, 255)  # IPV6_MULTICAST_HOPS
    s.setsockopt(SOL_IPV6, IPV6_RECVHOPLIMIT, 1)
    mac = bytes.fromhex(open(f"/sys/class/net/{ifname}/address").read().strip().replace(":", ""))
    t = socket.inet_pton(socket.AF_INET6, target)
    ns = struct.pack("!BBHI", 135, 0, 0, 0) + t + bytes([1, 1]) + mac
    dst = "ff02::1:ff%02x:%02x%02x" % (t[13], t[14], t[15])
    s.settimeout(2)
    s.sendto(ns, (dst, 0, 0, socket.if_nametoindex(ifname)))
    while True:
        data, anc, _, addr = s.recvmsg(1500, 256)
        if data[0] == 136 and data[8:24] == t:
            save(name, data, sender=addr[0], hop_limit=hop_limit(anc), ifname=ifname)
            return


def tcp_answer(name, v6, target, port, local_port):
    fam = socket.AF_INET6 if v6 else socket.AF_INET
    raw = socket.socket(fam, socket.SOCK_RAW, socket.IPPROTO_TCP)
    raw.setsockopt(SOL_IPV6 if v6 else SOL_IP, IPV6_RECVHOPLIMIT if v6 else IP_RECVTTL, 1)
    raw.settimeout(2)
    c = socket.socket(fam, socket.SOCK_STREAM)
    c.bind(("::" if v6 else "0.0.0.0", local_port))
    c.settimeout(2)
    try:
        c.connect((target, port))
    except OSError:
        pass
    while True:
        data, anc, _, addr = raw.recvmsg(65536, 256)
        tcp = data if v6 else data[(data[0] & 15) * 4:]
        sport, dport = struct.unpack("!HH", tcp[:4])
        if sport == port and dport == local_port:
            save(name, data, sender=addr[0], hop_limit=hop_limit(anc), port=port, local_port=local_port)
            c.close()
            return


what = sys.argv[2] if len(sys.argv) > 2 else "all"
if what in ("all", "neighbour"):
    arp_reply("arp-reply", "pv1-a", "10.77.1.2", "10.77.1.1")
    neighbour_advert("neighbour-advert", "pv1-a", "fd77:1::1")
if what in ("all", "echo"):
    icmp_capture("echo-reply-v4", False, "10.77.3.2", 84, 1, (0,))
    icmp_capture("echo-reply-v6", True, "fd77:3::2", 104, 2, (129,))
    icmp_capture("time-exceeded-v6", True, "fd77:3::2", 1400, 3, (3,), ttl=2)
    icmp_capture("frag-needed-v4", False, "10.77.3.2", 1500, 4, (3,))
    icmp_capture("packet-too-big-v6", True, "fd77:3::2", 1500, 5, (2,))
if what in ("all", "tcp"):
    tcp_answer("tcp-rst-v4", False, "10.77.3.2", 81, 40001)
    tcp_answer("tcp-synack-v6", True, "fd77:3::2", 8080, 40002)
