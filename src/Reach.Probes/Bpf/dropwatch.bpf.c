// SPDX-License-Identifier: GPL-2.0
/*
 * reach's drop watch: which of the kernel's packet drops belong to ONE flow (a client's TCP packets to a
 * port of this host, and this host's answers to it), and why the kernel dropped them.
 *
 * skb:kfree_skb fires for every packet the kernel frees as a drop (kfree_skb_reason(); consume_skb() is
 * the "not a drop" path and does not fire it). Its arguments are (skb, location, reason, rx_sk): the
 * reason is enum skb_drop_reason (include/net/dropreason-core.h), the location the return address inside
 * the function that dropped it. It carries no addresses, so the program reads the IP and TCP headers from
 * the skb itself. bpf() is not per network namespace: one program sees every namespace's drops, so the
 * namespace (its inode number, the one /proc/self/ns/net shows) is checked as well as the addresses.
 *
 * skb:consume_skb fires when the kernel frees a packet it has dealt with. A listener frees every SYN
 * that way, whether or not it answered it: tcp_rcv_state_process() calls conn_request() and then
 * consume_skb(), and tcp_conn_request() drops a SYN on a full accept or SYN queue without a reason
 * (it only counts ListenOverflows/ListenDrops). So the client's SYNs consumed there, with no SYN-ACK
 * going out, are the kernel's word for "the listener dropped them"; kept: incoming SYNs only.
 *
 * tcp:tcp_retransmit_synack fires when a listener sends its SYN-ACK again: the client's ACK never came.
 * All three are raw tracepoints (BPF_RAW_TRACEPOINT_OPEN): no tracefs needed.
 *
 * Built by scripts/build-bpf.sh: clang -O2 -g -target bpf -D__TARGET_ARCH_x86 against a vmlinux.h made
 * from this machine's BTF (bpftool btf dump file /sys/kernel/btf/vmlinux format c). Field offsets are
 * CO-RE relocations (BPF_CORE_READ), so libbpf fits them to the running kernel's BTF at load time.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define KIND_DROP 1
#define KIND_SYNACK_RETRANSMIT 2
#define KIND_SYN_CONSUMED 3

#define AF_INET 2
#define AF_INET6 10
#define IPPROTO_TCP 6

/* What user space fills in (key 0) before it attaches: the flow and the namespace to keep. */
struct reach_flow {
	__u32 netns;     /* inode number of the network namespace */
	__u16 port;      /* this host's port, host byte order */
	__u8 family;     /* 4 or 6 */
	__u8 pad;
	__u8 client[16]; /* the client's address; IPv4 in the first 4 bytes */
};

/* One event, 64 bytes, little-endian like the host: read by DropEventDecoder (Reach.Probes). */
struct reach_event {
	__u64 location;  /* where the kernel dropped it (a return address inside the function) */
	__u32 reason;    /* enum skb_drop_reason */
	__u32 ifindex;   /* skb->dev's ifindex, 0 when none */
	__u8 kind;       /* KIND_* */
	__u8 family;     /* 4 or 6 */
	__u8 protocol;   /* IPPROTO_TCP */
	__u8 tcp_flags;
	__u16 sport;     /* host byte order */
	__u16 dport;
	__u8 saddr[16];
	__u8 daddr[16];
	__u64 ts;        /* bpf_ktime_get_ns() */
};

/* The layout DropEventDecoder reads; a change here must change it too. */
_Static_assert(sizeof(struct reach_event) == 64, "reach_event is 64 bytes");
_Static_assert(__builtin_offsetof(struct reach_event, sport) == 20, "sport at 20");
_Static_assert(__builtin_offsetof(struct reach_event, saddr) == 24, "saddr at 24");
_Static_assert(__builtin_offsetof(struct reach_event, ts) == 56, "ts at 56");
_Static_assert(sizeof(struct reach_flow) == 24, "reach_flow is 24 bytes");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct reach_flow);
} flow SEC(".maps");

