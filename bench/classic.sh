#!/usr/bin/env bash
# The seed's procedure as an operator types it, for `reach check HOST:PORT` to be compared with.
# Each step runs whatever the previous one said, as by hand; failures do not stop the walk.
host=${1:?host}; port=${2:?port}
dev=$(ip route get 10.1.2.5 2>/dev/null | sed -n 's/.* dev \([^ ]*\).*/\1/p'); dev=${dev:-eth0}
ethtool "$dev"
ip addr show "$dev"
ip route
gw=$(ip route | awk '/^default/ {print $3; exit}')
[ -n "$gw" ] && ping -c 5 "$gw"
nslookup "$host"
ping -c 1 -W 2 "$host"
traceroute -n -w 2 -m 10 "$host"
nmap -Pn -p "$port" "$host"
true
