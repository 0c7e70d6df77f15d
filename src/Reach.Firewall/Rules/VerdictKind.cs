namespace Reach.Firewall;

/// <summary>The verdict statements of iptables targets and nft rules.</summary>
public enum VerdictKind
{
    Accept,
    Drop,
    Reject,
    Return,
    Jump,
    Goto,
    Continue,
}
