namespace Reach.Firewall;

/// <summary>The route decision's outcome (ip_route_input: RTN_LOCAL, a forwarding route, or an error).</summary>
public enum RouteKind
{
    Local,
    Forward,
    /// <summary>No route, or forwarding is off: ip_error() / ip6_pkt_discard() drop it, with the ICMP error of <see cref="RouteChoice.Answer"/> if any.</summary>
    Unreachable,
}
