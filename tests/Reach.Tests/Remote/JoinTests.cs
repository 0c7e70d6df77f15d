using Reach.Core.Joining;
using Reach.Core.Model;
using Reach.Core.Text;
using Xunit;

namespace Reach.Tests.Remote;

/// <summary>
/// The join on pairs of real reports recorded in the lab (`lab/remote-lab.sh record`, `record-compare`):
/// dev1's `reach check web1:80 --json` and, run around it, web1's `reach local 80 --from 10.1.1.7 --watch
/// --json` or dev2's own check.
/// </summary>
public sealed class JoinTests
{
    private static Report Load(string pair, string end)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "joins", pair, end + ".json"));
        Assert.True(ReportJsonParser.TryParse(text, out var report, out var error), error);
        return report;
    }

    private static Report JoinServer(string pair) =>
        CrossHostJoin.Join(Load(pair, "local"), [new RemoteEnd(RemoteRole.Server, "ssh://web1", true, null, 100, Load(pair, "server"))]);

    [Theory]
    [InlineData("web1-drop", "port.filtered", "firewall.drop", "-A INPUT -p tcp -m tcp --dport 80 -j DROP")]
    [InlineData("web1-reject", "port.rejected", "firewall.reject", "REJECT")]
    [InlineData("loopback-listener", "port.closed", "listener.loopback-only", "127.0.0.1:80")]
    [InlineData("web1-no-return", "route.unreachable", "route.no-return", "no route back to 10.1.1.7")]
    [InlineData("web1-rp-strict", "route.unreachable", "route.no-return", "rp_filter=1")]
    public void A_cause_the_server_proves_replaces_the_guess_from_here(string pair, string fromHere, string joined, string named)
    {
        Assert.Equal(fromHere, Load(pair, "local").Verdict.Code.Name);

        var report = JoinServer(pair);

        Assert.Equal(joined, report.Verdict.Code.Name);
        Assert.Contains(named, report.Verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("On web1:", report.Verdict.Fix.ToString(), StringComparison.Ordinal);
        Assert.Contains(joined, report.Problems.Select(p => p.Name));
        Assert.Contains(fromHere, report.Problems.Select(p => p.Name));
    }

    [Fact]
    public void No_SYN_at_the_server_puts_the_loss_on_the_path_and_names_the_last_router()
    {
        var local = Load("gw-drop-syn80", "local");
        Assert.Equal("port.filtered", local.Verdict.Code.Name);
        // A live report carries the routers its trace met (ClientCheck); JSON carries them only as
        // evidence, so the recorded trace's one router is handed in as the live run had it.
        Assert.Contains(local.Checks.Single(c => c.Layer == Layer.Route).Evidence, e => e.Source.StartsWith("tcp trace to", StringComparison.Ordinal) && e.Detail.StartsWith(" 1  10.1.1.1 ", StringComparison.Ordinal));
        local = local with { TracedRouters = [System.Net.IPAddress.Parse("10.1.1.1")] };

        var report = CrossHostJoin.Join(local, [new RemoteEnd(RemoteRole.Server, "ssh://web1", true, null, 100, Load("gw-drop-syn80", "server"))]);

        Assert.Equal("route.unreachable", report.Verdict.Code.Name);
        Assert.Contains("no SYN from this host reached web1", report.Verdict.Summary.ToString(), StringComparison.Ordinal);
        Assert.Contains("10.1.1.1", report.Verdict.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_SYN_at_the_server_and_no_router_answered_says_so_rather_than_naming_one()
    {
        var report = JoinServer("gw-drop-syn80");

        Assert.Equal("route.unreachable", report.Verdict.Code.Name);
        Assert.Equal(
            Catalog.English.Format(Message.Of("join.no-syn.summary", ("host", "web1")).With("last", Message.Of("join.no-syn.no-router"))),
            report.Verdict.Summary.ToString());
    }

    [Fact]
    public void A_healthy_pair_stays_ok()
    {
        var report = JoinServer("healthy");

        Assert.Equal("ok", report.Verdict.Code.Name);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void A_failed_remote_leaves_the_local_verdict_intact()
    {
        var local = Load("web1-drop", "local");

        var report = CrossHostJoin.Join(local, [RemoteEnd.Failed(RemoteRole.Server, "ssh://web1", "ssh://web1: ssh failed: Connection refused", 5)]);

        Assert.Equal(local.Verdict, report.Verdict);
        Assert.Equal(local.Problems, report.Problems);
    }

    [Fact]
    public void A_verdict_below_the_far_side_stands_whatever_the_server_says()
    {
        // dev1's own OUTPUT drop: the server (healthy here) saw nothing, but the cause is this host's.
        var local = Load("compare-dev1-output-drop", "local");
        var report = CrossHostJoin.Join(local, [new RemoteEnd(RemoteRole.Server, "ssh://web1", true, null, 1, Load("gw-drop-syn80", "server"))]);

        Assert.Equal("local.firewall", report.Verdict.Code.Name);
    }

    [Theory]
    [InlineData("compare-dev1-output-drop", "local.firewall", "dev2 reaches web1:80, this host does not: the fault is on this host or its own path", "port (fail here, pass there)")]
    [InlineData("compare-bogus-gateway", "gateway.unreachable", "dev2 reaches web1:80, this host does not", "gateway (fail here, pass there)")]
    [InlineData("compare-web1-drop", "port.filtered", "dev2 does not reach web1:80 either (port.filtered): look between the LAN and web1, or at web1", null)]
    public void A_neighbour_keeps_the_code_and_says_whether_it_gets_through(string pair, string code, string sentence, string? differs)
    {
        var report = CrossHostJoin.Join(Load(pair, "local"), [new RemoteEnd(RemoteRole.Compare, "ssh://dev2", true, null, 1, Load(pair, "neighbour"))]);

        Assert.Equal(code, report.Verdict.Code.Name);
        Assert.Contains(sentence, report.Verdict.Summary.ToString(), StringComparison.Ordinal);
        if (differs is not null)
        {
            Assert.Contains(differs, report.Verdict.Summary.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("bash: line 1: reach: command not found")]
    [InlineData("Welcome to web1! <html>this is not JSON</html>")]
    [InlineData("{\"schema\":\"reach/2\",\"target\":{}}")]
    [InlineData("{\"schema\":\"reach/1\"}")]
    [InlineData("{\"schema\":\"reach/1\",\"target\":{\"input\":\"80/tcp\",\"host\":\"10.1.2.5\",\"port\":80,\"addresses\":[]},\"verdict\":{\"code\":\"ok\",\"layer\":null,\"summary\":\"s\",\"fix\":\"f\"},\"checks\":[{\"layer\":\"quantum\",\"status\":\"pass\",\"code\":\"x\",\"summary\":\"s\",\"evidence\":[]}],\"problems\":[]}")]
    [InlineData("{\"schema\":\"reach/1\",\"target\":")]
    public void Anything_but_a_whole_reach1_report_is_refused_with_a_reason(string text)
    {
        Assert.False(ReportJsonParser.TryParse(text, out var report, out var error));
        Assert.Null(report);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void An_oversized_answer_is_refused_before_parsing()
    {
        var real = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "joins", "healthy", "server.json"));
        var padded = real.TrimEnd()[..^1] + ",\"pad\":\"" + new string('x', ReportJsonParser.MaxBytes) + "\"}";

        Assert.False(ReportJsonParser.TryParse(padded, out _, out var error));
        Assert.Contains("larger than", error, StringComparison.Ordinal);
        Assert.True(ReportJsonParser.TryParse(real, out _, out _));
    }
}
