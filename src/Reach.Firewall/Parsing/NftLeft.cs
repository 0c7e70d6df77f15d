using System.Net;

namespace Reach.Firewall;

/// <summary>What the left side of an nft match reads: fields, how to read values for them, and implicit dependencies.</summary>
internal sealed record NftLeft(
    IReadOnlyList<PacketField> Fields,
    IReadOnlyList<NftValueKind> Kinds,
    IReadOnlyList<FieldMatch> Dependencies,
    ulong? Mask = null,
    IPAddress? AddressMask = null,
    string? Unsupported = null,
    int? RandomModulus = null)
{
    public static NftLeft Fail(string why) => new([], [], [], Unsupported: why);
}
