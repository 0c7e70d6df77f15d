namespace Reach.Core.Model;

/// <summary>What one check concluded about one layer, with the evidence that proves it.</summary>
/// <param name="Fix">What to do, for a failing or warning finding; null when nothing needs doing.</param>
/// <param name="Ms">Wall time of the probes and reads this finding rests on.</param>
public sealed record Finding(
    Layer Layer,
    CheckStatus Status,
    string Code,
    string Summary,
    IReadOnlyList<Evidence> Evidence,
    string? Fix = null,
    double Ms = 0);
