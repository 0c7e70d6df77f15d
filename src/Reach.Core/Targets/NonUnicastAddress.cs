using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;

using Reach.Core.Text;

namespace Reach.Core.Targets;

/// <summary>
/// Addresses that name no single host, so a TCP connection to them cannot be diagnosed: the kernel
/// refuses or redirects them before any packet leaves (tcp_v4_connect and tcp_v6_connect answer
/// ENETUNREACH for multicast and broadcast routes; a connect to 0.0.0.0 or :: goes to this host's
/// loopback, ip_route_output_key_hash_rcu / tcp_v6_connect). Refused as bad input, exit 2.
/// </summary>
public static class NonUnicastAddress
{
    private static readonly IPAddress LimitedBroadcast = IPAddress.Broadcast;

    /// <summary>
/// Why <paramref name="address"/> cannot be one peer of a TCP connection whatever the host's interfaces, or
/// null when it can. The reason says what the address is; the caller says what to give instead.
/// </summary>
    public static Message? Refusal(IPAddress address)
    {
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var first = a.GetAddressBytes()[0];
            if (a.Equals(IPAddress.Any))
            {
                return Message.Of("error.address.unspecified", ("address", a.ToString()));
            }

            if (a.Equals(LimitedBroadcast))
            {
                return Message.Of("error.address.limited-broadcast", ("address", a.ToString()));
            }

            if (first is >= 224 and <= 239)
            {
                return Message.Of("error.address.multicast", ("address", a.ToString()), ("range", "224.0.0.0/4"));
            }
        }
        else if (a.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (a.Equals(IPAddress.IPv6Any))
            {
                return Message.Of("error.address.unspecified", ("address", a.ToString()));
            }

            if (a.IsIPv6Multicast)
            {
                return Message.Of("error.address.multicast", ("address", a.ToString()), ("range", "ff00::/8"));
            }
        }

        return null;
    }

    /// <summary>
    /// Why <paramref name="address"/> is the directed broadcast of one of this host's own IPv4 subnets, or
    /// null. The kernel installs a broadcast route for the all-ones host part of every address with a
    /// prefix shorter than /31 (fib_add_ifaddr in net/ipv4/fib_frontend.c; /31 has none, RFC 3021), and
    /// tcp_v4_connect refuses a broadcast route with ENETUNREACH. A broadcast of someone else's subnet
    /// looks like any unicast address from here and is not refused.
    /// </summary>
    public static Message? DirectedBroadcastRefusal(IPAddress address, IEnumerable<NetInterface> interfaces)
    {
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (a.AddressFamily != AddressFamily.InterNetwork)
        {
            return null;
        }

        foreach (var i in interfaces)
        {
            foreach (var own in i.Addresses)
            {
                if (own.Family == AddressFamily.InterNetwork && own.PrefixLength < 31 && a.Equals(BroadcastOf(own)))
                {
                    return Message.Of("error.address.directed-broadcast", ("address", a.ToString()), ("interface", i.Name), ("subnet", own.Subnet.ToString()));
                }
            }
        }

        return null;
    }

    private static IPAddress BroadcastOf(InterfaceAddress own)
    {
        var bytes = own.Address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(own.PrefixLength - (i * 8), 0, 8);
            bytes[i] |= (byte)(0xFF >> bits);
        }

        return new IPAddress(bytes);
    }
}
