using System.Net;

namespace Reach.Core.Observations;

/// <summary>
/// The reverse-path check (rp_filter, RFC 3704) for the client's packets arriving on one interface:
/// the kernel's own input route decision for them, and the route a reply would take.
/// </summary>
/// <param name="Interface">The interface the client's packets would arrive on.</param>
/// <param name="Local">The address they are sent to (on that interface, or --to).</param>
/// <param name="RpFilter">The effective rp_filter there: the higher of conf/all and conf/IF (ip-sysctl.rst); null when unread.</param>
/// <param name="Input">`ip route get LOCAL from CLIENT iif IF`: ip_route_input with the reverse-path check applied; null when not asked (rp_filter 0: the kernel checks nothing).</param>
/// <param name="Back">`ip route get CLIENT`: the interface a reply leaves by (strict mode wants it to be <paramref name="Interface"/>).</param>
/// <param name="Named">The client's destination was named (--to): this is where it arrives, not one of several possibilities.</param>
public sealed record ReversePathProbe(string Interface, IPAddress Local, int? RpFilter, RouteDecision? Input, RouteDecision? Back, bool Named)
{
    /// <summary>
    /// Whether the reverse-path filter drops the client's packets here: the kernel refuses the input
    /// route to one of its own addresses while the filter is on (what it checks then is the way back:
    /// none at all in loose mode, 2; another interface in strict mode, 1).
    /// </summary>
    public bool Drops => Input?.Error is not null && RpFilter is 1 or 2;

    /// <summary>Strict mode refusing a way back that exists, by another interface: the multi-homed case.</summary>
    public bool OtherInterface => Drops && RpFilter == 1 && Back is { HasRoute: true } back && back.Device != Interface;
}
