namespace Reach.Firewall;

/// <summary>
/// One <c>add</c> line of <c>ipset save</c>: one value per dimension of the set type
/// (an address, a prefix, a range, a protocol:port), and the <c>nomatch</c> flag of hash:net types.
/// </summary>
public sealed record IpSetEntry(string Text, IReadOnlyList<FieldValue> Parts, bool NoMatch);
