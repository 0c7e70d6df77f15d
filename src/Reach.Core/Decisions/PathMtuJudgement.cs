using System.Net;
using Reach.Core.Observations;

namespace Reach.Core.Decisions;

/// <summary>
/// What a set of DF echo probes says about the path MTU (RFC 1191, RFC 8201), with no I/O: the probe
/// sends, this decides. Probes without a TTL went to the target; TTL-limited ones find how far big
/// packets get (a router answers time-exceeded only to a packet it received: RFC 1812 §5.3.1 checks the
/// TTL before the MTU, so the router in front of the narrow link still answers).
/// </summary>
public static class PathMtuJudgement
{
    public static PathMtuOutcome Judge(IPAddress target, int egressMtu, IReadOnlyList<EchoOutcome> probes, double ms)
    {
        var direct = probes.Where(p => p.SentTtl is null).ToList();
        PathMtuOutcome Unknown(string why) => new(target, PathMtuResult.Unknown, egressMtu, null, probes.Count, ms, Detail: why);

        if (direct.Count == 0 || direct.All(p => p.Result == EchoResult.NotSent))
        {
            return Unknown(direct.FirstOrDefault()?.Detail ?? "no probe was sent");
        }

        if (direct.Any(p => p.Result == EchoResult.Reply && p.Size >= egressMtu))
        {
            return new(target, PathMtuResult.Fits, egressMtu, egressMtu, probes.Count, ms);
        }

        // A router that says "too big" makes PMTU discovery work: TCP will shrink its segments itself.
        // RFC 1191 §4: a router from before it sends 0 as the MTU; then only the sizes we saw pass tell.
        var tooBig = probes.Where(p => p.Result == EchoResult.TooBig).OrderBy(p => p.Mtu is > 0 ? p.Mtu : int.MaxValue).FirstOrDefault();
        var largest = direct.Where(p => p.Result == EchoResult.Reply).Select(p => (int?)p.Size).Max();
        if (tooBig is not null)
        {
            return new(target, PathMtuResult.Announced, egressMtu, tooBig.Mtu is > 0 ? tooBig.Mtu : largest, probes.Count, ms, AnnouncedBy: tooBig.From);
        }

        if (direct.FirstOrDefault(p => p.Result == EchoResult.LocalTooBig) is { } local)
        {
            return Unknown($"this host refuses to send {local.Size} bytes towards {target} (EMSGSIZE): its own route or interface MTU is smaller{(local.Mtu is { } m ? $" ({m})" : string.Empty)}");
        }

        if (direct.FirstOrDefault(p => p.Result == EchoResult.Unreachable) is { } unreachable)
        {
            return Unknown(unreachable.Describe());
        }

        if (largest is null)
        {
            return Unknown($"no echo reply from {target} at any size: the target or the path drops echoes now");
        }

        // Lost packets are not a black hole: on a path that loses 10% of round trips, two lost big probes
        // happen once in a hundred runs (seen in the lab), three once in a thousand. The egress-size probe
        // must have vanished three times while small ones passed.
        var bigSilent = direct.Count(p => p.Result == EchoResult.Silent && p.Size >= egressMtu);
        if (bigSilent < 3)
        {
            return Unknown($"a {egressMtu}-byte probe got no reply {bigSilent} time{(bigSilent == 1 ? string.Empty : "s")}, too few to tell a black hole from loss");
        }

        var lastHop = probes
            .Where(p => p.SentTtl is not null && p.Size > largest && p.Result == EchoResult.TimeExceeded && p.From is not null)
            .OrderByDescending(p => p.SentTtl)
            .FirstOrDefault();
        return new(target, PathMtuResult.BlackHole, egressMtu, largest, probes.Count, ms, LastBigHop: lastHop?.From, LastBigHopTtl: lastHop?.SentTtl);
    }
}
