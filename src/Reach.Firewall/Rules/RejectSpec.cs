namespace Reach.Firewall;

/// <summary>
/// What a REJECT sends back. An ICMP error names its type/code for IPv4 and/or IPv6: nft's <c>icmpx</c>
/// and a bare <c>reject</c> in an inet table have both and pick by the packet's family.
/// </summary>
/// <param name="Name">As written: <c>icmp-port-unreachable</c>, <c>tcp-reset</c>, <c>icmpx admin-prohibited</c>…</param>
public sealed record RejectSpec(string Name, int? V4Type, int? V4Code, int? V6Type, int? V6Code, bool TcpReset)
{
    public static RejectSpec Reset(string name) => new(name, null, null, null, null, TcpReset: true);

    public static RejectSpec V4(string name, int code) => new(name, 3, code, null, null, TcpReset: false);

    public static RejectSpec V6(string name, int code) => new(name, null, null, 1, code, TcpReset: false);

    public static RejectSpec Either(string name, int v4Code, int v6Code) => new(name, 3, v4Code, 1, v6Code, TcpReset: false);
}
