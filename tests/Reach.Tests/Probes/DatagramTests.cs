using System.Net;
using System.Net.Sockets;
using Reach.Probes.Native;
using Xunit;

namespace Reach.Tests.Probes;

/// <summary>
/// recvmsg(2) with IP_RECVTTL / IPV6_RECVHOPLIMIT on a real socket: UDP on loopback needs no root and goes
/// through the same call and cmsg walk as the raw sockets of the probes.
/// </summary>
public sealed class DatagramTests
{
    private static async Task<Datagram> SendWithTtlAsync(IPAddress loopback, int ttl)
    {
        using var receiver = new Socket(loopback.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(loopback, 0));
        Datagram.EnableHopLimit(receiver);
        using var sender = new Socket(loopback.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        sender.SetSocketOption(loopback.AddressFamily == AddressFamily.InterNetworkV6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP, SocketOptionName.IpTimeToLive, ttl);
        sender.Bind(new IPEndPoint(loopback, 0));
        await sender.SendToAsync(new byte[] { 1, 2, 3 }, receiver.LocalEndPoint!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await Datagram.ReceiveAsync(receiver, new byte[64], timeout.Token);
    }

    [Fact]
    public async Task The_ttl_a_datagram_was_sent_with_comes_back_as_ancillary_data()
    {
        var datagram = await SendWithTtlAsync(IPAddress.Loopback, 17);

        Assert.Equal(17, datagram.HopLimit);
        Assert.Equal(3, datagram.Length);
        Assert.Equal(IPAddress.Loopback, datagram.From);
    }

    [Ipv6LoopbackFact]
    public async Task The_ipv6_hop_limit_comes_back_as_ancillary_data()
    {
        var datagram = await SendWithTtlAsync(IPAddress.IPv6Loopback, 23);

        Assert.Equal(23, datagram.HopLimit);
        Assert.Equal(IPAddress.IPv6Loopback, datagram.From);
    }
}
