#!/usr/bin/env bash
# lab/lab.sh - the seed's network (dev1 cannot reach web1:80) built from network
# namespaces, veth pairs, two Linux bridges, two forwarding routers, dnsmasq and
# real HTTP servers, plus named faults that break it with the real tools.
#
#   dev1 10.1.1.7 ─┐                           gw eth1 10.1.2.1 ─ sw2 (br0) ─ web1 10.1.2.5 :80
#   dev2 10.1.1.8 ─┼─ sw (br0) ─ gw eth0 10.1.1.1 │
#   ns1  10.1.1.3 ─┘                           gw eth2 10.1.9.1/30 ── r2 10.1.9.2/30
#                                                 r2 eth1 10.1.4.1 ── web2 10.1.4.5 :80
#
# Every network is dual stack: 2001:db8:1:N::/64 next to 10.1.N.0/24 (host part kept: dev1 is
# 2001:db8:1:1::7). The documentation prefix ranks above IPv4 in RFC 6724, as a global address does.
# Every namespace keeps the kernel's defaults (ARP timing, ICMP rate limits, rp_filter): see lab/README.md,
# except accept_dad=0 (why: see build_network).
# Needs root. All traffic stays inside the namespaces made here.
# Run `lab/lab.sh --help` for the commands.
set -euo pipefail

