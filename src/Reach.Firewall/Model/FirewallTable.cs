namespace Reach.Firewall;

/// <summary>
/// A table from one source: an iptables-save table or a native nft table.
/// </summary>
/// <param name="Source">Where it was read: <c>iptables</c>, <c>ip6tables</c>, <c>iptables-legacy</c>,
/// <c>ip6tables-legacy</c> or <c>nft</c>.</param>
public sealed record FirewallTable(
    string Source,
    FirewallBackend Backend,
    TableFamily Family,
    string Name,
    IReadOnlyList<FirewallChain> Chains,
    IReadOnlyList<NftSet> Sets,
    long? Handle = null)
{
    /// <summary><c>ip filter</c>, <c>inet fw</c>: how nft names a table.</summary>
    public string QualifiedName => $"{FamilyName(Family)} {Name}";

    public FirewallChain? FindChain(string name) => Chains.FirstOrDefault(c => c.Name == name);

    public NftSet? FindSet(string name) => Sets.FirstOrDefault(s => s.Name == name);

    public static string FamilyName(TableFamily family) => family switch
    {
        TableFamily.Ip => "ip",
        TableFamily.Ip6 => "ip6",
        TableFamily.Inet => "inet",
        TableFamily.Arp => "arp",
        TableFamily.Bridge => "bridge",
        _ => "netdev",
    };
}
