using static Reach.Firewall.Tests.Fixture;

namespace Reach.Firewall.Tests;

/// <summary>Tables and base chains in kernel order: raw, mangle, nat, filter, security; nft chains by priority.</summary>
public sealed class HookOrderTests
{
    private const string Tables = "14-table-order";
    private const string Priorities = "15-nft-priorities";

    private static string Where(TraceStep s) => $"{s.Chain.Table}/{s.Chain.Chain}";

    [Fact]
    public void RawDropsBeforeAnyOtherTableSeesThePacket()
    {
        var r = Trace(Tables, SynIn("10.1.1.9", 7004));

        Assert.Equal((Verdict.Drop, "raw/PREROUTING"), (r.Verdict, Where(r.DecidedBy!)));
        Assert.Single(r.Steps);
    }

    [Fact]
    public void MangleDropWinsOverALaterFilterAccept()
    {
        var r = Trace(Tables, SynIn("10.1.1.9", 7000));

        Assert.Equal((Verdict.Drop, "mangle/PREROUTING", (int?)1), (r.Verdict, Where(r.DecidedBy!), r.DecidedBy!.RuleNumber));
        Assert.DoesNotContain(r.Steps, s => s.Chain.Table == "filter");
    }

    [Fact]
    public void WalkVisitsTablesInPriorityOrderAcrossHooks()
    {
        var r = Trace(Tables, SynIn("10.1.1.9", 7006));

        Assert.Equal(
            ["raw/PREROUTING", "mangle/PREROUTING", "nat/PREROUTING", "mangle/INPUT", "filter/INPUT", "nat/INPUT", "security/INPUT"],
            r.Steps.Select(Where).Distinct());
        // nat INPUT (source NAT, priority 100) and security (150 under iptables-nft) run after filter (0):
        // filter accepted, security dropped.
        Assert.Equal((Verdict.Drop, "security/INPUT"), (r.Verdict, Where(r.DecidedBy!)));
    }

    [Fact]
    public void AcceptInOneTableDoesNotEndTheHook()
    {
        var r = Trace(Tables, SynIn("10.1.1.9", 7005));

        Assert.Equal(StepOutcome.Matched, r.Steps.Single(s => Where(s) == "mangle/INPUT").Outcome);
        Assert.Equal((Verdict.Drop, "filter/INPUT", (int?)4), (r.Verdict, Where(r.DecidedBy!), r.DecidedBy!.RuleNumber));
    }

    [Fact]
    public void MarkSetInMangleIsSeenByFilter()
    {
        var r = Trace(Tables, SynIn("10.1.1.9", 7001));

        Assert.Equal("mark is now 0x7", r.Steps.Single(s => Where(s) == "mangle/PREROUTING" && s.RuleNumber == 2).Detail);
        Assert.Equal((Verdict.Reject, "filter/INPUT", (int?)2), (r.Verdict, Where(r.DecidedBy!), r.DecidedBy!.RuleNumber));
        Assert.Equal((3, 13), (r.Reject!.IcmpType, r.Reject.IcmpCode));
    }

    [Fact]
    public void RedirectInNatChangesThePortFilterSees()
    {
        var r = Trace(Tables, SynIn("10.1.1.9", 7002));

        Assert.Equal((Verdict.Drop, "filter/INPUT", (int?)3), (r.Verdict, Where(r.DecidedBy!), r.DecidedBy!.RuleNumber));
    }

    [Fact]
    public void NatIsSkippedForPacketsThatAreNotNew()
    {
        var r = Trace(Tables, SynIn("10.1.1.9", 7002) with { State = ConnState.Established });

        Assert.All(r.Steps.Where(s => s.Chain.Table == "nat"), s => Assert.Equal(StepOutcome.Skipped, s.Outcome));
        Assert.Equal(2, r.Steps.Count(s => s.Chain.Table == "nat"));
        Assert.Equal(Verdict.Accept, r.Verdict);
    }

    [Fact]
    public void NotrackInRawMakesThePacketUntrackedForFilter()
    {
        var r = Trace(Tables, Packet.Udp(Ip("10.1.1.9"), Ip("10.0.0.1"), 5353) with { InInterface = "eth0" });

        Assert.Equal((Verdict.Reject, "filter/INPUT", (int?)5), (r.Verdict, Where(r.DecidedBy!), r.DecidedBy!.RuleNumber));
        Assert.All(r.Steps.Where(s => s.Chain.Table == "nat"), s => Assert.Equal(StepOutcome.Skipped, s.Outcome));
    }

    [Fact]
    public void NftChainsRunByPriorityAndAcceptEndsOnlyItsOwnChain()
    {
        var r = Trace(Priorities, SynIn("10.1.1.9", 6000));

        Assert.Equal(["nft inet rawish/pre", "nft inet early/in", "iptables filter/INPUT", "nft inet late/in"], r.Steps.Select(s => s.Chain.ToString()).Distinct());
        Assert.Equal(StepOutcome.Matched, r.Steps.Single(s => s.Chain.Table == "early").Outcome); // accepted, yet the walk went on
        Assert.Equal((Verdict.Drop, "late"), (r.Verdict, r.DecidedBy!.Chain.Table));
    }

    [Fact]
    public void LowerPriorityDropStopsBeforeLaterChains()
    {
        var r = Trace(Priorities, SynIn("10.1.1.9", 6001));

        Assert.Equal((Verdict.Drop, "early", (long?)3), (r.Verdict, r.DecidedBy!.Chain.Table, r.DecidedBy.Handle));
        Assert.DoesNotContain(r.Steps, s => s.Chain.Table is "late" or "filter");
    }

    [Fact]
    public void IptablesChainBetweenNftPrioritiesRejects()
    {
        var r = Trace(Priorities, SynIn("10.1.1.9", 6002));

        Assert.Equal((Verdict.Reject, "iptables filter/INPUT"), (r.Verdict, r.DecidedBy!.Chain.ToString()));
        Assert.Equal("iptables-nft rule", Load(Priorities).Tables.Single(t => t.Source == "iptables").FindChain("INPUT")!.Rules[0].Comment);
    }

    [Fact]
    public void PreroutingChainAtRawPriorityDropsFirst()
    {
        var r = Trace(Priorities, SynIn("10.1.1.9", 6003));

        Assert.Equal((Verdict.Drop, ChainHook.Prerouting, -300), (r.Verdict, r.DecidedBy!.Chain.Hook, Load(Priorities).Tables.Single(t => t.Name == "rawish").Chains[0].Base!.Priority));
    }

    [Fact]
    public void LegacyAndNftTablesBothFilter()
    {
        var both = Trace("10-legacy", SynIn("10.1.1.9", 25));

        Assert.Equal(Verdict.Drop, both.Verdict);
        Assert.Equal("iptables-legacy", both.DecidedBy!.Chain.Source);
        Assert.Equal(StepOutcome.Matched, both.Steps.Single(s => s.Chain.Source == "iptables").Outcome);
        Assert.Contains(both.Notes, n => n.Contains("share priority 0", StringComparison.Ordinal));
    }
}
