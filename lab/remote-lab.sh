#!/usr/bin/env bash
# lab/remote-lab.sh - what `reach check --server/--compare` needs on top of a lab made by `lab/lab.sh up`
# (same REACH_LAB_PREFIX): sshd inside web1 and dev2, with host keys and a client key made for the lab
# (never the machine's own), the REACH_SSH_COMMAND that uses them, and the cross-host faults.
# Relies on addresses only (LAN 10.1.1.0/24, gw 10.1.1.1 / 10.1.2.1, web1 10.1.2.5, dev2 10.1.1.8),
# not on how lab.sh wires its links.
#
#   lab/remote-lab.sh up              start sshd in web1 and dev2 (keys made once, kept in the state dir)
#   lab/remote-lab.sh ssh-command     print the REACH_SSH_COMMAND for the lab
#   lab/remote-lab.sh fault NAME      inject a cross-host fault (lab/remote-lab.sh faults lists them)
#   lab/remote-lab.sh down            stop the sshds, remove the extra namespace
#
# Needs root. Run tools with `ip netns exec ${REACH_LAB_PREFIX}dev1 ...`.
set -euo pipefail

readonly P=${REACH_LAB_PREFIX:-}
[[ $P =~ ^[a-z0-9-]{0,6}$ ]] || { echo "REACH_LAB_PREFIX must be at most 6 of [a-z0-9-]" >&2; exit 2; }
# Not inside lab.sh's state dir: `lab.sh reset` wipes that, and the keys are worth keeping.
readonly RS=${REACH_REMOTE_LAB_STATE:-/run/reach-remote-lab${P:+-${P%-}}}
readonly ALT=${P}alt   # web1's second interface ends here (rp_filter fault)

readonly FAULTS=(
  "sshd-stopped|web1's sshd is killed: ssh to web1 is refused"
  "web1-no-return|web1 loses its default route and keeps only 10.1.1.8/32 via gw: no route back to dev1 (reach web1 through dev2 as a bastion)"
  "web1-rp-strict|web1 gets a second interface; its route back to 10.1.1.7 leaves by it, and rp_filter=1 (strict): dev1's SYNs are dropped on arrival"
  "gw-drop-syn80|gw drops forwarded TCP SYNs to port 80 (ssh on 22 still passes): web1 sees none"
)

die() { echo "remote-lab: $*" >&2; exit 1; }
ns() { echo "$P$1"; }
in_ns() { local n=$1; shift; ip netns exec "$(ns "$n")" "$@"; }

need_lab() {
  for h in dev1 dev2 web1 gw; do
    ip netns list | awk '{print $1}' | grep -qx "$(ns "$h")" || die "namespace $(ns "$h") is missing: run REACH_LAB_PREFIX=$P lab/lab.sh up first"
  done
}

# The interface that holds ADDR inside host NS (lab.sh may wire it however it likes).
iface_of() { in_ns "$1" ip -o -4 addr show to "$2/32" | awk '{print $2; exit}'; }

