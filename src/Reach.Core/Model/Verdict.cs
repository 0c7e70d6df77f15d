using Reach.Core.Text;

namespace Reach.Core.Model;

/// <summary>The one answer: the root cause's code and layer (null for ok), a sentence, and the fix, as messages.</summary>
public sealed record Verdict(Code Code, Layer? Layer, Message Summary, Message Fix)
{
    public bool IsOk => Code == Codes.Ok;

    /// <summary>The fix as commands, in the order to apply them (reach/1 "verdict.actions"); empty when none can be given without placeholders.</summary>
    public IReadOnlyList<FixAction> Actions { get; init; } = [];
}
