using Reach.Engine.Remote;
using Reach.Readers;

namespace Reach.Engine.Batch;

/// <summary>How a batch runs its flows: the probes' budget, how remote ends are asked, how many at once, and an offline ruleset.</summary>
/// <param name="Parallel">How many flows run at once.</param>
/// <param name="Proposed">With --ruleset: every flow is evaluated offline against it, nothing is probed.</param>
public sealed record BatchOptions(ProbeOptions Probe, RemoteOptions Remote, int Parallel, ProposedRuleset? Proposed = null)
{
    public const int DefaultParallel = 4;
}
