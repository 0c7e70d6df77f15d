using System.Net;
using Reach.Core.Observations;

namespace Reach.Core.Decisions;

/// <summary>
/// What a TCP trace probes next. Routers rate-limit the ICMP errors they send to one destination (a
/// burst of about 6, then one per second), and so does the target: sending every TTL at once spends
/// those budgets and loses the very answers the verdict rests on. So TTLs go in small waves, the trace
/// stops at the first answer that ends the path (the target, or an ICMP error that is not
/// time-exceeded), and it stops after a run of silent hops.
/// </summary>
public static class TracePlan
{
    public const int WaveSize = 3;

    /// <summary>Silent hops in a row after which the path is taken to end in silence.</summary>
    public const int SilentRunToStop = 2;

    /// <summary>The TTLs of the next wave; empty when the trace is done.</summary>
    /// <param name="hopsToTarget">The target's distance when its echo reply told it: a trace then never probes the target itself.</param>
    public static IReadOnlyList<int> Next(IReadOnlyList<TraceHop> sofar, IPAddress target, int maxHops, int? hopsToTarget = null)
    {
        var last = hopsToTarget is { } h ? Math.Min(maxHops, h - 1) : maxHops;
        if (sofar.Any(hop => Ends(hop, target)))
        {
            return [];
        }

        var highest = sofar.Count == 0 ? 0 : sofar.Max(hop => hop.Ttl);
        var silentRun = sofar.OrderByDescending(hop => hop.Ttl).TakeWhile(hop => hop.Silent).Count();
        if (silentRun >= SilentRunToStop || highest >= last)
        {
            return [];
        }

        return Enumerable.Range(highest + 1, Math.Min(WaveSize, last - highest)).ToList();
    }

    /// <summary>
    /// Whether the target's silence can still be explained by a late ICMP error: the trace reached a
    /// router and everything after it is silent, so that router may be resolving a dead host's address
    /// (it answers only when its neighbour resolution gives up, see <see cref="ProbeTiming.LateIcmpWindow"/>).
    /// When no hop answered at all but the gateway itself answered moments ago, the silence starts right
    /// after the gateway: its time-exceeded replies were only rate-limited (a run just before this one
    /// spent its ICMP budget towards us), which does not make it any less a router that may be resolving.
    /// </summary>
    public static bool SilenceFollowsARouter(TraceOutcome? trace, bool gatewayAnswered = false)
    {
        if (trace is not null && trace.Hops.Count > 0 && trace.Hops.All(h => h.Silent))
        {
            return gatewayAnswered;
        }

        if (trace?.LastAnswering is not { } last || Equals(last.From, trace.Target))
        {
            return false;
        }

        return last.Outcome?.Icmp is { IsTimeExceeded: true } && trace.Hops.Where(h => h.Ttl > last.Ttl).All(h => h.Silent);
    }

    private static bool Ends(TraceHop hop, IPAddress target) =>
        Equals(hop.From, target) || hop.Outcome?.Icmp is { IsTimeExceeded: false };
}
