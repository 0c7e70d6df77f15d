namespace Reach.Firewall;

/// <summary>The fate of the traced packet.</summary>
public enum Verdict
{
    Accept,
    Drop,
    Reject,
    /// <summary>A rule the engine cannot evaluate for this packet was reached: the trace stops there.</summary>
    Inconclusive,
}
