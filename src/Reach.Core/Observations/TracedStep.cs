namespace Reach.Core.Observations;

/// <summary>One rule (or chain policy) the traced packet met.</summary>
/// <param name="Outcome">What the step did, in the firewall engine's word (matched, notmatched, inconclusive, ignored,
/// policy, skipped): said as it is in the evidence, never decided on.</param>
/// <param name="Policy">The packet fell off the end of a base chain and its policy applied: the fix changes the policy, not a rule.</param>
/// <param name="Entered">The packet entered the chain; false for a base chain it skips (a nat chain for a packet that is not NEW).</param>
/// <param name="RuleNumber">1-based within its chain (as <c>iptables -L --line-numbers</c>); null for a policy.</param>
/// <param name="Handle">The nft rule handle, for nft rules.</param>
/// <param name="Text">The step as the firewall engine says it: <c>iptables filter/INPUT rule 3: -A INPUT …</c>, <c>policy DROP of filter/INPUT (iptables)</c>.</param>
/// <param name="Counters">The rule's packet and byte counters, <c>[12:720]</c>, when the dump carried them.</param>
public sealed record TracedStep(string Outcome, bool Policy, bool Entered, TracedChain Chain, int? RuleNumber, long? Handle, string Text, string? Counters)
{
    public override string ToString() => Text;
}
