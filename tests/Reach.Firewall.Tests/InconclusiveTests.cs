using static Reach.Firewall.Tests.Fixture;

namespace Reach.Firewall.Tests;

/// <summary>What the engine cannot evaluate stops the trace at that rule, named, instead of a guess.</summary>
public sealed class InconclusiveTests
{
    private const string S = "17-iptables-matches";

    [Theory]
    [InlineData(5000, 16, "time", "match 'time' is not modelled")]
    [InlineData(5001, 17, "recent", "/proc/net/xt_recent/x was not read")]
    [InlineData(5004, 21, "connlimit", "the conntrack table (/proc/net/nf_conntrack, conntrack -L) could not be read")]
    public void UnknownMatchStopsTheTraceAtItsRule(int port, int rule, string module, string why)
    {
        var r = Trace(S, SynIn("10.1.1.9", port));

        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Equal(StepOutcome.Inconclusive, r.DecidedBy!.Outcome);
        Assert.Equal(rule, r.DecidedBy.RuleNumber);
        Assert.StartsWith($"{module}: {why}", r.InconclusiveReason, StringComparison.Ordinal);
        Assert.Contains($"-m {module}", r.DecidedBy.Text, StringComparison.Ordinal);
        Assert.Same(r.DecidedBy, r.Steps[^1]);
    }

    [Fact]
    public void UnknownMatchIsIrrelevantWhenAnotherMatchOfTheRuleFails()
    {
        // Rule 16 (-m time) is for port 5000 only: port 80 fails its --dport, whatever the time.
        var r = Trace(S, SynIn("10.1.1.9", 80));

        Assert.Equal(Verdict.Accept, r.Verdict);
        Assert.Equal(StepOutcome.NotMatched, r.Steps.Single(s => s.RuleNumber == 16).Outcome);
    }

