using Reach.Firewall;

namespace Reach.Readers;

/// <summary>The rules read from every place they live, and what could not be read.</summary>
public sealed record FirewallRules(Ruleset Ruleset, IReadOnlyList<string> Read, IReadOnlyList<string> Unreadable)
{
    public bool AnyRead => Read.Count > 0;
}
