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
  ethtool iputils-ping traceroute nmap dnsutils hyperfine curl  # the classic procedure, for bench/ (curl: the lab asks reach serve and Prometheus)
  iputils-arping                         # the classic duplicate-address check, and the lab's impostors announcing an address
  openssh-client openssh-server          # --server/--compare: ssh, and sshd run by lab/remote-lab.sh inside the lab's namespaces
  chromium fonts-noto-cjk                # the HTML report opened headless in tests (Korean glyphs in its screenshot)
  curl                                   # the real client the fix scenarios fetch a page with
  conntrack                              # the conntrack table's counters (firewall.conntrack-full scenarios)
  bpftool libbpf-dev libbpf1 llvm        # the kernel drop-reason watch: vmlinux.h from BTF, clang -target bpf, libbpf to load it
  prometheus prometheus-blackbox-exporter  # reach serve: scraped by a real Prometheus, compared with blackbox_exporter
  systemd                                # systemd-analyze verify for deploy/systemd/reach.service
  nodejs                                 # deploy/kubernetes validated offline (deploy/kubernetes/validate)
  openssl                                # the lab's certificates for reach serve over TLS
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
  # openssh-server's maintainer scripts would start sshd on this machine: policy-rc.d (invoke-rc.d's
  # hook, exit 101 = "action forbidden") keeps it stopped. The lab runs its own sshd inside namespaces,
  # with its own keys; the machine's sshd and host keys are never used.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && own_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  ((own_policy)) && rm -f "$policy"
fi

# The Kubernetes manifests are validated offline against the Kubernetes API's own schemas and types
# (kubernetes-models, tsc): installed once from the npm registry, pinned by package-lock.json.
validate="$(dirname "$0")/../deploy/kubernetes/validate"
if [[ ! -d $validate/node_modules ]]; then
  command -v npm >/dev/null || { echo "install-deps: npm (with nodejs) is needed to validate deploy/kubernetes" >&2; exit 1; }
  (cd "$validate" && npm ci --no-audit --no-fund --loglevel=error)
fi

command -v dotnet >/dev/null || { echo "install-deps: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }
