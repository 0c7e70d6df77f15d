using System.Net;
using Reach.Core.Decisions;
using Reach.Core.Observations;
using Xunit;

namespace Reach.Tests.Decisions;

public sealed class PathMtuJudgementTests
{
    private static readonly IPAddress Target = IPAddress.Parse("10.77.3.2");
    private static readonly IPAddress R1 = IPAddress.Parse("10.77.1.1");
    private static readonly IPAddress R2 = IPAddress.Parse("10.77.2.2");

    private static EchoOutcome Reply(int size) => new(Target, EchoResult.Reply, size, null, 1, Target, 62, ReplySize: size);

    private static EchoOutcome Silent(int size, int? ttl = null) => new(Target, EchoResult.Silent, size, ttl, 300);

    private static EchoOutcome TooBig(int size, IPAddress from, int mtu) =>
        new(Target, EchoResult.TooBig, size, null, 1, from, 64, mtu, new IcmpReport(from, 3, 4, mtu));

    private static EchoOutcome Exceeded(int size, int ttl, IPAddress from) =>
        new(Target, EchoResult.TimeExceeded, size, ttl, 1, from, 64, Icmp: new IcmpReport(from, 11, 0));

    private static PathMtuOutcome Judge(params EchoOutcome[] probes) => PathMtuJudgement.Judge(Target, 1500, probes, 10);

    [Fact]
    public void A_reply_at_the_egress_mtu_fits()
    {
        var outcome = Judge(Reply(1500));

        Assert.Equal(PathMtuResult.Fits, outcome.Result);
        Assert.Equal(1500, outcome.PathMtu);
    }

    [Fact]
    public void A_router_that_says_too_big_makes_the_mtu_announced_by_it()
    {
        var outcome = Judge(TooBig(1500, R1, 1400));

        Assert.Equal(PathMtuResult.Announced, outcome.Result);
        Assert.Equal(1400, outcome.PathMtu);
        Assert.Equal(R1, outcome.AnnouncedBy);
    }

    [Fact]
    public void Of_two_announcements_the_smaller_mtu_is_the_path_mtu()
    {
        var outcome = Judge(TooBig(1500, R1, 1400), TooBig(1400, R2, 1280), Reply(84));

        Assert.Equal(1280, outcome.PathMtu);
        Assert.Equal(R2, outcome.AnnouncedBy);
    }

    [Fact]
    public void An_announcement_of_zero_from_an_old_router_leaves_the_largest_size_that_passed()
    {
        // RFC 1191 §4: routers from before it send 0 in the next-hop MTU field.
        var outcome = Judge(TooBig(1500, R1, 0), Reply(84), Reply(1400));

        Assert.Equal(PathMtuResult.Announced, outcome.Result);
        Assert.Equal(1400, outcome.PathMtu);
    }

    [Fact]
    public void Big_probes_that_vanish_three_times_while_small_ones_pass_are_a_black_hole()
    {
        var outcome = Judge(Reply(84), Silent(1500), Silent(1500), Silent(1500), Reply(84), Reply(1400), Silent(1401),
            Exceeded(1500, 1, R1), Silent(1500, 2));

        Assert.Equal(PathMtuResult.BlackHole, outcome.Result);
        Assert.Equal(1400, outcome.PathMtu);
        Assert.Equal(R1, outcome.LastBigHop);
        Assert.Equal(1, outcome.LastBigHopTtl);
    }

    [Fact]
    public void The_last_hop_is_the_farthest_that_answered_a_big_probe_even_past_a_silent_one()
    {
        // A router that sends no time-exceeded at all is silent for small probes too: the black hole is further.
        var outcome = Judge(Reply(84), Silent(1500), Silent(1500), Silent(1500), Exceeded(1500, 1, R1), Silent(1500, 2), Exceeded(1500, 3, R2));

        Assert.Equal(R2, outcome.LastBigHop);
        Assert.Equal(3, outcome.LastBigHopTtl);
    }

    [Fact]
    public void A_time_exceeded_for_a_small_probe_says_nothing_about_big_packets()
    {
        var outcome = Judge(Reply(84), Silent(1500), Silent(1500), Silent(1500), Exceeded(84, 2, R2));

        Assert.Equal(PathMtuResult.BlackHole, outcome.Result);
        Assert.Null(outcome.LastBigHop);
    }

    [Fact]
    public void One_lost_big_probe_is_not_a_black_hole()
    {
        Assert.Equal(PathMtuResult.Unknown, Judge(Reply(84), Silent(1500)).Result);

        // Two lost big probes are what a lossy path gives once in a hundred runs: still not a black hole.
        Assert.Equal(PathMtuResult.Unknown, Judge(Reply(84), Silent(1500), Silent(1500), Reply(84)).Result);
    }

    [Fact]
    public void When_small_probes_fail_too_nothing_is_known_about_the_mtu()
    {
        var outcome = Judge(Silent(84), Silent(1500), Silent(1500), Silent(84));

        Assert.Equal(PathMtuResult.Unknown, outcome.Result);
        Assert.Contains("no echo reply", outcome.Detail?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Emsgsize_from_this_host_is_not_blamed_on_the_path()
    {
        var outcome = Judge(new EchoOutcome(Target, EchoResult.LocalTooBig, 1500, null, 0), Reply(84));

        Assert.Equal(PathMtuResult.Unknown, outcome.Result);
        Assert.Contains("EMSGSIZE", outcome.Detail?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_raw_socket_the_reason_is_passed_on()
    {
        var outcome = Judge(new EchoOutcome(Target, EchoResult.NotSent, 1500, null, 0, Detail: "a raw ICMP socket needs root (CAP_NET_RAW)"));

        Assert.Equal(PathMtuResult.Unknown, outcome.Result);
        Assert.Contains("CAP_NET_RAW", outcome.Detail?.ToString(), StringComparison.Ordinal);
    }
}
