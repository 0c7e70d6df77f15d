using System.Net;
using Reach.Core.Observations;

namespace Reach.Engine;

/// <summary>
/// The network probes the orchestration uses, behind one small seam: the live ones send real packets;
/// tests hand in scripted outcomes to check the order of probes and the waits, without root.
/// </summary>
internal interface IProbes
{
    Task<PingOutcome> PingAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>One SYN (with a TTL: one probe of a trace); the outcome is final when the wait ends or the token is cancelled.</summary>
    /// <param name="readAnswerTtl">Also read the TTL the SYN-ACK or RST arrived with (needs CAP_NET_RAW): it tells who sent it.</param>
    Task<TcpOutcome> ConnectAsync(IPEndPoint target, TimeSpan timeout, int? ttl, bool readAnswerTtl, CancellationToken cancellationToken);

    /// <summary>Whether packets of the egress MTU reach the target, and if not, why (announced, or a black hole).</summary>
    Task<PathMtuOutcome> PathMtuAsync(IPAddress target, int egressMtu, TimeSpan timeout, CancellationToken cancellationToken);
}
