using System.Net;
using System.Net.Sockets;

namespace Reach.Core.Observations;

/// <summary>Questions several checks ask of the interface list and routing table, answered once.</summary>
public static class InterfaceQueries
{
    /// <summary>This host's global-scope addresses of a family on non-loopback interfaces, with the interface that holds each.</summary>
    public static IEnumerable<(NetInterface Interface, IPAddress Address)> GlobalAddresses(this IEnumerable<NetInterface> interfaces, AddressFamily family) =>
        interfaces.Where(i => !i.IsLoopback)
            .SelectMany(i => i.Addresses.Where(a => a.Family == family && a.Scope == "global").Select(a => (i, a.Address)));

    /// <summary>Whether an address is one of this host's own.</summary>
    public static bool Own(this IEnumerable<NetInterface> interfaces, IPAddress address) =>
        interfaces.Any(i => i.Addresses.Any(a => a.Address.Equals(address)));

    /// <summary>Whether an address lies on a subnet of this host (of one interface, when named): reachable without a gateway.</summary>
    public static bool OnSubnet(this IEnumerable<NetInterface> interfaces, IPAddress address, string? device = null) =>
        interfaces.Any(i => (device is null || i.Name == device) && i.Addresses.Any(a => a.Family == address.AddressFamily && a.Contains(address)));

    /// <summary>The main table's default route for a family.</summary>
    public static RouteEntry? DefaultRoute(this IEnumerable<RouteEntry> routes, AddressFamily family) =>
        routes.FirstOrDefault(r => r.IsDefault && r.Table == "main" && r.Gateway?.AddressFamily == family);
}
