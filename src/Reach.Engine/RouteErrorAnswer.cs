using System.Net.Sockets;
using Reach.Firewall;

namespace Reach.Engine;

/// <summary>
/// What the kernel sends back for a packet whose route decision failed, as `ip route get ... iif` reports
/// that failure (it runs the same ip_route_input / ip6_route_input and returns the route's error).
/// </summary>
internal static class RouteErrorAnswer
{
    /// <summary>
    /// The ICMP error the client gets, or null when the kernel drops the packet silently.
    /// IPv4 (net/ipv4/route.c): ip_route_input_slow turns every failure into EHOSTUNREACH when forwarding
    /// is off on the input device, and ip_error() then sends nothing; with forwarding on it answers
    /// ENETUNREACH (no route) with net-unreachable, EHOSTUNREACH (an unreachable route) with host-unreachable,
    /// EACCES (a prohibit route) with code 13, and a blackhole (EINVAL) with nothing.
    /// IPv6 (net/ipv6/route.c): no route and unreachable routes go to ip6_pkt_discard (ICMPv6 no-route),
    /// prohibit routes to ip6_pkt_prohibit (admin-prohibited), whatever the forwarding setting; blackhole
    /// routes discard silently.
    /// </summary>
    /// <param name="inputForwarding">net.ipv4.conf.IIF.forwarding; null when it could not be read.</param>
    public static RejectWith? For(string error, AddressFamily family, bool? inputForwarding)
    {
        var blackhole = error.Contains("Invalid argument", StringComparison.Ordinal);
        var prohibit = error.Contains("Permission denied", StringComparison.Ordinal);
        if (family == AddressFamily.InterNetworkV6)
        {
            return blackhole ? null
                : prohibit ? new RejectWith("icmpv6 admin-prohibited", 1, 1, TcpReset: false)
                : new RejectWith("icmpv6 no-route", 1, 0, TcpReset: false);
        }

        if (error.Contains("Network is unreachable", StringComparison.Ordinal))
        {
            // Only with forwarding on: with it off the kernel reports EHOSTUNREACH instead.
            return new RejectWith("icmp net-unreachable", 3, 0, TcpReset: false);
        }

        return inputForwarding != true || blackhole ? null
            : prohibit ? new RejectWith("icmp admin-prohibited", 3, 13, TcpReset: false)
            : error.Contains("No route to host", StringComparison.Ordinal) ? new RejectWith("icmp host-unreachable", 3, 1, TcpReset: false)
            : null;
    }
}
