using System.Net;
using System.Net.NetworkInformation;

namespace Reach.Probes;

/// <summary>Neighbor Solicitation and Advertisement (RFC 4861 §4.3, §4.4), as a raw ICMPv6 socket carries them.</summary>
internal static class NdpMessage
{
    private const byte Solicitation = 135;
    private const byte Advertisement = 136;
    private const byte SourceLinkLayer = 1;
    private const byte TargetLinkLayer = 2;

    /// <summary>The solicited-node multicast address of a target (RFC 4291 §2.7.1): ff02::1:ff00:0/104 plus its low 24 bits.</summary>
    public static IPAddress SolicitedNode(IPAddress target, long scopeId)
    {
        var bytes = new byte[16];
        bytes[0] = 0xff;
        bytes[1] = 0x02;
        bytes[11] = 0x01;
        bytes[12] = 0xff;
        target.GetAddressBytes().AsSpan(13, 3).CopyTo(bytes.AsSpan(13));
        return new IPAddress(bytes, scopeId);
    }

    /// <summary>
    /// A solicitation with our link-layer address as option (a multicast NS must carry it when the source is
    /// not unspecified, §4.3), so the target can answer at once. The kernel fills in the checksum (RFC 3542 §3.1).
    /// </summary>
    public static byte[] Solicit(IPAddress target, ReadOnlySpan<byte> ourMac)
    {
        var p = new byte[8 + 16 + 8];
        p[0] = Solicitation;
        target.GetAddressBytes().CopyTo(p, 8);
        p[24] = SourceLinkLayer;
        p[25] = 1; // in units of 8 bytes
        ourMac.CopyTo(p.AsSpan(26));
        return p;
    }

    /// <summary>
    /// The target's link-layer address when <paramref name="packet"/> is an advertisement for <paramref name="target"/>
    /// that a node on the link sent (hop limit 255, §7.1.2: a routed packet cannot have it); an empty address
    /// when it carries no target link-layer option; null when it is not that.
    /// </summary>
    public static PhysicalAddress? AdvertisementFor(ReadOnlySpan<byte> packet, IPAddress target, int? hopLimit)
    {
        if (packet.Length < 24 || packet[0] != Advertisement || packet[1] != 0 || hopLimit is not 255
            || !packet.Slice(8, 16).SequenceEqual(target.GetAddressBytes()))
        {
            return null;
        }

        for (var offset = 24; offset + 8 <= packet.Length;)
        {
            var length = packet[offset + 1] * 8;
            if (length == 0 || offset + length > packet.Length)
            {
                break;
            }

            if (packet[offset] == TargetLinkLayer && length >= 8)
            {
                return new PhysicalAddress(packet.Slice(offset + 2, 6).ToArray());
            }

            offset += length;
        }

        return PhysicalAddress.None;
    }
}
