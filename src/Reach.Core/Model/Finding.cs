using Reach.Core.Text;

namespace Reach.Core.Model;

/// <summary>What one check concluded about one layer, with the evidence that proves it.</summary>
/// <param name="Code">The code, which also names the layer: a finding cannot pair a code with another layer.</param>
/// <param name="Summary">The sentence, as a message: a renderer says it in the reader's language (English for JSON).</param>
/// <param name="Fix">What to do, for a failing or warning finding; null when nothing needs doing.</param>
/// <param name="Ms">Wall time of the probes and reads this finding rests on.</param>
public sealed record Finding(
    Code Code,
    CheckStatus Status,
    Message Summary,
    IReadOnlyList<Evidence> Evidence,
    Message? Fix = null,
    double Ms = 0)
{
    public Code Code { get; init; } = Code.Layer is null ? throw new ArgumentException($"{Code} is not a finding's code: it names no layer", nameof(Code)) : Code;

    public Layer Layer => Code.Layer!.Value;
}
