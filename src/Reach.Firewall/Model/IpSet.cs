namespace Reach.Firewall;

/// <summary>
/// An ipset from <c>ipset save</c>. <see cref="Unreadable"/> says why a set's members cannot be compared
/// (a type with a mac or iface dimension, say); a match on it is then inconclusive.
/// </summary>
/// <param name="Type">The set type, e.g. <c>hash:ip</c>, <c>hash:net</c>, <c>hash:ip,port</c>.</param>
/// <param name="Options">The rest of the <c>create</c> line (hashsize, maxelem, timeout…).</param>
public sealed record IpSet(
    string Name,
    string Type,
    IpFamily Family,
    string Options,
    IReadOnlyList<IpSetEntry> Entries,
    string? Unreadable = null)
{
    /// <summary>The dimensions of the type: <c>hash:ip,port</c> gives <c>ip</c>, <c>port</c>.</summary>
    public IReadOnlyList<string> Dimensions
    {
        get
        {
            var colon = Type.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? [] : Type[(colon + 1)..].Split(',');
        }
    }
}
