using System.Net;
using Reach.Core.Observations;
using Reach.Core.Text;

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
        PathMtuOutcome Unknown(Message why) => new(target, PathMtuResult.Unknown, egressMtu, null, probes.Count, ms, Detail: why);

        if (direct.Count == 0 || direct.All(p => p.Result == EchoResult.NotSent))
        {
            // The probe's own words for why it was not sent (the socket's error), as it gave them.
            return Unknown(direct.FirstOrDefault()?.Detail is { } detail ? Message.Verbatim(detail) : Message.Of("route.part.mtu.none-sent"));
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
            return Unknown(Message.Of("route.part.mtu.local-too-big", ("size", Number(local.Size)), ("target", target.ToString()))
                .With("mtu", local.Mtu is { } m ? Message.Of("route.part.mtu.own", ("mtu", Number(m))) : null));
        }

        if (direct.FirstOrDefault(p => p.Result == EchoResult.Unreachable) is { } unreachable)
        {
            return Unknown(Message.Verbatim(unreachable.Describe()));
        }

        if (largest is null)
        {
            return Unknown(Message.Of("route.part.mtu.no-reply", ("target", target.ToString())));
        }

        // Lost packets are not a black hole: on a path that loses 10% of round trips, two lost big probes
        // happen once in a hundred runs (seen in the lab), three once in a thousand. The egress-size probe
        // must have vanished three times while small ones passed.
        var bigSilent = direct.Count(p => p.Result == EchoResult.Silent && p.Size >= egressMtu);
        if (bigSilent < 3)
        {
            return Unknown(Message.Of(bigSilent == 1 ? "route.part.mtu.too-few.one" : "route.part.mtu.too-few", ("mtu", Number(egressMtu)), ("count", Number(bigSilent))));
        }

        var lastHop = probes
            .Where(p => p.SentTtl is not null && p.Size > largest && p.Result == EchoResult.TimeExceeded && p.From is not null)
            .OrderByDescending(p => p.SentTtl)
            .FirstOrDefault();
        return new(target, PathMtuResult.BlackHole, egressMtu, largest, probes.Count, ms, LastBigHop: lastHop?.From, LastBigHopTtl: lastHop?.SentTtl);
    }

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
