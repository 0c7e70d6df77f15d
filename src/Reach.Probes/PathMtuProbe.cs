using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reach.Core.Decisions;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Probes;

/// <summary>
/// Finds whether packets of the egress MTU reach a target (DF set, the kernel's cached PMTU ignored), and
/// when not, why: a router that says so ("fragmentation needed" / "packet too big": PMTU discovery works)
/// or a black hole (big packets vanish, small ones pass, nobody says why; RFC 2923 §2.1). For a black hole
/// it searches the largest size that passes and, with TTL-limited big probes, the last router that still
/// receives big packets. A healthy path costs one round trip. What the replies mean is decided by
/// <see cref="PathMtuJudgement"/>; this class only sends. Needs root (raw ICMP sockets).
/// </summary>
public static class PathMtuProbe
{
    public const int MaxHops = 30;

    // Sizes per wave of the search: echo replies are not rate-limited (icmp_ratemask covers errors only),
    // so a wave costs one wait whatever its size. Twenty lets the first wave ask every common MTU below
    // 1500 with its size + 1 (at twelve, 1400 and 1280 were left out: a 1400 link measured 1396, and a
    // TCP segment the MSS clamp makes exactly 1400 bytes long then looked too big for the hole).
    private const int SearchWave = 20;

    // TTL-limited probes per wave: each router gets one, but a router's global ICMP budget
    // (icmp_msgs_per_sec, and the per-destination burst of about 6) is shared with everyone else's probes.
    private const int TtlWave = 4;

    // The wait for silence, as issue 6 sets it: max(300 ms, 10 round trips).
    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(300);

    public static async Task<PathMtuOutcome> ProbeAsync(IPAddress target, int egressMtu, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var clock = Stopwatch.StartNew();
        var v6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        var small = v6 ? 104 : 84; // ping(8)'s default 56-byte payload
        var probes = new List<EchoOutcome>();
        var sent = 0;
        TimeSpan Remaining() => timeout > clock.Elapsed ? timeout - clock.Elapsed : TimeSpan.Zero;
        PathMtuOutcome Judge() => PathMtuJudgement.Judge(target, egressMtu, probes, clock.Elapsed.TotalMilliseconds) with { ProbesSent = sent };

        if (egressMtu <= small)
        {
            return new PathMtuOutcome(target, PathMtuResult.Unknown, egressMtu, null, 0, 0, Detail: Message.Of("route.part.mtu.nothing-to-probe", ("mtu", egressMtu.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        // First look: one big and one small probe at once. The big one's reply is the healthy case; the
        // small one's round trip sets how long silence must last to count.
        using var bigWait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var bigTask = IcmpEcho.EchoAsync(target, new EchoOptions(egressMtu, true), timeout, bigWait.Token);
        var smallTask = IcmpEcho.EchoAsync(target, new EchoOptions(small, true), timeout, bigWait.Token);
        sent += 2;
        if (await Task.WhenAny(bigTask, smallTask).ConfigureAwait(false) == bigTask && bigTask.Result.Result != EchoResult.Silent)
        {
            // The answer is in; the small probe's pending wait says nothing, so it is not evidence.
            await bigWait.CancelAsync().ConfigureAwait(false);
            probes.Add(bigTask.Result);
            return Judge();
        }

        var smallFirst = await smallTask.ConfigureAwait(false);
        probes.Add(smallFirst);
        var wait = smallFirst.Result == EchoResult.Reply ? Max(MinWait, TimeSpan.FromMilliseconds(10 * smallFirst.Ms)) : MinWait;
        bigWait.CancelAfter(Min(wait, Remaining()));
        probes.Add(await bigTask.ConfigureAwait(false));
        if (probes[^1].Result != EchoResult.Silent || smallFirst.Result != EchoResult.Reply)
        {
            return Judge();
        }

        // Big silent, small passed: two more big ones and a small one, to rule out loss (PathMtuJudgement
        // wants three silent big probes).
        var retry = await WaveAsync(target, [(egressMtu, null), (egressMtu, null), (small, null)], Min(wait, Remaining()), cancellationToken).ConfigureAwait(false);
        probes.AddRange(retry);
        sent += retry.Count;
        if (Judge().Result != PathMtuResult.BlackHole)
        {
            return Judge();
        }

        // A black hole: search the size that passes and, at the same time, how far big packets get.
        var hops = smallFirst.ReceivedTtl is { } ttl ? HopDistance.Hops(ttl) : null;
        var search = SearchAsync(target, small, egressMtu, wait, Remaining, cancellationToken);
        var scan = ScanAsync(target, egressMtu, Math.Min((hops ?? 1) - 1, MaxHops), wait, Remaining, cancellationToken);
        foreach (var part in await Task.WhenAll(search, scan).ConfigureAwait(false))
        {
            probes.AddRange(part);
            sent += part.Count;
        }

        return Judge();
    }

    private static async Task<List<EchoOutcome>> SearchAsync(IPAddress target, int passing, int failing, TimeSpan wait, Func<TimeSpan> remaining, CancellationToken cancellationToken)
    {
        var all = new List<EchoOutcome>();
        while (failing - passing > 1 && remaining() >= wait)
        {
            var sizes = all.Count == 0 ? PathMtuSearch.FirstSizes(passing, failing, SearchWave) : PathMtuSearch.NextSizes(passing, failing, SearchWave);
            var wave = await WaveAsync(target, sizes.Select(s => (s, (int?)null)), wait, cancellationToken).ConfigureAwait(false);
            all.AddRange(wave);
            (passing, failing) = PathMtuSearch.Narrow(passing, failing, wave);
            if (wave.Any(o => o.Result is EchoResult.TooBig or EchoResult.NotSent or EchoResult.LocalTooBig))
            {
                break;
            }
        }

        return all;
    }

    private static async Task<List<EchoOutcome>> ScanAsync(IPAddress target, int size, int routers, TimeSpan wait, Func<TimeSpan> remaining, CancellationToken cancellationToken)
    {
        var all = new List<EchoOutcome>();
        for (var first = 1; first <= routers && remaining() >= wait; first += TtlWave)
        {
            var ttls = Enumerable.Range(first, Math.Min(TtlWave, routers - first + 1));
            all.AddRange(await WaveAsync(target, ttls.Select(t => (size, (int?)t)), wait, cancellationToken).ConfigureAwait(false));
        }

        return all;
    }

    private static async Task<List<EchoOutcome>> WaveAsync(IPAddress target, IEnumerable<(int Size, int? Ttl)> probes, TimeSpan wait, CancellationToken cancellationToken) =>
        [.. await Task.WhenAll(probes.Select(p => IcmpEcho.EchoAsync(target, new EchoOptions(p.Size, true, p.Ttl), wait, cancellationToken))).ConfigureAwait(false)];

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
