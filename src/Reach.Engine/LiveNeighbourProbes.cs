using System.Net;
using Reach.Core.Observations;
using Reach.Probes;

namespace Reach.Engine;

/// <summary>The real link-layer question: an ARP request on a packet socket, or an ICMPv6 neighbour solicitation.</summary>
internal sealed class LiveNeighbourProbes : INeighbourProbes
{
    public static readonly LiveNeighbourProbes Instance = new();

    public Task<NeighbourOutcome> SolicitAsync(string interfaceName, IPAddress target, IPAddress? source, TimeSpan timeout, CancellationToken cancellationToken) =>
        NeighbourSolicit.SolicitAsync(interfaceName, target, source, timeout, cancellationToken);

    public Task<AddressClaims> ClaimsAsync(string interfaceName, IReadOnlyList<IPAddress> addresses, TimeSpan maxWindow, CancellationToken enough, CancellationToken cancellationToken) =>
        AddressClaimProbe.ListenAsync(interfaceName, addresses, maxWindow, enough, cancellationToken);
}
