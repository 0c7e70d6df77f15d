using System.Net;

namespace Reach.Core.Observations;

/// <summary>A ping to a neighbour, its ARP/NDP entry afterwards, and (when asked) a fresh solicitation: did this address answer now?</summary>
public sealed record PeerProbe(IPAddress Address, PingOutcome Ping, Neighbour? Neighbour)
{
    /// <summary>A fresh ARP request / neighbour solicitation sent for this check; null when none was sent.</summary>
    public NeighbourOutcome? Solicited { get; init; }

    /// <summary>Whether the neighbour table was read for it (false: an echo reply made the entry moot, and its read costs a process).</summary>
    public bool NeighbourRead { get; init; } = true;

    /// <summary>
    /// Whether it answered now: an echo reply, a fresh link-layer answer, or — only when no fresh request
    /// could be sent (no CAP_NET_RAW) — a neighbour entry the kernel confirmed recently. A fresh request
    /// that went unanswered outweighs the kernel's memory: a gateway that just died stays REACHABLE there.
    /// </summary>
    public bool Answered => Ping.Replied || Solicited switch
    {
        { Result: NeighbourResult.Answered } => true,
        { Result: NeighbourResult.Silent } => false,
        _ => Neighbour?.Confirmed == true,
    };

    public string Describe() =>
        $"{Address}: {Ping.Describe()}"
        + (NeighbourRead ? $"; {(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "NDP" : "ARP")} {(Neighbour is null ? "no entry" : Neighbour.ToString())}" : string.Empty)
        + (Solicited is null ? string.Empty : $"; {Solicited.Describe()}");
}
