namespace Reach.Core.Batch;

/// <summary>Where a flow starts.</summary>
public enum FlowOriginKind
{
    /// <summary>This host (a flow without `from:`).</summary>
    ThisHost,

    /// <summary>Another host reached over SSH (`from: ssh://HOST`), which runs `reach check` itself.</summary>
    Ssh,

    /// <summary>A `reach serve` agent (`from: https://HOST:9917`), asked over HTTP(S).</summary>
    Agent,
}
