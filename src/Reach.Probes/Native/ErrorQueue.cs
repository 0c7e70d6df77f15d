using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;

namespace Reach.Probes.Native;

/// <summary>
/// Reads the socket error queue that IP_RECVERR / IPV6_RECVERR fill (ip(7), ipv6(7)): for each ICMP
/// error about our packets, a <c>sock_extended_err</c> with the ICMP type and code, followed by the
/// address of the node that sent it (SO_EE_OFFENDER). This is what tells an RST from an ICMP reject
/// and names the router that sent it, without root.
/// </summary>
internal static class ErrorQueue
{
    private const int SolIp = 0;
    private const int IpRecvErr = 11;
    private const int SolIpv6 = 41;
    private const int Ipv6RecvErr = 25;
    private const byte OriginIcmp = 2;
    private const byte OriginIcmp6 = 3;

    /// <summary>Asks the kernel to queue ICMP errors for this socket.</summary>
    public static void Enable(Socket socket)
    {
        var on = BitConverter.GetBytes(1);
        if (socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.SetRawSocketOption(SolIpv6, Ipv6RecvErr, on);
        }
        else
        {
            socket.SetRawSocketOption(SolIp, IpRecvErr, on);
        }
    }

    /// <summary>Drains the queue and returns the last ICMP error in it, or null when there is none.</summary>
    public static unsafe IcmpReport? Drain(Socket socket)
    {
        IcmpReport? last = null;
        var data = stackalloc byte[64];
        var control = stackalloc byte[512];
        var name = stackalloc byte[128];
        for (var i = 0; i < 16; i++)
        {
            var iov = new LibC.IoVec { Base = (nint)data, Length = 64 };
            var msg = new LibC.MsgHdr
            {
                Name = (nint)name,
                NameLength = 128,
                Iov = (nint)(&iov),
                IovLength = 1,
                Control = (nint)control,
                ControlLength = 512,
            };
            var n = LibC.RecvMsg(socket.Handle, &msg, LibC.MsgErrQueue | LibC.MsgDontWait);
            if (n < 0)
            {
                break;
            }

            last = Parse(new ReadOnlySpan<byte>(control, (int)msg.ControlLength)) ?? last;
        }

        return last;
    }

    /// <summary>
    /// Walks the cmsg list (cmsg(3)): cmsg_len is a size_t, so headers are 16 bytes with data aligned to 8
    /// on 64-bit Linux, and 12 bytes aligned to 4 on 32-bit.
    /// </summary>
    internal static IcmpReport? Parse(ReadOnlySpan<byte> control)
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

            if ((level == SolIp && type == IpRecvErr) || (level == SolIpv6 && type == Ipv6RecvErr))
            {
                var report = ParseExtendedError(control.Slice(offset + header, length - header));
                if (report is not null)
                {
                    return report;
                }
            }

            offset += (length + word - 1) & ~(word - 1);
        }

        return null;
    }

    // struct sock_extended_err { u32 ee_errno; u8 ee_origin, ee_type, ee_code, ee_pad; u32 ee_info, ee_data; }
    // followed by the offender's sockaddr_in or sockaddr_in6.
    private static IcmpReport? ParseExtendedError(ReadOnlySpan<byte> data)
    {
        if (data.Length < 16 + 8)
        {
            return null;
        }

        var origin = data[4];
        if (origin is not (OriginIcmp or OriginIcmp6))
        {
            return null;
        }

        var offender = data[16..];
        var family = BinaryPrimitives.ReadUInt16LittleEndian(offender);
        IPAddress? sender = family switch
        {
            2 when offender.Length >= 8 => new IPAddress(offender.Slice(4, 4)),
            10 when offender.Length >= 24 => new IPAddress(offender.Slice(8, 16)),
            _ => null,
        };
        return sender is null ? null : new IcmpReport(sender, data[5], data[6]);
    }
}
