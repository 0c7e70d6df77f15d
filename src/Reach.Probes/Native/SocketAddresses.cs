using System.Buffers.Binary;
using System.Net;

namespace Reach.Probes.Native;

/// <summary>The address in a sockaddr_in / sockaddr_in6 as the kernel writes it (ip(7), ipv6(7)).</summary>
internal static class SocketAddresses
{
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;

    /// <summary>The address, with the IPv6 scope id when the structure carries it; null for another family or a short buffer.</summary>
    public static IPAddress? Parse(ReadOnlySpan<byte> sockaddr)
    {
        if (sockaddr.Length < 2)
        {
            return null;
        }

        return BinaryPrimitives.ReadUInt16LittleEndian(sockaddr) switch
        {
            AfInet when sockaddr.Length >= 8 => new IPAddress(sockaddr.Slice(4, 4)),
            AfInet6 when sockaddr.Length >= 28 => new IPAddress(sockaddr.Slice(8, 16), BinaryPrimitives.ReadUInt32LittleEndian(sockaddr[24..])),
            AfInet6 when sockaddr.Length >= 24 => new IPAddress(sockaddr.Slice(8, 16)),
            _ => null,
        };
    }
}
