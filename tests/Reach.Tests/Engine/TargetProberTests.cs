using System.Collections.Concurrent;
using System.Net;
using Reach.Core.Observations;
using Reach.Engine;
using Xunit;

namespace Reach.Tests.Engine;

/// <summary>
/// The order of the target's probes, with scripted outcomes instead of packets: what is sent after what,
/// and which answer decides. (Real time passes: the waits are the real ones, but nothing asserts them.)
/// </summary>
public sealed class TargetProberTests
{
    private static readonly IPAddress Web1 = IPAddress.Parse("10.1.2.5");
    private static readonly IPAddress Gw = IPAddress.Parse("10.1.1.1");
    private static readonly IPEndPoint Port80 = new(Web1, 80);
    private static readonly ProbeOptions Options = new(TimeSpan.FromMilliseconds(600), 8);

    [Fact]
    public async Task An_open_port_is_one_syn_and_no_trace()
    {
        var probes = new ScriptedProbes(echo: _ => new PingOutcome(Web1, PingResult.Reply, 0.2, Ttl: 63), syn: (_, _) => new TcpOutcome(Port80, TcpResult.Open, 0.3));

        var result = await new TargetProber(probes, Options).ProbeAsync(Port80, 0.1, null, CancellationToken.None);

        Assert.Equal(TcpResult.Open, result.Connect.Result);
        Assert.Single(result.Syns);
        Assert.Null(result.Trace);
        Assert.Empty(probes.TracedTtls);
    }

    [Fact]
    public async Task A_silent_syn_to_a_target_that_answers_ping_gets_a_second_syn_whose_reject_decides()
    {
        // The first SYN's ICMP was swallowed by the target's rate limit; a token is back for the second.
        var reject = new TcpOutcome(Port80, TcpResult.IcmpError, 0.4, new IcmpReport(Web1, 3, 3));
        var probes = new ScriptedProbes(echo: _ => new PingOutcome(Web1, PingResult.Reply, 0.2, Ttl: 63), syn: (_, n) => n == 0 ? null : reject);

        var result = await new TargetProber(probes, Options).ProbeAsync(Port80, 0.1, null, CancellationToken.None);

        Assert.Equal(2, result.Syns.Count);
        Assert.Equal(TcpResult.Silent, result.Syns[0].Result);
        Assert.Equal(reject, result.Connect);
        Assert.NotEmpty(result.Waits);

        // The echo reply's TTL (63: two hops) keeps the trace off the target, whose ICMP budget the verdict needs.
        Assert.All(probes.TracedTtls, ttl => Assert.True(ttl < 2));
    }

    [Fact]
    public async Task Silence_from_both_echo_and_syn_is_explained_by_a_trace_in_waves()
    {
        var probes = new ScriptedProbes(echo: _ => null, syn: (ttl, _) => ttl == 1 ? new TcpOutcome(Port80, TcpResult.IcmpError, 0.2, new IcmpReport(Gw, 11, 0)) : null);

        var result = await new TargetProber(probes, Options).ProbeAsync(Port80, null, null, CancellationToken.None);

        Assert.Equal(TcpResult.Silent, result.Connect.Result);
        Assert.NotNull(result.Trace);
        Assert.Equal(Gw, result.Trace!.LastAnswering!.From);
        // One wave of three TTLs, the lowest silent one asked twice, and nothing beyond the silence.
        Assert.Equal([1, 2, 2, 3], probes.TracedTtls.Order());
    }

    [Fact]
    public async Task A_late_host_unreachable_after_a_router_is_waited_for_and_decides()
    {
        // The router answers the packet for its dead neighbour only when its ARP gives up (~3 s).
        var late = new TcpOutcome(Port80, TcpResult.IcmpError, 3000, new IcmpReport(Gw, 3, 1));
        var probes = new ScriptedProbes(
            echo: _ => null,
            syn: (ttl, _) => ttl == 1 ? new TcpOutcome(Port80, TcpResult.IcmpError, 0.2, new IcmpReport(Gw, 11, 0)) : null,
            lateSyn: (TimeSpan.FromMilliseconds(2500), late));

        var result = await new TargetProber(probes, Options).ProbeAsync(Port80, 0.1, null, CancellationToken.None);

        Assert.Equal(late, result.Connect);
        Assert.Contains(result.Waits, w => w.Contains("right after router 10.1.1.1", StringComparison.Ordinal));
    }

    /// <summary>Scripted probes: null means silence until the wait ends or the caller stops waiting.</summary>
    private sealed class ScriptedProbes(
        Func<int, PingOutcome?> echo,
        Func<int?, int, TcpOutcome?> syn,
        (TimeSpan After, TcpOutcome Outcome)? lateSyn = null) : IProbes
    {
        private int _echoes;
        private int _syns;

        public ConcurrentBag<int> TracedTtls { get; } = [];

        public Task<PingOutcome> PingAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken) =>
            Answer(echo(Interlocked.Increment(ref _echoes) - 1), timeout, () => new PingOutcome(target, PingResult.Silent, timeout.TotalMilliseconds), null, cancellationToken);

        public Task<TcpOutcome> ConnectAsync(IPEndPoint target, TimeSpan timeout, int? ttl, bool readAnswerTtl, CancellationToken cancellationToken)
        {
            if (ttl is { } t)
            {
                TracedTtls.Add(t);
                return Answer(syn(t, 0), timeout, () => new TcpOutcome(target, TcpResult.Silent, timeout.TotalMilliseconds), null, cancellationToken);
            }

            var n = Interlocked.Increment(ref _syns) - 1;
            if (n == 0 && lateSyn is { } late)
            {
                return Answer(late.Outcome, timeout, () => new TcpOutcome(target, TcpResult.Silent, timeout.TotalMilliseconds), late.After, cancellationToken);
            }

            return Answer(syn(null, n), timeout, () => new TcpOutcome(target, TcpResult.Silent, timeout.TotalMilliseconds), null, cancellationToken);
        }

        public Task<PathMtuOutcome> PathMtuAsync(IPAddress target, int egressMtu, TimeSpan timeout, CancellationToken cancellationToken) =>
            Task.FromResult(new PathMtuOutcome(target, PathMtuResult.Fits, egressMtu, egressMtu, 1, 0.3));

        private static async Task<T> Answer<T>(T? outcome, TimeSpan timeout, Func<T> silent, TimeSpan? after, CancellationToken cancellationToken)
            where T : class
        {
            if (outcome is not null && after is null)
            {
                return outcome;
            }

            await Task.Delay(outcome is null ? timeout : after!.Value, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return outcome is not null && !cancellationToken.IsCancellationRequested ? outcome : silent();
        }
    }
}
