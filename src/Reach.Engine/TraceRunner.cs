using System.Diagnostics;
using System.Net;
using Reach.Core.Observations;
using Reach.Core.Decisions;

namespace Reach.Engine;

/// <summary>
/// A traceroute with the real traffic's protocol and port (TCP SYN to the port), so a filter that lets
/// ICMP through but not this port shows where it sits. TTLs go in the small waves <see cref="TracePlan"/>
/// decides; a hop silent for its wait is asked once more, since routers rate-limit their ICMP errors.
/// </summary>
internal sealed class TraceRunner(IProbes probes, ProbeOptions options)
{
    /// <param name="knownRttMs">The largest round trip known on the way (the gateway's echo): it bounds the wait on a silent hop.</param>
    public async Task<TraceOutcome> RunAsync(IPEndPoint target, double? knownRttMs, int? hopsToTarget, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var hops = new List<TraceHop>();
        var rtt = knownRttMs;
        while (!cancellationToken.IsCancellationRequested && TracePlan.Next(hops, target.Address, options.MaxHops, hopsToTarget) is { Count: > 0 } wave)
        {
            var wait = ProbeTiming.SilenceWait(rtt, options.Timeout);
            var answered = await Task.WhenAll(wave.Select(ttl => HopAsync(target, ttl, wait, cancellationToken))).ConfigureAwait(false);
            hops.AddRange(answered);
            rtt = Math.Max(rtt ?? 0, answered.Where(h => !h.Silent).Select(h => h.Outcome!.Ms).DefaultIfEmpty(0).Max());
        }

        // Keep one silent hop after the last answer: it is where the silence starts.
        var last = hops.FindLastIndex(h => !h.Silent);
        var path = hops.Take(Math.Min(hops.Count, last + 2)).ToList();
        return new TraceOutcome(target.Address, target.Port, path, clock.Elapsed.TotalMilliseconds);
    }

    private async Task<TraceHop> HopAsync(IPEndPoint target, int ttl, TimeSpan wait, CancellationToken cancellationToken)
    {
        var first = probes.ConnectAsync(target, wait * 2, ttl, false, cancellationToken);
        if (await Task.WhenAny(first, Task.Delay(wait, CancellationToken.None)).ConfigureAwait(false) == first && !IsSilent(first.Result))
        {
            return Hop(ttl, first.Result, 1);
        }

        var second = probes.ConnectAsync(target, wait, ttl, false, cancellationToken);
        var results = await Task.WhenAll(first, second).ConfigureAwait(false);
        return Hop(ttl, results.FirstOrDefault(r => !IsSilent(r)) ?? results[0], 2);
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

    private static bool IsSilent(TcpOutcome outcome) => outcome.Result is TcpResult.Silent or TcpResult.LocalError;
}