/* 64 KiB: a thousand events; a watch on one flow sees a handful. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} events SEC(".maps");

/* Events the ring buffer had no room for, so that user space can say it missed some. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} lost SEC(".maps");

static __always_inline int same(const __u8 *a, const __u8 *b, int n)
{
	for (int i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static __always_inline __u32 dev_netns(struct net_device *dev)
{
	return dev ? BPF_CORE_READ(dev, nd_net.net, ns.inum) : 0;
}

static __always_inline __u32 skb_netns(struct sk_buff *skb)
{
	/* A received packet has its device; a packet this host sends may have only its socket yet. */
	__u32 inum = dev_netns(BPF_CORE_READ(skb, dev));
	if (inum)
		return inum;
	struct sock *sk = BPF_CORE_READ(skb, sk);
	if (sk)
		return BPF_CORE_READ(sk, __sk_common.skc_net.net, ns.inum);
	/*
	 * tcp_v4_rcv()/tcp_v6_rcv() set skb->dev to NULL before they hand the packet to its socket, so a SYN
	 * the listener consumes has neither: its route (skb->_skb_refdst, low bit SKB_DST_NOREF) still names a
	 * device of the namespace it arrived in.
	 */
	unsigned long refdst = BPF_CORE_READ(skb, _skb_refdst);
	struct dst_entry *dst = (struct dst_entry *)(refdst & ~1UL);
	if (dst)
		return dev_netns(BPF_CORE_READ(dst, dev));
	return 0;
}

static __always_inline void lose(void)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&lost, &zero);
	if (n)
		__sync_fetch_and_add(n, 1);
}

/* Reads the packet's headers into e; 1 when it is the flow's (either direction) in our namespace. */
static __always_inline int flow_packet(struct sk_buff *skb, struct reach_flow *cfg, struct reach_event *e)
{
	unsigned char *head = BPF_CORE_READ(skb, head);
	__u16 nh = BPF_CORE_READ(skb, network_header);
	if (!head || nh == (__u16)~0U)
		return 0;
	unsigned char *ip = head + nh;

	__u8 first = 0;
	if (bpf_probe_read_kernel(&first, 1, ip))
		return 0;
	unsigned char *l4;
	int alen;
	if ((first >> 4) == 4 && cfg->family == 4) {
		struct iphdr h;
		if (bpf_probe_read_kernel(&h, sizeof(h), ip))
			return 0;
		/* First fragments only: a later one has no TCP header. */
		if (h.protocol != IPPROTO_TCP || (bpf_ntohs(h.frag_off) & 0x1fff))
			return 0;
		__builtin_memcpy(e->saddr, &h.saddr, 4);
		__builtin_memcpy(e->daddr, &h.daddr, 4);
		l4 = ip + (h.ihl & 0x0f) * 4;
		alen = 4;
		e->family = 4;
	} else if ((first >> 4) == 6 && cfg->family == 6) {
		struct ipv6hdr h;
		if (bpf_probe_read_kernel(&h, sizeof(h), ip))
			return 0;
		/* TCP right after the fixed header; extension headers before it are not followed. */
		if (h.nexthdr != IPPROTO_TCP)
			return 0;
		__builtin_memcpy(e->saddr, &h.saddr, 16);
		__builtin_memcpy(e->daddr, &h.daddr, 16);
		l4 = ip + sizeof(h);
		alen = 16;
		e->family = 6;
	} else {
		return 0;
	}

	struct tcphdr t;
	if (bpf_probe_read_kernel(&t, sizeof(t), l4))
		return 0;
	e->sport = bpf_ntohs(t.source);
	e->dport = bpf_ntohs(t.dest);
	/* The client's packets to the port, and this host's answers from it. */
	int in = e->dport == cfg->port && same(e->saddr, cfg->client, alen);
	int out = e->sport == cfg->port && same(e->daddr, cfg->client, alen);
	if (!in && !out)
		return 0;
	if (skb_netns(skb) != cfg->netns)
		return 0;

	e->protocol = IPPROTO_TCP;
	e->tcp_flags = ((__u8 *)&t)[13];
	struct net_device *dev = BPF_CORE_READ(skb, dev);
	e->ifindex = dev ? BPF_CORE_READ(dev, ifindex) : 0;
	e->ts = bpf_ktime_get_ns();
	return 1;
}

