using static Reach.Firewall.Tests.Fixture;

namespace Reach.Firewall.Tests;

/// <summary>Traces through the iptables captures: each match kind, jumps, goto, RETURN and policies.</summary>
public sealed class IptablesTraceTests
{
    [Fact]
    public void SeedRejectNamesTheRuleTheIcmpErrorAndTheCounters()
    {
        var result = Trace("01-seed-reject-80", SynIn("10.1.1.9", 80));

        Assert.Equal(Verdict.Reject, result.Verdict);
        Assert.Equal(new RejectWith("icmp-port-unreachable", 3, 3, TcpReset: false), result.Reject);
        var rule = result.DecidedBy!;
        Assert.Equal(("iptables", "filter", "INPUT", 1), (rule.Chain.Source, rule.Chain.Table, rule.Chain.Chain, rule.RuleNumber));
        Assert.Equal(new Counters(2, 120), rule.Counters);
        Assert.Equal("REJECT (icmp-port-unreachable) by iptables filter/INPUT rule 1: -A INPUT -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable", result.Summary);
    }

    [Fact]
    public void OtherPortFallsThroughToThePolicy()
    {
        var result = Trace("01-seed-reject-80", SynIn("10.1.1.9", 81));

        Assert.Equal(Verdict.Accept, result.Verdict);
        Assert.Equal(StepOutcome.Policy, result.DecidedBy!.Outcome);
        Assert.Equal(StepOutcome.NotMatched, result.Steps.Single(s => s.RuleNumber == 1).Outcome);
    }

    [Fact]
    public void DropRuleDrops()
    {
        var result = Trace("02-drop-port", SynIn("10.1.1.9", 8080));

        Assert.Equal(Verdict.Drop, result.Verdict);
        Assert.Equal(1, result.DecidedBy!.RuleNumber);
    }

    [Fact]
    public void PolicyDropDecidesWhatTheRulesDoNotAccept()
    {
        var ssh = Trace("03-policy-drop-ssh-only", SynIn("10.1.1.9", 22));
        var web = Trace("03-policy-drop-ssh-only", SynIn("10.1.1.9", 80));

        Assert.Equal((Verdict.Accept, (int?)1), (ssh.Verdict, ssh.DecidedBy!.RuleNumber));
        Assert.Equal(Verdict.Drop, web.Verdict);
        Assert.Equal("policy DROP of filter/INPUT", web.DecidedBy!.Text);
        Assert.Equal(new Counters(1, 84), web.DecidedBy.Counters);
        Assert.Equal("DROP by policy DROP of filter/INPUT (iptables)", web.Summary);
    }

    [Fact]
    public void SourceAddressMatchAcceptsOneHostAndTheNextRuleDropsTheRest()
    {
        var allowed = Trace("04-allow-host-then-drop", SynIn("10.1.1.8", 5432));
        var other = Trace("04-allow-host-then-drop", SynIn("10.1.1.9", 5432));

        Assert.Equal((Verdict.Accept, (int?)1), (allowed.Verdict, allowed.DecidedBy!.RuleNumber));
        Assert.Equal((Verdict.Drop, (int?)2), (other.Verdict, other.DecidedBy!.RuleNumber));
    }

    [Fact]
    public void UserChainRejectsWithTcpReset()
    {
        var result = Trace("05-user-chain-reject", SynIn("10.1.1.9", 8050));

        Assert.Equal(Verdict.Reject, result.Verdict);
        Assert.True(result.Reject!.TcpReset);
        Assert.Equal(("APP", (int?)2), (result.DecidedBy!.Chain.Chain, result.DecidedBy.RuleNumber));
        Assert.Equal("jump to APP", result.Steps.First(s => s.Chain.Chain == "INPUT").Detail);
    }

    [Fact]
    public void ReturnFromUserChainResumesAfterTheJump()
    {
        var result = Trace("05-user-chain-reject", SynIn("10.1.1.8", 8050));

        Assert.Equal(Verdict.Accept, result.Verdict);
        Assert.Equal(("INPUT", (int?)2), (result.DecidedBy!.Chain.Chain, result.DecidedBy.RuleNumber));
        Assert.Equal(["INPUT 1", "APP 1", "INPUT 2"], result.Steps.Select(s => $"{s.Chain.Chain} {s.RuleNumber}"));
    }

    [Fact]
    public void EndOfUserChainReturnsToTheCaller()
    {
        var result = Trace("05-user-chain-reject", SynIn("10.1.1.9", 7000));

        Assert.Equal(Verdict.Drop, result.Verdict);
        Assert.Equal(("INPUT", (int?)5), (result.DecidedBy!.Chain.Chain, result.DecidedBy.RuleNumber));
    }

