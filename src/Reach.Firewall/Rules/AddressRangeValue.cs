using System.Net;

namespace Reach.Firewall;

/// <summary>An inclusive address range (iptables <c>-m iprange</c>, nft <c>10.0.0.1-10.0.0.9</c>).</summary>
public sealed record AddressRangeValue : FieldValue
{
    private readonly UInt128 _first;
    private readonly UInt128 _last;

    public AddressRangeValue(IPAddress first, IPAddress last)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(last);
        if (first.AddressFamily != last.AddressFamily)
        {
            throw new ArgumentException("The ends of the range are of different families.", nameof(last));
        }

        First = first;
        Last = last;
        _first = AddressBits.Of(first);
        _last = AddressBits.Of(last);
    }

    public IPAddress First { get; }

    public IPAddress Last { get; }

    internal override bool Matches(in FieldReading reading)
    {
        if (reading.Address is not { } a || a.AddressFamily != First.AddressFamily)
        {
            return false;
        }

        var x = AddressBits.Of(a);
        return x >= _first && x <= _last;
    }

    public override string ToString() => $"{First}-{Last}";
}
