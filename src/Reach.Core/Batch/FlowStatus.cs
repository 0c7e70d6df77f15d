namespace Reach.Core.Batch;

/// <summary>How one flow came out.</summary>
public enum FlowStatus
{
    /// <summary>Its verdict is the expected one.</summary>
    AsExpected,

    /// <summary>Its verdict is another one (an inconclusive verdict included).</summary>
    NotAsExpected,

    /// <summary>No verdict: the flow could not be run (a remote end that did not answer, an origin this build cannot ask).</summary>
    CouldNotRun,

    /// <summary>Not evaluated: an offline evaluation of a ruleset that is not for the flow's target.</summary>
    Skipped,
}
