namespace Reach.Core.Batch;

/// <summary>What a flow is expected to do.</summary>
public enum ExpectationKind
{
    /// <summary>The verdict is ok: the connection gets through.</summary>
    Reachable,

    /// <summary>A firewall or routing verdict stops it (<see cref="Expectation.BlockedCodes"/>); never an inconclusive one.</summary>
    Blocked,

    /// <summary>Exactly this verdict code.</summary>
    Code,
}
