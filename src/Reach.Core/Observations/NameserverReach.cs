namespace Reach.Core.Observations;

/// <summary>Whether a nameserver's host is there at all, and where it is (on this subnet or behind a gateway).</summary>
public sealed record NameserverReach(PeerProbe Probe, RouteDecision? Route)
{
    public bool OnLink => Route is { HasRoute: true, Gateway: null };
}
