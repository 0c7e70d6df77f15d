using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Reach.Firewall;

/// <summary>Addresses and masks as 128-bit numbers, so prefix, mask and range tests are integer compares.</summary>
internal static class AddressBits
{
    public static UInt128 Of(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    public static IPAddress MaskOf(AddressFamily family, int length)
    {
        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        if (length < 0 || length > bits)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"a prefix length is 0 to {bits}");
        }

        var bytes = new byte[bits / 8];
        for (var i = 0; i < length; i++)
        {
            bytes[i / 8] |= (byte)(0x80 >> (i % 8));
        }

        return new IPAddress(bytes);
    }

    /// <summary>The prefix length of a contiguous mask, or null for a mask like 255.0.255.0.</summary>
    public static int? PrefixLength(IPAddress mask)
    {
        var bytes = mask.GetAddressBytes();
        var length = 0;
        var ended = false;
        foreach (var b in bytes)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                var set = (b >> bit & 1) == 1;
                if (set && ended)
                {
                    return null;
                }

                if (set)
                {
                    length++;
                }
                else
                {
                    ended = true;
                }
            }
        }

        return length;
    }
}
