using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Reach.Core.Observations;
using Reach.Probes.Native;

namespace Reach.Probes;

/// <summary>
/// An AF_PACKET SOCK_DGRAM socket bound to one interface and to ARP (packet(7)): it sees that link's ARP
/// frames only, both ways, and sends ARP payloads to the Ethernet broadcast address as arping does. The
/// kernel adds and strips the Ethernet header. Needs CAP_NET_RAW.
/// </summary>
internal sealed unsafe class ArpSocket : IDisposable
{
    private readonly FileDescriptor socket;
    private readonly int ifindex;

    private ArpSocket(FileDescriptor socket, int ifindex)
    {
        this.socket = socket;
        this.ifindex = ifindex;
    }

    /// <summary>The socket, or why there is none: <see cref="NeighbourResult.NotPermitted"/> without CAP_NET_RAW, else <see cref="NeighbourResult.LocalError"/>.</summary>
    public static ArpSocket? Open(string name, int ifindex, out NeighbourResult failure, out string? detail)
    {
        failure = NeighbourResult.Answered;
        detail = null;
        var fd = LibC.Socket(LibC.AfPacket, LibC.SockDgram | LibC.SockCloexec, BinaryPrimitives.ReverseEndianness(ArpMessage.EtherTypeArp));
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            (failure, detail) = errno is LibC.EPerm or LibC.EAcces
                ? (NeighbourResult.NotPermitted, "an ARP request on a packet socket needs root (CAP_NET_RAW)")
                : (NeighbourResult.LocalError, $"packet socket: {LibC.Describe(errno)}");
            return null;
        }

        var socket = new FileDescriptor(fd);
        int bound;
        fixed (byte* address = Address(ifindex, broadcast: false))
        {
            bound = LibC.Bind(fd, address, 20);
        }

        if (bound < 0)
        {
            (failure, detail) = (NeighbourResult.LocalError, $"bind to {name}: {LibC.Describe(Marshal.GetLastPInvokeError())}");
            socket.Dispose();
            return null;
        }

        return new ArpSocket(socket, ifindex);
    }

    /// <summary>Sends one ARP payload to the Ethernet broadcast address; the errno's words when it could not (ENETDOWN: the link is down).</summary>
    public string? Broadcast(byte[] payload)
    {
        fixed (byte* address = Address(ifindex, broadcast: true))
        fixed (byte* data = payload)
        {
            return LibC.SendTo(socket.Fd, data, (nuint)payload.Length, 0, address, 20) < 0 ? LibC.Describe(Marshal.GetLastPInvokeError()) : null;
        }
    }

    /// <summary>Waits up to <paramref name="waitMs"/> for a frame; then every frame already there, each handed to <paramref name="frame"/> until it returns true.</summary>
    public bool Receive(int waitMs, Func<ReadOnlySpan<byte>, bool> frame)
    {
        var pollFd = new LibC.PollFd { Fd = socket.Fd, Events = LibC.PollIn };
        if (LibC.Poll(&pollFd, 1, Math.Max(waitMs, 0)) <= 0)
        {
            return false;
        }

        var buffer = stackalloc byte[1500];
        while (LibC.Recv(socket.Fd, buffer, 1500, LibC.MsgDontWait) is var n && n > 0)
        {
            if (frame(new ReadOnlySpan<byte>(buffer, (int)n)))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => socket.Dispose();

    /// <summary>
    /// sockaddr_ll (packet(7)): family, protocol (network order), ifindex, hatype, pkttype, halen, addr[8];
    /// the broadcast form carries ff:ff:ff:ff:ff:ff.
    /// </summary>
    private static byte[] Address(int ifindex, bool broadcast)
    {
        var address = new byte[20];
        var span = address.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(span, LibC.AfPacket);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], ArpMessage.EtherTypeArp);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], ifindex);
        if (broadcast)
        {
            span[11] = 6;
            span.Slice(12, 6).Fill(0xff);
        }

        return address;
    }
}
