namespace Reach.Core.Observations;

/// <summary>One rule (or chain policy) the traced packet met.</summary>
/// <param name="RuleNumber">1-based within its chain (as <c>iptables -L --line-numbers</c>); null for a policy.</param>
/// <param name="Handle">The nft rule handle, for nft rules.</param>
/// <param name="Text">The step as the firewall engine says it: <c>iptables filter/INPUT rule 3: -A INPUT …</c>, <c>policy DROP of filter/INPUT (iptables)</c>.</param>
/// <param name="Counters">The rule's packet and byte counters, <c>[12:720]</c>, when the dump carried them.</param>
public sealed record TracedStep(TracedStepOutcome Outcome, TracedChain Chain, int? RuleNumber, long? Handle, string Text, string? Counters)
{
    public override string ToString() => Text;
}
