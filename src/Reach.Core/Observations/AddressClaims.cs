using System.Net;
using System.Net.NetworkInformation;

namespace Reach.Core.Observations;

/// <summary>
/// Who else answers for an address on this link, as `arping -D` asks it: ARP probes from 0.0.0.0 (RFC 5227
/// §2.1.1) for the gateway and for this host's own address, and every ARP frame heard meanwhile whose sender
/// is one of them (an impostor may only announce itself now and then). <see cref="AddressClaim.Owners"/>
/// never holds a MAC of this host's own interfaces. IPv4 only: IPv6's duplicate address detection is the
/// kernel's own (the address is marked dadfailed), which `ip addr` already shows.
/// </summary>
/// <param name="Result">Answered: listened for the whole window (whatever answered); NotPermitted or LocalError: nothing could be asked.</param>
public sealed record AddressClaims(string Interface, NeighbourResult Result, IReadOnlyList<AddressClaim> Claims, double Ms, int Requests, string? Detail = null)
{
    /// <summary>The claim on <paramref name="address"/>, if it was asked.</summary>
    public AddressClaim? For(IPAddress address) => Claims.FirstOrDefault(c => c.Address.Equals(address));
}

/// <summary>The MACs other than this host's that answered for, or announced, <see cref="Address"/>.</summary>
public sealed record AddressClaim(IPAddress Address, IReadOnlyList<PhysicalAddress> Owners)
{
    public static string Format(PhysicalAddress mac) =>
        string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    public string Describe() => Owners.Count == 0
        ? $"nobody else answers for {Address}"
        : $"{Address} is answered for by {string.Join(", ", Owners.Select(Format))}";
}
