using System.Net;

namespace Reach.Core.Observations;

/// <summary>An ARP/NDP entry (<c>ip neigh</c>): whether a neighbour answered at the link layer.</summary>
public sealed record Neighbour(IPAddress Address, string Device, string? LinkAddress, IReadOnlyList<string> States)
{
    /// <summary>
    /// The neighbour answered recently: REACHABLE (confirmed within base_reachable_time), or an entry
    /// that needs no answer (PERMANENT, NOARP). STALE, DELAY and PROBE only remember an old answer — a
    /// dead gateway keeps its STALE entry, and a ping moves it to DELAY for 5 s (ip-neighbour(8)) — so
    /// they prove nothing now.
    /// </summary>
    public bool Confirmed => States.Any(s => s is "REACHABLE" or "PERMANENT" or "NOARP");

    /// <summary>Nobody answered the ARP request: the kernel is still asking (INCOMPLETE) or gave up (FAILED).</summary>
    public bool Unanswered => States.Any(s => s is "INCOMPLETE" or "FAILED");

    /// <summary>An address that answered at some time (any state but INCOMPLETE and FAILED): worth probing as a LAN peer.</summary>
    public bool HasLinkAddress => LinkAddress is not null && !States.Contains("FAILED") && !States.Contains("INCOMPLETE");

    public override string ToString() => $"{Address} dev {Device}{(LinkAddress is null ? string.Empty : $" lladdr {LinkAddress}")} {string.Join(',', States)}";
}
