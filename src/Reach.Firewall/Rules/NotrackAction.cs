namespace Reach.Firewall;

/// <summary>
/// <c>-j CT --notrack</c>, <c>-j NOTRACK</c>, nft <c>notrack</c>: the packet is UNTRACKED from here on and
/// skips every nat chain.
/// </summary>
public sealed record NotrackAction(string Text) : RuleAction(Text);
