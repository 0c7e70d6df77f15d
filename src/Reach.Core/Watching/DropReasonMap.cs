using Reach.Core.Model;

namespace Reach.Core.Watching;

/// <summary>
/// Which verdict a kernel drop reason (enum skb_drop_reason, include/net/dropreason-core.h) proves for
/// the flow it was seen on. Pure. Reasons are matched by name, never by number: the numbers differ
/// between kernels. A reason with no entry proves nothing reach can name (the watch says so, and the
/// verdict cannot be ok).
/// </summary>
public static class DropReasonMap
{
    /// <summary>The function netfilter's core frees a packet in when a hook function (not a rule of nf_tables) returned NF_DROP.</summary>
    public const string HookCore = "nf_hook_slow";

    /// <summary>Where a listener consumes the SYNs it is handed, answered or not (consume_skb after conn_request).</summary>
    public const string ListenerConsume = "tcp_rcv_state_process";

    /// <summary>
    /// What a drop of the client's packet (incoming) or of this host's answer (outgoing) proves.
    /// </summary>
    /// <param name="reason">The reason's name: NETFILTER_DROP, NO_SOCKET, …</param>
    /// <param name="function">Where it was dropped (kallsyms), null when unknown.</param>
    /// <param name="incoming">The client's packet, not this host's answer.</param>
    /// <param name="syn">The packet was a SYN (a connection attempt).</param>
    /// <param name="conntrackFull">This namespace's conntrack table is at nf_conntrack_max.</param>
    public static Code? Proves(string? reason, string? function, bool incoming, bool syn, bool conntrackFull) => reason switch
    {
        // nf_tables frees a packet its rule dropped (or rejected: REJECT answers, then drops) in
        // nft_do_chain; a hook that returns NF_DROP itself (conntrack's nf_conntrack_in when the table is
        // full and nothing can be evicted, iptables-legacy's ipt_do_table) has it freed in nf_hook_slow.
        "NETFILTER_DROP" when conntrackFull && function == HookCore => Codes.FirewallConntrackFull,
        "NETFILTER_DROP" => Codes.FirewallDrop,

        // tcp_v4_rcv / tcp_v6_rcv: no socket (listening or established) for the packet's address and port.
        // Only a SYN proves there is no listener: a late ACK or RST after a close finds none as a matter of course.
        "NO_SOCKET" when incoming && syn => Codes.ListenerNone,

        // tcp_check_req → tcp_v4_syn_recv_sock: the handshake's last ACK arrived with the accept queue full.
        "TCP_LISTEN_OVERFLOW" when incoming => Codes.ListenerOverflow,

        // ip_rcv_finish_core → fib_validate_source: rp_filter's reverse-path check (RFC 3704) failed.
        "IP_RPFILTER" when incoming => Codes.RouteRpFilter,

        // The answer could not leave: no route for it, or its next hop never answered ARP/NDP.
        "IP_OUTNOROUTES" or "NEIGH_FAILED" or "NEIGH_CREATEFAIL" or "NEIGH_QUEUEFULL" or "NEIGH_DEAD" when !incoming => Codes.RouteNoReturn,

        _ => null,
    };
}
