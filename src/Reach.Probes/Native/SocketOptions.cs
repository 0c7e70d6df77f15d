using System.Net.Sockets;

namespace Reach.Probes.Native;

/// <summary>Socket options .NET has no name for, set through SetRawSocketOption.</summary>
internal static class SocketOptions
{
    public const int SolIp = 0;
    public const int SolIpv6 = 41;

    /// <summary>
    /// Turns on an int option at the IP or IPv6 level, whichever the socket's family is: the two families
    /// name the same feature with different numbers (IP_RECVERR 11 / IPV6_RECVERR 25, ip(7), ipv6(7)).
    /// </summary>
    public static void Enable(Socket socket, int ipv4Option, int ipv6Option)
    {
        var on = BitConverter.GetBytes(1);
        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.SetRawSocketOption(SolIpv6, ipv6Option, on);
        }
        else
        {
            socket.SetRawSocketOption(SolIp, ipv4Option, on);
        }
    }
}
