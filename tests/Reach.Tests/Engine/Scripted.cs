namespace Reach.Tests.Engine;

/// <summary>A scripted answer: the outcome, and how long after the probe went out it arrives (on the fake clock).</summary>
internal sealed record Scripted<T>(T Outcome, TimeSpan After)
    where T : class
{
    /// <summary>An answer that comes at once; null stays null (silence).</summary>
    public static implicit operator Scripted<T>?(T? outcome) => outcome is null ? null : new(outcome, TimeSpan.Zero);
}
