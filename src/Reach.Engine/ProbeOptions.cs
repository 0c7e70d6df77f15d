using Reach.Core.Text;

namespace Reach.Engine;

/// <summary>How long one probe may wait, how far a trace goes, and where to say what is being waited for.</summary>
/// <param name="Status">Told what the check is waiting for, when it waits long (a terminal's status line); null: nobody listens.
/// A message (key "progress.*" and its arguments), not a sentence: the engine does not know the reader's language.</param>
public sealed record ProbeOptions(TimeSpan Timeout, int MaxHops, Action<Message>? Status = null)
{
    /// <summary>Told when the observations a layer is judged on are in (a terminal's status line); null: nobody listens.</summary>
    public Action<Reach.Core.Model.Layer>? Observed { get; init; }

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(1500);

    public const int DefaultMaxHops = 16;
}
