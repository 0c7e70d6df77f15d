using Reach.Core.Model;

namespace Reach.Core.Batch;

/// <summary>One flow's result: its report (when it ran), how that compares with the expectation, and how long it took.</summary>
/// <param name="Why">Why it could not run or was skipped (one line); null otherwise.</param>
/// <param name="Via">How it was evaluated: "this host", "ssh://dev2", "offline: reach local 80 --from … --ruleset …".</param>
public sealed record FlowOutcome(Flow Flow, FlowStatus Status, Report? Report, string? Why, string Via, double Ms)
{
    /// <summary>The verdict code the flow got, or null when it did not run.</summary>
    public string? Code => Report?.Verdict.Code.Name;

    /// <summary>Judges a report against the flow's expectation.</summary>
    /// <param name="serverSide">The report is `reach local`'s on the target (an offline evaluation): an exact
    /// client-side code (port.closed, port.rejected, port.filtered) is then met by the verdict a client sees as it (<see cref="ClientView"/>).</param>
    public static FlowOutcome Judge(Flow flow, Report report, string via, double ms, bool serverSide = false)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(report);
        var code = report.Verdict.Code.Name;
        var met = flow.Expect.IsMetBy(code)
            || (serverSide && flow.Expect.Kind == ExpectationKind.Code && ClientView.Of(code, report.Verdict.Summary) is { } seen && flow.Expect.IsMetBy(seen));
        return new(flow, met ? FlowStatus.AsExpected : FlowStatus.NotAsExpected, report, null, via, ms);
    }
}
