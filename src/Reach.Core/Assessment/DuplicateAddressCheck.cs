using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// Two hosts on one link with one address, asked as `arping -D` asks it (<see cref="AddressClaims"/>). For the
/// gateway: two MACs answer for it, and every host of the LAN sends its traffic to whichever announced
/// itself last (the gateway answers ping either way: the impostor holds its address). For this host's own
/// address: any MAC but ours answers for it, and the LAN sends our replies to the other host. Either is a
/// fault whether or not this run's connection got through: which MAC a neighbour table holds changes with
/// every announcement.
/// </summary>
internal static class DuplicateAddressCheck
{
    /// <summary>interface.duplicate-address, or null when nobody else answered for this host's addresses.</summary>
    public static Finding? OwnAddress(ClientObservations o)
    {
        if (o.Claims is not { Result: NeighbourResult.Answered } claims
            || claims.Claims.FirstOrDefault(c => c.Owners.Count > 0 && o.IsOwnAddress(c.Address)) is not { } taken)
        {
            return null;
        }

        var macs = Macs(taken.Owners);
        var own = o.Interfaces.FirstOrDefault(i => i.Name == claims.Interface)?.Addresses.FirstOrDefault(a => a.Address.Equals(taken.Address))?.ToString() ?? taken.Address.ToString();
        return Findings.Fail(Codes.InterfaceDuplicateAddress,
            Message.Of("interface.duplicate-address.summary", ("address", own), ("interface", claims.Interface), ("macs", macs)).With("known", KnownAs(o, taken.Owners)),
            Message.Of("interface.duplicate-address.fix", ("address", taken.Address.ToString()), ("interface", claims.Interface), ("macs", macs)),
            Evidence(o, claims, taken));
    }

    /// <summary>gateway.duplicate-address, or null when the IPv4 gateway is answered for by one MAC at most.</summary>
    public static Finding? Gateway(ClientObservations o)
    {
        if (o.Claims is not { Result: NeighbourResult.Answered } claims
            || o.Routes.DefaultRoute(AddressFamily.InterNetwork)?.Gateway is not { } gateway
            || claims.For(gateway) is not { Owners.Count: > 1 } claim)
        {
            return null;
        }

        var macs = Macs(claim.Owners);
        var entry = (o.Gateway?.Gateway is { } g && g.Address.Equals(gateway) ? g.Neighbour : null) ?? o.LanNeighbours.FirstOrDefault(n => n.Address.Equals(gateway));
        return Findings.Fail(Codes.GatewayDuplicateAddress,
            Message.Of("gateway.duplicate-address.summary", ("gateway", gateway.ToString()), ("interface", claims.Interface), ("macs", macs))
                .With("now", entry?.LinkAddress is { } now ? Message.Of("gateway.duplicate-address.now", ("mac", now)) : null)
                .With("known", KnownAs(o, claim.Owners)),
            Message.Of("gateway.duplicate-address.fix", ("gateway", gateway.ToString()), ("interface", claims.Interface), ("macs", macs)),
            Evidence(o, claims, claim));
    }

    private static List<Evidence> Evidence(ClientObservations o, AddressClaims claims, AddressClaim claim)
    {
        var evidence = new List<Evidence>
        {
            new($"arping -D -I {claims.Interface} {claim.Address}", $"{claim.Describe()} ({claims.Requests} ARP probes from 0.0.0.0, {claims.Ms:0} ms heard)"),
        };
        evidence.AddRange(o.LanNeighbours.Where(n => n.LinkAddress is { } mac && claim.Owners.Any(m => Same(m, mac)))
            .Select(n => new Evidence($"ip neigh show {n.Address}", n.ToString())));
        return evidence;
    }

    /// <summary>"aa:…, also 10.1.1.8's MAC": an owner the neighbour table knows under another address is the likely impostor's.</summary>
    private static Message? KnownAs(ClientObservations o, IReadOnlyList<PhysicalAddress> owners)
    {
        var known = owners.SelectMany(m => o.LanNeighbours.Where(n => n.LinkAddress is { } mac && Same(m, mac))
                .Select(n => (Mac: AddressClaim.Format(m), n.Address)))
            .Where(k => !o.Claims!.Claims.Any(c => c.Address.Equals(k.Address)))
            .ToList();
        return known.Count == 0 ? null
            : Message.Of("duplicate-address.known", ("list", string.Join(", ", known.Select(k => $"{k.Mac} = {k.Address}"))));
    }

    private static string Macs(IReadOnlyList<PhysicalAddress> owners) => string.Join(", ", owners.Select(AddressClaim.Format));

    private static bool Same(PhysicalAddress mac, string text) => string.Equals(AddressClaim.Format(mac), text, StringComparison.OrdinalIgnoreCase);
}
