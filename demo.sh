#!/usr/bin/env bash
# README command 1: install what is needed, build, and diagnose the seed's scenario on the built-in
# lab: dev1 cannot reach web1:80 because web1 has `iptables -A INPUT -p tcp --dport 80 -j REJECT`.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
scripts/build.sh
trap 'lab/lab.sh down >/dev/null 2>&1 || true' EXIT
lab/lab.sh up
lab/lab.sh fault web1-reject
echo
echo "# ip netns exec dev1 out/reach check web1:80 --verbose"
set +e
ip netns exec dev1 out/reach check web1:80 --verbose
status=$?
set -e
echo
echo "(exit status $status: 0 nothing wrong, 1 a problem was diagnosed)"
