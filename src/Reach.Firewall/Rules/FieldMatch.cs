namespace Reach.Firewall;

/// <summary>
/// Compares one packet field (or a concatenation of fields) with values, or with the elements of a named
/// nft set. A field the packet does not have (a port of an ICMP packet, an IPv4 address of an IPv6 packet)
/// never matches, whatever the operator: that is how nft's implicit protocol dependencies and iptables'
/// protocol-bound matches behave.
/// </summary>
public sealed record FieldMatch(
    IReadOnlyList<PacketField> Fields,
    MatchOperator Operator,
    IReadOnlyList<FieldValue> Values,
    string Text) : RuleMatch(Text)
{
    /// <summary>A named nft set (<c>@name</c>) whose elements are the values.</summary>
    public string? SetName { get; init; }

    /// <summary>A bit mask applied to a numeric field before comparing (<c>--mark 0x1/0xff</c>, <c>tcp flags &amp; (syn|ack)</c>).</summary>
    public ulong? Mask { get; init; }

    /// <summary>A dependency nft adds without printing it (<c>tcp dport</c> implies <c>meta l4proto tcp</c>).</summary>
    public bool Implicit { get; init; }

    public static FieldMatch Of(PacketField field, MatchOperator op, FieldValue value, string text) =>
        new([field], op, [value], text);
}
