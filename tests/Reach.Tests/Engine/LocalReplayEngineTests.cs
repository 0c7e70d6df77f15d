using System.Net;
using Reach.Core.Model;
using Reach.Core.Watching;
using Reach.Engine;
using Xunit;

namespace Reach.Tests.Engine;

/// <summary>
/// `reach local` end to end without root: listeners, rulesets, routes and /proc as a real run on the lab's
/// web1 read them under each fault (Fixtures/local, recorded by its capture.sh; web1-reject and
/// web1-v6only-listener by `reach snapshot`), and for `--watch` the packets scripted. Every code the server
/// end can emit comes out of one scenario.
/// </summary>
public sealed class LocalReplayEngineTests
{
    private static readonly IPAddress Dev1 = IPAddress.Parse("10.1.1.7");
    private static readonly IPAddress Web1 = IPAddress.Parse("10.1.2.5");

    private static string Fixture(string name) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", Directory.Exists(Path.Combine(AppContext.BaseDirectory, "Fixtures", "local", name)) ? "local" : string.Empty, name);

    private static async Task<(Report Report, StrictReplay Source)> LocalAsync(string fixture)
    {
        var source = new StrictReplay(Fixture(fixture));
        var (report, _) = await LocalCheck.RunAsync(80, "tcp", Dev1, source, CancellationToken.None);
        return (report, source);
    }

    private static async Task<(Report Report, WatchObservation Watch, StrictReplay Source)> WatchAsync(string fixture, IReadOnlyList<WatchedPacket>? packets)
    {
        var source = new StrictReplay(Fixture(fixture));
        var network = new ScriptedNetwork();
        var probes = network.Probes with { Watch = new ScriptedWatch(network.Time, packets) };
        var (report, _, watch) = await FakeClock.RunAsync(network.Time,
            () => LocalWatch.RunAsync(80, "tcp", Dev1, TimeSpan.FromSeconds(8), null, _ => { }, source, probes, CancellationToken.None), TimeSpan.FromMilliseconds(100));
        return (report, watch, source);
    }

    private static WatchedPacket Syn(double at) => new(at, WatchedKind.Syn, "eth0", Web1, "10.1.1.7:40000 > 10.1.2.5:80 SYN");

    [Theory]
    [InlineData("healthy", "ok", "listener.ok", "firewall.ok")]
    [InlineData("no-listener", "listener.none", "listener.none", "firewall.ok")]
    [InlineData("loopback-listener", "listener.loopback-only", "listener.loopback-only", "firewall.ok")]
    [InlineData("web1-v6only-listener", "listener.wrong-family", "listener.wrong-family", "firewall.ok")]
    [InlineData("web1-reject", "firewall.reject", "listener.ok", "firewall.reject")]
    [InlineData("web1-drop", "firewall.drop", "listener.ok", "firewall.drop")]
    [InlineData("unprivileged", "inconclusive", "listener.ok", "firewall.unknown")]
    public async Task Recorded_listeners_and_rulesets_give_the_faults_verdict(string fixture, string verdict, string listener, string firewall)
    {
        var (report, source) = await LocalAsync(fixture);

        Assert.Empty(source.NotRecorded);
        Assert.Equal(verdict, report.Verdict.Code.Name);
        var codes = report.Checks.Select(c => c.Code.Name).ToList();
        Assert.Contains(listener, codes);
        Assert.Contains(firewall, codes);
    }

    [Fact]
    public async Task Syns_that_were_answered_say_the_path_works_both_ways()
    {
        var (report, watch, source) = await WatchAsync("watch-answered", [Syn(120), new(120.2, WatchedKind.SynAck, "eth0", Web1, "10.1.2.5:80 > 10.1.1.7:40000 SYN-ACK")]);

        Assert.Empty(source.NotRecorded);
        Assert.Equal("ok", report.Verdict.Code.Name);
        Assert.Contains(report.Checks, c => c.Code == Codes.RouteOk);
        Assert.Equal(2, watch.Packets.Count);
    }

    [Fact]
    public async Task No_syn_in_the_whole_window_is_a_loss_on_the_path()
    {
        var (report, _, source) = await WatchAsync("watch-answered", []);

        Assert.Empty(source.NotRecorded);
        Assert.Equal("route.unreachable", report.Verdict.Code.Name);
    }

    [Fact]
    public async Task Syns_that_arrive_on_a_host_with_no_route_back_are_route_no_return()
    {
        var (report, _, source) = await WatchAsync("watch-no-return", [Syn(130), Syn(1130)]);

        Assert.Empty(source.NotRecorded);
        Assert.Equal("route.no-return", report.Verdict.Code.Name);
    }

    [Fact]
    public async Task A_watch_that_cannot_be_opened_is_said_and_decides_nothing()
    {
        var (report, watch, _) = await WatchAsync("watch-answered", null);

        Assert.NotNull(watch.Error);
        Assert.Contains(report.Checks, c => c.Code == Codes.Unknown(Layer.Route) && c.Status == CheckStatus.Inconclusive);
        Assert.Equal("inconclusive", report.Verdict.Code.Name);
    }
}
