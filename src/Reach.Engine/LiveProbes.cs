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

    public Task<TcpOutcome> ConnectAsync(IPEndPoint target, TimeSpan timeout, int? ttl, CancellationToken cancellationToken) =>
        TcpProbe.ConnectAsync(target, timeout, ttl, cancellationToken);
}
