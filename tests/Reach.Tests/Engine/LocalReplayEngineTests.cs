using System.Net;
using Reach.Core.Model;
using Reach.Core.Text;
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

    private static async Task<(Report Report, WatchObservation Watch, StrictReplay Source)> WatchAsync(string fixture, IReadOnlyList<WatchedPacket>? packets, IReadOnlyList<KernelEvent>? kernel = null)
    {
        var source = new StrictReplay(Fixture(fixture));
        var network = new ScriptedNetwork();
        var probes = network.Probes with { Watch = new ScriptedWatch(network.Time, packets), Kernel = new ScriptedKernelWatch(network.Time, kernel) };
        var (report, _, watch) = await FakeClock.RunAsync(network.Time,
            () => LocalWatch.RunAsync(80, "tcp", Dev1, TimeSpan.FromSeconds(8), null, _ => { }, source, probes, CancellationToken.None), TimeSpan.FromMilliseconds(100));
        return (report, watch, source);
    }

    /// <summary>A SYN of dev1's the kernel dropped, as the lab's faults made 6.18 report them (see KernelDropCheckTests).</summary>
    private static KernelEvent Dropped(double at, string reason, string function) =>
        new(at, KernelEventKind.Dropped, true, new IPEndPoint(Dev1, 40000), new IPEndPoint(Web1, 80), 0x02, "eth0", 0xffffffff81fb4bdf, 12, reason, function);

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

    [Fact]
    public async Task The_kernels_drop_reason_confirms_the_traced_rule_and_is_its_evidence()
    {
        // web1-drop was recorded without a watch: its route-back reads are missing, which leaves the route finding's evidence short, nothing else.
        var (report, _, _) = await WatchAsync("web1-drop", [Syn(120), Syn(1120)], [Dropped(119, "NETFILTER_DROP", "nft_do_chain"), Dropped(1119, "NETFILTER_DROP", "nft_do_chain")]);

        Assert.Equal("firewall.drop", report.Verdict.Code.Name);
        var firewall = report.Checks.Single(c => c.Layer == Layer.Firewall);
        Assert.StartsWith("2 SYNs from 10.1.1.7 dropped in nft_do_chain (NETFILTER_DROP) on eth0", firewall.Evidence[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_drop_the_rules_read_do_not_explain_is_still_the_kernels_verdict()
    {
        // web1's recorded ruleset accepts dev1; the kernel says netfilter dropped its SYNs all the same
        // (a rule reach could not read): never ok.
        var (report, _, _) = await WatchAsync("watch-answered", [Syn(120)], [Dropped(119, "NETFILTER_DROP", "nft_do_chain")]);

        Assert.Equal("firewall.drop", report.Verdict.Code.Name);
        Assert.Contains("though no rule reach read drops them", Catalog.English.Format(report.Verdict.Summary), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_without_the_kernel_says_why_in_the_route_evidence_and_decides_as_before()
    {
        var (report, _, _) = await WatchAsync("watch-answered", [Syn(120), new(120.2, WatchedKind.SynAck, "eth0", Web1, "10.1.2.5:80 > 10.1.1.7:40000 SYN-ACK")]);

        Assert.Equal("ok", report.Verdict.Code.Name);
        Assert.Contains(report.Checks.Single(c => c.Layer == Layer.Route).Evidence, e => e.Detail == "not running: no kernel watch in this test");
    }
}
