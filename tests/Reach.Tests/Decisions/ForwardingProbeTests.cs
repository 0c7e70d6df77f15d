using System.Net;
using Reach.Core.Decisions;
using Reach.Core.Observations;
using Xunit;

namespace Reach.Tests.Decisions;

public sealed class ForwardingProbeTests
{
    private static readonly IPAddress Gw = IPAddress.Parse("10.1.1.1");
    private static readonly IPAddress Web1 = IPAddress.Parse("10.1.2.5");
    private static readonly IPEndPoint Web1Port80 = new(Web1, 80);

    private static TraceHop Exceeded(int ttl, IPAddress from) => new(ttl, from, new TcpOutcome(Web1Port80, TcpResult.IcmpError, 0.2, new IcmpReport(from, 11, 0)), 1);

    private static TraceHop Silent(int ttl) => new(ttl, null, null, 2);

    [Theory]
    [InlineData("10.1.2.5", "10.1.1.1", "10.1.2.133")]
    [InlineData("10.1.2.133", "10.1.1.1", "10.1.2.5")]
    // The other half of .129 is .1, where routers sit: the next flip is taken.
    [InlineData("10.1.2.129", "10.1.1.1", "10.1.2.193")]
    // .128 flips to .0, the network address, and .192 and .64 follow.
    [InlineData("10.1.2.128", "10.1.1.1", "10.1.2.192")]
    // Never the router itself.
    [InlineData("10.1.2.5", "10.1.2.133", "10.1.2.69")]
    [InlineData("2001:db8:2::5", "2001:db8:1::1", "2001:db8:2::8005")]
    public void The_address_beside_the_target_is_in_its_network_and_nobody_usual(string target, string router, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), ForwardingProbe.Beside(IPAddress.Parse(target), IPAddress.Parse(router)));
    }

    [Fact]
    public void A_link_local_target_has_no_address_beside_it_worth_asking()
    {
        Assert.Null(ForwardingProbe.Beside(IPAddress.Parse("fe80::5"), IPAddress.Parse("fe80::1")));
    }

    [Fact]
    public void The_router_before_the_silence_is_the_last_hop_whose_time_exceeded_nothing_follows()
    {
        var trace = new TraceOutcome(Web1, 80, [Exceeded(1, Gw), Silent(2), Silent(3)], 900);

        Assert.Equal(Gw, ForwardingProbe.RouterBeforeSilence(trace, null));
    }

    [Fact]
    public void A_trace_that_reached_the_target_or_ended_on_an_error_has_no_router_before_silence()
    {
        var reached = new TraceOutcome(Web1, 80, [Exceeded(1, Gw), new TraceHop(2, Web1, new TcpOutcome(Web1Port80, TcpResult.Reset, 0.4), 1)], 900);
        var unreachable = new TraceOutcome(Web1, 80, [Exceeded(1, Gw), new TraceHop(2, IPAddress.Parse("10.9.9.9"), new TcpOutcome(Web1Port80, TcpResult.IcmpError, 0.4, new IcmpReport(IPAddress.Parse("10.9.9.9"), 3, 1)), 1)], 900);

        Assert.Null(ForwardingProbe.RouterBeforeSilence(reached, null));
        Assert.Null(ForwardingProbe.RouterBeforeSilence(unreachable, null));
    }

    [Fact]
    public void A_silent_trace_leaves_the_first_hop_asked_again_to_name_the_router()
    {
        var trace = new TraceOutcome(Web1, 80, [Silent(1), Silent(2)], 900);
        var again = new TcpOutcome(Web1Port80, TcpResult.IcmpError, 0.3, new IcmpReport(Gw, 11, 0));

        Assert.Equal(Gw, ForwardingProbe.RouterBeforeSilence(trace, again));
        Assert.Null(ForwardingProbe.RouterBeforeSilence(trace, new TcpOutcome(Web1Port80, TcpResult.Silent, 300)));
    }

    [Fact]
    public void Only_an_answer_from_beyond_the_router_says_it_forwards_and_only_silence_says_it_does_not()
    {
        var beside = new IPEndPoint(IPAddress.Parse("10.1.2.133"), 80);

        Assert.True(ForwardingProbe.Forwards(new TcpOutcome(beside, TcpResult.IcmpError, 3050, new IcmpReport(Gw, 3, 1))));
        Assert.True(ForwardingProbe.Forwards(new TcpOutcome(beside, TcpResult.Reset, 0.4)));
        Assert.False(ForwardingProbe.Forwards(new TcpOutcome(beside, TcpResult.Silent, 4500)));
        // No route there (!N) or a REJECT (!X) says nothing about the FORWARD chain that met the target's SYNs.
        Assert.Null(ForwardingProbe.Forwards(new TcpOutcome(beside, TcpResult.IcmpError, 0.3, new IcmpReport(Gw, 3, 0))));
        Assert.Null(ForwardingProbe.Forwards(new TcpOutcome(beside, TcpResult.IcmpError, 0.3, new IcmpReport(Gw, 3, 13))));
        Assert.Null(ForwardingProbe.Forwards(new TcpOutcome(beside, TcpResult.LocalError, 0, Detail: "Operation not permitted")));
    }
}
