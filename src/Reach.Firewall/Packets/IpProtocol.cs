using System.Globalization;

namespace Reach.Firewall;

/// <summary>IP protocol numbers (IANA, /etc/protocols) and the names iptables and nft print for them.</summary>
public static class IpProtocol
{
    public const int Icmp = 1;
    public const int Igmp = 2;
    public const int Tcp = 6;
    public const int Udp = 17;
    public const int Dccp = 33;
    public const int Gre = 47;
    public const int Esp = 50;
    public const int Ah = 51;
    public const int IcmpV6 = 58;
    public const int Sctp = 132;
    public const int UdpLite = 136;

    private static readonly Dictionary<string, int> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["icmp"] = Icmp,
        ["igmp"] = Igmp,
        ["ipencap"] = 4,
        ["ipip"] = 4,
        ["tcp"] = Tcp,
        ["egp"] = 8,
        ["udp"] = Udp,
        ["dccp"] = Dccp,
        ["ipv6"] = 41,
        ["rsvp"] = 46,
        ["gre"] = Gre,
        ["esp"] = Esp,
        ["ah"] = Ah,
        ["ipv6-icmp"] = IcmpV6,
        ["icmpv6"] = IcmpV6,
        ["icmp6"] = IcmpV6,
        ["ospf"] = 89,
        ["ospfigp"] = 89,
        ["pim"] = 103,
        ["vrrp"] = 112,
        ["l2tp"] = 115,
        ["sctp"] = Sctp,
        ["mh"] = 135,
        ["ipv6-mh"] = 135,
        ["udplite"] = UdpLite,
    };

    /// <summary>Parses a protocol name or number as iptables <c>-p</c> and nft print them.</summary>
    public static bool TryParse(string text, out int protocol)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out protocol) && protocol is >= 0 and <= 255)
        {
            return true;
        }

        return ByName.TryGetValue(text, out protocol);
    }

    /// <summary>The usual name of a protocol number (<c>ipv6-icmp</c> for 58, as iptables prints it).</summary>
    public static string Name(int protocol) => protocol switch
    {
        Icmp => "icmp",
        Igmp => "igmp",
        Tcp => "tcp",
        Udp => "udp",
        Dccp => "dccp",
        Gre => "gre",
        Esp => "esp",
        Ah => "ah",
        IcmpV6 => "ipv6-icmp",
        Sctp => "sctp",
        UdpLite => "udplite",
        _ => protocol.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Protocols whose header starts with 16-bit source and destination ports.</summary>
    public static bool HasPorts(int protocol) => protocol is Tcp or Udp or UdpLite or Sctp or Dccp;
}
