using Reach.Core.Text;

namespace Reach.Core.Model;

/// <summary>What one check concluded about one layer, with the evidence that proves it.</summary>
/// <param name="Code">The code, which also names the layer: a finding cannot pair a code with another layer.</param>
/// <param name="Summary">The sentence in English (the JSON contract's default language).</param>
/// <param name="Fix">What to do, for a failing or warning finding; null when nothing needs doing.</param>
/// <param name="Ms">Wall time of the probes and reads this finding rests on.</param>
public sealed record Finding(
    Code Code,
    CheckStatus Status,
    string Summary,
    IReadOnlyList<Evidence> Evidence,
    string? Fix = null,
    double Ms = 0)
{
    public Code Code { get; init; } = Code.Layer is null ? throw new ArgumentException($"{Code} is not a finding's code: it names no layer", nameof(Code)) : Code;

    public Layer Layer => Code.Layer!.Value;

    /// <summary>The summary as a message key and its arguments, so a renderer can say it in another language; null: English only.</summary>
    public Message? SummaryText { get; init; }

    /// <summary>The fix as a message key and its arguments; null: English only.</summary>
    public Message? FixText { get; init; }
}
