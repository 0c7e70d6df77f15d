using static Reach.Firewall.Tests.Fixture;

namespace Reach.Firewall.Tests;

/// <summary>Combining iptables-save, nft -j and ipset save views of one host.</summary>
public sealed class RulesetTests
{
    [Fact]
    public void IptablesNftTablesAreNotCountedTwice()
    {
        var set = Load("01-seed-reject-80");

        var filter = Assert.Single(set.Tables);
        Assert.Equal("iptables", filter.Source);
        Assert.Contains(set.Notes, n => n.StartsWith("nft table ip filter is iptables-nft's own (1 of its rules hold xt expressions", StringComparison.Ordinal));
        Assert.Single(PacketTracer.Trace(set, SynIn("10.1.1.9", 80)).Steps);
    }

    [Fact]
    public void NftOnlyViewKeepsTheIptablesNftTable()
    {
        var set = Load("01-seed-reject-80", iptables: false);

        Assert.Equal("nft", Assert.Single(set.Tables).Source);
    }

    [Fact]
    public void TableIptablesSaveCouldNotShowIsTakenFromNft()
    {
        var set = Load("16-nft-matches");

        Assert.DoesNotContain(set.Tables, t => t.Source == "iptables");
        Assert.Contains(set.Tables, t => t.Source == "nft" && t.QualifiedName == "ip nat");
        Assert.Contains(set.Notes, n => n.Contains("printed table nat empty", StringComparison.Ordinal));
    }

    [Fact]
    public void LegacyTablesNotGivenAreReportedInEveryTrace()
    {
        var set = Ruleset.Create([Iptables("10-legacy")]);
        var r = PacketTracer.Trace(set, SynIn("10.1.1.9", 25));

        Assert.Equal(Verdict.Accept, r.Verdict); // the nft-backend rule accepts; the legacy DROP is not visible
        Assert.Contains(r.Notes, n => n.Contains("iptables-legacy tables are present", StringComparison.Ordinal));
        Assert.DoesNotContain(Load("10-legacy").Notes, n => n.Contains("iptables-legacy tables are present", StringComparison.Ordinal));
    }

    [Fact]
    public void BothLegacyAndNftTablesKeepTheirSources()
    {
        var set = Load("10-legacy");

        Assert.Equal(["iptables", "iptables-legacy"], set.Tables.Select(t => t.Source));
        Assert.Equal([FirewallBackend.NfTables, FirewallBackend.Legacy], set.Tables.Select(t => t.Backend));
    }

    [Fact]
    public void EmptyRulesetAcceptsWithNoDecider()
    {
        var r = PacketTracer.Trace(Ruleset.Empty, SynIn("10.1.1.9", 80));

        Assert.Equal((Verdict.Accept, (TraceStep?)null), (r.Verdict, r.DecidedBy));
        Assert.Equal("ACCEPT: no firewall chain on this path", r.Summary);
    }

    [Fact]
    public void MixedFamilyPacketIsRejectedAsBadInput()
    {
        var packet = Packet.Tcp(Ip("10.0.0.1"), Ip("2001:db8::1"), 80);

        Assert.Throws<ArgumentException>(() => PacketTracer.Trace(Ruleset.Empty, packet));
    }
}
