#!/usr/bin/env bash
# Installs the Debian packages reach needs to build (NativeAOT: clang, zlib) and that its lab,
# tests and benchmarks drive (iproute2, iptables, nftables, ipset, dnsmasq, python3's HTTP server,
# and the classic tools the benchmark compares against). Runs apt-get only when something is missing.
set -euo pipefail

packages=(
  clang zlib1g-dev                       # NativeAOT link step
  iproute2 iptables nftables ipset       # the lab's network and firewalls (and what reach reads)
  dnsmasq-base python3                   # the lab's DNS and HTTP servers
  procps kmod                            # sysctl, lsmod in the lab
  ethtool iputils-ping traceroute nmap dnsutils hyperfine  # the classic procedure, for bench/
  chromium fonts-noto-cjk                # the HTML report opened headless in tests (Korean glyphs in its screenshot)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: missing packages: ${missing[*]}; run as root (or with sudo)" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "install-deps: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }
