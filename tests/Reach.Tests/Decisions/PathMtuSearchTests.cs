using System.Net;
using Reach.Core.Decisions;
using Reach.Core.Observations;
using Xunit;

namespace Reach.Tests.Decisions;

public sealed class PathMtuSearchTests
{
    private static readonly IPAddress Target = IPAddress.Parse("10.77.3.2");

    [Fact]
    public void Sizes_spread_evenly_strictly_between_the_bounds()
    {
        var sizes = PathMtuSearch.NextSizes(100, 1500, 6);

        Assert.Equal([300, 500, 700, 900, 1100, 1300], sizes);
    }

    [Fact]
    public void The_first_wave_asks_the_common_mtus_and_one_above_each_nearest_the_failing_bound_first()
    {
        // A jumbo host behind a 1500 segment: 9000 failed, 84 passed; with 12 sizes the wave reaches down to 1450.
        var sizes = PathMtuSearch.FirstSizes(84, 9000, 12);

        Assert.Equal([1450, 1451, 1460, 1461, 1476, 1477, 1480, 1481, 1492, 1493, 1500, 1501], sizes);
    }

    [Fact]
    public void The_first_wave_pins_a_1500_mtu_in_one_wait()
    {
        EchoOutcome Probe(int size) => new(Target, size <= 1500 ? EchoResult.Reply : EchoResult.Silent, size, null, 1);

        var bounds = PathMtuSearch.Narrow(84, 9000, PathMtuSearch.FirstSizes(84, 9000, 12).Select(Probe));

        Assert.Equal((1500, 1501), bounds);
    }

    [Fact]
    public void Without_a_common_mtu_in_the_gap_the_first_wave_is_the_even_spread()
    {
        Assert.Equal(PathMtuSearch.NextSizes(1300, 1380, 6), PathMtuSearch.FirstSizes(1300, 1380, 6));
    }

    [Fact]
    public void A_narrow_gap_gives_each_size_once()
    {
        Assert.Equal([1401, 1402], PathMtuSearch.NextSizes(1400, 1403, 6));
        Assert.Empty(PathMtuSearch.NextSizes(1400, 1401, 6));
    }

    [Fact]
    public void The_largest_reply_and_the_smallest_silence_above_it_are_the_new_bounds()
    {
        EchoOutcome Probe(int size, EchoResult result) => new(Target, result, size, null, 1);
        var wave = new[] { Probe(300, EchoResult.Reply), Probe(1300, EchoResult.Reply), Probe(1400, EchoResult.Silent), Probe(1450, EchoResult.Silent) };

        Assert.Equal((1300, 1400), PathMtuSearch.Narrow(100, 1500, wave));
    }

    [Fact]
    public void A_lost_small_probe_below_a_reply_does_not_lower_the_bound()
    {
        EchoOutcome Probe(int size, EchoResult result) => new(Target, result, size, null, 1);

        Assert.Equal((1300, 1500), PathMtuSearch.Narrow(100, 1500, [Probe(900, EchoResult.Silent), Probe(1300, EchoResult.Reply)]));
    }

    [Fact]
    public void Repeated_waves_converge_on_the_path_mtu()
    {
        // The search itself, driven by a path that passes exactly 1400 bytes.
        var (passing, failing) = (84, 1500);
        var waves = 0;
        while (failing - passing > 1 && waves < 10)
        {
            var wave = PathMtuSearch.NextSizes(passing, failing, 6)
                .Select(s => new EchoOutcome(Target, s <= 1400 ? EchoResult.Reply : EchoResult.Silent, s, null, 1));
            (passing, failing) = PathMtuSearch.Narrow(passing, failing, wave);
            waves++;
        }

        Assert.Equal((1400, 1401), (passing, failing));
        Assert.True(waves <= 4, $"{waves} waves");
    }
}
