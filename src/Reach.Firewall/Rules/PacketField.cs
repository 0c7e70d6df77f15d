namespace Reach.Firewall;

/// <summary>A property of the packet (or of its connection, or of its route) that a match compares.</summary>
public enum PacketField
{
    SourceAddress,
    DestinationAddress,
    /// <summary>The layer-4 protocol number (iptables <c>-p</c>, nft <c>meta l4proto</c>).</summary>
    Protocol,
    SourcePort,
    DestinationPort,
    /// <summary>Either port (iptables <c>-m multiport --ports</c>).</summary>
    AnyPort,
    InInterface,
    OutInterface,
    ConnState,
    IcmpType,
    IcmpCode,
    /// <summary>The netfilter protocol family: 2 for IPv4, 10 for IPv6 (NFPROTO_*).</summary>
    NfProto,
    Mark,
    ConnMark,
    /// <summary>The route type of the source address: local, unicast, broadcast, multicast (iptables addrtype, nft fib).</summary>
    SourceAddressType,
    DestinationAddressType,
    TcpFlags,
    /// <summary>1 for a non-first fragment (iptables <c>-f</c>); the traced packet is never one.</summary>
    Fragment,
    /// <summary>The link-layer packet type (nft <c>meta pkttype</c>): 0 host, 1 broadcast, 2 multicast, 3 other.</summary>
    PacketType,
    /// <summary>The conntrack status bits (nft <c>ct status</c>): IPS_SRC_NAT 0x10, IPS_DST_NAT 0x20, …</summary>
    ConnStatus,
    /// <summary>
    /// Whether a route back to the source leaves by the input interface (nft <c>fib saddr . iif oif</c>,
    /// firewalld's and rpfilter's reverse-path check): 1 when it does, 0 when it is missing.
    /// </summary>
    ReversePath,
    /// <summary>A random number chosen per packet (nft <c>numgen random mod N</c>): every value is traced.</summary>
    Random,
}
