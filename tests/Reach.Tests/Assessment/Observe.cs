using System.Net;
using Reach.Core.Observations;
using Reach.Core.Targets;

namespace Reach.Tests.Assessment;

/// <summary>
/// Hand-built observations of the seed's network, healthy by default: dev1 10.1.1.7/24 on eth0,
/// gateway 10.1.1.1, nameserver 10.1.1.3, web1 10.1.2.5 port 80. Tests change one fact with `with`.
/// </summary>
internal static class Observe
{
    public static readonly IPAddress Dev1 = IPAddress.Parse("10.1.1.7");
    public static readonly IPAddress Gateway = IPAddress.Parse("10.1.1.1");
    public static readonly IPAddress Nameserver = IPAddress.Parse("10.1.1.3");
    public static readonly IPAddress Web1 = IPAddress.Parse("10.1.2.5");
    public static readonly IPEndPoint Web1Http = new(Web1, 80);

    public static NetInterface Eth0 { get; } = new("eth0", 2, true, true, "up", 1500,
        [new InterfaceAddress(Dev1, 24, "global")], InterfaceCounters.Zero, 10000, "full");

    public static NetInterface Lo { get; } = new("lo", 1, true, true, "unknown", 65536,
        [new InterfaceAddress(IPAddress.Loopback, 8, "host")], InterfaceCounters.Zero, IsLoopback: true);

    public static RouteDecision RouteViaGateway { get; } = new(Web1, Gateway, "eth0", Dev1, "main", [], null,
        "10.1.2.5 via 10.1.1.1 dev eth0 src 10.1.1.7");

    public static RouteDecision NoRoute { get; } = new(Web1, null, null, null, null, [], "Network is unreachable", "RTNETLINK answers: Network is unreachable");

    public static Neighbour Reachable(IPAddress a) => new(a, "eth0", "02:00:00:00:00:01", ["REACHABLE"]);

    public static Neighbour Failed(IPAddress a) => new(a, "eth0", null, ["FAILED"]);

    public static PingOutcome Reply(IPAddress a) => new(a, PingResult.Reply, 0.2);

    public static PingOutcome Silent(IPAddress a) => new(a, PingResult.Silent, 1500);

    public static PingOutcome IcmpError(IPAddress target, IPAddress sender, int type, int code) =>
        new(target, PingResult.Error, 3, new IcmpReport(sender, type, code));

    public static TcpOutcome Open { get; } = new(Web1Http, TcpResult.Open, 0.4);

    public static TcpOutcome Tcp(TcpResult result, IcmpReport? icmp = null) => new(Web1Http, result, result == TcpResult.Silent ? 1500 : 1, icmp);

    public static TraceOutcome Trace(params IPAddress?[] hops) => new(Web1, 80,
        hops.Select((h, i) => new TraceHop(i + 1, h, h switch
        {
            null => null,
            _ when h.Equals(Web1) => new TcpOutcome(Web1Http, TcpResult.Open, 1),
            _ => new TcpOutcome(Web1Http, TcpResult.IcmpError, 1, new IcmpReport(h, 11, 0)),
        }, h is null ? 2 : 1)).ToList(), 5);

    public static ResolverConfig Resolver { get; } = new([Nameserver], ["example.net"], null, 1, "/etc/resolv.conf");

    public static DnsObservation DnsOk { get; } = new(
        Resolver,
        [],
        new SystemLookup("web1", [Web1], null, 1),
        [new DnsAnswer(Nameserver, "web1.example.net.", DnsResult.Answer, ["10.1.2.5"], 1), new DnsAnswer(Nameserver, "web1.", DnsResult.NxDomain, [], 1)],
        [new NameserverReach(new PeerProbe(Nameserver, Reply(Nameserver), Reachable(Nameserver)), new RouteDecision(Nameserver, null, "eth0", Dev1, "main", [], null, "10.1.1.3 dev eth0"))],
        []);

    public static ClientObservations Healthy { get; } = new(
        TargetParser.Parse("web1:80").Target!,
        [Lo, Eth0],
        [new RouteEntry("default", Gateway, "eth0", "main", []), new RouteEntry("10.1.1.0/24", null, "eth0", "main", [])],
        Web1,
        RouteViaGateway,
        new GatewayObservation(new PeerProbe(Gateway, Reply(Gateway), Reachable(Gateway)), []),
        DnsOk,
        Reply(Web1),
        Trace(Gateway, Web1),
        Open,
        ["/etc/network/interfaces"]);
}
