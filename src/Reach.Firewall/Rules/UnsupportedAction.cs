namespace Reach.Firewall;

/// <summary>
/// A target the engine does not model (NFQUEUE, TPROXY, an unknown target, an nft <c>xt</c> target):
/// a rule that matches with one makes the trace inconclusive there.
/// </summary>
public sealed record UnsupportedAction(string Target, string Reason, string Text) : RuleAction(Text);
