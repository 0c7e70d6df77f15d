namespace Reach.Firewall;

/// <summary>What routing does with a packet that came in: deliver it locally, forward it, or nothing.</summary>
/// <param name="OutInterface">For <see cref="RouteKind.Forward"/>: the interface it leaves by.</param>
/// <param name="Detail">How the kernel said it (the route, or its error), for the evidence.</param>
public sealed record RouteChoice(RouteKind Kind, string? OutInterface, string Detail)
{
    /// <summary>For <see cref="RouteKind.Unreachable"/>: the ICMP error the kernel sends back; null when it drops silently.</summary>
    public RejectWith? Answer { get; init; }
}
