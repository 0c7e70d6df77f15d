using System.Net;
using System.Net.Sockets;

namespace Reach.Firewall;

/// <summary>
/// An address under a mask: a host (full mask), a prefix, or the non-contiguous masks iptables
/// accepts (<c>-s 10.0.0.0/255.0.255.0</c>).
/// </summary>
public sealed record AddressValue : FieldValue
{
    private readonly UInt128 _bits;
    private readonly UInt128 _mask;

    public AddressValue(IPAddress address, IPAddress mask)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(mask);
        if (address.AddressFamily != mask.AddressFamily)
        {
            throw new ArgumentException("The address and the mask are of different families.", nameof(mask));
        }

        Address = address;
        Mask = mask;
        _mask = AddressBits.Of(mask);
        _bits = AddressBits.Of(address) & _mask;
    }

    public IPAddress Address { get; }

    public IPAddress Mask { get; }

    public static AddressValue Host(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Prefix(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
    }

    public static AddressValue Prefix(IPAddress address, int length)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new AddressValue(address, AddressBits.MaskOf(address.AddressFamily, length));
    }

    /// <summary>The prefix length when the mask is contiguous, else null.</summary>
    public int? PrefixLength => AddressBits.PrefixLength(Mask);

    internal override bool Matches(in FieldReading reading) =>
        reading.Address is { } a && a.AddressFamily == Address.AddressFamily && (AddressBits.Of(a) & _mask) == _bits;

    public override string ToString()
    {
        var full = Address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        return PrefixLength switch
        {
            { } n when n == full => Address.ToString(),
            { } n => $"{Address}/{n}",
            null => $"{Address}/{Mask}",
        };
    }
}
