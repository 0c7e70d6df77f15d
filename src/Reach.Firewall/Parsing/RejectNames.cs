namespace Reach.Firewall;

/// <summary>
/// The ICMP errors a REJECT can send: iptables-extensions(8) REJECT <c>--reject-with</c>, and nft(8)
/// REJECT STATEMENT (<c>icmp</c>, <c>icmpv6</c>, <c>icmpx</c>, <c>tcp reset</c>).
/// </summary>
internal static class RejectNames
{
    public static RejectSpec? Iptables(string name, IpFamily family) => (family, name) switch
    {
        (_, "tcp-reset" or "tcp-rst") => RejectSpec.Reset("tcp-reset"),
        (IpFamily.IPv4, "icmp-net-unreachable" or "net-unreach") => RejectSpec.V4("icmp-net-unreachable", 0),
        (IpFamily.IPv4, "icmp-host-unreachable" or "host-unreach") => RejectSpec.V4("icmp-host-unreachable", 1),
        (IpFamily.IPv4, "icmp-proto-unreachable" or "proto-unreach") => RejectSpec.V4("icmp-proto-unreachable", 2),
        (IpFamily.IPv4, "icmp-port-unreachable" or "port-unreach") => RejectSpec.V4("icmp-port-unreachable", 3),
        (IpFamily.IPv4, "icmp-net-prohibited" or "net-prohib") => RejectSpec.V4("icmp-net-prohibited", 9),
        (IpFamily.IPv4, "icmp-host-prohibited" or "host-prohib") => RejectSpec.V4("icmp-host-prohibited", 10),
        (IpFamily.IPv4, "icmp-admin-prohibited" or "admin-prohib") => RejectSpec.V4("icmp-admin-prohibited", 13),
        (IpFamily.IPv6, "icmp6-no-route" or "no-route") => RejectSpec.V6("icmp6-no-route", 0),
        (IpFamily.IPv6, "icmp6-adm-prohibited" or "adm-prohibited") => RejectSpec.V6("icmp6-adm-prohibited", 1),
        (IpFamily.IPv6, "icmp6-addr-unreachable" or "addr-unreach") => RejectSpec.V6("icmp6-addr-unreachable", 3),
        (IpFamily.IPv6, "icmp6-port-unreachable" or "port-unreach") => RejectSpec.V6("icmp6-port-unreachable", 4),
        (IpFamily.IPv6, "icmp6-policy-fail" or "policy-fail") => RejectSpec.V6("icmp6-policy-fail", 5),
        (IpFamily.IPv6, "icmp6-reject-route" or "reject-route") => RejectSpec.V6("icmp6-reject-route", 6),
        _ => null,
    };

    /// <summary>REJECT without <c>--reject-with</c> sends port-unreachable.</summary>
    public static RejectSpec IptablesDefault(IpFamily family) =>
        family == IpFamily.IPv4 ? RejectSpec.V4("icmp-port-unreachable", 3) : RejectSpec.V6("icmp6-port-unreachable", 4);

    /// <summary>
    /// nft's reject. A bare <c>reject</c> sends port-unreachable in the packet's family (nft(8): "the default
    /// is port-unreachable"), which the JSON of an inet table shows as icmpx.
    /// </summary>
    public static RejectSpec? Nft(string? type, string? code)
    {
        switch (type)
        {
            case null:
                return RejectSpec.Either("port-unreachable", 3, 4);
            case "tcp reset":
                return RejectSpec.Reset("tcp reset");
            case "icmp":
                return IcmpNames.NftCode(code ?? "port-unreachable", v6: false) is { } c4
                    ? RejectSpec.V4($"icmp {code ?? "port-unreachable"}", c4)
                    : null;
            case "icmpv6":
                return IcmpNames.NftCode(code ?? "port-unreachable", v6: true) is { } c6
                    ? RejectSpec.V6($"icmpv6 {code ?? "port-unreachable"}", c6)
                    : null;
            case "icmpx":
                // nft(8): icmpx maps to the ICMP or ICMPv6 code of the same meaning.
                return (code ?? "port-unreachable") switch
                {
                    "port-unreachable" => RejectSpec.Either("icmpx port-unreachable", 3, 4),
                    "admin-prohibited" => RejectSpec.Either("icmpx admin-prohibited", 13, 1),
                    "no-route" => RejectSpec.Either("icmpx no-route", 0, 0),
                    "host-unreachable" => RejectSpec.Either("icmpx host-unreachable", 1, 3),
                    _ => null,
                };
            default:
                return null;
        }
    }
}
