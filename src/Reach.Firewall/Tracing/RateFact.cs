namespace Reach.Firewall;

/// <summary>What a rate or per-source match made of this client on the way.</summary>
/// <param name="Match">The match's text (<c>-m hashlimit --hashlimit-above 1/min …</c>).</param>
/// <param name="Over">The client is over the limit (on the list, out of credit, over the count); null when not known.</param>
/// <param name="FromState">Decided from the kernel's state for the match (otherwise assumed, or unknown).</param>
/// <param name="How">The state read, or why none could be: said to the reader as evidence.</param>
public sealed record RateFact(string Match, bool? Over, bool FromState, string How)
{
    /// <summary>The rule the match belongs to (<c>iptables filter/INPUT rule 2</c>); set by the walk.</summary>
    public string? Rule { get; init; }
}
