namespace Reach.Firewall;

/// <summary>Packet and byte counters of a rule or a chain policy, as the kernel reported them.</summary>
public sealed record Counters(long Packets, long Bytes)
{
    public override string ToString() => $"[{Packets}:{Bytes}]";
}