keys() {
  mkdir -p "$RS"
  chmod 700 "$RS"
  [[ -f $RS/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C reach-lab-client -f "$RS/id_ed25519"
  cp "$RS/id_ed25519.pub" "$RS/authorized_keys"
  : >"$RS/known_hosts"
  for h in web1 dev2; do
    [[ -f $RS/${h}_host_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C "reach-lab-$h" -f "$RS/${h}_host_ed25519"
  done
  echo "web1,web1.example.net,10.1.2.5 $(cut -d' ' -f1,2 "$RS/web1_host_ed25519.pub")" >>"$RS/known_hosts"
  echo "dev2,dev2.example.net,10.1.1.8 $(cut -d' ' -f1,2 "$RS/dev2_host_ed25519.pub")" >>"$RS/known_hosts"
  cat >"$RS/ssh_config" <<CONF
Host *
  User root
  IdentityFile $RS/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $RS/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  LogLevel ERROR
CONF
  # Remotes that misbehave, for --remote-reach: one hangs, one prints garbage.
  printf '#!/bin/sh\nsleep 600\n' >"$RS/hang-reach"
  printf '#!/bin/sh\necho "Welcome to web1! <html>this is not JSON</html>"\nexit 0\n' >"$RS/garbage-reach"
  chmod 755 "$RS/hang-reach" "$RS/garbage-reach"
}

start_sshd() {
  local h=$1
  stop_sshd "$h"
  cat >"$RS/sshd-$h.conf" <<CONF
Port 22
ListenAddress 0.0.0.0
HostKey $RS/${h}_host_ed25519
PidFile $RS/sshd-$h.pid
AuthorizedKeysFile $RS/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
LogLevel ERROR
CONF
  # sshd refuses to start without its privilege separation directory (Debian makes it at boot).
  mkdir -p /run/sshd
  # Its own stdio: a caller reading this script's output must not wait for sshd to end.
  ip netns exec "$(ns "$h")" /usr/sbin/sshd -D -f "$RS/sshd-$h.conf" -E "$RS/sshd-$h.log" </dev/null >/dev/null 2>&1 &
  echo $! >"$RS/sshd-$h.launcher"
  for _ in $(seq 50); do
    in_ns "$h" ss -Hltn 'sport = :22' | grep -q . && return 0
    sleep 0.1
  done
  die "sshd in $(ns "$h") did not start: $(tail -3 "$RS/sshd-$h.log" 2>/dev/null)"
}

stop_sshd() {
  local h=$1 pid
  for f in "$RS/sshd-$h.pid" "$RS/sshd-$h.launcher"; do
    [[ -f $f ]] || continue
    pid=$(cat "$f")
    # Only a pid that is really our sshd in our namespace.
    if [[ -n $pid && -r /proc/$pid/cmdline ]] && tr '\0' ' ' </proc/"$pid"/cmdline | grep -q "sshd -D -f $RS/sshd-$h.conf"; then
      kill "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
}

fault() {
  local name=$1
  case $name in
    sshd-stopped) stop_sshd web1; sleep 0.1 ;;
    web1-no-return)
      in_ns web1 ip route del default 2>/dev/null || true
      in_ns web1 ip route replace 10.1.1.8/32 via 10.1.2.1
      ;;
    web1-rp-strict)
      ip netns del "$ALT" 2>/dev/null || true
      ip netns add "$ALT"
      ip link add rlab-w1 netns "$(ns web1)" type veth peer name rlab-alt netns "$ALT"
      in_ns web1 ip addr add 10.1.9.5/24 dev rlab-w1
      in_ns web1 ip link set rlab-w1 up
      ip netns exec "$ALT" ip addr add 10.1.9.1/24 dev rlab-alt
      ip netns exec "$ALT" ip link set rlab-alt up
      ip netns exec "$ALT" ip link set lo up
      # The asymmetric path: replies to dev1 leave by the second interface.
      in_ns web1 ip route replace 10.1.1.7/32 via 10.1.9.1 dev rlab-w1
      # The setting this fault is about (kernel default 0): strict reverse-path filtering, RFC 3704.
      local ifc; ifc=$(iface_of web1 10.1.2.5)
      in_ns web1 sysctl -qw net.ipv4.conf.all.rp_filter=1 "net.ipv4.conf.$ifc.rp_filter=1"
      ;;
    gw-drop-syn80) in_ns gw iptables -A FORWARD -p tcp --dport 80 --syn -j DROP ;;
    *) die "unknown fault '$name' (lab/remote-lab.sh faults)" ;;
  esac
}

case ${1:-} in
  up)
    need_lab
    command -v /usr/sbin/sshd >/dev/null || die "/usr/sbin/sshd is missing: scripts/install-deps.sh installs openssh-server"
    ip netns del "$ALT" 2>/dev/null || true
    keys
    start_sshd web1
    start_sshd dev2
    ;;
  ssh-command) echo "ssh -F $RS/ssh_config" ;;
  record)
    # record DIR [REACH]: a pair of real reports for the join's tests, as --server makes them: the
    # watch on web1 starts first, dev1's check runs once it watches, the watch ends at its EOF.
    dir=${2:?record DIR}; reach=${3:-$(cd "$(dirname "$0")/.." && pwd)/out/reach}
    mkdir -p "$dir"
    fifo=$(mktemp -u); mkfifo "$fifo"
    in_ns web1 "$reach" local 80 --from 10.1.1.7 --watch --duration 8s --stop-on-eof --json <"$fifo" >"$dir/server.json" 2>"$dir/server.stderr" &
    watcher=$!
    exec 9>"$fifo"
    for _ in $(seq 100); do grep -q 'watching' "$dir/server.stderr" 2>/dev/null && break; sleep 0.05; done
    in_ns dev1 "$reach" check web1:80 --json >"$dir/local.json" || true
    exec 9>&-
    wait "$watcher" || true
    rm -f "$fifo" "$dir/server.stderr"
    ;;
  record-compare)
    # record-compare DIR [REACH]: dev1's and dev2's checks of web1:80, run at the same time.
    dir=${2:?record-compare DIR}; reach=${3:-$(cd "$(dirname "$0")/.." && pwd)/out/reach}
    mkdir -p "$dir"
    in_ns dev2 "$reach" check web1:80 --json >"$dir/neighbour.json" &
    in_ns dev1 "$reach" check web1:80 --json >"$dir/local.json" || true
    wait || true
    ;;
  state) echo "$RS" ;;
  faults) for f in "${FAULTS[@]}"; do printf '%-16s %s\n' "${f%%|*}" "${f#*|}"; done ;;
  fault) shift; (($#)) || die "fault NAME"; need_lab; for f in "$@"; do fault "$f"; done ;;
  down)
    stop_sshd web1; stop_sshd dev2
    ip netns del "$ALT" 2>/dev/null || true
    ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; [[ ${1:-} == -h || ${1:-} == --help ]] && exit 0; exit 2 ;;
esac
