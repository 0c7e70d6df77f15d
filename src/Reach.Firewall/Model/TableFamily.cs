namespace Reach.Firewall;

/// <summary>
/// The nftables address family of a table (nft(8), ADDRESS FAMILIES). iptables tables are <see cref="Ip"/>
/// (iptables) or <see cref="Ip6"/> (ip6tables).
/// </summary>
public enum TableFamily
{
    Ip,
    Ip6,
    Inet,
    Arp,
    Bridge,
    Netdev,
}
