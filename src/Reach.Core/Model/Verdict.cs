using Reach.Core.Text;

namespace Reach.Core.Model;

/// <summary>The one answer: the root cause's code and layer (null for ok), a sentence, and the fix.</summary>
public sealed record Verdict(Code Code, Layer? Layer, string Summary, string Fix)
{
    public bool IsOk => Code == Codes.Ok;

    /// <summary>The summary as a message, for other languages; null: a renderer takes it from the root finding, or says it in English.</summary>
    public Message? SummaryText { get; init; }

    /// <summary>The fix as a message, when the verdict's fix is not its root finding's (a joined report); null: English only.</summary>
    public Message? FixText { get; init; }

    /// <summary>The fix as commands, in the order to apply them (reach/1 "verdict.actions"); empty when none can be given without placeholders.</summary>
    public IReadOnlyList<FixAction> Actions { get; init; } = [];
}
