using System.Net;
using System.Net.Sockets;

namespace Reach.Core.Assessment;

/// <summary>Words that depend on the address family: IPv4 resolves neighbours with ARP, IPv6 with NDP.</summary>
internal static class Words
{
    public static string Neighbour(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? "NDP" : "ARP";
}
