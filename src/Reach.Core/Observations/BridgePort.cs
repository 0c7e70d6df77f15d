namespace Reach.Core.Observations;

/// <summary>A member port of a bridge and its carrier (null: unreadable, e.g. admin down).</summary>
public sealed record BridgePort(string Name, bool? Carrier);
