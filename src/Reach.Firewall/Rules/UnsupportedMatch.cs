namespace Reach.Firewall;

/// <summary>
/// A match the engine does not model, kept so that it is never silently dropped: a trace that reaches a
/// rule holding one, with every other match of the rule true, stops there as inconclusive.
/// </summary>
/// <param name="Module">The iptables module (<c>time</c>, <c>recent</c>…) or nft expression (<c>xt match conntrack</c>).</param>
public sealed record UnsupportedMatch(string Module, string Reason, string Text) : RuleMatch(Text);
