using System.Net;
using Reach.Core.Observations;
using Reach.Probes;

namespace Reach.Engine;

/// <summary>The real datagram probe: a connected UDP socket with the error queue on.</summary>
internal sealed class LiveUdpProbes : IUdpProbes
{
    public static readonly LiveUdpProbes Instance = new();

    public Task<UdpOutcome> ExchangeAsync(IPEndPoint target, byte[] payload, TimeSpan timeout, CancellationToken cancellationToken) =>
        UdpProbe.ExchangeAsync(target, payload, timeout, cancellationToken);
}
