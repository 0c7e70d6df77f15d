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
}
