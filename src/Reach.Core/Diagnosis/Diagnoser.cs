using Reach.Core.Model;
using Reach.Core.Text;

namespace Reach.Core.Diagnosis;

/// <summary>
/// Findings in, one verdict out: the root cause is the finding <see cref="Precedence.Root"/> names (the
/// lowest failing layer, because a failure there explains the failures above it). Pure: no I/O, no clock.
/// </summary>
public static class Diagnoser
{
    /// <param name="okSummary">What "ok" means for this command (the target, the port).</param>
    /// <param name="inconclusiveFix">What to do when nothing failed but something could not be decided; null: the generic advice.</param>
    public static (Verdict Verdict, IReadOnlyList<Code> Problems) Diagnose(IReadOnlyList<Finding> findings, Message okSummary, Message? inconclusiveFix = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        // Every failing code, and every warning that costs the user time (a dead first nameserver: dns.slow).
        var problems = Precedence.Failing(findings).Select(f => f.Code)
            .Concat(findings.Where(f => f.Status == CheckStatus.Warn && Codes.CostsTime(f.Code)).OrderBy(f => Precedence.Rank(f.Layer)).Select(f => f.Code))
            .Distinct().ToList();
        var root = Precedence.Root(findings);
        if (root is { Status: CheckStatus.Fail })
        {
            return (new Verdict(root.Code, root.Layer, root.Summary, root.Fix ?? Message.Of("verdict.see-evidence")), problems);
        }

        if (root is { } unsure)
        {
            return (new Verdict(Codes.Inconclusive, unsure.Layer, unsure.Summary, inconclusiveFix ?? Message.Of("verdict.inconclusive.fix")), problems);
        }

        if (findings.Where(f => f.Status == CheckStatus.Warn && Codes.CostsTime(f.Code)).OrderBy(f => Precedence.Rank(f.Layer)).FirstOrDefault() is { } costly)
        {
            // Everything works, but slowly: the verdict stays ok and says what costs the time, and its fix.
            var but = Message.Of("verdict.ok.but", ("code", costly.Code.Name)).With("summary", okSummary).With("warning", costly.Summary);
            return (new Verdict(Codes.Ok, null, but, costly.Fix ?? Message.Of("verdict.ok.fix")), problems);
        }

        return (new Verdict(Codes.Ok, null, okSummary, Message.Of("verdict.ok.fix")), problems);
    }

    /// <summary>As above, with an English-only "ok" sentence (tests and callers that have no message for it).</summary>
    public static (Verdict Verdict, IReadOnlyList<Code> Problems) Diagnose(IReadOnlyList<Finding> findings, string okSummary) =>
        Diagnose(findings, Message.Of("verdict.text", ("text", okSummary)));
}
