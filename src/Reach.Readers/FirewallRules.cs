using Reach.Core.Observations;
using Reach.Firewall;

namespace Reach.Readers;

/// <summary>The rules read from every place they live, what could not be read, and which places hold none at all.</summary>
/// <param name="Absent">Subsystems not loaded, so holding no rule (said rather than asked: asking would load them).</param>
public sealed record FirewallRules(Ruleset Ruleset, IReadOnlyList<string> Read, IReadOnlyList<UnreadableRules> Unreadable, IReadOnlyList<string> Absent)
{
    /// <summary>Whether a trace means anything: something was read, or nothing that exists was left unread.</summary>
    public bool Traceable => Read.Count > 0 || Unreadable.Count == 0;
}
