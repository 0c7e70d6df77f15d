namespace Reach.Firewall;

/// <summary>Sets the packet mark (<see cref="OnConnection"/> false) or the connection mark (true).</summary>
public sealed record SetMarkAction(bool OnConnection, MarkOperation Operation, uint Value, uint Mask, string Text) : RuleAction(Text);
