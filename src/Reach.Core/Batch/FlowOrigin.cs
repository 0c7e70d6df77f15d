namespace Reach.Core.Batch;

/// <summary>Where a flow starts: this host, an ssh:// host, or an agent URL, as written in the flows file.</summary>
/// <param name="Text">As written (`ssh://dev2`, `https://dmz1:9917`); "this host" for <see cref="FlowOriginKind.ThisHost"/>.</param>
/// <param name="Host">The host name or address inside it; null for this host.</param>
public sealed record FlowOrigin(FlowOriginKind Kind, string Text, string? Host)
{
    public static FlowOrigin ThisHost { get; } = new(FlowOriginKind.ThisHost, "this host", null);
}
