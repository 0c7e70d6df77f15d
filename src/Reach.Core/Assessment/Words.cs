using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reach.Core.Assessment;

/// <summary>Words that depend on the address family (IPv4 resolves neighbours with ARP, IPv6 with NDP), and numbers as message arguments.</summary>
internal static class Words
{
    public static string Neighbour(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? "NDP" : "ARP";

    /// <summary>Milliseconds as the reports print them (one decimal), whatever the culture.</summary>
    public static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
