#!/usr/bin/env python3
"""Writes a real-world-sized ruleset (about 10,000 rules) into the directory given as argv[1]:

  ipset.restore   for `ipset restore`
  iptables.rules  for `iptables-restore` (nf_tables backend)
  ruleset.nft     for `nft -f`

Deterministic: no randomness, every rule follows from a formula, so the tests know the answer for
any packet without running the kernel. The shape follows what large hosts carry: one user chain per
tenant selected by source prefix, multiport services, iprange blocks, comments, a shared
log-and-reject chain, an ipset blocklist, and a native nft table with named sets and verdict maps.

Formulas (T = tenant 0..99, J = rule 0..79 in chain TENANT_TTT, P = 10000 + 10*J):
  INPUT 1   conntrack RELATED,ESTABLISHED ACCEPT
  INPUT 2   -i lo ACCEPT
  INPUT 3   -m set --match-set big_blocklist src DROP   (10.T.200.0/24 for every T, 10.250.x.y/32)
  INPUT 4+T -s 10.T.0.0/16 -j TENANT_TTT
  INPUT 104 -p icmp echo-request ACCEPT
  INPUT 105 REJECT --reject-with icmp-admin-prohibited
  TENANT_TTT rule J+1, by J % 4:
    0: tcp multiport --dports P:P+4,P+7  ACCEPT
    1: iprange 10.T.J.1-10.T.J.100, tcp --dport P  DROP
    2: -s 10.T.J.0/24, udp --dport P  REJECT icmp-port-unreachable
    3: tcp --dport P, ctstate NEW  -j LOG_REJECT  (LOG, then REJECT tcp-reset)
  nft inet big, chain input (priority 10, after iptables' filter at 0):
    1 ct state established,related accept
    2 ip saddr @trusted accept               (172.16.K.0/24, K = 0..255, and 172.17.0.0-172.17.3.255)
    3 tcp dport @bad_ports counter drop      (30000..30499)
    4 ip saddr 10.7.0.0/16 tcp dport 10002 counter drop   (iptables accepted it: nft drops it)
    5 tcp dport vmap { 40000-40099 : jump nt_00, ..., 41900-41999 : jump nt_19 }
    6.. ip saddr 10.200.(N / 250).(N % 250 + 1) tcp dport (50000 + N % 1000) drop,  N = 0..1499
  nft chain nt_KK, rule R+1 (R = 0..24): tcp dport (40000 + 100*KK + R) ip saddr 10.0.0.0/8 reject with icmpx admin-prohibited
"""
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

with open(os.path.join(out, "ipset.restore"), "w") as f:
    f.write("create big_blocklist hash:net family inet hashsize 4096 maxelem 65536\n")
    for t in range(100):
        f.write(f"add big_blocklist 10.{t}.200.0/24\n")
    for n in range(900):
        f.write(f"add big_blocklist 10.250.{n // 250}.{n % 250 + 1}\n")

lines = ["*filter", ":INPUT DROP [0:0]", ":FORWARD DROP [0:0]", ":OUTPUT ACCEPT [0:0]", ":LOG_REJECT - [0:0]"]
lines += [f":TENANT_{t:03d} - [0:0]" for t in range(100)]
lines.append("-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT")
lines.append("-A INPUT -i lo -j ACCEPT")
lines.append("-A INPUT -m set --match-set big_blocklist src -j DROP")
for t in range(100):
    lines.append(f"-A INPUT -s 10.{t}.0.0/16 -m comment --comment \"tenant {t}\" -j TENANT_{t:03d}")
lines.append("-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT")
lines.append("-A INPUT -j REJECT --reject-with icmp-admin-prohibited")
lines.append("-A LOG_REJECT -m limit --limit 10/min -j LOG --log-prefix \"tenant reject: \"")
lines.append("-A LOG_REJECT -p tcp -j REJECT --reject-with tcp-reset")
for t in range(100):
    c = f"TENANT_{t:03d}"
    for j in range(80):
        p = 10000 + 10 * j
        k = j % 4
        if k == 0:
            lines.append(f"-A {c} -p tcp -m multiport --dports {p}:{p + 4},{p + 7} -m comment --comment \"tenant {t} service {j}\" -j ACCEPT")
        elif k == 1:
            lines.append(f"-A {c} -p tcp -m iprange --src-range 10.{t}.{j}.1-10.{t}.{j}.100 -m tcp --dport {p} -j DROP")
        elif k == 2:
            lines.append(f"-A {c} -s 10.{t}.{j}.0/24 -p udp -m udp --dport {p} -j REJECT --reject-with icmp-port-unreachable")
        else:
            lines.append(f"-A {c} -p tcp -m tcp --dport {p} -m conntrack --ctstate NEW -j LOG_REJECT")
lines.append("COMMIT")
with open(os.path.join(out, "iptables.rules"), "w") as f:
    f.write("\n".join(lines) + "\n")

nft = ["table inet big {", "\tset trusted {", "\t\ttype ipv4_addr", "\t\tflags interval", "\t\telements = {"]
elems = [f"172.16.{k}.0/24" for k in range(256)] + ["172.17.0.0-172.17.3.255"]
nft.append(",\n".join("\t\t\t" + e for e in elems))
nft += ["\t\t}", "\t}", "\tset bad_ports {", "\t\ttype inet_service", "\t\telements = {"]
nft.append(",\n".join(f"\t\t\t{p}" for p in range(30000, 30500)))
nft += ["\t\t}", "\t}"]
for kk in range(20):
    nft.append(f"\tchain nt_{kk:02d} {{")
    for r in range(25):
        nft.append(f"\t\ttcp dport {40000 + 100 * kk + r} ip saddr 10.0.0.0/8 reject with icmpx type admin-prohibited")
    nft.append("\t}")
nft += ["\tchain input {", "\t\ttype filter hook input priority 10; policy accept;",
        "\t\tct state established,related accept",
        "\t\tip saddr @trusted accept",
        "\t\ttcp dport @bad_ports counter drop",
        "\t\tip saddr 10.7.0.0/16 tcp dport 10002 counter drop"]
vmap = ", ".join(f"{40000 + 100 * kk}-{40099 + 100 * kk} : jump nt_{kk:02d}" for kk in range(20))
nft.append(f"\t\ttcp dport vmap {{ {vmap} }}")
for n in range(1500):
    nft.append(f"\t\tip saddr 10.200.{n // 250}.{n % 250 + 1} tcp dport {50000 + n % 1000} drop")
nft += ["\t}", "}"]
with open(os.path.join(out, "ruleset.nft"), "w") as f:
    f.write("\n".join(nft) + "\n")
