namespace Reach.Firewall;

/// <summary>What to assume about the client's rate at a rate match whose state cannot be read.</summary>
public enum ClientRate
{
    /// <summary>Under every limit: what the trace assumed before rate state was read (the client side still does).</summary>
    Under,

    /// <summary>Over every limit: the trace of what a client over the rate meets.</summary>
    Over,

    /// <summary>Not known: the trace stops at the rule, inconclusive, and says why.</summary>
    Unknown,
}
