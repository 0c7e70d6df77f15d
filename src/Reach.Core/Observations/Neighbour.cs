using System.Net;

namespace Reach.Core.Observations;

/// <summary>An ARP/NDP entry (<c>ip neigh</c>): whether a neighbour answered at the link layer.</summary>
public sealed record Neighbour(IPAddress Address, string Device, string? LinkAddress, IReadOnlyList<string> States)
{
    /// <summary>
    /// REACHABLE, STALE, DELAY, PROBE and PERMANENT all carry a link-layer address the neighbour gave
    /// (or an admin set); INCOMPLETE and FAILED mean nobody answered the ARP request.
    /// </summary>
    public bool Answered => LinkAddress is not null && !States.Contains("FAILED") && !States.Contains("INCOMPLETE");

    public override string ToString() => $"{Address} dev {Device}{(LinkAddress is null ? string.Empty : $" lladdr {LinkAddress}")} {string.Join(',', States)}";
}
