#!/usr/bin/env bash
# Regenerates every capture under scenarios/*/ and big/ from the real tools.
# Needs root, iptables (nf_tables backend), ip6tables, iptables-legacy, nft and ipset.
# Each scenario runs in its own scratch network namespace: the root namespace's rules are never
# touched, and deleting the namespace (after flushing the rules and destroying its ipsets, which
# are per namespace) leaves nothing behind.
#   usage: sudo ./capture.sh            # all scenarios and the big ruleset
#          sudo ./capture.sh 01-seed-reject-80
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ns=""

teardown() {
	[[ -n $ns ]] || return 0
	if ip netns list | grep -qw -- "$ns"; then
		local x=(ip netns exec "$ns")
		# A set still referenced by a rule cannot be destroyed (ipset(8)): rules go first.
		"${x[@]}" nft flush ruleset || true
		for t in $("${x[@]}" iptables-legacy-save 2>/dev/null | sed -n 's/^\*//p'); do "${x[@]}" iptables-legacy -t "$t" -F; "${x[@]}" iptables-legacy -t "$t" -X; done
		for t in $("${x[@]}" ip6tables-legacy-save 2>/dev/null | sed -n 's/^\*//p'); do "${x[@]}" ip6tables-legacy -t "$t" -F; "${x[@]}" ip6tables-legacy -t "$t" -X; done
		"${x[@]}" ipset destroy || true
		ip netns del "$ns"
	fi
	ns=""
}
trap teardown EXIT

# save FILE COMMAND...: stdout to FILE, stderr to FILE.stderr; empty files are removed.
save() {
	local dir=$1 file=$2
	shift 2
	ip netns exec "$ns" "$@" >"$dir/$file" 2>"$dir/$file.stderr" || true
	for f in "$dir/$file" "$dir/$file.stderr"; do [[ -s $f ]] || rm -f "$f"; done
}

capture_all() {
	local dir=$1
	rm -f "$dir"/*.txt "$dir"/*.json "$dir"/*.gz "$dir"/*.stderr
	save "$dir" iptables-save.txt iptables-save -c
	save "$dir" ip6tables-save.txt ip6tables-save -c
	save "$dir" iptables-legacy-save.txt iptables-legacy-save -c
	save "$dir" ip6tables-legacy-save.txt ip6tables-legacy-save -c
	save "$dir" nft.json nft -j list ruleset
	save "$dir" ipset-save.txt ipset save
}

scenario() {
	local dir=$here/scenarios/$1
	ns=fwfix-$$
	ip netns add "$ns"
	ip netns exec "$ns" ip link set lo up
	(cd "$dir" && ip netns exec "$ns" bash -euo pipefail setup.sh)
	if [[ -f $dir/traffic.sh ]]; then (cd "$dir" && ip netns exec "$ns" bash traffic.sh); fi
	capture_all "$dir"
	teardown
	echo "captured $1"
}

big() {
	local dir=$here/big tmp
	tmp=$(mktemp -d)
	python3 "$dir/generate.py" "$tmp"
	ns=fwfix-$$
	ip netns add "$ns"
	ip netns exec "$ns" ip link set lo up
	ip netns exec "$ns" ipset restore <"$tmp/ipset.restore"
	ip netns exec "$ns" iptables-restore <"$tmp/iptables.rules"
	ip netns exec "$ns" nft -f "$tmp/ruleset.nft"
	capture_all "$dir"
	# The full nft -j dump also lists iptables-nft's 8,000 rules as {"xt": ...}: keep it small.
	gzip -9 -n "$dir/nft.json"
	teardown
	rm -rf "$tmp"
	echo "captured big"
}

if [[ $# -gt 0 ]]; then
	for s in "$@"; do if [[ $s == big ]]; then big; else scenario "$s"; fi; done
else
	for d in "$here"/scenarios/*/; do scenario "$(basename "$d")"; done
	big
fi
