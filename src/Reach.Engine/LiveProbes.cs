using System.Net;
using Reach.Core.Observations;
using Reach.Probes;

namespace Reach.Engine;

/// <summary>The real probes: raw ICMP echo, and TCP with the socket error queue.</summary>
internal sealed class LiveProbes : IProbes
{
    public static readonly LiveProbes Instance = new();

    public Task<PingOutcome> PingAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken) =>
        IcmpEcho.PingAsync(target, timeout, cancellationToken);

    public Task<TcpOutcome> ConnectAsync(IPEndPoint target, TimeSpan timeout, int? ttl, bool readAnswerTtl, CancellationToken cancellationToken) =>
        TcpProbe.ConnectAsync(target, timeout, ttl, readAnswerTtl, cancellationToken);

    public Task<PathMtuOutcome> PathMtuAsync(IPAddress target, int egressMtu, TimeSpan timeout, CancellationToken cancellationToken) =>
        PathMtuProbe.ProbeAsync(target, egressMtu, timeout, cancellationToken);
}
