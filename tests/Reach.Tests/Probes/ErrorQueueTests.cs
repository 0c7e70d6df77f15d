using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;
using Reach.Probes.Native;
using Xunit;

namespace Reach.Tests.Probes;

/// <summary>
/// recvmsg(MSG_ERRQUEUE) on a real socket (ip(7) IP_RECVERR, ipv6(7) IPV6_RECVERR): a UDP datagram to a
/// closed port on loopback brings back the kernel's own ICMP port unreachable, without root and without
/// the ICMP rate limit (loopback is exempt), through the same recvmsg call and cmsg walk as the probes.
/// </summary>
public sealed class ErrorQueueTests
{
    private const int IpRecvTtl = 12;
    private const int Ipv6RecvHopLimit = 51;

    private static async Task<IcmpReport?> SendToClosedPortAsync(IPAddress loopback, bool alsoAskForHopLimit)
    {
        // A port that was just free: bound, noted, closed. Nothing listens on it while the test runs.
        int port;
        using (var probe = new Socket(loopback.AddressFamily, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        using var socket = new Socket(loopback.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        ErrorQueue.Enable(socket);
        if (alsoAskForHopLimit)
        {
            // The kernel then puts an IP_TTL / IPV6_HOPLIMIT item before the error one: the walk must step over it.
            SocketOptions.Enable(socket, IpRecvTtl, Ipv6RecvHopLimit);
        }

        socket.Connect(new IPEndPoint(loopback, port));
        socket.Send([1, 2, 3]);
        for (var i = 0; i < 200; i++)
        {
            if (ErrorQueue.Drain(socket) is { } report)
            {
                return report;
            }

            await Task.Delay(10);
        }

        return null;
    }

    [Fact]
    public async Task Icmp_port_unreachable_names_its_sender()
    {
        var report = await SendToClosedPortAsync(IPAddress.Loopback, alsoAskForHopLimit: false);

        Assert.NotNull(report);
        Assert.Equal(IPAddress.Loopback, report.Sender);
        Assert.True(report.IsPortUnreachable);
    }

    [Ipv6LoopbackFact]
    public async Task Icmpv6_port_unreachable_is_read_from_ipv6_recverr()
    {
        var report = await SendToClosedPortAsync(IPAddress.IPv6Loopback, alsoAskForHopLimit: false);

        Assert.NotNull(report);
        Assert.Equal(IPAddress.IPv6Loopback, report.Sender);
        Assert.True(report.IsPortUnreachable);
    }

    [Fact]
    public async Task Other_control_messages_before_the_error_are_skipped()
    {
        var report = await SendToClosedPortAsync(IPAddress.Loopback, alsoAskForHopLimit: true);

        Assert.NotNull(report);
        Assert.True(report.IsPortUnreachable);
    }

    [Fact]
    public void An_empty_queue_is_no_report()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        ErrorQueue.Enable(socket);

        Assert.Null(ErrorQueue.Drain(socket));
    }
}
