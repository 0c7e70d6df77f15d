using System.Net;
using Reach.Core.Observations;
using Reach.Core.Decisions;

namespace Reach.Engine;

/// <summary>
/// A traceroute with the real traffic's protocol and port (TCP SYN to the port), so a filter that lets
/// ICMP through but not this port shows where it sits. TTLs go in the small waves <see cref="TracePlan"/>
/// decides; a hop silent for its wait is asked once more, since routers rate-limit their ICMP errors.
/// </summary>
internal sealed class TraceRunner(IProbes probes, ProbeOptions options, TimeProvider time)
{
    /// <param name="knownRttMs">The largest round trip known on the way (the gateway's echo): it bounds the wait on a silent hop.</param>
    public async Task<TraceOutcome> RunAsync(IPEndPoint target, double? knownRttMs, int? hopsToTarget, CancellationToken cancellationToken)
    {
        var clock = new Clock(time);
        var hops = new List<TraceHop>();
        var rtt = knownRttMs;
        while (!cancellationToken.IsCancellationRequested && TracePlan.Next(hops, target.Address, options.MaxHops, hopsToTarget) is { Count: > 0 } wave)
        {
            var wait = ProbeTiming.SilenceWait(rtt, options.Timeout);
            var answered = await WaveAsync(target, wave, wait, cancellationToken).ConfigureAwait(false);
            hops.AddRange(answered);
            rtt = Math.Max(rtt ?? 0, answered.Where(h => !h.Silent).Select(h => h.Outcome!.Ms).DefaultIfEmpty(0).Max());
        }

        // Keep one silent hop after the last answer: it is where the silence starts.
        var last = hops.FindLastIndex(h => !h.Silent);
        var path = hops.Take(Math.Min(hops.Count, last + 2)).ToList();
        return new TraceOutcome(target.Address, target.Port, path, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// One probe per TTL of the wave; after the wait, only the lowest silent TTL is asked again: the TTLs
    /// above it are beyond the silence, and every probe that lands in a router's queue for a dead host costs
    /// one of the ICMP errors that router may send us (a burst of about 6, then one per second).
    /// </summary>
    private async Task<TraceHop[]> WaveAsync(IPEndPoint target, IReadOnlyList<int> wave, TimeSpan wait, CancellationToken cancellationToken)
    {
        var first = wave.Select(ttl => probes.ConnectAsync(target, wait * 2, ttl, false, cancellationToken)).ToList();
        await Task.WhenAny(Task.WhenAll(first), Task.Delay(wait, time, CancellationToken.None)).ConfigureAwait(false);
        var lowestSilent = first.FindIndex(p => !p.IsCompleted || IsSilent(p.Result));
        Task<TcpOutcome>? again = lowestSilent < 0 ? null : probes.ConnectAsync(target, wait, wave[lowestSilent], false, cancellationToken);
        var results = await Task.WhenAll(first).ConfigureAwait(false);
        var retried = again is null ? null : await again.ConfigureAwait(false);
        return wave.Select((ttl, i) => i == lowestSilent && retried is not null && IsSilent(results[i]) && !IsSilent(retried)
            ? Hop(ttl, retried, 2)
            : Hop(ttl, results[i], i == lowestSilent ? 2 : 1)).ToArray();
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
