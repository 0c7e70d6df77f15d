using static Reach.Firewall.Tests.Fixture;

namespace Reach.Firewall.Tests;

/// <summary>
/// The generated 10,000-rule capture (Fixtures/big/generate.py documents the formulas the expected
/// answers come from).
/// </summary>
public sealed class BigRulesetTests
{
    private static TraceResult Run(Packet p) => PacketTracer.Trace(Big, p);

    [Fact]
    public void EveryRuleIsParsed()
    {
        var filter = Big.Tables.Single(t => t.Source == "iptables" && t.Name == "filter");
        var nft = Big.Tables.Single(t => t.QualifiedName == "inet big");

        Assert.Equal(105, filter.FindChain("INPUT")!.Rules.Count);
        Assert.Equal(100, filter.Chains.Count(c => c.Name.StartsWith("TENANT_", StringComparison.Ordinal)));
        Assert.All(filter.Chains.Where(c => c.Name.StartsWith("TENANT_", StringComparison.Ordinal)), c => Assert.Equal(80, c.Rules.Count));
        Assert.Equal(1505, nft.FindChain("input")!.Rules.Count);
        Assert.Equal(257, nft.FindSet("trusted")!.Elements.Count);
        Assert.Equal(500, nft.FindSet("bad_ports")!.Elements.Count);
        var total = Big.Tables.Sum(t => t.Chains.Sum(c => c.Rules.Count));
        Assert.True(total >= 10_000, $"{total} rules");
        Assert.Empty(Big.Tables.SelectMany(t => t.Chains).SelectMany(c => c.Rules).SelectMany(r => r.UnsupportedMatches));
        Assert.Contains(Big.Notes, n => n.StartsWith("nft table ip filter is iptables-nft's own", StringComparison.Ordinal));
    }

    [Fact]
    public void MultiportServiceOfATenantIsAccepted()
    {
        // Tenant 42, J = 8 (J % 4 == 0): ports 10080-10084 and 10087 accepted by TENANT_042 rule 9.
        var r = Run(SynIn("10.42.3.7", 10082));

        Assert.Equal(Verdict.Accept, r.Verdict);
        var accept = r.Steps.Single(s => s.Chain.Chain == "TENANT_042" && s.Outcome == StepOutcome.Matched);
        Assert.Equal(9, accept.RuleNumber);
        Assert.Equal("tenant 42 service 8", Big.Tables.Single(t => t.Name == "filter").FindChain("TENANT_042")!.Rules[8].Comment);
        Assert.Equal("policy accept of inet big/input", r.DecidedBy!.Text); // the nft table saw it after iptables
    }

    [Fact]
    public void IpRangeOfATenantDrops()
    {
        // J = 1: iprange 10.42.1.1-10.42.1.100, tcp dport 10010: DROP at TENANT_042 rule 2.
        var r = Run(SynIn("10.42.1.50", 10010));

        Assert.Equal((Verdict.Drop, "TENANT_042", (int?)2), (r.Verdict, r.DecidedBy!.Chain.Chain, r.DecidedBy.RuleNumber));
    }

    [Fact]
    public void OutsideTheRangeTheTenantChainReturnsAndTheCatchAllRejects()
    {
        var r = Run(SynIn("10.42.1.150", 10010));

        Assert.Equal((Verdict.Reject, "INPUT", (int?)105), (r.Verdict, r.DecidedBy!.Chain.Chain, r.DecidedBy.RuleNumber));
        Assert.Equal((3, 13), (r.Reject!.IcmpType, r.Reject.IcmpCode));
        Assert.Equal(80, r.Steps.Count(s => s.Chain.Chain == "TENANT_042"));
        Assert.DoesNotContain(r.Steps, s => s.Chain.Chain == "TENANT_043");
    }

    [Fact]
    public void UdpFromTheTenantSubnetIsRejected()
    {
        var r = Run(Packet.Udp(Ip("10.42.2.9"), Ip("10.0.0.1"), 10020) with { InInterface = "eth0" });

        Assert.Equal((Verdict.Reject, "TENANT_042", (int?)3), (r.Verdict, r.DecidedBy!.Chain.Chain, r.DecidedBy.RuleNumber));
        Assert.Equal((3, 3), (r.Reject!.IcmpType, r.Reject.IcmpCode));
    }

    [Fact]
    public void SharedLogAndRejectChain()
    {
        var r = Run(SynIn("10.42.3.9", 10030));

        Assert.Equal((Verdict.Reject, "LOG_REJECT", (int?)2), (r.Verdict, r.DecidedBy!.Chain.Chain, r.DecidedBy.RuleNumber));
        Assert.True(r.Reject!.TcpReset);
    }

    [Theory]
    [InlineData("10.42.200.5")]
    [InlineData("10.250.1.77")]
    public void BlocklistIpsetDropsBeforeTheTenantChains(string source)
    {
        var r = Run(SynIn(source, 10082));

        Assert.Equal((Verdict.Drop, "INPUT", (int?)3), (r.Verdict, r.DecidedBy!.Chain.Chain, r.DecidedBy.RuleNumber));
    }

    [Fact]
    public void NftDropsWhatIptablesAccepted()
    {
        // Tenant 7 accepts 10002; the nft table (priority 10, after filter) drops 10.7.0.0/16 to 10002.
        var r = Run(SynIn("10.7.5.5", 10002));

        Assert.Equal(Verdict.Drop, r.Verdict);
        Assert.Equal(("nft inet big/input", (int?)4), (r.DecidedBy!.Chain.ToString(), r.DecidedBy.RuleNumber));
        Assert.NotNull(r.DecidedBy.Handle);
        Assert.Contains(r.Steps, s => s.Chain.Chain == "TENANT_007" && s.Outcome == StepOutcome.Matched);
    }

    [Fact]
    public void EstablishedTrafficIsAcceptedByTheFirstRules()
    {
        var r = Run(SynIn("10.99.99.99", 12345) with { State = ConnState.Established });

        Assert.Equal(Verdict.Accept, r.Verdict);
        Assert.Equal(2, r.Steps.Count(s => s.RuleNumber == 1 && s.Outcome == StepOutcome.Matched));
    }

    [Theory]
    [InlineData("172.16.7.1", 50254, Verdict.Accept, 2)] // @trusted
    [InlineData("10.1.2.3", 30123, Verdict.Drop, 3)] // @bad_ports
    [InlineData("10.1.2.3", 40107, Verdict.Reject, 8)] // vmap: jump nt_01, rule 8 (port 40000 + 100 + 7)
    [InlineData("10.200.1.5", 50254, Verdict.Drop, 260)] // N = 254: rule 6 + N
    [InlineData("10.200.1.5", 50255, Verdict.Accept, null)]
    public void NativeNftTableAlone(string source, int port, Verdict verdict, int? rule)
    {
        var table = Big.Tables.Single(t => t.QualifiedName == "inet big");
        var r = PacketTracer.Trace(new Ruleset([table], [], []), SynIn(source, port));

        Assert.Equal((verdict, rule), (r.Verdict, r.DecidedBy!.RuleNumber));
        if (verdict == Verdict.Reject)
        {
            Assert.Equal(("nt_01", 3, 13), (r.DecidedBy.Chain.Chain, r.Reject!.IcmpType!.Value, r.Reject.IcmpCode!.Value));
        }
    }
}
