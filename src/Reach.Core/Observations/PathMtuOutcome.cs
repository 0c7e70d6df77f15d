using System.Net;
using Reach.Core.Text;

namespace Reach.Core.Observations;

/// <summary>What the path MTU probe concluded.</summary>
public enum PathMtuResult
{
    /// <summary>A DF echo at the egress MTU got its reply: nothing on the path is smaller.</summary>
    Fits,

    /// <summary>A router announced a smaller MTU ("fragmentation needed" / "packet too big"): PMTU discovery works.</summary>
    Announced,

    /// <summary>Big probes vanish while small ones pass and no router says why: a PMTU black hole.</summary>
    BlackHole,

    /// <summary>Nothing conclusive: small probes fail too, no raw socket, or this host's own MTU is smaller.</summary>
    Unknown,
}

/// <summary>
/// The path MTU towards a target. <see cref="PathMtu"/> is the MTU that fits (Fits), the one a router
/// announced (Announced) or the largest size that got a reply (BlackHole); <see cref="LastBigHop"/> and
/// <see cref="LastBigHopTtl"/> name the last router that still received a big packet (it answered
/// time-exceeded to one): the black hole is right after it.
/// </summary>
public sealed record PathMtuOutcome(
    IPAddress Target, PathMtuResult Result, int EgressMtu, int? PathMtu, int ProbesSent, double Ms,
    IPAddress? AnnouncedBy = null, IPAddress? LastBigHop = null, int? LastBigHopTtl = null, Message? Detail = null)
{
    public string Describe() => Result switch
    {
        PathMtuResult.Fits => $"{EgressMtu}-byte packets with DF reach {Target}: path MTU {PathMtu}",
        PathMtuResult.Announced => $"path MTU {PathMtu}, announced by {AnnouncedBy?.ToString() ?? "a router"}",
        PathMtuResult.BlackHole => $"packets over {PathMtu} bytes vanish on the way to {Target} and no router says why"
            + (LastBigHop is null ? string.Empty : $"; the last hop that receives them is {LastBigHop} (TTL {LastBigHopTtl})"),
        _ => $"path MTU unknown: {(Detail is null ? string.Empty : Catalog.English.Format(Detail))}",
    };
}
