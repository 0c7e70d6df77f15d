using System.Net;

namespace Reach.Core.Decisions;

/// <summary>
/// The prefix the LAN really has, as far as the hosts seen on it tell: the longest prefix that holds this
/// host's address, its gateway and every neighbour that answered. A configured prefix shorter than that,
/// with the target outside it, makes an off-LAN target look on-link: the kernel ARPs for it instead of
/// sending it to the gateway.
/// </summary>
public static class LanPrefix
{
    /// <summary>The number of leading bits <paramref name="addresses"/> share (all of one family).</summary>
    public static int CommonLength(IReadOnlyList<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        if (addresses.Count == 0)
        {
            return 0;
        }

        var first = addresses[0].GetAddressBytes();
        var length = first.Length * 8;
        foreach (var other in addresses.Skip(1).Select(a => a.GetAddressBytes()))
        {
            if (other.Length != first.Length)
            {
                return 0;
            }

            for (var bit = 0; bit < length; bit++)
            {
                if (Bit(first, bit) != Bit(other, bit))
                {
                    length = bit;
                    break;
                }
            }
        }

        return length;
    }

    /// <summary>
    /// The prefix to suggest: the shortest octet-aligned one (a /24 rather than a /29) longer than
    /// <paramref name="configured"/> that still holds every host seen and leaves <paramref name="target"/>
    /// outside. Null when no such prefix exists.
    /// </summary>
    public static int? Suggest(IPAddress own, int configured, int common, IPAddress target)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(target);
        if (common <= configured || Inside(own, common, target))
        {
            return null;
        }

        for (var length = ((configured / 8) + 1) * 8; length <= common; length += 8)
        {
            if (!Inside(own, length, target))
            {
                return length;
            }
        }

        // Only an octet-aligned boundary is a LAN anyone configures by mistake this way; the hosts seen
        // sitting in a /29 that happens to leave the target out prove nothing.
        return null;
    }

    /// <summary>Whether <paramref name="other"/> lies in <paramref name="own"/>/<paramref name="length"/>.</summary>
    public static bool Inside(IPAddress own, int length, IPAddress other)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(other);
        var a = own.GetAddressBytes();
        var b = other.GetAddressBytes();
        return a.Length == b.Length && Enumerable.Range(0, length).All(bit => Bit(a, bit) == Bit(b, bit));
    }

    private static int Bit(byte[] bytes, int bit) => (bytes[bit / 8] >> (7 - (bit % 8))) & 1;
}
