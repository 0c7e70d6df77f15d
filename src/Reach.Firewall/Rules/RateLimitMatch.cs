namespace Reach.Firewall;

/// <summary>
/// A match that depends on the traffic's rate or on state the kernel keeps per source: iptables
/// limit, hashlimit, recent, connlimit; nft limit and its per-key forms (meters, ct count). Where that
/// state can be read (<see cref="Ruleset.Rates"/>) it decides; otherwise the packet's
/// <see cref="Packet.Rate"/> says what to assume, and "unknown" makes the trace stop at the rule.
/// </summary>
/// <param name="MatchesUnderLimit">true when the match holds for traffic under the limit (<c>--limit</c>,
/// <c>--hashlimit-upto</c>, <c>--connlimit-upto</c>, nft <c>limit rate</c>), false when it holds only above
/// it (<c>--hashlimit-above</c>, nft <c>limit rate over</c>, <c>--connlimit-above</c>, recent with <c>--hitcount</c>).</param>
public sealed record RateLimitMatch(bool MatchesUnderLimit, string Text) : RuleMatch(Text)
{
    public RateKind Kind { get; init; } = RateKind.Limit;

    /// <summary>For <see cref="RateKind.Recent"/>: the list, the command and its window.</summary>
    public RecentSpec? Recent { get; init; }

    /// <summary>For <see cref="RateKind.Hashlimit"/>: the bucket's name, key and rate.</summary>
    public HashlimitSpec? Hashlimit { get; init; }

    /// <summary>For <see cref="RateKind.Connlimit"/>: the connection count limit.</summary>
    public ConnlimitSpec? Connlimit { get; init; }
}
