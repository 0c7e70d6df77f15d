using System.Net;
using Reach.Core.Observations;

namespace Reach.Engine;

/// <summary>One datagram and what came back (an answer, an ICMP error naming its sender, or silence): the live one sends it; tests script it.</summary>
internal interface IUdpProbes
{
    Task<UdpOutcome> ExchangeAsync(IPEndPoint target, byte[] payload, TimeSpan timeout, CancellationToken cancellationToken);
}
