using Reach.Core.Observations;

namespace Reach.Engine.Checking;

/// <summary>What the explanation phase added: this host's own OUTPUT path for the SYN, the on-link target's neighbour entry, the interfaces read again.</summary>
internal sealed record Explanation(FirewallObservation? LocalFirewall, Neighbour? TargetNeighbour, IReadOnlyList<NetInterface> InterfacesAfter);
