using System.Net;

namespace Reach.Core.Observations;

/// <summary>
/// What the model keeps of one packet's walk through a host's rules: the verdict, what decided it, the
/// steps, and where NAT and the route decision sent the packet. The firewall engine's own result is
/// mapped into it by the engine (Reach.Engine), so the model and its judgement depend on no engine type.
/// </summary>
/// <param name="RejectName">For <see cref="FirewallVerdict.Reject"/>: what was sent back, as the rule wrote it (<c>icmp-port-unreachable</c>).</param>
/// <param name="DecidedBy">The rule or policy that decided (for Accept the last accepting one; null when no chain was on the path).</param>
/// <param name="InconclusiveReason">For <see cref="FirewallVerdict.Inconclusive"/>: what the engine could not evaluate.</param>
/// <param name="RateDependent">A rate-limit match took part: above the rate the verdict may differ.</param>
/// <param name="Forwarded">The route decision sends the packet on (FORWARD) rather than delivering it here.</param>
/// <param name="Destination">The destination as NAT left it (null after REDIRECT, or when unknown).</param>
/// <param name="OutInterface">When forwarded: the interface the route sends it out of.</param>
/// <param name="Translations">Each destination translation, in order: <c>10.0.0.1:8080 → 172.17.0.2:80 by nat/DOCKER rule 3</c>.</param>
/// <param name="Route">The route decision after PREROUTING, as the kernel gave it.</param>
/// <param name="NoRoute">Set when the route decision ended the packet: the kernel's words.</param>
/// <param name="Probability">The chance of this branch when random matches split the walk; 1 without them.</param>
/// <param name="Notes">What the trace assumed or could not see.</param>
public sealed record FirewallTrace(
    FirewallVerdict Verdict,
    string? RejectName,
    TracedStep? DecidedBy,
    string? InconclusiveReason,
    bool RateDependent,
    IReadOnlyList<TracedStep> Steps,
    bool Forwarded,
    IPAddress? Destination,
    int? DestinationPort,
    string? OutInterface,
    IReadOnlyList<string> Translations,
    string? Route,
    string? NoRoute,
    double Probability,
    IReadOnlyList<string> Notes)
{
    /// <summary>What each rate or per-source match on the way made of the client, in order.</summary>
    public IReadOnlyList<TracedRate> Rates { get; init; } = [];

    /// <summary>The rate match that puts the client over its limit on this path (the first one), or null.</summary>
    public TracedRate? OverLimit => Rates.FirstOrDefault(r => r.Over == true);
}
