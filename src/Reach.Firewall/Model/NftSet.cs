namespace Reach.Firewall;

/// <summary>
/// A named nft set or map. <see cref="Elements"/> is empty and <see cref="Unreadable"/> says why when
/// the element type is one the engine cannot compare (a lookup in it is then inconclusive).
/// </summary>
/// <param name="KeyType">The element type, one entry per concatenated part (e.g. <c>ipv4_addr</c>, <c>inet_service</c>).</param>
/// <param name="DataType">For a map, the data type (<c>verdict</c> for a verdict map); null for a set.</param>
public sealed record NftSet(
    string Name,
    IReadOnlyList<string> KeyType,
    string? DataType,
    IReadOnlyList<string> Flags,
    IReadOnlyList<NftSetElement> Elements,
    long? Handle,
    string? Unreadable = null);
