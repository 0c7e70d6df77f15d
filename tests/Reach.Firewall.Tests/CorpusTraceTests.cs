using System.Net;
using static Reach.Firewall.Tests.Fixture;

namespace Reach.Firewall.Tests;

/// <summary>
/// The engine on the real-world corpus (Fixtures/corpus: each ruleset loaded for real by
/// lab/local-corpus.sh and captured with iptables-save / nft -j): the whole path of a client's SYN,
/// DNAT then the route decision, random branches, and the matches stock rulesets use.
/// </summary>
public sealed class CorpusTraceTests
{
    private static string File_(string ruleset, string file) => Path.Combine(Root, "corpus", ruleset, file);

    private static Ruleset Iptables(string ruleset) =>
        Ruleset.Create(
            [.. new[] { ("iptables-save.txt", "iptables"), ("ip6tables-save.txt", "ip6tables") }
                .Where(f => File.Exists(File_(ruleset, f.Item1)))
                .Select(f => IptablesSaveParser.Parse(File.ReadAllText(File_(ruleset, f.Item1)), f.Item2))],
            null,
            null);

    private static Ruleset Nft(string ruleset) => Ruleset.Create([], NftJsonParser.Parse(File.ReadAllText(File_(ruleset, "nft.json"))), null);

    private static Packet Syn(string from, string to, int port, string iif, params string[] local) =>
        Packet.Tcp(Ip(from), Ip(to), port, sourcePort: 40000) with
        {
            InInterface = iif,
            ReturnInterface = iif,
            LocalAddresses = local.Select(Ip).ToHashSet(),
            RedirectAddress = Ip(local[0]),
        };

    /// <summary>A router that forwards <paramref name="forwarded"/> out <paramref name="oif"/> and knows nothing else.</summary>
    private static PacketRouter Forward(string oif, params string[] forwarded) =>
        d => forwarded.Contains(d.ToString()) ? new RouteChoice(RouteKind.Forward, oif, $"{d} dev {oif}") : null;

    [Fact]
    public void DockerPublishedPortIsForwardedToTheContainer()
    {
        var r = PacketTracer.Trace(Iptables("docker-iptables"), Syn("10.88.1.2", "10.88.1.1", 8080, "eth0", "10.88.1.1", "192.168.0.1"), Forward("br-dummy", "192.168.0.2"));

        Assert.Equal((Verdict.Accept, TrafficDirection.Forward, "br-dummy"), (r.Verdict, r.Path, r.OutInterface));
        Assert.Equal((IPAddress.Parse("192.168.0.2"), (int?)80), (r.Destination, r.DestinationPort));
        Assert.Equal(["10.88.1.1:8080 → 192.168.0.2:80 by nat/DOCKER rule 1"], r.Translations);
        Assert.Contains(r.Steps, s => s.Location == "iptables filter/DOCKER rule 1" && s.Outcome == StepOutcome.Matched && s.Chain.Hook == ChainHook.Forward);
    }

    [Fact]
    public void WithoutARouterTheDnatedPacketStaysOnTheInputPathAndSaysSo()
    {
        var r = PacketTracer.Trace(Iptables("docker-iptables"), Syn("10.88.1.2", "10.88.1.1", 8080, "eth0", "10.88.1.1"));

        Assert.Equal(TrafficDirection.Input, r.Path);
        Assert.Contains(r.Notes, n => n.Contains("stays on the INPUT path", StringComparison.Ordinal));
    }

    [Fact]
    public void AMissingRouteIsAskedForNotGuessed()
    {
        var r = PacketTracer.Trace(Iptables("docker-iptables"), Syn("10.88.1.2", "10.88.1.1", 8080, "eth0", "10.88.1.1"), _ => null);

        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Equal(IPAddress.Parse("192.168.0.2"), r.RouteMissing);
    }

    [Fact]
    public void AnIcmpAnsweringRouteFailureRejectsAndAnyOtherDrops()
    {
        // fw4's IPv6 port forward to a lan address this router has no route to: the corpus run got ICMPv6 no-route.
        var packet = Syn("2001:db8:88::2", "2001:db8:88::1", 25, "pppoe-wan", "2001:db8:88::1");
        var answer = new RejectWith("icmpv6 no-route", 1, 0, TcpReset: false);
        var refused = PacketTracer.Trace(Nft("openwrt-fw4-redirect"), packet, _ => new RouteChoice(RouteKind.Unreachable, null, "Network is unreachable") { Answer = answer });
        var silent = PacketTracer.Trace(Nft("openwrt-fw4-redirect"), packet, _ => new RouteChoice(RouteKind.Unreachable, null, "Invalid argument"));

        Assert.Equal((Verdict.Reject, answer, "Network is unreachable"), (refused.Verdict, refused.Reject, refused.NoRoute));
        Assert.Equal((Verdict.Drop, (RejectWith?)null), (silent.Verdict, silent.Reject));
        Assert.Equal(["[2001:db8:88::1]:25 → [2001:db8:1000:1::1234]:25 by fw4/dstnat_wan rule 3 (handle 86)"], refused.Translations);
    }

