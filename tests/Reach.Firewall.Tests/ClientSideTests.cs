using static Reach.Firewall.Tests.Fixture;

namespace Reach.Firewall.Tests;

/// <summary>"Would this host's own OUTPUT path drop or reject a new TCP connection to DST:PORT?"</summary>
public sealed class ClientSideTests
{
    private static readonly Ruleset Rules = Load("12-output-drop");

    [Fact]
    public void OutputDropIsNamed()
    {
        var r = PacketTracer.TraceNewTcpConnection(Rules, Ip("10.0.0.1"), Ip("10.9.9.9"), 443, "eth0");

        Assert.Equal(Verdict.Drop, r.Verdict);
        Assert.Equal(("OUTPUT", ChainHook.Output, (int?)1), (r.DecidedBy!.Chain.Chain, r.DecidedBy.Chain.Hook, r.DecidedBy.RuleNumber));
    }

    [Fact]
    public void OutputRejectGivesTheIcmpError()
    {
        var r = PacketTracer.TraceNewTcpConnection(Rules, Ip("10.0.0.1"), Ip("10.9.9.10"), 80, "eth0");

        Assert.Equal(new RejectWith("icmp-host-prohibited", 3, 10, TcpReset: false), r.Reject);
        Assert.Equal(2, r.DecidedBy!.RuleNumber);
    }

    [Fact]
    public void OtherDestinationsPass()
    {
        var r = PacketTracer.TraceNewTcpConnection(Rules, Ip("10.0.0.1"), Ip("10.9.9.11"), 443, "eth0");

        Assert.Equal(Verdict.Accept, r.Verdict);
        Assert.Equal("policy ACCEPT of filter/OUTPUT", r.DecidedBy!.Text);
    }

    [Fact]
    public void OutInterfaceWildcardDecidesUdp()
    {
        var viaEth = PacketTracer.Trace(Rules, Packet.Udp(Ip("10.0.0.1"), Ip("10.9.9.53"), 53, TrafficDirection.Output) with { OutInterface = "eth1" });
        var viaWg = PacketTracer.Trace(Rules, Packet.Udp(Ip("10.0.0.1"), Ip("10.9.9.53"), 53, TrafficDirection.Output) with { OutInterface = "wg0" });

        Assert.Equal((Verdict.Drop, (int?)3), (viaEth.Verdict, viaEth.DecidedBy!.RuleNumber));
        Assert.Equal(Verdict.Accept, viaWg.Verdict);
    }

    [Fact]
    public void InputRulesDoNotApplyToOutgoingTraffic()
    {
        var r = PacketTracer.TraceNewTcpConnection(Load("01-seed-reject-80"), Ip("10.0.0.1"), Ip("10.9.9.9"), 80, "eth0");

        Assert.Equal(Verdict.Accept, r.Verdict);
        Assert.DoesNotContain(r.Steps, s => s.Chain.Chain == "INPUT");
    }
}
