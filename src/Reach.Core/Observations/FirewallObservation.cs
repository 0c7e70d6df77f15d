namespace Reach.Core.Observations;

/// <summary>
/// This host's firewall as far as it could be read, and the trace of one packet through it.
/// </summary>
/// <param name="Trace">Null when no rules could be read at all.</param>
/// <param name="Read">What was read (iptables-save, nft -j list ruleset, …).</param>
/// <param name="Unreadable">What could not be read, and why (reading rules needs CAP_NET_ADMIN).</param>
/// <param name="Packet">The packet traced, in words: "tcp 203.0.113.10:40000 → 10.1.2.5:80 in eth0, NEW".</param>
public sealed record FirewallObservation(FirewallTrace? Trace, IReadOnlyList<string> Read, IReadOnlyList<UnreadableRules> Unreadable, string Packet)
{
    /// <summary>Every branch when random matches split the walk (the first is <see cref="Trace"/>); empty means just <see cref="Trace"/>.</summary>
    public IReadOnlyList<FirewallTrace> Branches { get; init; } = [];

    public IReadOnlyList<FirewallTrace> AllTraces => Branches.Count > 0 ? Branches : Trace is { } t ? [t] : [];
}
