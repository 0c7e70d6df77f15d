namespace Reach.Core.Observations;

/// <summary>
/// Whether a nameserver's host is there at all (ping, ARP), whether anything is bound to its port 53
/// (a DNS datagram on a connected socket: an ICMP port-unreachable proves nothing is), and where it is.
/// </summary>
public sealed record NameserverReach(PeerProbe Probe, RouteDecision? Route, UdpOutcome? Port53 = null)
{
    public bool OnLink => Route is { HasRoute: true, Gateway: null };

    /// <summary>The host itself said nothing is bound to udp/53.</summary>
    public bool PortClosed => Port53?.PortClosed == true;

    /// <summary>Up: it answers ping or ARP, or its own stack answers on port 53 (even with an ICMP error).</summary>
    public bool HostUp => Probe.Answered || PortClosed || Port53?.Result == UdpResult.Reply;
}
