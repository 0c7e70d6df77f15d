using static Reach.Firewall.Tests.Fixture;

namespace Reach.Firewall.Tests;

/// <summary>Each iptables match kind, against the capture of 17-iptables-matches.</summary>
public sealed class IptablesMatchTests
{
    private const string S = "17-iptables-matches";

    private static (Verdict Verdict, string Where) Run(Packet packet)
    {
        var r = Trace(S, packet);
        return (r.Verdict, r.DecidedBy is { } d ? d.Outcome == StepOutcome.Policy ? d.Text : $"{d.Chain.Chain} {d.RuleNumber}" : "-");
    }

    [Fact]
    public void InInterfaceExactAndWildcard()
    {
        Assert.Equal((Verdict.Accept, "INPUT 1"), Run(SynIn("10.1.1.9", 1005, "lo")));
        Assert.Equal((Verdict.Accept, "INPUT 3"), Run(SynIn("10.1.1.9", 1005, "eth1")));
        Assert.Equal((Verdict.Accept, "policy ACCEPT of filter/INPUT"), Run(SynIn("10.1.1.9", 1005, "wlan0")));
    }

    [Fact]
    public void MultiportDestinationSourceAndEitherPort()
    {
        Assert.Equal((Verdict.Accept, "INPUT 3"), Run(SynIn("10.1.1.9", 2000, "eth0")));
        Assert.Equal((Verdict.Accept, "INPUT 4"), Run(Packet.Udp(Ip("10.1.1.9"), Ip("10.0.0.1"), 5000, sourcePort: 123) with { InInterface = "eth0" }));
        Assert.Equal((Verdict.Accept, "INPUT 5"), Run(SynIn("10.1.1.9", 3000)));
        Assert.Equal((Verdict.Accept, "INPUT 5"), Run(SynIn("10.1.1.9", 80) with { SourcePort = 3000 }));
    }

    [Fact]
    public void IpRange()
    {
        Assert.Equal((Verdict.Drop, "INPUT 6"), Run(SynIn("10.5.0.20", 4000)));
        Assert.Equal(Verdict.Accept, Run(SynIn("10.5.0.21", 4000)).Verdict);
    }

    [Fact]
    public void NegatedSourcePrefix()
    {
        var r = Trace(S, SynIn("192.168.1.1", 4001));

        Assert.Equal((3, 9), (r.Reject!.IcmpType, r.Reject.IcmpCode));
        Assert.Equal(Verdict.Accept, Run(SynIn("10.1.1.1", 4001)).Verdict);
    }

    [Fact]
    public void NonContiguousMask()
    {
        Assert.Equal((Verdict.Drop, "INPUT 8"), Run(SynIn("10.7.0.9", 4002)));
        Assert.Equal(Verdict.Accept, Run(SynIn("10.7.1.9", 4002)).Verdict);
    }

    [Fact]
    public void AddrTypeLocalIsTheDestinationOfAnInputPacket()
    {
        var r = Trace(S, SynIn("10.1.1.9", 4003));

        Assert.Equal((Verdict.Reject, (int?)9), (r.Verdict, r.DecidedBy!.RuleNumber));
        Assert.Equal((3, 1), (r.Reject!.IcmpType, r.Reject.IcmpCode));
    }

    [Fact]
    public void IcmpTypesAndRateLimit()
    {
        var ping = Trace(S, Packet.EchoRequest(Ip("10.1.1.9"), Ip("10.0.0.1")) with { InInterface = "eth0" });
        var unreachable = Run(new Packet { Source = Ip("10.1.1.9"), Destination = Ip("10.0.0.1"), Protocol = IpProtocol.Icmp, IcmpType = 3, IcmpCode = 3, InInterface = "eth0" });
        var timestamp = Run(new Packet { Source = Ip("10.1.1.9"), Destination = Ip("10.0.0.1"), Protocol = IpProtocol.Icmp, IcmpType = 13, IcmpCode = 0, InInterface = "eth0" });

        Assert.Equal((Verdict.Accept, (int?)10), (ping.Verdict, ping.DecidedBy!.RuleNumber));
        Assert.True(ping.RateDependent);
        Assert.EndsWith("[rate-dependent]", ping.Summary, StringComparison.Ordinal);
        Assert.Equal((Verdict.Accept, "INPUT 11"), unreachable);
        Assert.Equal((Verdict.Drop, "INPUT 12"), timestamp);
    }

    [Fact]
    public void TcpFlagsAndNegatedSyn()
    {
        var synAck = Run(SynIn("10.1.1.9", 80) with { TcpFlags = TcpControlBits.Syn | TcpControlBits.Ack });
        var newButAck = Run(SynIn("10.1.1.9", 80) with { TcpFlags = TcpControlBits.Ack });
        var syn = Run(SynIn("10.1.1.9", 80));

        Assert.Equal((Verdict.Drop, "INPUT 13"), synAck);
        Assert.Equal((Verdict.Drop, "INPUT 14"), newButAck);
        Assert.Equal(Verdict.Accept, syn.Verdict);
    }

    [Fact]
    public void JumpToLoggingChainThatDrops()
    {
        var r = Trace(S, SynIn("10.1.1.9", 4005));

        Assert.Equal(Verdict.Drop, r.Verdict);
        Assert.Equal(("LOGDROP", (int?)2), (r.DecidedBy!.Chain.Chain, r.DecidedBy.RuleNumber));
        Assert.Equal(StepOutcome.Matched, r.Steps.Single(s => s.Chain.Chain == "LOGDROP" && s.RuleNumber == 1).Outcome);
        Assert.False(r.RateDependent); // the limit only governs the LOG
    }

    [Fact]
    public void UnsupportedMatchOnALogRuleIsIgnoredNotInconclusive()
    {
        var r = Trace(S, SynIn("10.1.1.9", 5002));

        Assert.Equal((Verdict.Accept, (int?)19), (r.Verdict, r.DecidedBy!.RuleNumber));
        Assert.Equal(StepOutcome.Ignored, r.Steps.Single(s => s.RuleNumber == 18).Outcome);
    }

    [Fact]
    public void ForwardHookUsesBothInterfaces()
    {
        var allowed = Run(Packet.Tcp(Ip("10.1.1.9"), Ip("10.2.2.2"), 80, TrafficDirection.Forward) with { InInterface = "eth0", OutInterface = "eth1" });
        var back = Run(Packet.Tcp(Ip("10.2.2.2"), Ip("10.1.1.9"), 80, TrafficDirection.Forward) with { InInterface = "eth1", OutInterface = "eth0" });

        Assert.Equal((Verdict.Accept, "FORWARD 1"), allowed);
        Assert.Equal((Verdict.Drop, "policy DROP of filter/FORWARD"), back);
    }
}