readonly PROG=${0##*/}
# /run is tmpfs: a reboot cannot leave stale pid files behind.
# REACH_LAB_PREFIX names a second, independent lab (e.g. "b-": namespaces b-dev1, b-web1, ...), so that
# two labs can run side by side on one machine. Inside this script hosts keep their short names.
readonly P=${REACH_LAB_PREFIX:-}
[[ $P =~ ^[a-z0-9-]{0,6}$ ]] || { echo "REACH_LAB_PREFIX must be at most 6 of [a-z0-9-]" >&2; exit 2; }
readonly STATE=${REACH_LAB_STATE:-/run/reach-lab${P:+-${P%-}}}
# A marker so that `down` only ever removes a directory this script made, even if
# REACH_LAB_STATE points somewhere unexpected.
readonly MARKER=$STATE/.reach-lab

readonly ALL_NS=(sw sw2 dev1 dev2 ns1 gw web1 r2 web2)
# Namespaces only a fault creates (the docker-published container): `down` removes them too.
readonly FAULT_NS=(ctr1 ctr2 scan)
# Hosts on the 10.1.1.0/24 LAN, each with eth0 plugged into sw's br0 via <host>-port.
readonly LAN_HOSTS=(dev1 dev2 ns1 gw)
# Namespaces that get their own /etc/netns/<ns>/resolv.conf.
readonly RESOLV_NS=(dev1 dev2 ns1 gw web1 r2 web2)
# Clients whose /etc/hosts a fault may make stale without touching the real one.
readonly HOSTS_NS=(dev1 dev2)
declare -rA LAN_ADDR=([dev1]=10.1.1.7 [dev2]=10.1.1.8 [ns1]=10.1.1.3 [gw]=10.1.1.1)
declare -rA LAN_ADDR6=([dev1]=2001:db8:1:1::7 [dev2]=2001:db8:1:1::8 [ns1]=2001:db8:1:1::3 [gw]=2001:db8:1:1::1)

readonly ZONE=$STATE/example.net.hosts
readonly WEBROOT=$STATE/www
readonly WEBROOT2=$STATE/www2
readonly DNS_PID=$STATE/dnsmasq.pid
readonly HTTP_PID=$STATE/http.pid
readonly HTTP2_PID=$STATE/http2.pid
readonly HTTP6_PID=$STATE/http6.pid
readonly HTTP2_6_PID=$STATE/http2-6.pid
readonly FWD_PID=$STATE/forwarder.pid
readonly LOCAL6_PID=$STATE/local6.pid
readonly CTR_HTTP_PID=$STATE/ctr-http.pid
readonly FAULTS_FILE=$STATE/faults
readonly V6ONLY_PY=$STATE/v6only_http.py
readonly BACKLOG_PY=$STATE/backlog_http.py
# "wéb1.example.net" in IDNA form (python3 -c 'print("wéb1".encode("idna"))').
readonly IDN_WEB1=xn--wb1-bma.example.net

# name|one-line description, filled by the files under lab/faults/ (one per layer). Order is the order
# `faults` prints.
FAULTS=()
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for part in lib/common lib/servers lib/topology faults/host faults/dns faults/route faults/server faults/services; do
  # shellcheck source=/dev/null
  source "$here/$part.sh"
done
readonly FAULTS

usage() {
  cat <<EOF
Usage: $PROG COMMAND [ARGS]

The seed's network in network namespaces: dev1 cannot reach web1 on port 80.

Commands:
  up               build the lab (tears an existing one down first), check it, print a summary
  down             kill the lab's processes, delete its namespaces, /etc/netns dirs and state
  reset            down, then up: a clean, healthy lab
  fault NAME...    inject one or more named faults into a lab that is up
  faults           list the fault names with a one-line description
  status           show what is up and which faults were injected
  exec NS CMD...   run CMD inside namespace NS (ip netns exec NS CMD...)
  -h, --help       this help

Namespaces: ${ALL_NS[*]}${P:+ (each prefixed with "$P": REACH_LAB_PREFIX)}
State directory: $STATE (set REACH_LAB_STATE to change it)

Example:
  sudo lab/lab.sh up
  sudo lab/lab.sh fault web1-reject
  sudo ip netns exec ${P}dev1 out/reach check web1:80
  sudo lab/lab.sh down
EOF
}

# ---------------------------------------------------------------- fault commands

fault_known() {
  local entry
  for entry in "${FAULTS[@]}"; do
    [[ ${entry%%|*} == "$1" ]] && return 0
  done
  return 1
}

cmd_faults() {
  local entry
  for entry in "${FAULTS[@]}"; do
    printf '%-22s %s\n' "${entry%%|*}" "${entry#*|}"
  done
}

cmd_fault() {
  (($# > 0)) || usage_error "fault needs a NAME (see: $PROG faults)"
  local name
  # Check every name before changing anything: a typo must not leave half a scenario.
  for name in "$@"; do
    fault_known "$name" || usage_error "unknown fault '$name' (see: $PROG faults)"
  done
  require_root
  require_up
  for name in "$@"; do
    "fault_${name//-/_}"
    printf '%s\n' "$name" >>"$FAULTS_FILE"
    echo "fault injected: $name"
  done
}

# ---------------------------------------------------------------- status, exec

cmd_status() {
  local ns pid present=() missing=()
  for ns in "${ALL_NS[@]}"; do
    if ns_exists "$ns"; then present+=("$ns"); else missing+=("$ns"); fi
  done
  if ((${#present[@]} == 0)) && [[ ! -e $MARKER ]]; then
    echo "reach lab is down"
    return 0
  fi
  if lab_is_up; then echo "reach lab is up (state: $STATE)"; else echo "reach lab is PARTIALLY up (state: $STATE)"; fi
  echo "  namespaces: ${present[*]:-none}${missing[*]:+ (missing: ${missing[*]})}"
  for ns in "${present[@]}"; do
    [[ $ns == sw* ]] && continue
    printf '  %-5s %s\n' "$ns" "$(ip -n "$P$ns" -br -4 addr show | awk '$1 != "lo" {printf "%s %s %s  ", $1, $2, $3}')"
  done
  pid=$(cat "$DNS_PID" 2>/dev/null || true)
  if [[ -n $pid ]] && pid_alive "$pid"; then echo "  dnsmasq:     pid $pid"; else echo "  dnsmasq:     not running"; fi
  pid=$(cat "$HTTP_PID" 2>/dev/null || true)
  if [[ -n $pid ]] && pid_alive "$pid"; then echo "  http server: pid $pid (web1)"; else echo "  http server: not running (web1)"; fi
  pid=$(cat "$HTTP2_PID" 2>/dev/null || true)
  if [[ -n $pid ]] && pid_alive "$pid"; then echo "  http server: pid $pid (web2)"; else echo "  http server: not running (web2)"; fi
  if ns_exists ctr1; then
    pid=$(cat "$CTR_HTTP_PID" 2>/dev/null || true)
    if [[ -n $pid ]] && pid_alive "$pid"; then echo "  http server: pid $pid (container ${P}ctr1 behind web1's docker0)"; else echo "  http server: not running (container ${P}ctr1 behind web1's docker0)"; fi
  fi
  if [[ -s $FAULTS_FILE ]]; then
    echo "  faults:      $(paste -sd' ' "$FAULTS_FILE")"
  else
    echo "  faults:      none"
  fi
}

cmd_exec() {
  (($# >= 2)) || usage_error "exec needs NS and CMD"
  local ns=$1
  shift
  exec ip netns exec "$P$ns" "$@"
}

main() {
  (($# > 0)) || usage_error "no command given"
  local cmd=$1
  shift
  case $cmd in
  up) cmd_up ;;
  down) cmd_down ;;
  reset)
    cmd_down >/dev/null
    cmd_up
    ;;
  fault) cmd_fault "$@" ;;
  faults) cmd_faults ;;
  status) cmd_status ;;
  exec) cmd_exec "$@" ;;
  -h | --help | help) usage ;;
  *) usage_error "unknown command '$cmd'" ;;
  esac
}

main "$@"
