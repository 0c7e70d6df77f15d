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

    public required IReadOnlyList<TraceStep> Steps { get; init; }

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
