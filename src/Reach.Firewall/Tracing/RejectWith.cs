namespace Reach.Firewall;

/// <summary>What a REJECT sent for this packet: an ICMP/ICMPv6 error of this type and code, or a TCP RST.</summary>
/// <param name="Name">As the rule wrote it (<c>icmp-port-unreachable</c>, <c>tcp-reset</c>, <c>icmpx admin-prohibited</c>).</param>
public sealed record RejectWith(string Name, int? IcmpType, int? IcmpCode, bool TcpReset)
{
    internal static RejectWith For(RejectSpec spec, IpFamily family) => spec.TcpReset
        ? new RejectWith(spec.Name, null, null, TcpReset: true)
        : family == IpFamily.IPv4
            ? new RejectWith(spec.Name, spec.V4Type, spec.V4Code, TcpReset: false)
            : new RejectWith(spec.Name, spec.V6Type, spec.V6Code, TcpReset: false);
}
