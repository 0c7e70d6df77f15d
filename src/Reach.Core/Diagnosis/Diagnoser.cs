using Reach.Core.Model;

namespace Reach.Core.Diagnosis;

/// <summary>
/// Findings in, one verdict out: the root cause is the lowest failing layer, because a failure there
/// explains the failures above it. Pure: no I/O, no clock.
/// </summary>
public static class Diagnoser
{
    public static (Verdict Verdict, IReadOnlyList<Code> Problems) Diagnose(IReadOnlyList<Finding> findings, string okSummary)
    {
        var failing = findings.Where(f => f.Status == CheckStatus.Fail).OrderBy(f => f.Layer).ToList();
        var problems = failing.Select(f => f.Code).Distinct().ToList();
        if (failing.Count > 0)
        {
            var root = failing[0];
            return (new Verdict(root.Code, root.Layer, root.Summary, root.Fix ?? "See the evidence above."), problems);
        }

        if (findings.Where(f => f.Status == CheckStatus.Inconclusive).OrderBy(f => f.Layer).FirstOrDefault() is { } unsure)
        {
            return (new Verdict(Codes.Inconclusive, unsure.Layer, unsure.Summary,
                "Nothing was proven wrong, but not everything could be checked; see the evidence (run as root for raw ICMP probes)."), problems);
        }

        return (new Verdict(Codes.Ok, null, okSummary, "Nothing to fix."), problems);
    }
}
