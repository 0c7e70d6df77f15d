using Reach.Serve.Probing;

namespace Reach.Serve.Http;

/// <summary>
/// The last probes, for the landing page: successes and failures in separate rings, so that a thousand
/// healthy scrapes cannot push out the one failure someone came to look at.
/// </summary>
public sealed class RecentProbes(int capacity = 50)
{
    private readonly Lock gate = new();
    private readonly LinkedList<ProbeResult> failures = new();
    private readonly LinkedList<ProbeResult> successes = new();

    public void Add(ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (gate)
        {
            var ring = result.Success ? successes : failures;
            ring.AddFirst(result);
            if (ring.Count > capacity)
            {
                ring.RemoveLast();
            }
        }
    }

    /// <summary>Newest first.</summary>
    public (IReadOnlyList<ProbeResult> Failures, IReadOnlyList<ProbeResult> Successes) Snapshot()
    {
        lock (gate)
        {
            return ([.. failures], [.. successes]);
        }
    }
}
