using Reach.Core.Observations;

namespace Reach.Core.Decisions;

/// <summary>
/// Who really sent an answer that claims to come from the target. A router (or a firewall appliance) that
/// rejects with <c>--reject-with tcp-reset</c> forges the RST in the target's name; its TTL gives it away:
/// it travelled fewer hops than the target's own echo reply.
/// </summary>
public static class AnswerOrigin
{
    /// <summary>The hop distance the RST came from when that is nearer than the target itself; null when it is the target's (or unknown).</summary>
    public static int? ForgedResetHop(TcpOutcome? connect, PingOutcome? ping)
    {
        if (connect is not { Result: TcpResult.Reset, AnswerTtl: { } rst } || ping is not { Replied: true, Ttl: { } echo })
        {
            return null;
        }

        return HopDistance.Hops(rst) is { } rstHops && HopDistance.Hops(echo) is { } targetHops && rstHops < targetHops ? rstHops : null;
    }

    /// <summary>The target's hop distance from its echo reply, when it answered one.</summary>
    public static int? TargetHops(PingOutcome? ping) => ping is { Replied: true, Ttl: { } ttl } ? HopDistance.Hops(ttl) : null;
}
