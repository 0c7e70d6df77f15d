namespace Reach.Core.Batch;

/// <summary>The counts a batch ends with, and the exit status they give.</summary>
public sealed record BatchTally(int Total, int AsExpected, int NotAsExpected, int CouldNotRun, int Skipped)
{
    public static BatchTally Of(IReadOnlyList<FlowOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return new(outcomes.Count,
            outcomes.Count(o => o.Status == FlowStatus.AsExpected),
            outcomes.Count(o => o.Status == FlowStatus.NotAsExpected),
            outcomes.Count(o => o.Status == FlowStatus.CouldNotRun),
            outcomes.Count(o => o.Status == FlowStatus.Skipped));
    }

    /// <summary>
    /// 1 when a flow ran and was not as expected (a proven difference is the news, even when another flow
    /// could not run); else 3 when a flow could not be run, or nothing was evaluated at all (the matrix
    /// is incomplete, so "all as expected" cannot be said); else 0.
    /// </summary>
    public int ExitCode => NotAsExpected > 0 ? 1 : CouldNotRun > 0 || AsExpected == 0 ? 3 : 0;
}
