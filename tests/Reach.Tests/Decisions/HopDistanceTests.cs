using Reach.Core.Decisions;
using Xunit;

namespace Reach.Tests.Decisions;

public sealed class HopDistanceTests
{
    [Theory]
    [InlineData(64, 64, 1)]   // a Linux host on our link
    [InlineData(62, 64, 3)]   // behind two routers (the probe network's b)
    [InlineData(128, 128, 1)] // Windows on our link
    [InlineData(120, 128, 9)]
    [InlineData(65, 128, 64)] // just above 64: a 128 sender far away, not a 64 one
    [InlineData(255, 255, 1)] // a router's own packets
    [InlineData(250, 255, 6)]
    [InlineData(1, 64, 64)]
    public void The_initial_ttl_is_the_smallest_common_one_at_or_above_what_arrived(int received, int initial, int hops)
    {
        Assert.Equal(initial, HopDistance.InitialTtl(received));
        Assert.Equal(hops, HopDistance.Hops(received));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(256)]
    [InlineData(-1)]
    public void A_value_no_packet_can_carry_has_no_distance(int received)
    {
        Assert.Null(HopDistance.Hops(received));
    }
}
