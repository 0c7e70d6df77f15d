using Reach.Core.Model;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// Short constructors so that each assessor reads as its decision table. A skipped check carries
/// LAYER.not-checked and an undecided one LAYER.unknown, never a success code (docs/verdicts.md, "not-checked" and "unknown").
/// Sentences are messages (Text/Messages/LANG.json), never strings: a finding carries only the message,
/// every renderer (the JSON's English included) says it in its language, and an assessor cannot add an
/// English-only sentence (docs/languages.md).
/// </summary>
internal static class Findings
{
    public static Finding Pass(Code code, Message summary, IReadOnlyList<Evidence> evidence, double ms = 0) =>
        new(code, CheckStatus.Pass, summary, evidence, null, ms);

    public static Finding Fail(Code code, Message summary, Message fix, IReadOnlyList<Evidence> evidence, double ms = 0) =>
        new(code, CheckStatus.Fail, summary, evidence, fix, ms);

    public static Finding Warn(Code code, Message summary, Message fix, IReadOnlyList<Evidence> evidence, double ms = 0) =>
        new(code, CheckStatus.Warn, summary, evidence, fix, ms);

    /// <summary>Not run: a lower layer failed, or there was nothing to probe.</summary>
    public static Finding Skip(Layer layer, Message summary, IReadOnlyList<Evidence>? evidence = null) =>
        new(Codes.NotChecked(layer), CheckStatus.Skip, summary, evidence ?? [], null, 0);

    /// <summary>Not run because it has no question to answer (a literal address needs no DNS): a code of its own, still no success claim.</summary>
    public static Finding NotNeeded(Code code, Message summary) =>
        new(code, CheckStatus.Skip, summary, [], null, 0);

    /// <summary>Run, but the evidence decides nothing.</summary>
    public static Finding Inconclusive(Layer layer, Message summary, IReadOnlyList<Evidence> evidence, double ms = 0) =>
        new(Codes.Unknown(layer), CheckStatus.Inconclusive, summary, evidence, null, ms);
}
