namespace Reach.Firewall;

/// <summary>Where a step happened: the source, table and chain, and the hook the walk was on.</summary>
public sealed record ChainRef(string Source, TableFamily Family, string Table, string Chain, ChainHook Hook)
{
    /// <summary><c>iptables filter/INPUT</c>, <c>nft inet filter/input</c>.</summary>
    public override string ToString() =>
        Source == "nft" ? $"nft {FirewallTable.FamilyName(Family)} {Table}/{Chain}" : $"{Source} {Table}/{Chain}";
}
