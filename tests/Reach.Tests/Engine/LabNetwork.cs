using System.Net;
using System.Net.NetworkInformation;
using DnsClient;
using Reach.Core.Observations;

namespace Reach.Tests.Engine;

/// <summary>
/// The lab's network (lab/README.md) as scripted probes: what dev1's probes get back when nothing is
/// broken. Each replay scenario starts from it and breaks one thing, as the lab's fault of the same name does.
/// </summary>
internal static class LabNetwork
{
    public static readonly IPAddress Gw = IPAddress.Parse("10.1.1.1");
    public static readonly IPAddress Ns1 = IPAddress.Parse("10.1.1.3");
    public static readonly IPAddress Web1 = IPAddress.Parse("10.1.2.5");

    public static bool OnLink(IPAddress a) => a.ToString().StartsWith("10.1.1.", StringComparison.Ordinal);

    public static ScriptedNetwork Healthy() => new()
    {
        // On the LAN a reply keeps TTL 64; web1's has crossed gw (63).
        Echo = (a, _) => a.Equals(Web1) ? new PingOutcome(a, PingResult.Reply, 0.3, Ttl: 63)
            : OnLink(a) ? new PingOutcome(a, PingResult.Reply, 0.1, Ttl: 64)
            : null,
        Syn = (to, ttl, _, _) => ttl switch
        {
            null when to.Address.Equals(Web1) && to.Port == 80 => new TcpOutcome(to, TcpResult.Open, 0.4, AnswerTtl: 63),
            null => null,
            1 when !OnLink(to.Address) => TimeExceeded(to, Gw),
            _ => new TcpOutcome(to, TcpResult.Open, 0.4),
        },
        Datagram = to => to.Address.Equals(Ns1) && to.Port == 53 ? new UdpOutcome(to, UdpResult.Reply, 0.3) : null,
        Lookup = name => name is "web1" or "web1.example.net" ? new SystemLookup(name, [Web1], null, 0.8) : new SystemLookup(name, [], "name not found", 0.8),
        Query = (server, name, type) => !server.Equals(Ns1) ? null
            : name != "web1.example.net" ? Answer(server, name, DnsResult.NxDomain)
            : type == QueryType.A ? Answer(server, name, DnsResult.Answer, "10.1.2.5")
            : Answer(server, name, DnsResult.NoData),
        Reverse = (server, address) => !server.Equals(Ns1) ? null
            : address.Equals(Ns1) ? Answer(server, $"{address}", DnsResult.Answer, "ns1.example.net.")
            : address.ToString() == "10.1.1.7" ? Answer(server, $"{address}", DnsResult.Answer, "dev1.example.net.")
            : Answer(server, $"{address}", DnsResult.NxDomain),
        Solicit = (device, a) => OnLink(a) ? new NeighbourOutcome(a, device, NeighbourResult.Answered, 0.2, 1, PhysicalAddress.Parse("02-00-00-00-01-01")) : null,
        // The gateway answers the duplicate-address probe for its own address, as gw does in the lab: one owner, no duplicate.
        Claimed = a => a.Equals(Gw) ? [PhysicalAddress.Parse("02-00-00-00-01-01")] : null,
    };

    public static DnsAnswer Answer(IPAddress server, string name, DnsResult result, params string[] records) => new(server, name, result, records, 0.5);

    public static TcpOutcome TimeExceeded(IPEndPoint to, IPAddress router) => new(to, TcpResult.IcmpError, 0.2, new IcmpReport(router, 11, 0));

    /// <summary>An ICMP destination-unreachable of <paramref name="code"/> from <paramref name="sender"/> about a SYN.</summary>
    public static TcpOutcome Unreachable(IPEndPoint to, IPAddress sender, int code, double ms = 0.3) => new(to, TcpResult.IcmpError, ms, new IcmpReport(sender, 3, code));
}
