using System.Net;
using System.Net.Sockets;
using Reach.Core.Decisions;
using Reach.Core.Observations;
using Reach.Firewall;
using Reach.Readers;

namespace Reach.Engine.Checking;

/// <summary>
/// Phase 5: what explains an unanswered or refused SYN, read only when there is one to explain: this
/// host's own OUTPUT rules, the kernel's neighbour entry for an on-link target (and the neighbour table when
/// another host answers for an address of the LAN), the neighbour tables' overflow count, and the counters
/// that moved during the run.
/// </summary>
internal sealed class ExplanationPhase(SystemReader reader, IProbes packets)
{
    public async Task<Explanation> ExplainAsync(SystemView system, TargetView reached, AddressClaims? claims, CancellationToken cancellationToken)
    {
        var route = reached.Route?.Route;

        // An unanswered, locally refused or reset SYN may be this host's own doing: trace it through its OUTPUT path.
        var connect = reached.Probed?.Connect;
        FirewallObservation? localFirewall = null;
        if (connect is not null && SynPlan.MayNotHaveLeft(connect, system.Interfaces.Own) && route?.Device is { } device
            && RoutePhase.SourceOf(route, connect.Target.Address, system.Interfaces) is { } source)
        {
            var to = connect.Target;
            var firewall = await new FirewallReader(reader.Source).ReadAsync(cancellationToken).ConfigureAwait(false);
            localFirewall = FirewallTracer.Trace(firewall, Packet.Tcp(source, to.Address, to.Port, TrafficDirection.Output, 40000) with
            {
                OutInterface = device,
                LocalAddresses = FirewallTracer.LocalAddresses(system.Interfaces),
            });
        }

        // For an on-link target the ARP entry is the proof of life (or of death) the kernel keeps.
        Neighbour? targetNeighbour = null;
        IReadOnlyList<Neighbour> lan = [];
        if (route is { HasRoute: true, Gateway: null, IsLocal: false } && connect is { Result: not TcpResult.Open })
        {
            targetNeighbour = await reader.NeighbourAsync(connect.Target.Address, cancellationToken).ConfigureAwait(false);

            // The hosts that do answer on that link tell where the LAN ends (interface.wrong-prefix).
            lan = await reader.NeighboursAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (claims is not null && claims.Claims.Any(c => c.Owners.Count > 1 || (c.Owners.Count > 0 && system.Interfaces.Own(c.Address))))
        {
            // Another host answers for the gateway's address (a second MAC: the gateway itself always answers) or
            // for ours: the table says whose MACs those are otherwise. A healthy run reads nothing here.
            lan = await reader.NeighboursAsync(cancellationToken).ConfigureAwait(false);
        }

        // A connection that did not get through, on a host whose neighbour table has refused entries since boot
        // and is nearly full now: does it refuse them now? This host asks for the neighbours the run needed once more and reads the
        // kernel's count again; a count that rises as it asks is the table refusing it. Which of those hosts
        // (gateway, nameserver, on-link target) it holds no entry for is then the neighbour table's to say. A
        // healthy run reads no table; a failed one whose table is far from full reads it once.
        IReadOnlyList<NeighbourTable> tablesBefore = [];
        IReadOnlyList<NeighbourTable> tablesAfter = [];
        if (connect is not { Result: TcpResult.Open })
        {
            var first = await reader.NeighbourTablesAsync(cancellationToken).ConfigureAwait(false);
            if (first.Any(t => t.NearlyFull))
            {
                // The entries this host holds as the run failed, read before asking again: an answer to the ask
                // may win a slot in the table and hide the entry the run lacked.
                if (lan.Count == 0)
                {
                    lan = await reader.NeighboursAsync(cancellationToken).ConfigureAwait(false);
                }

                await Task.WhenAll(Needed(system, route, connect).Select(n => packets.PingAsync(n, ProbeTiming.MinSilenceWait, cancellationToken))).ConfigureAwait(false);
                tablesBefore = first;
                tablesAfter = await reader.NeighbourTablesAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // Counters are judged by what moved during this run: a host that once counted errors must not warn for ever.
        var after = await reader.InterfacesAsync(cancellationToken).ConfigureAwait(false);
        return new Explanation(localFirewall, targetNeighbour, after) { LanNeighbours = lan, NeighbourTablesBefore = tablesBefore, NeighbourTablesAfter = tablesAfter };
    }

    /// <summary>The neighbours the run needed on its links, asked again: the route's gateway (or the default route's), an on-link target, the nameservers (at most four in all).</summary>
    private static IEnumerable<IPAddress> Needed(SystemView system, RouteDecision? route, TcpOutcome? connect)
    {
        var family = connect?.Target.AddressFamily ?? AddressFamily.InterNetwork;
        IPAddress?[] asked =
        [
            route?.Gateway,
            system.Routes.DefaultRoute(family)?.Gateway,
            route is { HasRoute: true, Gateway: null, IsLocal: false } ? connect?.Target.Address : null,
            .. system.Resolver.Nameservers,
        ];
        return asked.OfType<IPAddress>().Where(a => !IPAddress.IsLoopback(a)).Distinct().Take(4);
    }
}
