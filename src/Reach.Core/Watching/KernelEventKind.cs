namespace Reach.Core.Watching;

/// <summary>What the kernel did with one of the flow's packets, as the drop watch's eBPF program saw it.</summary>
public enum KernelEventKind
{
    /// <summary>Freed as a drop (skb:kfree_skb), with the kernel's drop reason and the function that dropped it.</summary>
    Dropped,

    /// <summary>
    /// A client's SYN consumed (skb:consume_skb) by the listener. tcp_rcv_state_process() consumes every SYN it
    /// passes to the listener, answered or not; with no SYN-ACK going out, the listener dropped it without a
    /// drop reason (a full accept or SYN queue: tcp_conn_request() only counts ListenOverflows/ListenDrops).
    /// </summary>
    SynConsumed,

    /// <summary>This host sent its SYN-ACK again (tcp:tcp_retransmit_synack): the client's ACK never came.</summary>
    SynAckRetransmitted,
}
