namespace Reach.Core.Observations;

/// <summary>
/// The gateway the kernel chose for the target, probed by ping and ARP, and, when it is silent, other
/// hosts of the same LAN: they tell a dead gateway from a broken link or VLAN.
/// </summary>
public sealed record GatewayObservation(PeerProbe Gateway, IReadOnlyList<PeerProbe> LanPeers);
