using System.Net;
using Reach.Core.Observations;

namespace Reach.Core.Decisions;

/// <summary>Decisions about the SYN to the target port: when its silence is proven, and when it may never have left.</summary>
public static class SynPlan
{
    /// <summary>
    /// A silent SYN to a target that answers ping is confirmed by one more SYN, sent
    /// <see cref="ProbeTiming.IcmpTokenInterval"/> after the first: the target's REJECT may have been
    /// swallowed by its ICMP rate limit (earlier runs, other clients), and by then a token is back.
    /// </summary>
    public static bool NeedsConfirmation(TcpOutcome first, PingOutcome? ping) =>
        first.Result == TcpResult.Silent && ping?.Replied == true;

    /// <summary>
    /// Whether the SYN (or the answer to it) may be this host's own doing, so that its OUTPUT path must be
    /// traced: silence (an OUTPUT DROP looks like a remote one), a local refusal (EPERM), an ICMP error
    /// from one of its own addresses (an OUTPUT REJECT), or an RST (a REJECT --reject-with tcp-reset
    /// answers with an RST that seems to come from the target).
    /// </summary>
    public static bool MayNotHaveLeft(TcpOutcome connect, Func<IPAddress, bool> isOwnAddress) => connect.Result switch
    {
        TcpResult.Silent or TcpResult.LocalError or TcpResult.Reset => true,
        TcpResult.IcmpError => connect.Icmp is { } icmp && isOwnAddress(icmp.Sender),
        _ => false,
    };

    /// <summary>
    /// Whether the silence of both the SYN and the echo is worth a trace: an answer of any kind from the
    /// target, or an ICMP error naming who stopped the packet, already explains itself.
    /// </summary>
    public static bool NeedsTrace(TcpOutcome connect, PingOutcome? ping) =>
        connect.Result == TcpResult.Silent && ping?.Replied != true && ping?.Icmp is null;
}
