using System.Net;
using System.Net.Sockets;
using Reach.Core.Model;
using Reach.Core.Targets;
using Reach.Engine;
using Reach.Readers.Sources;

namespace Reach.Serve.Probing;

/// <summary>The engine as `reach check` and `reach local` run it, on this host's real system.</summary>
public sealed class LiveServeEngine(ISystemSource source) : IServeEngine
{
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return [];
        }
    }

    public Task<Report> CheckAsync(Target target, ProbeOptions options, CancellationToken cancellationToken) =>
        ClientCheck.RunAsync(target, options, source, cancellationToken);

    public async Task<Report> LocalAsync(LocalRequest request, Task? clientDone, Action<bool> watching, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(watching);
        if (request.Watch is { } window && request.From is { } from)
        {
            var (watched, _, _) = await LocalWatch.RunAsync(request.Port, request.Protocol, from, window, clientDone,
                line => watching(!line.StartsWith("cannot", StringComparison.Ordinal)), source, cancellationToken).ConfigureAwait(false);
            return watched;
        }

        var (report, _) = await LocalCheck.RunAsync(request.Port, request.Protocol, request.From, request.To, source, cancellationToken).ConfigureAwait(false);
        return report;
    }
}
