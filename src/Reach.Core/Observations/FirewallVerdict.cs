namespace Reach.Core.Observations;

/// <summary>The fate of a packet traced through a host's rules (the firewall engine's verdict, as the model keeps it).</summary>
public enum FirewallVerdict
{
    Accept,
    Drop,
    Reject,
    /// <summary>A rule the engine cannot evaluate for this packet was reached: the trace stops there.</summary>
    Inconclusive,
}
