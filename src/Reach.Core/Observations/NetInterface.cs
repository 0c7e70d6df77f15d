namespace Reach.Core.Observations;

/// <summary>One network interface as the kernel reports it.</summary>
/// <param name="Carrier">/sys/class/net/IF/carrier: null when unreadable (the kernel answers EINVAL for an admin-down interface).</param>
/// <param name="SpeedMbps">Null when the driver reports none (-1 or unreadable).</param>
public sealed record NetInterface(
    string Name,
    int Index,
    bool AdminUp,
    bool? Carrier,
    string OperState,
    int Mtu,
    IReadOnlyList<InterfaceAddress> Addresses,
    InterfaceCounters Counters,
    long? SpeedMbps = null,
    string? Duplex = null,
    bool IsLoopback = false)
{
    /// <summary>For a bridge: its member ports and their carrier (/sys/class/net/BR/brif); empty otherwise.</summary>
    public IReadOnlyList<BridgePort> BridgePorts { get; init; } = [];
}
