using System.Net;
using System.Net.NetworkInformation;

namespace Reach.Core.Observations;

/// <summary>What a fresh ARP request or IPv6 neighbour solicitation got back.</summary>
public enum NeighbourResult
{
    /// <summary>The neighbour answered now, with its link-layer address.</summary>
    Answered,

    /// <summary>No answer to any of the requests within the timeout.</summary>
    Silent,

    /// <summary>The socket needs CAP_NET_RAW (root) and this process does not have it.</summary>
    NotPermitted,

    /// <summary>The request could not be sent: no such interface, no MAC, the link is down, ...</summary>
    LocalError,
}

/// <summary>
/// One fresh neighbour solicitation, as arping and ndisc6 send it: proof that the neighbour is alive now,
/// which the kernel's neighbour table (REACHABLE for 15–45 s after the host died) is not.
/// </summary>
public sealed record NeighbourOutcome(
    IPAddress Target, string Interface, NeighbourResult Result, double Ms, int Requests,
    PhysicalAddress? LinkAddress = null, string? Detail = null)
{
    public string Describe() => Result switch
    {
        NeighbourResult.Answered => $"{(Target.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "neighbour advertisement" : "ARP reply")} from {Target} ({Format(LinkAddress!)}) on {Interface} in {Ms:0.0} ms",
        NeighbourResult.Silent => $"no answer from {Target} on {Interface} to {Requests} fresh request{(Requests == 1 ? string.Empty : "s")} within {Ms:0} ms",
        NeighbourResult.NotPermitted => $"fresh neighbour request not possible: {Detail}",
        _ => $"fresh neighbour request not sent: {Detail}",
    };

    private static string Format(PhysicalAddress mac) => string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
