using Reach.Core.Decisions;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Targets;
using Reach.Core.Text;
using Reach.Engine;
using Reach.Probes;
using Reach.Probes.Native;
using Xunit;
using static Reach.Tests.Engine.LabNetwork;

namespace Reach.Tests.Engine;

/// <summary>
/// A fixed black hole recognised (issue 17): after the MSS clamp route.mtu-blackhole recommends, TCP's segments fit
/// what crosses the hole, though big DF echoes still vanish. The connection's TCP_INFO is the one captured on dev1
/// to web2:80 with mtu-blackhole and gw's clamp (Fixtures/data/tcp-info-mss-clamped.bin: tcpi_snd_mss 1348,
/// timestamps on), or without a clamp (tcp-info-healthy.bin: 1448); the path MTU probe's outcome is the lab's
/// (1400-byte DF echoes pass, bigger ones vanish after gw). The system is dev1's healthy one (Fixtures/check/healthy).
/// </summary>
public sealed class MssClampTests
{
    private static TcpInfo Captured(string name) => TcpInfo.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "data", name)));

    private static async Task<Report> RunAsync(string tcpInfo)
    {
        var network = Healthy();
        network.PathMtu = (t, mtu) => new PathMtuOutcome(t, PathMtuResult.BlackHole, mtu, 1400, 30, 900, LastBigHop: Gw, LastBigHopTtl: 1);
        var exchange = DataProbe.Judge(ServiceProtocol.For(80), "HEAD / HTTP/1.0", "HTTP/1.0 200 OK", false, 19, Captured(tcpInfo), 0, 4.5, null);
        network.Data = _ => new Scripted<DataExchange>(exchange, TimeSpan.FromMilliseconds(5));
        return await StrictReplay.CheckAsync("healthy", network);
    }

    [Fact]
    public void The_captured_tcp_info_gives_the_mss_and_the_timestamp_option()
    {
        var clamped = Captured("tcp-info-mss-clamped.bin");
        var plain = Captured("tcp-info-healthy.bin");

        Assert.Equal(1348, clamped.SendMss);
        Assert.Equal(1448, plain.SendMss);
        Assert.NotEqual(0, clamped.Options & TcpInfo.TimestampsOption);
    }

    [Fact]
    public async Task Segments_the_clamp_made_fit_what_crosses_the_hole_so_the_verdict_is_ok_with_a_warning()
    {
        var report = await RunAsync("tcp-info-mss-clamped.bin");

        Assert.Equal("ok", report.Verdict.Code.Name);
        var route = report.Checks.Single(c => c.Layer == Layer.Route);
        Assert.Equal(CheckStatus.Warn, route.Status);
        Assert.Equal("route.mtu-blackhole", route.Code.Name);
        var summary = Catalog.English.Format(route.Summary);
        Assert.Contains("clamped to 1348 (segments of 1400 bytes)", summary, StringComparison.Ordinal);
        Assert.Contains("only ICMP and UDP packets over 1400 bytes", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Full_size_segments_without_a_clamp_are_still_the_black_hole()
    {
        // 1448 + 12 + 40 = 1500 bytes: bigger than the 1400 that pass.
        var report = await RunAsync("tcp-info-healthy.bin");

        Assert.Equal("route.mtu-blackhole", report.Verdict.Code.Name);
        Assert.Equal(CheckStatus.Fail, report.Checks.Single(c => c.Layer == Layer.Route).Status);
    }
}
