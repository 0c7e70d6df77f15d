namespace Reach.Firewall;

/// <summary>
/// A match that depends on the packet rate (iptables limit/hashlimit, nft limit). The engine assumes
/// the traffic is under the limit and marks the result as rate-dependent.
/// </summary>
/// <param name="MatchesUnderLimit">true for <c>--limit</c>/<c>--hashlimit-upto</c>, false for
/// <c>--hashlimit-above</c> and nft <c>limit rate over</c>.</param>
public sealed record RateLimitMatch(bool MatchesUnderLimit, string Text) : RuleMatch(Text);
