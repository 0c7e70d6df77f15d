using Reach.Core.Batch;
using Reach.Core.Model;
using Reach.Core.Targets;
using Reach.Core.Text;
using Xunit;

namespace Reach.Tests.Batch;

/// <summary>What each expectation accepts: blocked is a firewall or routing verdict, never an inconclusive one nor a missing service.</summary>
public sealed class ExpectationTests
{
    private static readonly Expectation Reachable = new(ExpectationKind.Reachable);
    private static readonly Expectation Blocked = new(ExpectationKind.Blocked);

    [Theory]
    [InlineData("firewall.reject")]
    [InlineData("firewall.drop")]
    [InlineData("port.rejected")]
    [InlineData("port.filtered")]
    [InlineData("local.firewall")]
    [InlineData("local.route")]
    [InlineData("route.prohibited")]
    [InlineData("route.host-unreachable")]
    [InlineData("route.no-return")]
    public void Firewall_and_routing_verdicts_are_blocked(string code)
    {
        Assert.True(Blocked.IsMetBy(code));
        Assert.False(Reachable.IsMetBy(code));
    }

    [Theory]
    [InlineData("inconclusive")]
    [InlineData("firewall.unknown")]
    [InlineData("port.unknown")]
    [InlineData("port.closed")]
    [InlineData("listener.none")]
    [InlineData("listener.loopback-only")]
    [InlineData("dns.nxdomain")]
    [InlineData("ok")]
    public void Inconclusive_missing_services_and_ok_are_not_blocked(string code)
    {
        Assert.False(Blocked.IsMetBy(code));
    }

    [Fact]
    public void Every_blocked_code_is_a_code_reach_can_emit_or_documents()
    {
        var docs = File.ReadAllText(Path.Combine(RepoFiles.Root, "docs", "verdicts.md"));
        Assert.All(Expectation.BlockedCodes, c => Assert.True(Codes.IsKnown(c) || docs.Contains($"`{c}`", StringComparison.Ordinal), c));
    }

    [Fact]
    public void Reachable_is_ok_only_and_an_exact_code_is_that_code_only()
    {
        Assert.True(Reachable.IsMetBy("ok"));
        Assert.False(Reachable.IsMetBy("inconclusive"));
        var reject = new Expectation(ExpectationKind.Code, "firewall.reject");
        Assert.True(reject.IsMetBy("firewall.reject"));
        Assert.False(reject.IsMetBy("firewall.drop"));
    }

    [Fact]
    public void Judge_compares_the_verdict_code_and_the_tally_gives_the_exit_status()
    {
        var target = TargetParser.Parse("web1:80").Target!;
        var flow = new Flow("web", FlowOrigin.ThisHost, target, Blocked, 2);
        FlowOutcome Outcome(Code code) => FlowOutcome.Judge(flow, new Report(new TargetInfo("web1:80", "web1", 80, []), new Verdict(code, code.Layer, Message.Verbatim("s"), Message.Verbatim("f")), [], []), "this host", 1);

        var asExpected = Outcome(Codes.FirewallReject);
        var notAsExpected = Outcome(Codes.Inconclusive);
        var couldNot = new FlowOutcome(flow, FlowStatus.CouldNotRun, null, "ssh failed", "ssh://dev2", 1);
        var skipped = new FlowOutcome(flow, FlowStatus.Skipped, null, "another host", "offline", 1);

        Assert.Equal(FlowStatus.AsExpected, asExpected.Status);
        Assert.Equal(FlowStatus.NotAsExpected, notAsExpected.Status);
        Assert.Equal(0, BatchTally.Of([asExpected, skipped]).ExitCode);
        Assert.Equal(1, BatchTally.Of([asExpected, notAsExpected]).ExitCode);
        Assert.Equal(1, BatchTally.Of([notAsExpected, couldNot]).ExitCode);
        Assert.Equal(3, BatchTally.Of([asExpected, couldNot]).ExitCode);
        Assert.Equal(3, BatchTally.Of([skipped]).ExitCode);
        Assert.Equal(new BatchTally(4, 1, 1, 1, 1), BatchTally.Of([asExpected, notAsExpected, couldNot, skipped]));
    }

    [Theory]
    [InlineData("listener.none", "nothing listens on tcp/81", "port.closed", true)]
    [InlineData("firewall.reject", "the firewall rejects tcp/80 from 10.1.1.7 with icmp-port-unreachable", "port.rejected", true)]
    [InlineData("firewall.reject", "the firewall rejects tcp/80 from 10.1.1.7 with tcp-reset", "port.closed", true)]
    [InlineData("firewall.reject", "the firewall rejects tcp/80 from 10.1.1.7 with tcp-reset", "port.rejected", false)]
    [InlineData("firewall.drop", "the firewall drops tcp/80", "port.filtered", true)]
    [InlineData("firewall.drop", "the firewall drops tcp/80", "port.closed", false)]
    [InlineData("inconclusive", "a rule could not be evaluated", "port.filtered", false)]
    public void Offline_a_client_side_code_is_met_by_the_server_verdict_a_client_sees_as_it(string serverCode, string summary, string expected, bool met)
    {
        var flow = new Flow("f", FlowOrigin.ThisHost, TargetParser.Parse("web1:80").Target!, new Expectation(ExpectationKind.Code, expected), 2);
        var code = Codes.FromName(serverCode)!;
        var report = new Report(new TargetInfo("80/tcp", "10.1.2.5", 80, []), new Verdict(code, code.Layer, Message.Verbatim(summary), Message.Verbatim("f")), [], []);

        Assert.Equal(met, FlowOutcome.Judge(flow, report, "offline", 1, serverSide: true).Status == FlowStatus.AsExpected);
        Assert.Equal(serverCode == expected, FlowOutcome.Judge(flow, report, "this host", 1).Status == FlowStatus.AsExpected);
    }
}
