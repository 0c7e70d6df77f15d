using System.Net;

namespace Reach.Core.Observations;

/// <summary>A TTL-limited trace towards the target, lowest TTL first, ending at the first hop that is the target.</summary>
public sealed record TraceOutcome(IPAddress Target, int Port, IReadOnlyList<TraceHop> Hops, double Ms)
{
    public bool ReachedTarget => Hops.Any(h => Equals(h.From, Target));

    /// <summary>The last hop before the first silent one that is never followed by an answer.</summary>
    public TraceHop? LastAnswering => Hops.LastOrDefault(h => !h.Silent);
}
