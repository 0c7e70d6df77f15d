using System.Net;
using Reach.Core.Observations;

namespace Reach.Core.Watching;

/// <summary>
/// What `reach local PORT --from CLIENT --watch` saw on the wire, and the kernel's answer to "could this
/// host answer the client": the route back from the address the SYN came to, and the reverse-path check
/// that rp_filter makes on the interface it came in by.
/// </summary>
/// <param name="Error">Why nothing could be watched (no CAP_NET_RAW), null when the watch ran.</param>
/// <param name="WindowMs">How long the packet socket watched.</param>
/// <param name="RouteBack">`ip route get CLIENT from LOCAL`: the output route a SYN-ACK would take.</param>
/// <param name="ReversePath">`ip route get LOCAL from CLIENT iif IF`: the input route the SYN took, with rp_filter applied (fails with "Invalid cross-device link" when the filter drops it).</param>
/// <param name="RpFilter">The effective rp_filter of the arrival interface: the higher of conf/all and conf/IF (ip-sysctl.rst).</param>
public sealed record WatchObservation(
    IPAddress Client,
    int Port,
    IPAddress LocalAddress,
    string? Error,
    double WindowMs,
    IReadOnlyList<WatchedPacket> Packets,
    RouteDecision? RouteBack,
    RouteDecision? ReversePath,
    int? RpFilter)
{
    public IEnumerable<WatchedPacket> Syns => Packets.Where(p => p.Kind == WatchedKind.Syn);

    public IEnumerable<WatchedPacket> Replies => Packets.Where(p => p.Outgoing);

    /// <summary>The interface the client's SYNs came in by (the first one's).</summary>
    public string? ArrivalInterface => Syns.FirstOrDefault()?.Interface;
}
