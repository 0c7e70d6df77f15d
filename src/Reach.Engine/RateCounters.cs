using Reach.Firewall;

namespace Reach.Engine;

/// <summary>
/// How much a rule (or a chain's policy) counted between two readings of the rules: the evidence left
/// for a rate limit whose state cannot be read (-m limit, nft limit). The rule is found again by its
/// place (source, family, table, chain, number or handle) and must still have the same text.
/// </summary>
internal static class RateCounters
{
    /// <summary>The packets counted since <paramref name="step"/>'s reading; null when the rule or its counters cannot be found again.</summary>
    public static long? Rise(TraceStep step, Ruleset after)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(after);
        var table = after.Tables.FirstOrDefault(t => t.Source == step.Chain.Source && t.Family == step.Chain.Family && t.Name == step.Chain.Table);
        var chain = table?.FindChain(step.Chain.Chain);
        if (chain is null)
        {
            return null;
        }

        Counters? now;
        Counters? then;
        if (step.Outcome == StepOutcome.Policy)
        {
            now = chain.Base?.PolicyCounters;
            then = step.Counters;
        }
        else
        {
            var rule = step.Handle is { } handle
                ? chain.Rules.FirstOrDefault(r => r.Handle == handle)
                : chain.Rules.FirstOrDefault(r => r.Number == step.RuleNumber);
            now = rule is not null && rule.Text == step.Text ? rule.Counters : null;
            then = step.Counters;
        }

        return now is not null && then is not null ? Math.Max(0, now.Packets - then.Packets) : null;
    }
}
