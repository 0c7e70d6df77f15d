namespace Reach.Firewall;

/// <summary>One rule (or chain policy) the packet met, in the order it met them.</summary>
/// <param name="RuleNumber">1-based within its chain (as <c>iptables -L --line-numbers</c>); null for a policy.</param>
/// <param name="Handle">The nft rule handle, for nft rules.</param>
/// <param name="Text">The rule's text, or <c>policy DROP of filter/INPUT</c> for a policy.</param>
/// <param name="Detail">What the step did: the jump taken, why it was inconclusive, the mark set.</param>
public sealed record TraceStep(
    StepOutcome Outcome,
    ChainRef Chain,
    int? RuleNumber,
    long? Handle,
    string Text,
    Counters? Counters,
    string? Detail = null)
{
    /// <summary><c>iptables filter/INPUT rule 3</c>, <c>nft inet filter/input rule 2 (handle 7)</c>, <c>policy DROP of filter/INPUT (iptables)</c>.</summary>
    public string Location => Outcome == StepOutcome.Policy
        ? $"{Text} ({Chain.Source})"
        : $"{Chain} rule {RuleNumber}" + (Handle is { } h ? $" (handle {h})" : "");

    public override string ToString() => Outcome == StepOutcome.Policy ? Location : $"{Location}: {Text}";
}
