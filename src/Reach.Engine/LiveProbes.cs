using System.Net;
using Reach.Core.Observations;
using Reach.Probes;

namespace Reach.Engine;

/// <summary>The real probes: raw ICMP echo, and TCP with the socket error queue.</summary>
internal sealed class LiveProbes : IProbes
{
    public static readonly LiveProbes Instance = new(null);

    private readonly IPAddress? source;

    /// <param name="source">The source address of the SYNs (null: the kernel's choice for the target): the
    /// address a translated connection really carries (see <see cref="TcpProbe"/>).</param>
    public LiveProbes(IPAddress? source) => this.source = source;

    public Task<PingOutcome> PingAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken) =>
        IcmpEcho.PingAsync(target, timeout, cancellationToken);

    public Task<TcpOutcome> ConnectAsync(IPEndPoint target, TimeSpan timeout, int? ttl, bool readAnswerTtl, CancellationToken cancellationToken) =>
        TcpProbe.ConnectAsync(target, timeout, ttl, readAnswerTtl, source, cancellationToken);

    public Task<PathMtuOutcome> PathMtuAsync(IPAddress target, int egressMtu, TimeSpan timeout, CancellationToken cancellationToken) =>
        PathMtuProbe.ProbeAsync(target, egressMtu, timeout, cancellationToken);
}