/* The flow user space asked about; NULL until it has written one (family 0: not yet). */
static __always_inline struct reach_flow *watched_flow(void)
{
	__u32 zero = 0;
	struct reach_flow *cfg = bpf_map_lookup_elem(&flow, &zero);
	return cfg && cfg->family != 0 ? cfg : NULL;
}

static __always_inline void emit(struct reach_event *e)
{
	if (bpf_ringbuf_output(&events, e, sizeof(*e), 0))
		lose();
}

SEC("raw_tracepoint/kfree_skb")
int reach_kfree_skb(struct bpf_raw_tracepoint_args *ctx)
{
	struct reach_flow *cfg = watched_flow();
	if (!cfg)
		return 0;
	struct reach_event e = {};
	if (!flow_packet((struct sk_buff *)ctx->args[0], cfg, &e))
		return 0;
	e.kind = KIND_DROP;
	e.location = ctx->args[1];
	e.reason = (__u32)ctx->args[2];
	emit(&e);
	return 0;
}

SEC("raw_tracepoint/consume_skb")
int reach_consume(struct bpf_raw_tracepoint_args *ctx)
{
	struct reach_flow *cfg = watched_flow();
	if (!cfg)
		return 0;
	struct reach_event e = {};
	if (!flow_packet((struct sk_buff *)ctx->args[0], cfg, &e))
		return 0;
	/* Only the client's SYNs (SYN without ACK, towards the port): every other packet is consumed as a matter of course. */
	if ((e.tcp_flags & 0x12) != 0x02 || e.dport != cfg->port)
		return 0;
	e.kind = KIND_SYN_CONSUMED;
	e.location = ctx->args[1];
	emit(&e);
	return 0;
}

/*
 * tcp_retransmit_synack(sk, req) as a raw tracepoint, like the others: a perf-event tracepoint would need
 * tracefs mounted to find its id, which a host need not have. The addresses come from the request
 * socket's sock_common (inet_request_sock's ir_rmt_addr, ir_num, … are names for those fields).
 */
SEC("raw_tracepoint/tcp_retransmit_synack")
int reach_synack(struct bpf_raw_tracepoint_args *ctx)
{
	struct reach_flow *cfg = watched_flow();
	if (!cfg)
		return 0;

	const struct sock *sk = (const struct sock *)ctx->args[0];
	const struct request_sock *req = (const struct request_sock *)ctx->args[1];
	struct reach_event e = {};
	__u16 family = BPF_CORE_READ(req, __req_common.skc_family);
	if (family == AF_INET && cfg->family == 4) {
		__u32 local = BPF_CORE_READ(req, __req_common.skc_rcv_saddr);
		__u32 remote = BPF_CORE_READ(req, __req_common.skc_daddr);
		__builtin_memcpy(e.saddr, &local, 4);
		__builtin_memcpy(e.daddr, &remote, 4);
		if (!same(e.daddr, cfg->client, 4))
			return 0;
		e.family = 4;
	} else if (family == AF_INET6 && cfg->family == 6) {
		BPF_CORE_READ_INTO(&e.saddr, req, __req_common.skc_v6_rcv_saddr);
		BPF_CORE_READ_INTO(&e.daddr, req, __req_common.skc_v6_daddr);
		if (!same(e.daddr, cfg->client, 16))
			return 0;
		e.family = 6;
	} else {
		return 0;
	}

	/* skc_num is the local port in host order, skc_dport the remote one in network order. */
	e.sport = BPF_CORE_READ(req, __req_common.skc_num);
	e.dport = bpf_ntohs(BPF_CORE_READ(req, __req_common.skc_dport));
	if (e.sport != cfg->port)
		return 0;
	if (!sk || BPF_CORE_READ(sk, __sk_common.skc_net.net, ns.inum) != cfg->netns)
		return 0;

	e.kind = KIND_SYNACK_RETRANSMIT;
	e.protocol = IPPROTO_TCP;
	e.tcp_flags = 0x12;
	e.ts = bpf_ktime_get_ns();
	emit(&e);
	return 0;
}
