namespace Reach.Firewall;

/// <summary>
/// One rule as the dump showed it, with the statements the engine compiled from it.
/// </summary>
/// <param name="Number">1-based position within its chain, as <c>iptables -L --line-numbers</c> shows.</param>
/// <param name="Handle">The nft rule handle (nft only).</param>
/// <param name="Text">The original <c>-A CHAIN …</c> line (iptables) or a readable nft rendering.</param>
/// <param name="Statements">Matches and actions in rule order.</param>
public sealed record FirewallRule(
    string Chain,
    int Number,
    long? Handle,
    string Text,
    Counters? Counters,
    string? Comment,
    IReadOnlyList<RuleStatement> Statements)
{
    /// <summary>The matches the engine does not model; reaching this rule with them makes a trace inconclusive.</summary>
    public IReadOnlyList<UnsupportedMatch> UnsupportedMatches => [.. Statements.OfType<UnsupportedMatch>()];

    /// <summary>The actions (targets) the engine does not model.</summary>
    public IReadOnlyList<UnsupportedAction> UnsupportedActions => [.. Statements.OfType<UnsupportedAction>()];
}
