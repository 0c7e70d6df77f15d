using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;
using Reach.Firewall;
using Reach.Readers;

namespace Reach.Engine;

/// <summary>Gathers what `reach local` judges: the sockets on the port and the firewall's fate for the client's packet.</summary>
internal sealed class LocalChecker(SystemReader reader)
{
    // RFC 5737 / RFC 3849 documentation addresses: an off-host source that no rule names by accident.
    private static readonly IPAddress AnyClient4 = IPAddress.Parse("203.0.113.10");
    private static readonly IPAddress AnyClient6 = IPAddress.Parse("2001:db8::10");

    public async Task<LocalObservations> ObserveAsync(int port, string protocol, IPAddress? from, CancellationToken cancellationToken)
    {
        var overflowsBefore = reader.ListenOverflows();
        var interfacesTask = reader.InterfacesAsync(cancellationToken);
        var listenersTask = reader.ListenersAsync(cancellationToken);
        var interfaces = await interfacesTask.ConfigureAwait(false);
        var family = from?.AddressFamily ?? AddressFamily.InterNetwork;

        // Where the client's packet arrives: the route back to the client names the interface and our
        // address on it; without a client, this host's first global address of the family.
        IPAddress? local = null;
        string? inInterface = null;
        if (from is not null)
        {
            var route = await reader.RouteGetAsync(from, cancellationToken).ConfigureAwait(false);
            local = route.PreferredSource;
            inInterface = route.Device;
        }

        if (local is null)
        {
            var primary = interfaces.Where(i => i.AdminUp).GlobalAddresses(family).FirstOrDefault();
            local = primary.Address ?? (family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback);
            inInterface ??= primary.Interface?.Name ?? "lo";
        }

        var client = from ?? (family == AddressFamily.InterNetworkV6 ? AnyClient6 : AnyClient4);
        var packet = (protocol == "udp" ? Packet.Udp(client, local, port, TrafficDirection.Input, 40000) : Packet.Tcp(client, local, port, TrafficDirection.Input, 40000)) with
        {
            InInterface = inInterface,
            LocalAddresses = FirewallTracer.LocalAddresses(interfaces),
        };
        var firewall = await FirewallTracer.TraceAsync(reader, packet, cancellationToken).ConfigureAwait(false);
        var listeners = (await listenersTask.ConfigureAwait(false)).Where(l => l.Port == port && l.Protocol == protocol).ToList();
        return new LocalObservations(port, protocol, client, from is not null, local, inInterface, listeners, overflowsBefore, firewall)
        {
            ListenOverflowsAfter = reader.ListenOverflows(),
        };
    }
}
