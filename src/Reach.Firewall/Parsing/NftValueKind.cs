namespace Reach.Firewall;

/// <summary>How an nft value is read: depends on the expression it is compared with, or on a set's type.</summary>
internal enum NftValueKind
{
    Unsupported,
    /// <summary>A typeof set or an unknown type: an address if it parses as one, else a number.</summary>
    Auto,
    Address,
    Port,
    Protocol,
    Iface,
    CtState,
    IcmpType,
    Icmp6Type,
    IcmpCode,
    Icmp6Code,
    TcpFlags,
    NfProto,
    EtherType,
    Number,
    AddrType,
    PktType,
    CtStatus,
    Boolean,
}
