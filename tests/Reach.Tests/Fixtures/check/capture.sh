#!/usr/bin/env bash
# Records the fixtures of tests/Reach.Tests/Engine/CheckReplayTests.cs: for each lab fault, every system read
# a real `reach check` made on dev1 (files, /sys, iproute2, iptables/nft), laid out as `reach snapshot` lays
# it out. The probes are not recorded: the tests script them. Needs root and the lab; run from anywhere:
#   REACH_LAB_PREFIX=xx- tests/Reach.Tests/Fixtures/check/capture.sh [NAME...]
set -euo pipefail
cd "$(dirname "$0")/../../../.."
host=$PWD/tests/Reach.ProbeHost/bin/Release/net10.0/Reach.ProbeHost.dll
out=$PWD/tests/Reach.Tests/Fixtures/check
P=${REACH_LAB_PREFIX:-}
[ -f "$host" ] || dotnet build tests/Reach.ProbeHost -c Release -nologo -clp:ErrorsOnly

# capture NAME USER TARGET [FAULT...]: a fresh lab, the faults, one recorded check on dev1 as USER (root or nobody).
capture() {
    local name=$1 user=$2 target=$3
    shift 3
    if [ -n "$only" ] && [[ " $only " != *" $name "* ]]; then return; fi
    lab/lab.sh reset >/dev/null
    [ $# -eq 0 ] || lab/lab.sh fault "$@" >/dev/null
    rm -rf "$out/$name"
    if [ "$user" = root ]; then
        ip netns exec "${P}dev1" dotnet "$host" record-check "$target" "$out/$name" timeout=1500 | sed "s/^/$name: /"
    else
        # An unprivileged run reads what a user reads (no ruleset, no fresh ARP); it writes to a scratch directory first.
        local scratch
        scratch=$(mktemp -d)
        chmod 0777 "$scratch"
        ip netns exec "${P}dev1" setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$scratch" DOTNET_CLI_HOME="$scratch" \
            dotnet "$host" record-check "$target" "$scratch/snap" timeout=1500 | sed "s/^/$name: /"
        mv "$scratch/snap" "$out/$name"
        rm -rf "$scratch"
    fi
}

# interface.errors: a scratch namespace (not the lab) whose only link is a VXLAN towards a remote with no route:
# every packet it sends (the ARP requests for the target) counts a tx carrier error (vxlan_xmit_one), so the
# counters move while the check runs, as a failing NIC's do.
capture_errors() {
    if [ -n "$only" ] && [[ " $only " != *" interface-errors "* ]]; then return; fi
    local ns="${P}errs"
    ip netns del "$ns" 2>/dev/null || true
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip -n "$ns" link add vx0 type vxlan id 42 remote 10.77.9.9 dstport 4789
    ip -n "$ns" addr add 10.77.0.1/24 dev vx0
    ip -n "$ns" link set vx0 up
    mkdir -p "/etc/netns/$ns"
    printf 'nameserver 10.77.0.53\n' >"/etc/netns/$ns/resolv.conf"
    printf '127.0.0.1 localhost\n' >"/etc/netns/$ns/hosts"
    rm -rf "$out/interface-errors"
    ip netns exec "$ns" dotnet "$host" record-check 10.77.0.2:80 "$out/interface-errors" timeout=1500 | sed "s/^/interface-errors: /"
    ip netns del "$ns"
    rm -rf "/etc/netns/$ns"
}

only="$*"
capture_errors
capture healthy root web1:80
capture on-link root 10.1.1.3:80
capture web1-drop root web1:80 web1-drop
capture unprivileged nobody web1:80 gw-drops-ping web1-drop
capture bogus-gateway root web1:80 bogus-gateway
capture no-default-route root web1:80 no-default-route
capture link-down root web1:80 link-down
capture iface-down root web1:80 iface-down
capture no-address root web1:80 no-address
capture misconfigured root web1:80 misconfigured
capture no-nameserver root web1:80 no-nameserver
capture nameserver-absent root web1:80 nameserver-absent
capture dns-stopped root web1:80 dns-stopped
capture no-search root web1:80 no-search
capture nxdomain root web1:80 nxdomain
capture stale-hosts root web1:80 stale-hosts
capture nsswitch-no-dns root web1:80 nsswitch-no-dns
capture resolv-unreadable nobody web1:80 resolv-unreadable
capture dev1-output-drop root web1:80 dev1-output-drop
capture blackhole-route root web1:80 blackhole-route
capture wrong-prefix root web1:80 wrong-prefix
capture gw-no-forwarding root web1:80 gw-no-forwarding
capture dns-first-dead root web1:80 dns-first-dead
# dev1 configured by ifupdown (lab fault ifupdown-config): the fix restores the address and router its /etc/network/interfaces names.
capture iface-down-ifupdown root web1:80 ifupdown-config iface-down
capture no-default-route-ifupdown root web1:80 ifupdown-config no-default-route
capture misconfigured-ifupdown root web1:80 ifupdown-config misconfigured
capture bogus-gateway-ifupdown root web1:80 ifupdown-config bogus-gateway
capture gw-one-way-state root web1:80 gw-one-way-state
capture jumbo-segment root 10.1.1.8:80 jumbo-segment
capture gw-address-taken root web1:80 gw-address-taken
capture dev1-address-taken root web1:80 dev1-address-taken
# Cold reads (issue 17): this host's own REJECT forging an RST; a policy rule into a table whose gateway is dead.
capture dev1-output-reset root web1:80 dev1-output-reset
capture policy-port-dead-gw root web1:80 policy-port-dead-gw
# HOST-WIDE (run alone): a scanner namespace keeps the one IPv4 neighbour table full; last, so that the next reset ends it.
capture neigh-table-full root web1:80 neigh-table-full
lab/lab.sh down >/dev/null
