using Reach.Core.Batch;
using Reach.Core.Model;
using Reach.Core.Targets;
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
        FlowOutcome Outcome(Code code) => FlowOutcome.Judge(flow, new Report(new TargetInfo("web1:80", "web1", 80, []), new Verdict(code, code.Layer, "s", "f"), [], []), "this host", 1);

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
}
