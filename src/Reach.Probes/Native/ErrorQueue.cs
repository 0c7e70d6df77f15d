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
    private const int IpRecvErr = 11;
    private const int Ipv6RecvErr = 25;
    private const byte OriginIcmp = 2;
    private const byte OriginIcmp6 = 3;

    /// <summary>Asks the kernel to queue ICMP errors for this socket.</summary>
    public static void Enable(Socket socket) => SocketOptions.Enable(socket, IpRecvErr, Ipv6RecvErr);

    /// <summary>Drains the queue and returns the last ICMP error in it, or null when there is none.</summary>
    public static IcmpReport? Drain(Socket socket)
    {
        IcmpReport? last = null;
        Span<byte> data = stackalloc byte[64];
        Span<byte> control = stackalloc byte[512];
        Span<byte> name = stackalloc byte[128];
        for (var i = 0; i < 16; i++)
        {
            if (ReceivedMessage.Receive(socket, data, name, control, LibC.MsgErrQueue | LibC.MsgDontWait) is not { } message)
            {
                break;
            }

            last = Parse(control[..message.ControlLength]) ?? last;
        }

        return last;
    }

    /// <summary>The first IP_RECVERR / IPV6_RECVERR item of a control buffer that an ICMP message caused.</summary>
    internal static IcmpReport? Parse(ReadOnlySpan<byte> control)
    {
        foreach (var item in new ControlMessages(control))
        {
            if (((item.Level == SocketOptions.SolIp && item.Type == IpRecvErr) || (item.Level == SocketOptions.SolIpv6 && item.Type == Ipv6RecvErr))
                && ParseExtendedError(item.Data) is { } report)
            {
                return report;
            }
        }

        return null;
    }

    // struct sock_extended_err { u32 ee_errno; u8 ee_origin, ee_type, ee_code, ee_pad; u32 ee_info, ee_data; }
    // followed by the offender's sockaddr_in or sockaddr_in6 (SO_EE_OFFENDER).
    private static IcmpReport? ParseExtendedError(ReadOnlySpan<byte> data)
    {
        if (data.Length < 16 + 8 || data[4] is not (OriginIcmp or OriginIcmp6))
        {
            return null;
        }

        return SocketAddresses.Parse(data[16..]) is { } sender ? new IcmpReport(sender, data[5], data[6]) : null;
    }
}
