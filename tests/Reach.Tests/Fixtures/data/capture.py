#!/usr/bin/env python3
"""Captures what DataProbe reads: a service's first answer (exactly what recv returned) and the
kernel's struct tcp_info (exactly what getsockopt(TCP_INFO) returned). Usage:
  capture.py answer HOST PORT HEX_REQUEST OUT.bin     # send the request (may be empty), keep the first recv
  capture.py tcpinfo HOST PORT OUT.bin                # connect, send HEAD, wait 0.6 s, keep TCP_INFO"""
import socket, sys, time

def answer(host, port, request, out):
    s = socket.create_connection((host, int(port)), timeout=3)
    if request:
        s.sendall(bytes.fromhex(request))
    data = s.recv(512)
    open(out, "wb").write(data)

def tcpinfo(host, port, out):
    s = socket.create_connection((host, int(port)), timeout=3)
    s.sendall(b"HEAD / HTTP/1.0\r\n\r\n")
    time.sleep(0.6)
    open(out, "wb").write(s.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 232))

if sys.argv[1] == "answer":
    answer(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
else:
    tcpinfo(sys.argv[2], sys.argv[3], sys.argv[4])
