using System.Diagnostics;
using System.Net;
using Reach.Core.Observations;

namespace Reach.Probes;

/// <summary>
/// A traceroute with the real traffic's own protocol and port (TCP SYN to the port), so a filter that
/// lets ICMP or UDP through but not this port shows where it sits. All TTLs are probed at once; a TTL
/// still silent after a third of the timeout is probed once more, because routers rate-limit their
/// ICMP errors (icmp_ratelimit: one per second per destination after a small burst).
/// </summary>
public static class TcpTrace
{
    public const int DefaultMaxHops = 16;

    public static async Task<TraceOutcome> RunAsync(IPEndPoint target, TimeSpan timeout, int maxHops, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var hops = await Task.WhenAll(Enumerable.Range(1, maxHops).Select(ttl => HopAsync(target, ttl, timeout, cancellationToken))).ConfigureAwait(false);

        // Everything past the first TTL at which the target itself answered is the target again.
        var reached = Array.FindIndex(hops, h => Equals(h.From, target.Address));
        var path = reached >= 0 ? hops[..(reached + 1)] : TrimTrailingSilence(hops);
        return new TraceOutcome(target.Address, target.Port, path, clock.Elapsed.TotalMilliseconds);
    }

    private static async Task<TraceHop> HopAsync(IPEndPoint target, int ttl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var first = TcpProbe.ConnectAsync(target, timeout, ttl, cancellationToken);
        var retryAfter = timeout / 3;
        if (await Task.WhenAny(first, Task.Delay(retryAfter, CancellationToken.None)).ConfigureAwait(false) == first && !first.Result.IsSilentOutcome())
        {
            return Hop(ttl, first.Result, 1);
        }

        var second = TcpProbe.ConnectAsync(target, timeout - retryAfter, ttl, cancellationToken);
        var results = await Task.WhenAll(first, second).ConfigureAwait(false);
        var answer = results.FirstOrDefault(r => !r.IsSilentOutcome()) ?? results[0];
        return Hop(ttl, answer, 2);
    }

    private static TraceHop Hop(int ttl, TcpOutcome outcome, int probes)
    {
        IPAddress? from = outcome.Result switch
        {
            TcpResult.Open or TcpResult.Reset => outcome.Target.Address,
            TcpResult.IcmpError => outcome.Icmp!.Sender,
            _ => null,
        };
        return new TraceHop(ttl, from, from is null ? null : outcome, probes);
    }

    // Keep one silent hop after the last answer: it is where the silence starts.
    private static TraceHop[] TrimTrailingSilence(TraceHop[] hops)
    {
        var last = Array.FindLastIndex(hops, h => !h.Silent);
        return hops[..Math.Min(hops.Length, last + 2)];
    }

    private static bool IsSilentOutcome(this TcpOutcome outcome) => outcome.Result is TcpResult.Silent or TcpResult.LocalError;
}
