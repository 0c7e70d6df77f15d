using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;

namespace Reach.Probes;

/// <summary>
/// The ARP payload for Ethernet and IPv4 (RFC 826), as an AF_PACKET SOCK_DGRAM socket sends and receives
/// it: the kernel adds and strips the Ethernet header (packet(7)).
/// </summary>
internal static class ArpMessage
{
    public const int Length = 28;
    public const ushort EtherTypeArp = 0x0806;
    private const ushort Request = 1;
    private const ushort Reply = 2;

    /// <summary>A who-has request. A 0.0.0.0 sender is an ARP probe (RFC 5227 §2.1.1): it teaches the target nothing.</summary>
    public static byte[] WhoHas(ReadOnlySpan<byte> ourMac, IPAddress ourAddress, IPAddress target)
    {
        var p = new byte[Length];
        BinaryPrimitives.WriteUInt16BigEndian(p, 1);                // hardware: Ethernet
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), 0x0800); // protocol: IPv4
        p[4] = 6;
        p[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(6), Request);
        ourMac.CopyTo(p.AsSpan(8));
        ourAddress.GetAddressBytes().CopyTo(p, 14);
        target.GetAddressBytes().CopyTo(p, 24);                    // target hardware address stays zero
        return p;
    }

    /// <summary>The sender's MAC when <paramref name="packet"/> is an ARP reply from <paramref name="target"/>, else null.</summary>
    public static PhysicalAddress? ReplyFrom(ReadOnlySpan<byte> packet, IPAddress target)
    {
        if (packet.Length < Length
            || BinaryPrimitives.ReadUInt16BigEndian(packet) != 1
            || BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) != 0x0800
            || packet[4] != 6 || packet[5] != 4
            || BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) != Reply
            || !packet.Slice(14, 4).SequenceEqual(target.GetAddressBytes()))
        {
            return null;
        }

        return new PhysicalAddress(packet.Slice(8, 6).ToArray());
    }

    /// <summary>
    /// The sender (MAC and IPv4 address) of any Ethernet/IPv4 ARP frame, request or reply: a host that owns an
    /// address says so as the sender of its replies and of its own announcements (gratuitous ARP). Null when
    /// <paramref name="packet"/> is not such a frame, or its sender is 0.0.0.0 (a probe claims nothing).
    /// </summary>
    public static (PhysicalAddress Mac, IPAddress Address)? SenderOf(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < Length
            || BinaryPrimitives.ReadUInt16BigEndian(packet) != 1
            || BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) != 0x0800
            || packet[4] != 6 || packet[5] != 4
            || BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) is not (Request or Reply))
        {
            return null;
        }

        var address = new IPAddress(packet.Slice(14, 4));
        return address.Equals(IPAddress.Any) ? null : (new PhysicalAddress(packet.Slice(8, 6).ToArray()), address);
    }
}
