namespace Reach.Core.Model;

/// <summary>Everything a renderer needs: the target, the verdict, every finding and every problem code.</summary>
public sealed record Report(TargetInfo Target, Verdict Verdict, IReadOnlyList<Finding> Checks, IReadOnlyList<Code> Problems)
{
    public const string Schema = "reach/1";

    /// <summary>
    /// The path as a picture needs it (this host first, the target last), when the check knows one;
    /// null for a report without a path (`reach local`, an old JSON). Built by Reach.Core.Paths.PathBuilder.
    /// </summary>
    public IReadOnlyList<PathHop>? Path { get; init; }

    /// <summary>
    /// The routers this host's TCP trace met that answered, in TTL order, the target excluded; empty
    /// when no trace ran (and for a report read back from JSON, which carries them only as evidence).
    /// </summary>
    public IReadOnlyList<System.Net.IPAddress> TracedRouters { get; init; } = [];
}
