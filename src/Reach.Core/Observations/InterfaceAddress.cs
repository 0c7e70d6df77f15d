using System.Net;
using System.Net.Sockets;

namespace Reach.Core.Observations;

/// <summary>An address with its prefix, as configured on an interface.</summary>
public sealed record InterfaceAddress(IPAddress Address, int PrefixLength, string Scope)
{
    public AddressFamily Family => Address.AddressFamily;

    public bool Contains(IPAddress other) => new IPNetwork(Masked(), PrefixLength).Contains(other);

    public override string ToString() => $"{Address}/{PrefixLength}";

    public string Subnet => $"{Masked()}/{PrefixLength}";

    private IPAddress Masked()
    {
        var bytes = Address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(PrefixLength - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(bytes);
    }
}
