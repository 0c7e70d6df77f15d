namespace Reach.Firewall;

/// <summary>ACCEPT, DROP, REJECT, RETURN, a jump or goto to a chain, or nft's continue.</summary>
public sealed record VerdictAction(VerdictKind Kind, string Text) : RuleAction(Text)
{
    /// <summary>The target chain of a jump or goto.</summary>
    public string? Chain { get; init; }

    /// <summary>What a REJECT sends.</summary>
    public RejectSpec? Reject { get; init; }
}
