using System.Net;
using System.Net.NetworkInformation;
using Reach.Core.Observations;
using Reach.Engine;
using Reach.Readers;
using Xunit;
using static Reach.Tests.Engine.LabNetwork;

namespace Reach.Tests.Engine;

/// <summary>
/// How the gateway is asked, with scripted answers on a fake clock: an echo first, a fresh link-layer
/// question when it stays silent, and the LAN's other hosts only when both fail. The neighbour table is
/// dev1's, recorded in the lab with its gateway gone (Fixtures/check/bogus-gateway).
/// </summary>
public sealed class GatewayProberTests
{
    private static readonly ProbeOptions Options = new(ProbeOptions.DefaultTimeout, ProbeOptions.DefaultMaxHops);

    private static async Task<(GatewayObservation Observation, StrictReplay Source)> ProbeAsync(ScriptedNetwork network, IPAddress gateway, params IPAddress[] knownPeers)
    {
        var source = new StrictReplay(Path.Combine(AppContext.BaseDirectory, "Fixtures", "check", "bogus-gateway"));
        var prober = new GatewayProber(new SystemReader(source), Options, network.Probes);
        var observation = await FakeClock.RunAsync(network.Time, () => prober.ProbeAsync(gateway, "eth0", IPAddress.Parse("10.1.1.7"), knownPeers, CancellationToken.None));
        return (observation, source);
    }

    [Fact]
    public async Task A_gateway_that_answers_its_echo_is_asked_nothing_else()
    {
        var network = Healthy();

        var (observation, _) = await ProbeAsync(network, Gw, Ns1);

        Assert.True(observation.Gateway.Answered);
        Assert.Null(observation.Gateway.Solicited);
        Assert.Empty(observation.LanPeers);
        Assert.Empty(network.SentOf("solicit"));
        Assert.Equal(["ping 10.1.1.1"], network.SentOf("ping"));
    }

    [Fact]
    public async Task A_gateway_that_ignores_echo_but_answers_arp_is_there_and_no_peer_is_bothered()
    {
        var network = With(n => n.Echo = (a, _) => a.Equals(Gw) ? null : new PingOutcome(a, PingResult.Reply, 0.1, Ttl: 64));

        var (observation, _) = await ProbeAsync(network, Gw, Ns1);

        Assert.Equal(NeighbourResult.Answered, observation.Gateway.Solicited!.Result);
        Assert.True(observation.Gateway.Answered);
        Assert.Empty(observation.LanPeers);
        Assert.Equal(["solicit eth0 10.1.1.1"], network.SentOf("solicit"));
    }

    [Fact]
    public async Task A_dead_gateway_is_told_from_a_dead_link_by_the_other_hosts_of_the_lan()
    {
        // 10.1.1.254 is gone: no echo, no ARP answer; the nameserver on the same LAN answers.
        var dead = IPAddress.Parse("10.1.1.254");
        var network = With(n =>
        {
            n.Echo = (a, _) => a.Equals(dead) ? null : new PingOutcome(a, PingResult.Reply, 0.1, Ttl: 64);
            n.Solicit = (_, _) => null;
        });

        var (observation, source) = await ProbeAsync(network, dead, Ns1);

        Assert.Empty(source.NotRecorded);
        Assert.False(observation.Gateway.Answered);
        Assert.Equal(NeighbourResult.Silent, observation.Gateway.Solicited!.Result);
        Assert.Contains(observation.LanPeers, p => p.Address.Equals(Ns1) && p.Answered);
        Assert.DoesNotContain(observation.LanPeers, p => p.Address.Equals(dead));
    }

    [Fact]
    public async Task Peers_of_the_other_family_are_not_asked_about_an_ipv4_gateway()
    {
        var dead = IPAddress.Parse("10.1.1.254");
        var network = With(n =>
        {
            n.Echo = (_, _) => null;
            n.Solicit = (_, _) => null;
        });

        var (observation, _) = await ProbeAsync(network, dead, IPAddress.Parse("fd00::3"), Ns1);

        Assert.All(observation.LanPeers, p => Assert.Equal(dead.AddressFamily, p.Address.AddressFamily));
        Assert.DoesNotContain("ping fd00::3", network.SentOf("ping"));
    }

    private static ScriptedNetwork With(Action<ScriptedNetwork> change)
    {
        var network = Healthy();
        change(network);
        return network;
    }
}
