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
public sealed record TargetProbes(PingOutcome? Ping, TcpOutcome Connect, IReadOnlyList<TcpOutcome> Syns, TraceOutcome? Trace, IReadOnlyList<Message> Waits, PathMtuOutcome? PathMtu = null)
{
    /// <summary>What crossed the connection the decisive SYN opened; null when it did not open or nothing was asked.</summary>
    public DataExchange? Data { get; init; }

    /// <summary>A TTL=1 SYN sent again once the gateway's ICMP budget refilled, when the trace's first hop was silent; null when not asked.</summary>
    public TcpOutcome? FirstHopAgain { get; init; }

    /// <summary>Whether the router after which everything was silent forwards towards the target at all; null when not asked.</summary>
    public RouterForwarding? Forwarding { get; init; }
}