    [Fact]
    public void KubeProxyNumgenTracesEveryEndpointWithItsShare()
    {
        var all = PacketTracer.TraceAll(Nft("kube-proxy-nft"), Syn("192.168.0.5", "192.168.99.33", 80, "eth0", "192.168.0.2", "10.180.0.1"),
            Forward("cbr0", "10.180.0.4", "10.180.0.5"));

        Assert.Equal(2, all.Count);
        Assert.All(all, r => Assert.Equal((Verdict.Accept, 0.5, TrafficDirection.Forward), (r.Verdict, r.Probability, r.Path)));
        Assert.Equal(["10.180.0.4", "10.180.0.5"], all.Select(r => r.Destination!.ToString()).Order());
        Assert.Contains(all[0].Steps, s => s.Text.StartsWith("numgen random mod 2 vmap {", StringComparison.Ordinal));
    }

    [Fact]
    public void KubeProxyMasqueradeMarkIsFollowedThroughOrAndXor()
    {
        var r = PacketTracer.Trace(Nft("kube-proxy-nft"), Syn("192.168.0.5", "192.168.0.2", 3003, "eth0", "192.168.0.2", "10.180.0.1"), Forward("cbr0", "10.180.0.3"));

        Assert.Equal(Verdict.Accept, r.Verdict);
        Assert.Contains(r.Steps, s => s.Chain.Chain == "masquerading" && s.Detail is { } d && d.Contains("mark is now 0x0", StringComparison.Ordinal));
    }

    [Fact]
    public void KubeProxyServiceWithoutEndpointsRejectsInForward()
    {
        var r = PacketTracer.Trace(Nft("kube-proxy-nft"), Syn("192.168.0.5", "172.30.0.46", 80, "eth0", "192.168.0.2", "10.180.0.1"), Forward("cbr0", "172.30.0.46"));

        Assert.Equal((Verdict.Reject, ChainHook.Forward, "reject-chain"), (r.Verdict, r.DecidedBy!.Chain.Hook, r.DecidedBy.Chain.Chain));
    }

    [Fact]
    public void Fw4AcceptsAPortForwardByItsDnatStatus()
    {
        var r = PacketTracer.Trace(Nft("openwrt-fw4-redirect"), Syn("10.11.12.5", "10.11.12.194", 22, "pppoe-wan", "10.11.12.194", "192.168.26.1"), Forward("br-lan", "192.168.26.100"));

        Assert.Equal((Verdict.Accept, TrafficDirection.Forward), (r.Verdict, r.Path));
        Assert.Contains(r.Steps, s => s.Chain.Chain == "forward_wan" && s.Text.StartsWith("ct status dnat accept", StringComparison.Ordinal) && s.Outcome == StepOutcome.Matched);
    }

