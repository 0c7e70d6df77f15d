using System.Net;
using Reach.Core.Observations;
using Reach.Engine;
using Xunit;

namespace Reach.Tests.Engine;

/// <summary>
/// The order of the target's probes, with scripted outcomes instead of packets and a fake clock instead
/// of real seconds: what is sent after what, and which answer decides.
/// </summary>
public sealed class TargetProberTests
{
    private static readonly IPAddress Web1 = IPAddress.Parse("10.1.2.5");
    private static readonly IPAddress Gw = IPAddress.Parse("10.1.1.1");
    private static readonly IPEndPoint Port80 = new(Web1, 80);
    private static readonly ProbeOptions Options = new(TimeSpan.FromMilliseconds(600), 8);

    private static Task<TargetProbes> ProbeAsync(ScriptedNetwork network, double? gatewayRttMs, int? egressMtu = null) =>
        FakeClock.RunAsync(network.Time, () => new TargetProber(network, Options, network.Time).ProbeAsync(Port80, gatewayRttMs, egressMtu, CancellationToken.None));

    private static List<int> TracedTtls(ScriptedNetwork network) =>
        network.SentOf("syn").Where(s => s.Contains(" ttl=", StringComparison.Ordinal)).Select(s => int.Parse(s.Split("ttl=")[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public async Task An_open_port_is_one_syn_and_no_trace()
    {
        var network = new ScriptedNetwork
        {
            Echo = (_, _) => new PingOutcome(Web1, PingResult.Reply, 0.2, Ttl: 63),
            Syn = (_, _, _, _) => new TcpOutcome(Port80, TcpResult.Open, 0.3),
        };

        var result = await ProbeAsync(network, 0.1);

        Assert.Equal(TcpResult.Open, result.Connect.Result);
        Assert.Single(result.Syns);
        Assert.Null(result.Trace);
        Assert.Empty(TracedTtls(network));
    }

    [Fact]
    public async Task An_open_port_is_asked_about_big_packets_and_a_closed_one_is_not()
    {
        var open = new ScriptedNetwork { Echo = (_, _) => new PingOutcome(Web1, PingResult.Reply, 0.2, Ttl: 63), Syn = (_, _, _, _) => new TcpOutcome(Port80, TcpResult.Open, 0.3) };
        var closed = new ScriptedNetwork { Echo = (_, _) => new PingOutcome(Web1, PingResult.Reply, 0.2, Ttl: 63), Syn = (_, _, _, _) => new TcpOutcome(Port80, TcpResult.Reset, 0.3) };

        var fits = await ProbeAsync(open, 0.1, egressMtu: 1500);
        var refused = await ProbeAsync(closed, 0.1, egressMtu: 1500);

        Assert.Equal(PathMtuResult.Fits, fits.PathMtu!.Result);
        Assert.Null(refused.PathMtu);
    }

    [Fact]
    public async Task A_silent_syn_to_a_target_that_answers_ping_gets_a_second_syn_whose_reject_decides()
    {
        // The first SYN's ICMP was swallowed by the target's rate limit; a token is back for the second.
        var reject = new TcpOutcome(Port80, TcpResult.IcmpError, 0.4, new IcmpReport(Web1, 3, 3));
        var network = new ScriptedNetwork
        {
            Echo = (_, _) => new PingOutcome(Web1, PingResult.Reply, 0.2, Ttl: 63),
            Syn = (_, ttl, _, n) => ttl is null && n > 0 ? reject : null,
        };

        var result = await ProbeAsync(network, 0.1);

        Assert.Equal(2, result.Syns.Count);
        Assert.Equal(TcpResult.Silent, result.Syns[0].Result);
        Assert.Equal(reject, result.Connect);
        Assert.NotEmpty(result.Waits);

        // The echo reply's TTL (63: two hops) keeps the trace off the target, whose ICMP budget the verdict needs.
        Assert.All(TracedTtls(network), ttl => Assert.True(ttl < 2));
    }

    [Fact]
    public async Task Silence_from_both_echo_and_syn_is_explained_by_a_trace_in_waves()
    {
        var network = new ScriptedNetwork
        {
            Syn = (_, ttl, _, _) => ttl == 1 ? new TcpOutcome(Port80, TcpResult.IcmpError, 0.2, new IcmpReport(Gw, 11, 0)) : null,
        };

        var result = await ProbeAsync(network, null);

        Assert.Equal(TcpResult.Silent, result.Connect.Result);
        Assert.NotNull(result.Trace);
        Assert.Equal(Gw, result.Trace!.LastAnswering!.From);
        // One wave of three TTLs, the lowest silent one asked twice, and nothing beyond the silence.
        Assert.Equal([1, 2, 2, 3], TracedTtls(network).Order());
    }

    [Fact]
    public async Task A_late_host_unreachable_after_a_router_is_waited_for_and_decides()
    {
        // The router answers the packet for its dead neighbour only when its ARP gives up (~3 s).
        var late = new TcpOutcome(Port80, TcpResult.IcmpError, 3000, new IcmpReport(Gw, 3, 1));
        var network = new ScriptedNetwork
        {
            Syn = (_, ttl, _, n) => ttl switch
            {
                1 => new TcpOutcome(Port80, TcpResult.IcmpError, 0.2, new IcmpReport(Gw, 11, 0)),
                null when n == 0 => new Scripted<TcpOutcome>(late, TimeSpan.FromMilliseconds(2500)),
                _ => null,
            },
        };

        var result = await ProbeAsync(network, 0.1);

        Assert.Equal(late, result.Connect);
        Assert.Contains(result.Waits, w => w.ToString().Contains("right after router 10.1.1.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_echo_lost_once_is_sent_again_and_the_answer_counts()
    {
        // The first echo is lost on a lossy path; the repeat 300 ms later is answered, so the SYN's silence reads as a filter.
        var network = new ScriptedNetwork
        {
            Echo = (_, n) => n == 0 ? null : new PingOutcome(Web1, PingResult.Reply, 0.2, Ttl: 63),
        };

        var result = await ProbeAsync(network, 0.1);

        Assert.True(result.Ping!.Replied);
        Assert.True(network.SentOf("ping").Count >= 2);
        Assert.Equal(TcpResult.Silent, result.Connect.Result);
        Assert.Equal(2, result.Syns.Count);
    }
}
