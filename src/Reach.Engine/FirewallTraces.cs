using Reach.Core.Observations;
using Reach.Firewall;

namespace Reach.Engine;

/// <summary>
/// The firewall engine's trace as the model keeps it. Reach.Core depends on no project of ours, so
/// the engine's <see cref="TraceResult"/> is copied here, at the one place that knows both.
/// </summary>
internal static class FirewallTraces
{
    public static FirewallTrace From(TraceResult t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new FirewallTrace(
            Verdict(t.Verdict),
            t.Reject?.Name,
            t.DecidedBy is { } d ? Step(d) : null,
            t.InconclusiveReason,
            t.RateDependent,
            [.. t.Steps.Select(Step)],
            t.Path == TrafficDirection.Forward,
            t.Destination,
            t.DestinationPort,
            t.OutInterface,
            t.Translations,
            t.Route,
            t.NoRoute,
            t.Probability,
            t.Notes)
        {
            Rates = [.. t.RateFacts.Select(r => new TracedRate(r.Rule ?? "?", r.Match, r.Over, r.FromState, r.How))],
        };
    }

    public static IReadOnlyList<FirewallTrace> From(IReadOnlyList<TraceResult> traces) => [.. traces.Select(From)];

    private static TracedStep Step(TraceStep s) => new(
        s.Outcome.ToString().ToLowerInvariant(),
        s.Outcome == StepOutcome.Policy,
        s.Outcome != StepOutcome.Skipped,
        new TracedChain(s.Chain.Source, FirewallTable.FamilyName(s.Chain.Family), s.Chain.Table, s.Chain.Chain, s.Chain.Hook == ChainHook.Ingress),
        s.RuleNumber,
        s.Handle,
        s.ToString(),
        s.Counters?.ToString());

    private static FirewallVerdict Verdict(Verdict v) => v switch
    {
        Reach.Firewall.Verdict.Accept => FirewallVerdict.Accept,
        Reach.Firewall.Verdict.Drop => FirewallVerdict.Drop,
        Reach.Firewall.Verdict.Reject => FirewallVerdict.Reject,
        _ => FirewallVerdict.Inconclusive,
    };
}
