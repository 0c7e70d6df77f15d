using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Reach.Tests.Probes;

/// <summary>
/// A test that sends packets over ::1. Skipped with the reason where this host has no IPv6 loopback
/// (a kernel without IPv6, or `net.ipv6.conf.lo.disable_ipv6=1`); never skipped where
/// REACH_REQUIRE_LAB=1 (CI, whose hosts have ::1), so there a missing IPv6 loopback fails the test
/// rather than hide it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class Ipv6LoopbackFactAttribute : FactAttribute
{
    public Ipv6LoopbackFactAttribute()
    {
        if (!Available && Environment.GetEnvironmentVariable("REACH_REQUIRE_LAB") != "1")
        {
            Skip = "this host has no IPv6 loopback (::1): the kernel lacks IPv6 or lo has it disabled";
        }
    }

    private static bool Available { get; } = Probe();

    // Socket.OSSupportsIPv6 says the kernel has the family; ::1 can still be missing (disable_ipv6 on
    // lo): binding to it is the question the tests ask.
    private static bool Probe()
    {
        if (!Socket.OSSupportsIPv6)
        {
            return false;
        }

        try
        {
            using var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
