using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Reach.Probes.Native;

/// <summary>
/// One datagram read with recvmsg(2), with what the kernel tells beside it: the sender, and the TTL or hop
/// limit the packet arrived with (IP_RECVTTL / IPV6_RECVHOPLIMIT, ip(7), ipv6(7), RFC 3542 §6.3). .NET's
/// ReceiveMessageFrom gives only IP_PKTINFO, so this is the P/Invoke path for the hop limit.
/// </summary>
internal readonly record struct Datagram(int Length, IPAddress From, int? HopLimit, bool Truncated)
{
    private const int IpTtl = 2;
    private const int IpRecvTtl = 12;
    private const int Ipv6RecvHopLimit = 51;
    private const int Ipv6HopLimit = 52;

    /// <summary>Asks the kernel to hand over the received TTL (IPv4) or hop limit (IPv6) with every datagram.</summary>
    public static void EnableHopLimit(Socket socket) => SocketOptions.Enable(socket, IpRecvTtl, Ipv6RecvHopLimit);

    /// <summary>
    /// Waits for the next datagram and reads it. Readiness comes from a 1-byte MSG_PEEK through .NET's own
    /// async machinery (epoll), then recvmsg with MSG_DONTWAIT takes the datagram with its ancillary data.
    /// </summary>
    public static async ValueTask<Datagram> ReceiveAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var peek = new byte[1];
        while (true)
        {
            try
            {
                await socket.ReceiveAsync(peek, SocketFlags.Peek, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
            {
                // A datagram longer than the peek buffer: it is there, which is all the peek asks.
            }

            if (TryReceive(socket, buffer) is { } datagram)
            {
                return datagram;
            }
        }
    }

    /// <summary>Reads one queued datagram without waiting, or null when none is queued.</summary>
    public static Datagram? TryReceive(Socket socket, byte[] buffer)
    {
        Span<byte> control = stackalloc byte[256];
        Span<byte> name = stackalloc byte[128];
        if (ReceivedMessage.Receive(socket, buffer, name, control, LibC.MsgDontWait) is not { } message)
        {
            return null;
        }

        var from = SocketAddresses.Parse(name[..message.NameLength]) ?? IPAddress.None;
        return new Datagram(message.Length, from, ParseHopLimit(control[..message.ControlLength]), message.Truncated);
    }

    /// <summary>The IP_TTL or IPV6_HOPLIMIT item (an int) of a control buffer.</summary>
    internal static int? ParseHopLimit(ReadOnlySpan<byte> control)
    {
        foreach (var item in new ControlMessages(control))
        {
            if (item.Data.Length >= 4 && ((item.Level == SocketOptions.SolIp && item.Type == IpTtl) || (item.Level == SocketOptions.SolIpv6 && item.Type == Ipv6HopLimit)))
            {
                return BinaryPrimitives.ReadInt32LittleEndian(item.Data);
            }
        }

        return null;
    }
}
