using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;
using Reach.Readers;

namespace Reach.Engine;

/// <summary>
/// Every address of a name, in the order applications try them (getaddrinfo's: RFC 6724 puts IPv6
/// first when this host has a global IPv6 address). The first is the one the verdict is about
/// (ClientChecker probes it in full); this probes the others at the same time, bounded to the first
/// few of each family, so the report can say whether another address or family gets through.
/// </summary>
internal sealed class AddressFanOut(SystemReader reader, ProbeOptions options, ProbeSet probes)
{
    /// <summary>How many addresses of each family are probed: enough for round-robin names, bounded for ICMP budgets.</summary>
    public const int PerFamily = 3;

    /// <summary>The addresses worth probing, in getaddrinfo's order: the first <see cref="PerFamily"/> of each family.</summary>
    public static IReadOnlyList<IPAddress> Pick(IReadOnlyList<IPAddress> ordered)
    {
        var counts = new Dictionary<AddressFamily, int>();
        var picked = new List<IPAddress>();
        foreach (var a in ordered.Distinct())
        {
            var n = counts.GetValueOrDefault(a.AddressFamily);
            if (n < PerFamily)
            {
                counts[a.AddressFamily] = n + 1;
                picked.Add(a);
            }
        }

        return picked;
    }

    /// <summary>Probes <paramref name="others"/> (every address but the first, in order) concurrently.</summary>
    public async Task<IReadOnlyList<AddressOutcome>> ProbeAsync(IReadOnlyList<IPAddress> others, int port, CancellationToken cancellationToken) =>
        await Task.WhenAll(others.Select((a, i) => ProbeOneAsync(i + 1, a, port, cancellationToken))).ConfigureAwait(false);

    private async Task<AddressOutcome> ProbeOneAsync(int order, IPAddress address, int port, CancellationToken cancellationToken)
    {
        var route = await reader.RouteGetAsync(address, new RouteFlow("tcp", port), cancellationToken).ConfigureAwait(false);
        if (!route.HasRoute)
        {
            return new AddressOutcome(order, address, route, null, null);
        }

        // No path MTU probe for these (null MTU): the verdict's address gets that; the others only need an answer.
        var probed = await new TargetProber(probes.Packets, options, probes.Time).ProbeAsync(new IPEndPoint(address, port), null, null, cancellationToken).ConfigureAwait(false);
        return new AddressOutcome(order, address, route, probed.Connect, probed.Ping);
    }
}
