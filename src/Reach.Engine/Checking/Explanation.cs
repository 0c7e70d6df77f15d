using Reach.Core.Observations;

namespace Reach.Engine.Checking;

/// <summary>What the explanation phase added: this host's own OUTPUT path for the SYN, the on-link target's neighbour entry, the interfaces read again.</summary>
internal sealed record Explanation(FirewallObservation? LocalFirewall, Neighbour? TargetNeighbour, IReadOnlyList<NetInterface> InterfacesAfter)
{
    /// <summary>The neighbour table, read with the target's entry: the hosts that answer on its link.</summary>
    public IReadOnlyList<Neighbour> LanNeighbours { get; init; } = [];

    /// <summary>The neighbour tables once the probes were done (when the connection did not get through and a table has refused entries since boot); empty otherwise.</summary>
    public IReadOnlyList<NeighbourTable> NeighbourTablesBefore { get; init; } = [];

    /// <summary>The same tables read again after this host asked for its neighbours once more.</summary>
    public IReadOnlyList<NeighbourTable> NeighbourTablesAfter { get; init; } = [];
}
