using static Reach.Firewall.Tests.Fixture;

namespace Reach.Firewall.Tests;

/// <summary>Traces through the native nft captures: sets, verdict maps, jump and goto, nft's matches.</summary>
public sealed class NftTraceTests
{
    private static TraceResult Nft(string scenario, Packet packet) => PacketTracer.Trace(Load(scenario), packet);

    [Fact]
    public void InetTableDropsBothFamiliesAndNamesTheHandle()
    {
        var v4 = Nft("07-nft-inet-drop", SynIn("10.1.1.9", 3306));
        var v6 = Nft("07-nft-inet-drop", SynIn("2001:db8::9", 3306));

        Assert.Equal(Verdict.Drop, v4.Verdict);
        Assert.Equal(("nft", TableFamily.Inet, "filter", "input", (long?)2), (v4.DecidedBy!.Chain.Source, v4.DecidedBy.Chain.Family, v4.DecidedBy.Chain.Table, v4.DecidedBy.Chain.Chain, v4.DecidedBy.Handle));
        Assert.Equal(new Counters(1, 60), v4.DecidedBy.Counters);
        Assert.Equal("DROP by nft inet filter/input rule 1 (handle 2): tcp dport 3306 counter packets 1 bytes 60 drop", v4.Summary);
        Assert.Equal(Verdict.Drop, v6.Verdict);
    }

    [Theory]
    [InlineData("10.1.1.8", Verdict.Accept)]
    [InlineData("10.2.3.4", Verdict.Accept)] // 10.2.0.0/16
    [InlineData("10.3.0.9", Verdict.Accept)] // 10.3.0.1-10.3.0.9
    [InlineData("10.3.0.10", Verdict.Drop)]
    [InlineData("2001:db8::8", Verdict.Drop)] // "ip saddr" needs IPv4: the set cannot admit an IPv6 source
    public void NamedSetOfAllowedSources(string source, Verdict verdict)
    {
        var result = Nft("08-nft-named-set", SynIn(source, 22));

        Assert.Equal(verdict, result.Verdict);
        Assert.Equal(verdict == Verdict.Accept ? 3 : 4, result.DecidedBy!.Handle);
    }

    [Theory]
    [InlineData("10.1.1.1", 22, Verdict.Accept, "input", 10L)]
    [InlineData("10.1.1.1", 23, Verdict.Drop, "input", 10L)]
    [InlineData("10.1.1.1", 443, Verdict.Accept, "input", 12L)] // jump web, web returns, rule after the maps accepts
    [InlineData("10.1.1.1", 444, Verdict.Drop, "input", null)] // goto web, web returns: straight to input's policy drop
    [InlineData("192.168.1.1", 443, Verdict.Reject, "web", 6L)]
    [InlineData("10.1.1.1", 8080, Verdict.Drop, "input", 11L)] // the named map
    [InlineData("10.1.1.1", 8081, Verdict.Accept, "input", 11L)]
    [InlineData("10.1.1.1", 8443, Verdict.Accept, "web", 4L)] // the named map jumps
    [InlineData("10.1.1.1", 9999, Verdict.Drop, "input", null)] // no map entry: policy drop
    public void VerdictMapsJumpAndGoto(string source, int port, Verdict verdict, string chain, long? handle)
    {
        var result = Nft("09-nft-vmap", SynIn(source, port));

        Assert.Equal((verdict, chain, handle), (result.Verdict, result.DecidedBy!.Chain.Chain, result.DecidedBy.Handle));
        if (handle is null)
        {
            Assert.Equal("policy drop of inet filter/input", result.DecidedBy.Text);
        }
    }

    [Fact]
    public void RejectInVmapChainIsTcpReset()
    {
        var result = Nft("09-nft-vmap", SynIn("192.168.1.1", 443));

        Assert.True(result.Reject!.TcpReset);
        Assert.Equal("tcp reset", result.Reject.Name);
    }

    [Fact]
    public void InterfaceNameAndWildcard()
    {
        Assert.Equal(Verdict.Accept, Nft("09-nft-vmap", SynIn("10.1.1.1", 9999, "lo")).Verdict);
        var veth = Nft("16-nft-matches", SynIn("10.1.1.1", 9, "veth3"));
        Assert.Equal((Verdict.Drop, (long?)11), (veth.Verdict, veth.DecidedBy!.Handle));
        Assert.Equal(Verdict.Accept, Nft("16-nft-matches", SynIn("10.1.1.1", 9, "eth0")).Verdict);
    }

    [Theory]
    [InlineData(ConnState.Established, Verdict.Accept, 8L)]
    [InlineData(ConnState.Related, Verdict.Accept, 8L)]
    [InlineData(ConnState.Invalid, Verdict.Drop, 9L)]
    public void CtState(ConnState state, Verdict verdict, long handle)
    {
        var result = Nft("16-nft-matches", SynIn("10.1.1.1", 9999) with { State = state });

        Assert.Equal((verdict, (long?)handle), (result.Verdict, result.DecidedBy!.Handle));
    }

    [Fact]
    public void AnonymousSetWithRangeAndNegatedPrefix()
    {
        Assert.Equal(13, Nft("16-nft-matches", SynIn("192.168.1.1", 21)).DecidedBy!.Handle);
        Assert.Equal(13, Nft("16-nft-matches", SynIn("192.168.1.1", 990)).DecidedBy!.Handle);
        Assert.Equal(Verdict.Accept, Nft("16-nft-matches", SynIn("10.1.1.1", 21)).Verdict);
    }

