# Two nat chains on the same hook (OUTPUT): iptables-nft's nat table (priority -100) DNATs port 80 of
# 10.96.0.10 to 10.1.2.5, and a native nft table's output nat chain (priority 0, so after it) would DNAT
# any port 80 to 10.1.4.5, the translated packet too. The kernel runs the nat chains of a hook only until one sets up the
# binding (nf_nat_inet_fn), so the connection goes to 10.1.2.5.
iptables -t nat -A OUTPUT -d 10.96.0.10/32 -p tcp --dport 80 -j DNAT --to-destination 10.1.2.5:80
nft -f rules.nft
