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
    private const int SolIp = 0;
    private const int IpTtl = 2;
    private const int IpRecvTtl = 12;
    private const int SolIpv6 = 41;
    private const int Ipv6RecvHopLimit = 51;
    private const int Ipv6HopLimit = 52;

    /// <summary>Asks the kernel to hand over the received TTL (IPv4) or hop limit (IPv6) with every datagram.</summary>
    public static void EnableHopLimit(Socket socket)
    {
        var on = BitConverter.GetBytes(1);
        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.SetRawSocketOption(SolIpv6, Ipv6RecvHopLimit, on);
        }
        else
        {
            socket.SetRawSocketOption(SolIp, IpRecvTtl, on);
        }
    }

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
    public static unsafe Datagram? TryReceive(Socket socket, byte[] buffer)
    {
        var control = stackalloc byte[256];
        var name = stackalloc byte[128];
        fixed (byte* data = buffer)
        {
            var iov = new LibC.IoVec { Base = (nint)data, Length = (nuint)buffer.Length };
            var msg = new LibC.MsgHdr
            {
                Name = (nint)name,
                NameLength = 128,
                Iov = (nint)(&iov),
                IovLength = 1,
                Control = (nint)control,
                ControlLength = 256,
            };
            var n = LibC.RecvMsg(socket.Handle, &msg, LibC.MsgDontWait);
            if (n < 0)
            {
                return null;
            }

            var from = Sockaddr(new ReadOnlySpan<byte>(name, (int)msg.NameLength)) ?? IPAddress.None;
            var hops = ParseHopLimit(new ReadOnlySpan<byte>(control, (int)msg.ControlLength));
            return new Datagram((int)n, from, hops, (msg.Flags & LibC.MsgTrunc) != 0);
        }
    }

    internal static IPAddress? Sockaddr(ReadOnlySpan<byte> name)
    {
        if (name.Length < 2)
        {
            return null;
        }

        return BinaryPrimitives.ReadUInt16LittleEndian(name) switch
        {
            2 when name.Length >= 8 => new IPAddress(name.Slice(4, 4)),
            10 when name.Length >= 28 => new IPAddress(name.Slice(8, 16), BinaryPrimitives.ReadUInt32LittleEndian(name[24..])),
            _ => null,
        };
    }

    /// <summary>The IP_TTL or IPV6_HOPLIMIT cmsg (an int) in a control buffer, walked as cmsg(3) lays it out.</summary>
    internal static int? ParseHopLimit(ReadOnlySpan<byte> control)
    {
        var word = IntPtr.Size;
        var header = word + 8;
        var offset = 0;
        while (offset + header <= control.Length)
        {
            var length = word == 8 ? (int)BinaryPrimitives.ReadUInt64LittleEndian(control[offset..]) : (int)BinaryPrimitives.ReadUInt32LittleEndian(control[offset..]);
            var level = BinaryPrimitives.ReadInt32LittleEndian(control[(offset + word)..]);
            var type = BinaryPrimitives.ReadInt32LittleEndian(control[(offset + word + 4)..]);
            if (length < header || offset + length > control.Length)
            {
                break;
            }

            if (length >= header + 4 && ((level == SolIp && type == IpTtl) || (level == SolIpv6 && type == Ipv6HopLimit)))
            {
                return BinaryPrimitives.ReadInt32LittleEndian(control[(offset + header)..]);
            }

            offset += (length + word - 1) & ~(word - 1);
        }

        return null;
    }
}
