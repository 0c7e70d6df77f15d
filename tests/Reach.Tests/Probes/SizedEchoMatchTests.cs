using System.Net;
using Reach.Core.Observations;
using Reach.Probes;
using Xunit;

namespace Reach.Tests.Probes;

/// <summary>The sized echo's reading of real replies and errors (captured, see Fixtures/probes/README.md).</summary>
public sealed class SizedEchoMatchTests
{
    private static EchoOutcome? Match(Captured c, IPAddress target, int? hopLimit, ushort? seq = null) =>
        IcmpEcho.MatchEcho(c.Bytes, target.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6, (ushort)c.Int("id"),
            seq ?? (ushort)c.Int("seq"), target, c.Sender, hopLimit, c.Int("size"), null, 1);

    [Fact]
    public void An_ipv4_reply_carries_the_ttl_of_its_ip_header_and_its_size()
    {
        var reply = Captured.Load("echo-reply-v4");

        var outcome = Match(reply, reply.Sender, null)!;

        Assert.Equal(EchoResult.Reply, outcome.Result);
        Assert.Equal(reply.HopLimit, outcome.ReceivedTtl);
        Assert.Equal(reply.Int("size"), outcome.ReplySize);
    }

    [Fact]
    public void An_ipv6_reply_carries_the_hop_limit_the_kernel_reported_and_its_size()
    {
        var reply = Captured.Load("echo-reply-v6");

        var outcome = Match(reply, reply.Sender, reply.HopLimit)!;

        Assert.Equal(EchoResult.Reply, outcome.Result);
        Assert.Equal(reply.HopLimit, outcome.ReceivedTtl);
        Assert.Equal(reply.Int("size"), outcome.ReplySize);
    }

    [Fact]
    public void A_reply_to_another_sequence_is_not_ours()
    {
        var reply = Captured.Load("echo-reply-v4");

        Assert.Null(Match(reply, reply.Sender, null, (ushort)(reply.Int("seq") + 1)));
    }

    [Fact]
    public void Fragmentation_needed_gives_the_next_hop_mtu_and_the_router()
    {
        var icmp = Captured.Load("frag-needed-v4");

        var outcome = Match(icmp, IPAddress.Parse("10.77.3.2"), null)!;

        Assert.Equal(EchoResult.TooBig, outcome.Result);
        Assert.Equal(1400, outcome.Mtu);
        Assert.Equal(icmp.Sender, outcome.From);
        Assert.True(outcome.Icmp!.IsTooBig);
    }

    [Fact]
    public void Packet_too_big_gives_the_mtu_and_the_router()
    {
        var icmp = Captured.Load("packet-too-big-v6");

        var outcome = Match(icmp, IPAddress.Parse("fd77:3::2"), icmp.HopLimit)!;

        Assert.Equal(EchoResult.TooBig, outcome.Result);
        Assert.Equal(1400, outcome.Mtu);
        Assert.Equal(icmp.Sender, outcome.From);
    }

    [Fact]
    public void A_time_exceeded_for_a_big_probe_names_the_router_it_reached()
    {
        var icmp = Captured.Load("time-exceeded-v6");

        var outcome = Match(icmp, IPAddress.Parse("fd77:3::2"), icmp.HopLimit)!;

        Assert.Equal(EchoResult.TimeExceeded, outcome.Result);
        Assert.Equal(icmp.Sender, outcome.From);
    }

    [Fact]
    public void The_plain_ping_reports_a_fragmentation_needed_as_an_error_with_its_mtu()
    {
        var icmp = Captured.Load("frag-needed-v4");

        var outcome = IcmpEcho.Match(icmp.Bytes, false, (ushort)icmp.Int("id"), (ushort)icmp.Int("seq"), IPAddress.Parse("10.77.3.2"), icmp.Sender, 1)!;

        Assert.Equal(PingResult.Error, outcome.Result);
        Assert.Equal(1400, outcome.Icmp!.Mtu);
        Assert.Contains("fragmentation-needed, mtu 1400", outcome.Describe(), StringComparison.Ordinal);
    }
}
