using Reach.Core.Text;

namespace Reach.Core.Observations;

/// <summary>
/// What the target and the path said: the echo, every SYN to the port (the decisive one first), the
/// trace when one was needed, and the waits that went into it (so a report can say why it took long).
/// </summary>
/// <param name="Connect">The decisive SYN: the first that was answered, else the first.</param>
/// <param name="Syns">Every SYN to the port, in the order sent (a confirming one follows a silent first).</param>
/// <param name="Waits">Why the probing waited longer than usual, e.g. a late host-unreachable (evidence says it in English).</param>
/// <param name="PathMtu">Whether big packets reach the target, asked only once the port answered.</param>
public sealed record TargetProbes(PingOutcome? Ping, TcpOutcome Connect, IReadOnlyList<TcpOutcome> Syns, TraceOutcome? Trace, IReadOnlyList<Message> Waits, PathMtuOutcome? PathMtu = null);
