namespace Reach.Firewall;

/// <summary>
/// nft <c>vmap</c>: the verdict is looked up by the key. A key with no entry ends the rule without a
/// verdict, like a failed match (nft_lookup breaks the rule).
/// </summary>
/// <param name="MapName">A named map (<c>@name</c>) whose elements are the entries, else null.</param>
public sealed record VerdictMapAction(
    IReadOnlyList<PacketField> Fields,
    IReadOnlyList<NftSetElement> Entries,
    string? MapName,
    string Text) : RuleAction(Text)
{
    /// <summary>For a <c>numgen random mod N</c> key: N, the number of equally likely keys.</summary>
    public int? RandomModulus { get; init; }
}
