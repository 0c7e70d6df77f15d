using System.Net;
using static Reach.Firewall.Tests.Fixture;

namespace Reach.Firewall.Tests;

/// <summary>
/// Several nat chains on one hook: the kernel runs them by priority only until one sets up the
/// connection's binding (nf_nat_inet_fn in net/netfilter/nf_nat_core.c), so a later table's DNAT never
/// applies to a connection an earlier one already translated.
/// </summary>
public sealed class NatHookTests
{
    [Fact]
    public void TheFirstNatChainThatTranslatesIsTheOnlyOneAtItsHook()
    {
        var r = PacketTracer.Trace(Load("18-two-nat-tables"), Packet.Tcp(Ip("10.1.1.7"), Ip("10.96.0.10"), 80, TrafficDirection.Output, 40000) with { OutInterface = "eth0" });

        Assert.Equal((IPAddress.Parse("10.1.2.5"), (int?)80), (r.Destination, r.DestinationPort));
        Assert.Single(r.Translations);
        Assert.Contains(r.Steps, s => s.Outcome == StepOutcome.Skipped && s.Chain.Table == "second");
    }

    [Fact]
    public void AConnectionNoEarlierChainTranslatesMeetsTheLaterOne()
    {
        // iptables' rule is for 10.96.0.10 only: port 80 of another address meets the native table's DNAT.
        var r = PacketTracer.Trace(Load("18-two-nat-tables"), Packet.Tcp(Ip("10.1.1.7"), Ip("10.1.3.9"), 80, TrafficDirection.Output, 40000) with { OutInterface = "eth0" });

        Assert.Equal((IPAddress.Parse("10.1.4.5"), (int?)80), (r.Destination, r.DestinationPort));
        Assert.DoesNotContain(r.Steps, s => s.Outcome == StepOutcome.Skipped && s.Chain.Table == "second");
    }
}
