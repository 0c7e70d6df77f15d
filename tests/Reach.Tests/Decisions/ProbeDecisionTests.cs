using System.Net;
using Reach.Core.Decisions;
using Reach.Core.Observations;
using Xunit;

namespace Reach.Tests.Decisions;

/// <summary>The pure decisions that pick what to probe next, how long silence is worth, and who sent an answer.</summary>
public sealed class ProbeDecisionTests
{
    private static readonly IPAddress Web1 = IPAddress.Parse("10.1.2.5");
    private static readonly IPAddress Gw = IPAddress.Parse("10.1.1.1");
    private static readonly IPEndPoint Port80 = new(Web1, 80);

    private static TraceHop Router(int ttl, IPAddress from) => new(ttl, from, new TcpOutcome(Port80, TcpResult.IcmpError, 1, new IcmpReport(from, 11, 0)), 1);

    private static TraceHop Silent(int ttl) => new(ttl, null, null, 2);

    [Fact]
    public void A_trace_starts_with_a_small_wave_not_every_ttl()
    {
        Assert.Equal([1, 2, 3], TracePlan.Next([], Web1, maxHops: 16));
    }

    [Fact]
    public void A_trace_goes_on_while_routers_answer_and_stops_after_two_silent_hops()
    {
        Assert.Equal([4, 5, 6], TracePlan.Next([Router(1, Gw), Router(2, IPAddress.Parse("10.1.9.2")), Router(3, IPAddress.Parse("10.1.4.1"))], Web1, 16));
        Assert.Empty(TracePlan.Next([Router(1, Gw), Silent(2), Silent(3)], Web1, 16));
    }

    [Fact]
    public void A_trace_stops_at_the_target_or_at_an_icmp_error_that_ends_the_path()
    {
        var target = new TraceHop(2, Web1, new TcpOutcome(Port80, TcpResult.Open, 1), 1);
        var unreachable = new TraceHop(2, Gw, new TcpOutcome(Port80, TcpResult.IcmpError, 1, new IcmpReport(Gw, 3, 1)), 1);

        Assert.Empty(TracePlan.Next([Router(1, Gw), target], Web1, 16));
        Assert.Empty(TracePlan.Next([Router(1, Gw), unreachable], Web1, 16));
    }

    [Fact]
    public void A_known_hop_count_keeps_the_trace_off_the_target()
    {
        // The echo reply said the target is 3 hops away: TTL 3 would reach it and spend its ICMP budget.
        Assert.Equal([1, 2], TracePlan.Next([], Web1, 16, hopsToTarget: 3));
        Assert.Empty(TracePlan.Next([], Web1, 16, hopsToTarget: 1));
    }

    [Fact]
    public void Silence_right_after_a_router_may_still_end_in_its_late_host_unreachable()
    {
        var afterRouter = new TraceOutcome(Web1, 80, [Router(1, Gw), Silent(2)], 1);
        var nothingAnswers = new TraceOutcome(Web1, 80, [Silent(1), Silent(2)], 1);
        var routerThenMore = new TraceOutcome(Web1, 80, [Router(1, Gw), Silent(2), Router(3, IPAddress.Parse("10.1.4.1"))], 1);

        Assert.True(TracePlan.SilenceFollowsARouter(afterRouter));
        Assert.False(TracePlan.SilenceFollowsARouter(nothingAnswers));
        Assert.False(TracePlan.SilenceFollowsARouter(routerThenMore with { Hops = [.. routerThenMore.Hops, Router(4, Web1)] }));
        Assert.False(TracePlan.SilenceFollowsARouter(null));
    }

    [Theory]
    [InlineData(0.1, 300)]
    [InlineData(50, 500)]
    [InlineData(400, 1500)]
    public void Silence_is_worth_ten_round_trips_at_least_300_ms_and_at_most_the_timeout(double rttMs, double expectedMs)
    {
        Assert.Equal(expectedMs, ProbeTiming.SilenceWait(rttMs, TimeSpan.FromMilliseconds(1500)).TotalMilliseconds);
    }

    [Fact]
    public void Without_a_known_round_trip_silence_is_worth_the_whole_timeout()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), ProbeTiming.SilenceWait(null, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void A_silent_syn_to_a_target_that_answers_ping_is_confirmed_before_it_is_called_filtered()
    {
        var silent = new TcpOutcome(Port80, TcpResult.Silent, 1000);
        var reply = new PingOutcome(Web1, PingResult.Reply, 0.2, Ttl: 63);
        var noReply = new PingOutcome(Web1, PingResult.Silent, 1500);

        Assert.True(SynPlan.NeedsConfirmation(silent, reply));
        Assert.False(SynPlan.NeedsConfirmation(silent, noReply));
        Assert.False(SynPlan.NeedsConfirmation(new TcpOutcome(Port80, TcpResult.Open, 1), reply));
    }

    [Theory]
    [InlineData(TcpResult.Silent, true)]
    [InlineData(TcpResult.LocalError, true)]
    [InlineData(TcpResult.Reset, true)]
    [InlineData(TcpResult.Open, false)]
    public void A_syn_may_not_have_left_when_silent_refused_locally_or_reset(TcpResult result, bool mayNot)
    {
        Assert.Equal(mayNot, SynPlan.MayNotHaveLeft(new TcpOutcome(Port80, result, 1), _ => false));
    }

    [Fact]
    public void An_icmp_error_from_this_hosts_own_address_means_the_syn_may_not_have_left()
    {
        var own = IPAddress.Parse("10.1.1.7");
        var fromOwn = new TcpOutcome(Port80, TcpResult.IcmpError, 1, new IcmpReport(own, 3, 3));
        var fromTarget = new TcpOutcome(Port80, TcpResult.IcmpError, 1, new IcmpReport(Web1, 3, 3));

        Assert.True(SynPlan.MayNotHaveLeft(fromOwn, a => a.Equals(own)));
        Assert.False(SynPlan.MayNotHaveLeft(fromTarget, a => a.Equals(own)));
    }

    [Fact]
    public void An_rst_that_travelled_fewer_hops_than_the_targets_echo_reply_was_forged_on_the_way()
    {
        // Measured in the lab: web1's echo reply arrives at dev1 with TTL 63 (one router), gw's forged RST with 64.
        var echo = new PingOutcome(Web1, PingResult.Reply, 0.2, Ttl: 63);
        var forged = new TcpOutcome(Port80, TcpResult.Reset, 0.3, AnswerTtl: 64);
        var genuine = new TcpOutcome(Port80, TcpResult.Reset, 0.3, AnswerTtl: 63);

        Assert.Equal(1, AnswerOrigin.ForgedResetHop(forged, echo));
        Assert.Null(AnswerOrigin.ForgedResetHop(genuine, echo));
        Assert.Null(AnswerOrigin.ForgedResetHop(forged, echo with { Ttl = null }));
        Assert.Null(AnswerOrigin.ForgedResetHop(forged with { AnswerTtl = null }, echo));
    }
}
