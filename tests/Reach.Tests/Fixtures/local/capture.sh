#!/usr/bin/env bash
# Records the fixtures of tests/Reach.Tests/Engine/LocalReplayEngineTests.cs: for each lab fault, every system read a
# real `reach local 80 --from 10.1.1.7` (with `--watch` for watch-*) made on web1: listeners, rulesets, routes,
# /proc. The watched packets are not recorded: the tests script them. Needs root and the lab:
#   REACH_LAB_PREFIX=xx- tests/Reach.Tests/Fixtures/local/capture.sh [NAME...]
set -euo pipefail
cd "$(dirname "$0")/../../../.."
host=$PWD/tests/Reach.ProbeHost/bin/Release/net10.0/Reach.ProbeHost.dll
out=$PWD/tests/Reach.Tests/Fixtures/local
P=${REACH_LAB_PREFIX:-}
only="$*"
[ -f "$host" ] || dotnet build tests/Reach.ProbeHost -c Release -nologo -clp:ErrorsOnly

# record NAME USER [window=MS]: one recorded `reach local` on web1 as USER (root or nobody).
record() {
    local name=$1 user=$2
    shift 2
    rm -rf "$out/$name"
    if [ "$user" = root ]; then
        ip netns exec "${P}web1" dotnet "$host" record-local 80 "$out/$name" from=10.1.1.7 "$@" | sed "s/^/$name: /"
    else
        local scratch
        scratch=$(mktemp -d)
        chmod 0777 "$scratch"
        ip netns exec "${P}web1" setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$scratch" DOTNET_CLI_HOME="$scratch" \
            dotnet "$host" record-local 80 "$scratch/snap" from=10.1.1.7 "$@" | sed "s/^/$name: /"
        mv "$scratch/snap" "$out/$name"
        rm -rf "$scratch"
    fi
}

want() { [ -z "$only" ] || [[ " $only " == *" $1 "* ]]; }

# fresh [FAULT...]: the lab healthy again, with the faults.
fresh() {
    lab/lab.sh reset >/dev/null
    [ $# -eq 0 ] || lab/lab.sh fault "$@" >/dev/null
}

# SYNs from dev1 while web1 watches (each connect gives up after 1 s; a few, spaced).
syns_from_dev1() {
    sleep 2
    for _ in 1 2 3 4; do
        ip netns exec "${P}dev1" timeout 1 bash -c 'exec 3<>/dev/tcp/10.1.2.5/80' 2>/dev/null || true
        sleep 0.5
    done
}

if want healthy; then fresh; record healthy root; fi
if want no-listener; then fresh no-listener; record no-listener root; fi
if want loopback-listener; then fresh loopback-listener; record loopback-listener root; fi
if want web1-drop; then fresh web1-drop; record web1-drop root; fi
if want unprivileged; then fresh web1-drop; record unprivileged nobody; fi
if want full-queue; then
    # The backlog-1 server stopped (SIGSTOP) while three connections from dev1 complete their handshake: its
    # accept queue is full (Recv-Q above the backlog) when web1 is read; it resumes afterwards.
    fresh web1-small-backlog
    pid=$(<"${REACH_LAB_STATE:-/run/reach-lab${P:+-${P%-}}}/http.pid")
    kill -STOP "$pid"
    ip netns exec "${P}dev1" python3 -c '
import socket, time
s = [socket.create_connection(("10.1.2.5", 80), timeout=2) for _ in range(2)]
time.sleep(20)' 2>/dev/null &
    holder=$!
    sleep 1
    record full-queue root
    kill -CONT "$pid"
    kill "$holder" 2>/dev/null || true
    wait "$holder" 2>/dev/null || true
fi
if want watch-answered; then fresh; syns_from_dev1 & record watch-answered root window=8000; wait; fi
if want watch-no-return; then
    # lab/remote-lab.sh's web1-no-return: web1 keeps no route back to dev1.
    fresh
    ip -n "${P}web1" route del default
    ip -n "${P}web1" route replace 10.1.1.8/32 via 10.1.2.1
    syns_from_dev1 & record watch-no-return root window=8000; wait
fi
lab/lab.sh down >/dev/null
