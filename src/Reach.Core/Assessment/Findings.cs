using Reach.Core.Model;

namespace Reach.Core.Assessment;

/// <summary>Short constructors so that each assessor reads as its decision table.</summary>
internal static class Findings
{
    public static Finding Pass(Layer layer, string code, string summary, IReadOnlyList<Evidence> evidence, double ms = 0) =>
        new(layer, CheckStatus.Pass, code, summary, evidence, null, ms);

    public static Finding Fail(Layer layer, string code, string summary, string fix, IReadOnlyList<Evidence> evidence, double ms = 0) =>
        new(layer, CheckStatus.Fail, code, summary, evidence, fix, ms);

    public static Finding Warn(Layer layer, string code, string summary, string fix, IReadOnlyList<Evidence> evidence, double ms = 0) =>
        new(layer, CheckStatus.Warn, code, summary, evidence, fix, ms);

    public static Finding Skip(Layer layer, string code, string summary, IReadOnlyList<Evidence>? evidence = null) =>
        new(layer, CheckStatus.Skip, code, summary, evidence ?? [], null, 0);

    public static Finding Inconclusive(Layer layer, string code, string summary, IReadOnlyList<Evidence> evidence, double ms = 0) =>
        new(layer, CheckStatus.Inconclusive, code, summary, evidence, null, ms);
}
