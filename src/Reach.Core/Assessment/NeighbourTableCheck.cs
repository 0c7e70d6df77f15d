using System.Net;
using System.Net.Sockets;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// This host's neighbour table, before a nameserver, a gateway or a target is blamed: when it is full, the
/// kernel cannot add an entry for a neighbour it has not cached ("neighbor table overflow!") and drops the
/// packet before it leaves, with ENOBUFS to the sender (or silence: a TCP SYN is just sent again). Every probe
/// then fails whatever its target, and each looks like its target is down. The table is one for the whole host,
/// so a full one is this host's fault only where it stopped this host: said when the kernel's own overflow count
/// rose as this host asked for its neighbours once more after the probes, the connection did not get through, and this host holds no entry for a neighbour the
/// run needed (its gateway, an on-link nameserver or target). A neighbour it holds an entry for was not stopped
/// by the table, whatever else is full.
/// </summary>
internal static class NeighbourTableCheck
{
    public static Finding? Assess(ClientObservations o)
    {
        if (o.Connect is { Result: TcpResult.Open } || o.NeighbourTablesAfter.Count == 0)
        {
            return null;
        }

        var ipv6 = (o.Address ?? o.Gateway?.Gateway.Address)?.AddressFamily == AddressFamily.InterNetworkV6;
        var refused = NeighbourTable.Refused(o.NeighbourTablesBefore, o.NeighbourTablesAfter, ipv6);
        var table = o.NeighbourTablesAfter.FirstOrDefault(t => t.Ipv6 == ipv6);
        var missing = Needed(o).Where(a => (a.AddressFamily == AddressFamily.InterNetworkV6) == ipv6)
            .Where(a => o.LanNeighbours.FirstOrDefault(n => n.Address.Equals(a)) is not { HasLinkAddress: true })
            .Distinct()
            .ToList();
        if (refused == 0 || table is null || missing.Count == 0)
        {
            return null;
        }

        var count = Words.Number(refused);
        var evidence = new List<Evidence>
        {
            new($"ip -s ntable ({(ipv6 ? "ndisc_cache" : "arp_cache")})",
                $"table_fulls rose by {count} as this host asked for its gateway and nameservers once more; {Words.Number(table.Entries)} entries" + (table.Thresh3 is { } t3 ? $" of at most {Words.Number(t3)} (gc_thresh3)" : string.Empty)),
        };
        evidence.AddRange(missing.Select(a => o.LanNeighbours.FirstOrDefault(n => n.Address.Equals(a)) is { } entry
            ? new Evidence($"ip neigh {a}", entry.ToString())
            : new Evidence($"ip neigh {a}", "no entry on this host")));

        // What the probes met, in the kernel's words: a datagram it refused to queue (ENOBUFS).
        evidence.AddRange((o.Dns?.Nameservers ?? []).Select(n => n.Port53).OfType<UdpOutcome>().Where(u => u.Result == UdpResult.LocalError)
            .Select(u => new Evidence($"udp {u.Target}", u.Describe())));

        return Findings.Fail(Codes.InterfaceNeighbourTableFull,
            Message.Of("interface.neighbour-table-full.summary", ("family", ipv6 ? "IPv6 (neighbour discovery)" : "IPv4 (ARP)"), ("count", count),
                    ("hosts", string.Join(", ", missing)), ("entries", Words.Number(table.Entries)))
                .With("limit", table.Thresh3 is { } l ? Message.Of("interface.neighbour-table-full.limit", ("limit", Words.Number(l))) : null),
            Message.Of(ipv6 ? "interface.neighbour-table-full.fix.v6" : "interface.neighbour-table-full.fix"),
            evidence);
    }

    /// <summary>The neighbours this run had to reach on its own links: the gateway, the on-link nameservers, an on-link target.</summary>
    private static IEnumerable<IPAddress> Needed(ClientObservations o)
    {
        if (o.Gateway?.Gateway.Address is { } gateway && o.Route is not { HasRoute: true, Gateway: null })
        {
            yield return gateway;
        }

        foreach (var nameserver in (o.Dns?.Nameservers ?? []).Where(n => n.OnLink))
        {
            yield return nameserver.Probe.Address;
        }

        if (o.Route is { HasRoute: true, Gateway: null, IsLocal: false } && (o.Connect?.Target.Address ?? o.Address) is { } onLink)
        {
            yield return onLink;
        }
    }
}