    [Fact]
    public void DefaultRejectTypeIsPortUnreachable()
    {
        var result = Trace("05-user-chain-reject", SynIn("10.1.1.9", 9001));

        Assert.Equal(new RejectWith("icmp-port-unreachable", 3, 3, TcpReset: false), result.Reject);
        Assert.Equal(("APP", (int?)3), (result.DecidedBy!.Chain.Chain, result.DecidedBy.RuleNumber));
    }

    [Fact]
    public void GotoChainEndSkipsTheRestOfTheCallingBaseChain()
    {
        var dns = Trace("05-user-chain-reject", Packet.Udp(Ip("10.1.1.9"), Ip("10.0.0.1"), 53) with { InInterface = "eth0" });
        var other = Trace("05-user-chain-reject", Packet.Udp(Ip("10.1.1.9"), Ip("10.0.0.1"), 54) with { InInterface = "eth0" });

        Assert.Equal(("UDP_IN", (int?)1), (dns.DecidedBy!.Chain.Chain, dns.DecidedBy.RuleNumber));
        // Rules 4 (accept udp 54) and 5 (DROP) of INPUT are never met: the goto'd chain's end goes to INPUT's policy.
        Assert.Equal(Verdict.Accept, other.Verdict);
        Assert.Equal(StepOutcome.Policy, other.DecidedBy!.Outcome);
        Assert.Equal("end of UDP_IN, reached by goto", other.DecidedBy.Detail);
        Assert.DoesNotContain(other.Steps, s => s.Chain.Chain == "INPUT" && s.RuleNumber is 4 or 5);
    }

    [Theory]
    [InlineData(ConnState.Established, 22, Verdict.Accept, 1)]
    [InlineData(ConnState.Related, 80, Verdict.Accept, 1)]
    [InlineData(ConnState.Invalid, 80, Verdict.Drop, 2)]
    [InlineData(ConnState.New, 22, Verdict.Accept, 3)]
    [InlineData(ConnState.New, 80, Verdict.Drop, 4)]
    public void ConntrackAndStateMatchesFollowTheConnectionState(ConnState state, int port, Verdict verdict, int rule)
    {
        var result = Trace("06-conntrack", SynIn("10.1.1.9", port) with { State = state });

        Assert.Equal((verdict, (int?)rule), (result.Verdict, result.DecidedBy!.RuleNumber));
    }

    [Fact]
    public void Ip6tablesRulesDecideIPv6PacketsOnly()
    {
        var inside = Trace("13-ip6tables", SynIn("2001:db8:1::5", 80));
        var outside = Trace("13-ip6tables", SynIn("2001:db8:2::5", 80));
        var https = Trace("13-ip6tables", SynIn("2001:db8:2::5", 443));
        var ping = Trace("13-ip6tables", Packet.EchoRequest(Ip("2001:db8:2::5"), Ip("2001:db8:ffff::1")) with { InInterface = "eth0" });
        var v4 = Trace("13-ip6tables", SynIn("10.1.1.9", 80));

        Assert.Equal((Verdict.Accept, (int?)2), (inside.Verdict, inside.DecidedBy!.RuleNumber));
        Assert.Equal(new RejectWith("icmp6-adm-prohibited", 1, 1, TcpReset: false), outside.Reject);
        Assert.Equal(new RejectWith("icmp6-port-unreachable", 1, 4, TcpReset: false), https.Reject);
        Assert.Equal((Verdict.Accept, (int?)1), (ping.Verdict, ping.DecidedBy!.RuleNumber));
        Assert.Equal(Verdict.Accept, v4.Verdict);
        Assert.Empty(v4.Steps);
    }

    [Theory]
    [InlineData("10.1.1.7", 22, Verdict.Drop, 1)]
    [InlineData("192.168.50.9", 22, Verdict.Reject, 2)]
    [InlineData("192.168.50.200", 22, Verdict.Drop, 4)] // 192.168.50.128/25 is a nomatch hole in blocknets
    [InlineData("10.1.1.9", 22, Verdict.Accept, 3)] // hash:ip,port with src,dst
    public void IpsetMatchesUseTheSetMembers(string source, int port, Verdict verdict, int rule)
    {
        var result = Trace("11-ipset", SynIn(source, port));

        Assert.Equal((verdict, (int?)rule), (result.Verdict, result.DecidedBy!.RuleNumber));
        if (verdict == Verdict.Reject)
        {
            Assert.Equal((3, 13), (result.Reject!.IcmpType, result.Reject.IcmpCode));
        }
    }

    [Fact]
    public void IpsetPortDimensionComparesTheProtocolToo()
    {
        var udp = Trace("11-ipset", Packet.Udp(Ip("10.1.1.9"), Ip("10.0.0.1"), 22) with { InInterface = "eth0" });

        Assert.Equal(Verdict.Accept, udp.Verdict);
        Assert.Equal(StepOutcome.Policy, udp.DecidedBy!.Outcome);
        Assert.Equal(StepOutcome.NotMatched, udp.Steps.Single(s => s.RuleNumber == 3).Outcome);
    }
}