    [Fact]
    public void Fw4RedirectToTheSamePortSetsNoDnatStatusSoItIsDropped()
    {
        // What the kernel did in the corpus run: silence (nf_nat_setup_info leaves IPS_DST_NAT unset).
        var r = PacketTracer.Trace(Nft("openwrt-fw4-redirect"), Syn("10.11.12.5", "10.11.12.194", 26, "pppoe-wan", "10.11.12.194", "192.168.26.1"), _ => null);

        Assert.Equal((Verdict.Drop, "drop_from_wan"), (r.Verdict, r.DecidedBy!.Chain.Chain));
        Assert.Contains("no change", r.Translations.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void UfwLimitIsTracedUnderTheRate()
    {
        var r = PacketTracer.Trace(Iptables("ufw"), Syn("10.88.1.2", "10.88.1.1", 2222, "eth0", "10.88.1.1"));

        Assert.Equal((Verdict.Accept, true), (r.Verdict, r.RateDependent));
        Assert.Contains(r.Steps, s => s.Chain.Chain == "ufw-user-limit-accept" && s.Outcome == StepOutcome.Matched);
    }

    [Fact]
    public void UfwIpv6RoutingHeaderRuleDoesNotMatchASyn()
    {
        var r = PacketTracer.Trace(Iptables("ufw"), Syn("2001:db8:88::2", "2001:db8:88::1", 22, "eth0", "2001:db8:88::1"));

        Assert.Equal(Verdict.Accept, r.Verdict);
        Assert.Contains(r.Steps, s => s.Text.Contains("-m rt --rt-type 0", StringComparison.Ordinal) && s.Outcome == StepOutcome.NotMatched);
    }

    [Fact]
    public void FirewalldRpfilterLetsAnIpv6ClientRoutedBackThroughItsInterface()
    {
        var r = PacketTracer.Trace(Nft("firewalld"), Syn("2001:db8:88::2", "2001:db8:88::1", 22, "eth0", "2001:db8:88::1"));

        Assert.Equal(Verdict.Accept, r.Verdict);
        Assert.Contains(r.Steps, s => s.Text.StartsWith("meta nfproto ipv6 fib saddr . mark . iif oif missing drop", StringComparison.Ordinal) && s.Outcome == StepOutcome.NotMatched);
    }

    [Fact]
    public void FirewalldRpfilterDropsAnIpv6SourceRoutedBackThroughAnotherInterface()
    {
        var r = PacketTracer.Trace(Nft("firewalld"), Syn("2001:db8:88::2", "2001:db8:88::1", 22, "eth0", "2001:db8:88::1") with { ReturnInterface = "eth1" });

        Assert.Equal((Verdict.Drop, "filter_PREROUTING"), (r.Verdict, r.DecidedBy!.Chain.Chain));
    }

    [Fact]
    public void FirewalldForwardPortToThisHostIsAcceptedByItsDnatStatus()
    {
        // --add-forward-port=port=8081:proto=tcp:toport=80: the zone allows neither 8081 nor 80.
        var r = PacketTracer.Trace(Nft("firewalld"), Syn("10.88.1.2", "10.88.1.1", 8081, "eth0", "10.88.1.1"));

        Assert.Equal((Verdict.Accept, TrafficDirection.Input, (int?)80), (r.Verdict, r.Path, r.DestinationPort));
        Assert.Contains(r.Steps, s => s.Chain.Chain == "filter_INPUT" && s.Text.StartsWith("ct status dnat accept", StringComparison.Ordinal) && s.Outcome == StepOutcome.Matched);
    }

    [Fact]
    public void FirewalldForwardPortToAnotherAddressIsForwardedByItsDnatStatus()
    {
        var r = PacketTracer.Trace(Nft("firewalld"), Syn("10.88.1.2", "10.88.1.1", 2222, "eth0", "10.88.1.1", "192.168.0.1"), Forward("br-dummy", "192.168.0.2"));

        Assert.Equal((Verdict.Accept, TrafficDirection.Forward, IPAddress.Parse("192.168.0.2"), (int?)22), (r.Verdict, r.Path, r.Destination, r.DestinationPort));
        Assert.Contains(r.Steps, s => s.Chain.Chain == "filter_FORWARD" && s.Text.StartsWith("ct status dnat accept", StringComparison.Ordinal) && s.Outcome == StepOutcome.Matched);
    }

    [Fact]
    public void FirewalldRejectsAnythingElseAdminProhibitedAndTheRichRuleWithItsOwnType()
    {
        var other = PacketTracer.Trace(Nft("firewalld"), Packet.Udp(Ip("10.88.1.2"), Ip("10.88.1.1"), 53, sourcePort: 40000) with { InInterface = "eth0", ReturnInterface = "eth0" });
        var rich = PacketTracer.Trace(Nft("firewalld"), Syn("2001:db8:88::2", "2001:db8:88::1", 5432, "eth0", "2001:db8:88::1"));

        Assert.Equal((Verdict.Reject, "filter_IN_public"), (other.Verdict, other.DecidedBy!.Chain.Chain));
        Assert.Contains("admin-prohibited", other.DecidedBy.Text, StringComparison.Ordinal);
        Assert.Equal((Verdict.Reject, "filter_IN_public_deny"), (rich.Verdict, rich.DecidedBy!.Chain.Chain));
        Assert.Contains("tcp reset", rich.DecidedBy.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void NetdevChainDevicesComeFromTheTextListing()
    {
        var dir = Path.Combine(Root, "netdev");
        var dump = NftJsonParser.Parse(File.ReadAllText(Path.Combine(dir, "nft.json")));
        Assert.Null(dump.Tables.Single(t => t.Name == "edge").Chains.Single().Base!.Devices);

        var filled = NftChainDevices.Apply(dump, NftChainDevices.Parse(File.ReadAllText(Path.Combine(dir, "nft-list-chains.txt"))));
        Assert.Equal(["eth1"], filled.Tables.Single(t => t.Name == "edge").Chains.Single().Base!.Devices);
    }
}