    [Fact]
    public void UnknownTargetStopsTheTrace()
    {
        var r = Trace(S, SynIn("10.1.1.9", 5003));

        Assert.Equal((Verdict.Inconclusive, (int?)20), (r.Verdict, r.DecidedBy!.RuleNumber));
        Assert.Contains("userspace", r.InconclusiveReason, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPacketFieldIsInconclusiveNotGuessed()
    {
        var r = Trace(S, SynIn("10.1.1.9", 80, iif: null));

        Assert.Equal((Verdict.Inconclusive, (int?)1), (r.Verdict, r.DecidedBy!.RuleNumber));
        Assert.Equal("the input interface was not given", r.InconclusiveReason);
        Assert.StartsWith("INCONCLUSIVE at iptables filter/INPUT rule 1: -A INPUT -i lo -j ACCEPT", r.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingSourcePortOnlyMattersForRulesThatTestIt()
    {
        var set = Load(S);
        var without = PacketTracer.TraceNewTcpConnection(set, Ip("10.0.0.1"), Ip("10.9.9.9"), 25, "eth0");
        var with = PacketTracer.Trace(set, Packet.Tcp(Ip("10.0.0.1"), Ip("10.9.9.9"), 25, TrafficDirection.Output, 40000) with { OutInterface = "eth0" });
        var otherPort = PacketTracer.TraceNewTcpConnection(set, Ip("10.0.0.1"), Ip("10.9.9.9"), 80, "eth0");

        Assert.Equal((Verdict.Inconclusive, "the packet's source port was not given"), (without.Verdict, without.InconclusiveReason));
        Assert.Equal(Verdict.Reject, with.Verdict);
        Assert.True(with.Reject!.TcpReset);
        Assert.Equal(Verdict.Accept, otherPort.Verdict);
    }

    [Fact]
    public void OwnerMatchOnOutputIsInconclusive()
    {
        var r = PacketTracer.TraceNewTcpConnection(Load(S), Ip("10.0.0.1"), Ip("10.9.9.9"), 2525, "eth0");

        Assert.Equal((Verdict.Inconclusive, (int?)2, "OUTPUT"), (r.Verdict, r.DecidedBy!.RuleNumber, r.DecidedBy.Chain.Chain));
        Assert.StartsWith("owner:", r.InconclusiveReason, StringComparison.Ordinal);
    }

    [Fact]
    public void IpsetNotGivenIsInconclusive()
    {
        var r = PacketTracer.Trace(Ruleset.Create([Iptables("11-ipset")]), SynIn("10.1.1.9", 22));

        Assert.Equal((Verdict.Inconclusive, (int?)1), (r.Verdict, r.DecidedBy!.RuleNumber));
        Assert.Equal("ipset blocklist was not given (ipset save)", r.InconclusiveReason);
    }

    [Fact]
    public void XtExpressionInNftViewIsInconclusiveWithoutIptablesSave()
    {
        var nftOnly = PacketTracer.Trace(Load("15-nft-priorities", iptables: false), SynIn("10.1.1.9", 6002));

        Assert.Equal(Verdict.Inconclusive, nftOnly.Verdict);
        Assert.Equal(("nft", "filter", (long?)2), (nftOnly.DecidedBy!.Chain.Source, nftOnly.DecidedBy.Chain.Table, nftOnly.DecidedBy.Handle));
        Assert.Contains("read iptables-save", nftOnly.InconclusiveReason, StringComparison.Ordinal);
        Assert.Contains(Load("15-nft-priorities", iptables: false).Notes, n => n.Contains("xt expressions nft -j cannot show", StringComparison.Ordinal));
    }

    [Fact]
    public void UnsupportedNftExpressionIsInconclusive()
    {
        var r = PacketTracer.Trace(Load("16-nft-matches"), SynIn("10.1.1.1", 11211));

        Assert.Equal((Verdict.Inconclusive, (long?)26), (r.Verdict, r.DecidedBy!.Handle));
        Assert.Equal("meta skuid: meta skuid is not modelled", r.InconclusiveReason);
    }

    [Fact]
    public void AddressTypeOfAnOutgoingDestinationNeedsTheLocalAddresses()
    {
        // Docker's shape: nat OUTPUT sends traffic to local addresses through DOCKER, which DNATs it.
        var rules = Ruleset.Create([IptablesSaveParser.Parse("""
            *nat
            :PREROUTING ACCEPT [0:0]
            :INPUT ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            :DOCKER - [0:0]
            -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
            -A DOCKER -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
            COMMIT
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A OUTPUT -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable
            COMMIT
            """, "iptables")]);
        var local = new HashSet<System.Net.IPAddress> { Ip("10.0.0.1") };

        var unknown = PacketTracer.TraceNewTcpConnection(rules, Ip("10.0.0.1"), Ip("10.0.0.1"), 8080, "lo");
        var known = PacketTracer.TraceNewTcpConnection(rules, Ip("10.0.0.1"), Ip("10.0.0.1"), 8080, "lo", local);
        var remote = PacketTracer.TraceNewTcpConnection(rules, Ip("10.0.0.1"), Ip("10.9.9.9"), 8080, "eth0", local);

        Assert.Equal(Verdict.Inconclusive, unknown.Verdict);
        Assert.Equal("whether 10.0.0.1 is a local address is not known (give Packet.LocalAddresses)", unknown.InconclusiveReason);
        Assert.Equal((Verdict.Reject, "filter"), (known.Verdict, known.DecidedBy!.Chain.Table)); // after DNAT to 172.17.0.2:80
        Assert.Equal(Verdict.Accept, remote.Verdict);
    }

    [Fact]
    public void EitherPortMatchWithUnknownSourcePortIsInconclusive()
    {
        // -m multiport --ports 3000 tests both ports: without the source port it cannot be decided.
        var r = Trace(S, SynIn("10.1.1.9", 4003) with { SourcePort = null });

        Assert.Equal((Verdict.Inconclusive, (int?)5), (r.Verdict, r.DecidedBy!.RuleNumber));
        Assert.Equal(Verdict.Accept, Trace(S, SynIn("10.1.1.9", 3000) with { SourcePort = null }).Verdict);
    }

    [Fact]
    public void MarkSetByAnUnevaluableRuleMakesOnlyLaterMarkMatchesInconclusive()
    {
        var rules = Ruleset.Create([IptablesSaveParser.Parse("""
            *mangle
            :PREROUTING ACCEPT [0:0]
            :INPUT ACCEPT [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            -A PREROUTING -m time --timestart 09:00:00 --timestop 17:00:00 -j MARK --set-xmark 0x1/0xffffffff
            COMMIT
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
            -A INPUT -m mark --mark 0x1 -j DROP
            COMMIT
            """, "iptables")]);

        var ssh = PacketTracer.Trace(rules, SynIn("10.1.1.9", 22));
        var web = PacketTracer.Trace(rules, SynIn("10.1.1.9", 80));

        Assert.Equal(Verdict.Accept, ssh.Verdict);
        Assert.Equal(StepOutcome.Ignored, ssh.Steps[0].Outcome);
        Assert.Equal((Verdict.Inconclusive, (int?)2), (web.Verdict, web.DecidedBy!.RuleNumber));
        Assert.Equal("the packet mark is not known after an earlier rule changed it", web.InconclusiveReason);
    }
}
