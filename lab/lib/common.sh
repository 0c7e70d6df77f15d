# shellcheck shell=bash
# lab/lib/common.sh - helpers: errors, running in a namespace, waiting, pids, background processes. Sourced by lab/lab.sh.

die() {
  printf '%s: %s\n' "$PROG" "$*" >&2
  exit 1
}

usage_error() {
  printf '%s: %s\n' "$PROG" "$*" >&2
  printf 'Try: %s --help\n' "$PROG" >&2
  exit 2
}

require_root() {
  [[ $(id -u) -eq 0 ]] || die "needs root (network namespaces, iptables, /etc/netns)"
}

in_ns() {
  local ns=$1
  shift
  ip netns exec "$P$ns" "$@"
}

ns_exists() {
  # `ip netns add` creates /run/netns/NAME; `ip netns list` is the portable way to ask.
  ip netns list | awk '{print $1}' | grep -qxF -- "$P$1"
}

any_lab_ns() {
  local ns
  for ns in "${ALL_NS[@]}" "${FAULT_NS[@]}"; do
    if ns_exists "$ns"; then return 0; fi
  done
  return 1
}

lab_is_up() {
  local ns
  [[ -e $MARKER ]] || return 1
  for ns in "${ALL_NS[@]}"; do
    ns_exists "$ns" || return 1
  done
}

require_up() {
  lab_is_up || die "the lab is not up (run: $PROG up)"
}

# Poll (every 50 ms, at most TRIES times) until CMD succeeds: the servers and
# dnsmasq's reload are asynchronous, and tests run right after us.
wait_until() {
  local tries=$1 i
  shift
  for ((i = 0; i < tries; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.05
  done
  return 1
}

# A zombie still answers kill -0; treat it as gone.
pid_alive() {
  local pid=$1 stat
  [[ -r /proc/$pid/stat ]] || return 1
  stat=$(<"/proc/$pid/stat") || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

pid_not_alive() { ! pid_alive "$1"; }

not_listening() { ! listening "$@"; }

# Kill one process by id: TERM, wait up to 2 s, then KILL.
kill_pid() {
  local pid=$1
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  wait_until 40 pid_not_alive "$pid" || kill -KILL "$pid" 2>/dev/null || true
  wait_until 20 pid_not_alive "$pid" || true
}

# Kill the process recorded in PIDFILE, but only if its command line still
# contains WHAT: a pid file outliving its process must not kill a recycled pid.
kill_pidfile() {
  local pidfile=$1 what=$2 pid
  [[ -r $pidfile ]] || return 0
  pid=$(<"$pidfile")
  if [[ $pid =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/cmdline ]] &&
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$what"; then
    kill_pid "$pid"
  fi
  rm -f -- "$pidfile"
}

# listening NS PROTO PORT [LOCAL-ADDR]: is a socket bound to PORT (and ADDR)?
listening() {
  local ns=$1 proto=$2 port=$3 addr=${4:-} out
  out=$(in_ns "$ns" ss -Hln"${proto:0:1}" "sport = :$port") || return 1
  [[ -n $out ]] || return 1
  [[ -z $addr ]] || grep -qF -- " $addr:$port " <<<"$out "
}

# The pid of the process holding a listening socket on PORT in NS.
listener_pid() {
  local ns=$1 proto=$2 port=$3
  in_ns "$ns" ss -Hln"${proto:0:1}"p "sport = :$port" | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2
}

# Start a long-running server in NS, detached: setsid so that a Ctrl-C in the
# terminal (or a test runner killing its process group) does not take the lab's
# servers with it, and all fds away from ours so that `$(lab.sh up)` returns.
start_bg() {
  local ns=$1 log=$2
  shift 2
  setsid ip netns exec "$P$ns" "$@" </dev/null >>"$log" 2>&1 &
}

# ---------------------------------------------------------------- servers
