using System.Net;
using Reach.Core.Observations;

namespace Reach.Engine;

/// <summary>
/// "Is this neighbour alive now?", asked at the link layer (a fresh ARP request or IPv6 neighbour
/// solicitation), not read from the kernel's table, which keeps a dead neighbour REACHABLE for a while.
/// The live one needs CAP_NET_RAW; tests script the answer.
/// </summary>
internal interface INeighbourProbes
{
    /// <param name="source">Our address on that link; null: an ARP probe from 0.0.0.0 (RFC 5227), or the kernel's choice for IPv6.</param>
    Task<NeighbourOutcome> SolicitAsync(string interfaceName, IPAddress target, IPAddress? source, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Who else answers for <paramref name="addresses"/> on the link (ARP probes from 0.0.0.0), heard until <paramref name="enough"/> or <paramref name="maxWindow"/>.</summary>
    Task<AddressClaims> ClaimsAsync(string interfaceName, IReadOnlyList<IPAddress> addresses, TimeSpan maxWindow, CancellationToken enough, CancellationToken cancellationToken);
}
