namespace Reach.Firewall;

/// <summary>
/// A match on a header the traced packet cannot carry, so it never matches, negated or not: the
/// first SYN of a connection carries no IPv6 routing header (iptables <c>-m rt</c>, which matches only
/// when the header is present, ip6t_rt.c).
/// </summary>
public sealed record AbsentHeaderMatch(string Module, string Why, string Text) : RuleMatch(Text);