    [Fact]
    public void ConcatenatedSetMatchesAddressAndPortTogether()
    {
        Assert.Equal((Verdict.Accept, (long?)14), (Nft("16-nft-matches", SynIn("10.1.1.8", 22)).Verdict, Nft("16-nft-matches", SynIn("10.1.1.8", 22)).DecidedBy!.Handle));
        Assert.NotEqual(14, Nft("16-nft-matches", SynIn("10.1.1.8", 23)).DecidedBy?.Handle);
    }

    [Fact]
    public void Ip6SetAndIcmpv6Reject()
    {
        var allowed = Nft("16-nft-matches", SynIn("2001:db8::1", 22));
        var other = Nft("16-nft-matches", SynIn("2001:db8::2", 22));

        Assert.Equal((Verdict.Accept, (long?)15), (allowed.Verdict, allowed.DecidedBy!.Handle));
        Assert.Equal(new RejectWith("icmpv6 admin-prohibited", 1, 1, TcpReset: false), other.Reject);
    }

    [Fact]
    public void IcmpxRejectPicksTheCodeOfThePacketsFamily()
    {
        var v4 = Nft("16-nft-matches", SynIn("10.1.1.1", 3306));
        var v6 = Nft("16-nft-matches", SynIn("2001:db8:9::1", 3306));

        Assert.Equal(20, v4.DecidedBy!.Handle); // fib daddr type local: an Input packet's destination is local
        Assert.Equal((3, 13), (v4.Reject!.IcmpType, v4.Reject.IcmpCode));
        Assert.Equal((1, 1), (v6.Reject!.IcmpType, v6.Reject.IcmpCode));
    }

    [Fact]
    public void IcmpRejectOnlyForIPv4AndDaddrInequality()
    {
        var rejected = Nft("16-nft-matches", Packet.Udp(Ip("192.168.1.1"), Ip("10.0.0.2"), 53) with { InInterface = "eth0" });
        var toExcluded = Nft("16-nft-matches", Packet.Udp(Ip("192.168.1.1"), Ip("10.0.0.1"), 53) with { InInterface = "eth0" });

        Assert.Equal((21L, 3, 10), (rejected.DecidedBy!.Handle!.Value, rejected.Reject!.IcmpType!.Value, rejected.Reject.IcmpCode!.Value));
        Assert.Equal(Verdict.Accept, toExcluded.Verdict);
    }

    [Fact]
    public void TcpFlagsUnderAMask()
    {
        Assert.Equal(22, Nft("16-nft-matches", SynIn("10.1.1.1", 5)).DecidedBy!.Handle);
        Assert.Equal(Verdict.Accept, Nft("16-nft-matches", SynIn("10.1.1.1", 5) with { TcpFlags = TcpControlBits.Syn | TcpControlBits.Ack }).Verdict);
    }

    [Fact]
    public void MarkUnderAMask()
    {
        Assert.Equal(23, Nft("16-nft-matches", SynIn("10.1.1.1", 9999) with { Mark = 0x102 }).DecidedBy!.Handle);
        Assert.Equal(Verdict.Accept, Nft("16-nft-matches", SynIn("10.1.1.1", 9999) with { Mark = 0x103 }).Verdict);
    }

    [Fact]
    public void TransportHeaderPortMatchesUdpToo()
    {
        var udp = Nft("16-nft-matches", Packet.Udp(Ip("10.1.1.1"), Ip("10.0.0.1"), 7) with { InInterface = "eth0" });

        Assert.Equal((Verdict.Drop, (long?)24), (udp.Verdict, udp.DecidedBy!.Handle));
    }

    [Fact]
    public void BareRejectSendsPortUnreachable()
    {
        var snmp = Nft("16-nft-matches", Packet.Udp(Ip("10.1.1.1"), Ip("10.0.0.1"), 161) with { InInterface = "eth0" });

        Assert.Equal((27L, 3, 3), (snmp.DecidedBy!.Handle!.Value, snmp.Reject!.IcmpType!.Value, snmp.Reject.IcmpCode!.Value));
    }

    [Fact]
    public void LimitedIcmpEchoIsAcceptedButRateDependent()
    {
        var ping = Nft("16-nft-matches", Packet.EchoRequest(Ip("10.1.1.1"), Ip("10.0.0.1")) with { InInterface = "eth0" });

        Assert.Equal((Verdict.Accept, (long?)17), (ping.Verdict, ping.DecidedBy!.Handle));
        Assert.True(ping.RateDependent);
    }

    [Fact]
    public void DnatInPreroutingChangesWhatInputSees()
    {
        var result = Nft("16-nft-matches", SynIn("10.1.1.1", 80));

        var dnat = result.Steps.Single(s => s.Chain.Table == "nat" && s.Outcome == StepOutcome.Matched);
        Assert.Equal("DNAT: destination is now 10.0.0.2:8080", dnat.Detail);
        Assert.Contains(result.Notes, n => n.Contains("without the route decision stays on the INPUT path", StringComparison.Ordinal));
        Assert.Equal(["10.0.0.1:80 → 10.0.0.2:8080 by nat/pre rule 1 (handle 3)"], result.Translations);
        Assert.Equal(ChainHook.Prerouting, dnat.Chain.Hook);
    }

    [Fact]
    public void OutputChainWithOifname()
    {
        var dropped = PacketTracer.TraceNewTcpConnection(Load("16-nft-matches"), Ip("10.0.0.1"), Ip("10.9.9.9"), 443, "eth0");
        var otherInterface = PacketTracer.TraceNewTcpConnection(Load("16-nft-matches"), Ip("10.0.0.1"), Ip("10.9.9.9"), 443, "eth1");

        Assert.Equal((Verdict.Drop, (long?)28), (dropped.Verdict, dropped.DecidedBy!.Handle));
        Assert.Equal(Verdict.Accept, otherInterface.Verdict);
    }
}
