namespace Reach.Firewall;

/// <summary>The outcome of a trace: the verdict, what decided it, and every step on the way.</summary>
public sealed record TraceResult
{
    public required Verdict Verdict { get; init; }

    /// <summary>For <see cref="Verdict.Reject"/>: what was sent back.</summary>
    public RejectWith? Reject { get; init; }

    /// <summary>
    /// The rule or policy that decided: for Drop and Reject the rule or policy that dropped; for
    /// Inconclusive the rule that could not be evaluated; for Accept the last accepting rule or policy
    /// (null when no chain was on the path).
    /// </summary>
    public TraceStep? DecidedBy { get; init; }

    /// <summary>For <see cref="Verdict.Inconclusive"/>: what the engine could not evaluate.</summary>
    public string? InconclusiveReason { get; init; }

    /// <summary>A rate-limit match (limit, hashlimit, nft limit) took part: above the rate the verdict may differ.</summary>
    public bool RateDependent { get; init; }

    /// <summary>What each rate or per-source match met on the way made of the client, in order.</summary>
    public IReadOnlyList<RateFact> RateFacts { get; init; } = [];

    public required IReadOnlyList<TraceStep> Steps { get; init; }

    /// <summary>Input when the packet is delivered here, Forward when the route decision sends it on (Output for locally sent packets).</summary>
    public TrafficDirection Path { get; init; } = TrafficDirection.Input;

    /// <summary>The destination as NAT left it (null after REDIRECT: some address of this host, or when unknown).</summary>
    public System.Net.IPAddress? Destination { get; init; }

    public int? DestinationPort { get; init; }

    /// <summary>A REDIRECT delivered it to this host.</summary>
    public bool RedirectedLocally { get; init; }

    /// <summary>For Forward: the interface the route sends it out of.</summary>
    public string? OutInterface { get; init; }

    /// <summary>Each destination translation, in order: <c>10.0.0.1:8080 → 172.17.0.2:80 by nat/DOCKER rule 3</c>.</summary>
    public IReadOnlyList<string> Translations { get; init; } = [];

    /// <summary>The route decision after PREROUTING, as the kernel gave it; null when none was taken.</summary>
    public string? Route { get; init; }

    /// <summary>Set when the route decision ended the packet (no route, forwarding off): the kernel's words.</summary>
    public string? NoRoute { get; init; }

    /// <summary>A destination whose route the trace needed but was not given: ask the kernel and trace again.</summary>
    public System.Net.IPAddress? RouteMissing { get; init; }

    /// <summary>The chance of this branch when random matches (statistic, numgen) split the walk; 1 without them.</summary>
    public double Probability { get; init; } = 1;

    /// <summary>How many branches random matches split the walk into (1 without them).</summary>
    public int Branches { get; init; } = 1;

    /// <summary>What the trace assumed or could not see (translations, legacy tables not given, equal priorities).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>One line for people: <c>REJECT (icmp-port-unreachable) by iptables filter/INPUT rule 1: -A INPUT …</c>.</summary>
    public string Summary => Verdict switch
    {
        Verdict.Accept => DecidedBy is null
            ? "ACCEPT: no firewall chain on this path"
            : $"ACCEPT: nothing drops or rejects it (last accepted by {DecidedBy})",
        Verdict.Drop => $"DROP by {DecidedBy}",
        Verdict.Reject => $"REJECT ({Reject?.Name}) by {DecidedBy}",
        _ => $"INCONCLUSIVE at {DecidedBy}: {InconclusiveReason}",
    } + (RateDependent ? " [rate-dependent]" : "");
}
