namespace Reach.Core.Observations;

/// <summary>What happened at one step of a firewall trace.</summary>
public enum TracedStepOutcome
{
    /// <summary>The rule's matches held and its actions ran.</summary>
    Matched,
    NotMatched,
    /// <summary>The rule could not be evaluated and it could decide the packet's fate: the trace stops.</summary>
    Inconclusive,
    /// <summary>The rule could not be evaluated but only logs or counts, so it cannot change the verdict.</summary>
    Ignored,
    /// <summary>The packet fell off the end of a base chain (or RETURNed from it): its policy applied.</summary>
    Policy,
    /// <summary>A base chain the packet does not enter (a nat chain for a packet that is not NEW).</summary>
    Skipped,
}
