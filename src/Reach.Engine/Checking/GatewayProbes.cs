using System.Net;
using Reach.Core.Observations;

namespace Reach.Engine.Checking;

/// <summary>
/// The gateways being probed, each once, started as soon as it is known (the default one while DNS
/// runs, the route decision's once the address is known): the check collects them at the end.
/// </summary>
internal sealed class GatewayProbes(GatewayProber prober, IReadOnlyList<IPAddress> nameservers, IReadOnlyList<NetInterface> interfaces, CancellationToken cancellationToken)
{
    private readonly Dictionary<IPAddress, Task<GatewayObservation>> started = [];

    public void Start(IPAddress gateway, string? device, IPAddress? source)
    {
        if (!started.ContainsKey(gateway))
        {
            started[gateway] = prober.ProbeAsync(gateway, device, source, OnLinkOf(nameservers, device, interfaces), cancellationToken);
        }
    }

    /// <summary>The gateway of a route decision, if it has one and it is not probed yet.</summary>
    public void Start(RouteDecision route)
    {
        if (route.Gateway is { } gateway)
        {
            Start(gateway, route.Device, route.PreferredSource);
        }
    }

    /// <summary>The gateway's echo round trip, if it is already known: it bounds how long a silent hop is worth waiting for.</summary>
    public double? Rtt(RouteDecision route) =>
        route.Gateway is { } g && started.TryGetValue(g, out var t) && t.IsCompletedSuccessfully && t.Result.Gateway.Ping.Replied
            ? t.Result.Gateway.Ping.Ms
            : null;

    /// <summary>The observation of <paramref name="chosen"/> (null when it was not probed), once every gateway probe has ended.</summary>
    public async Task<GatewayObservation?> CollectAsync(IPAddress? chosen)
    {
        var observation = chosen is not null && started.TryGetValue(chosen, out var task)
            ? await task.ConfigureAwait(false)
            : null;
        await Task.WhenAll(started.Values).ConfigureAwait(false);
        return observation;
    }

    /// <summary>LAN peers must share the gateway's link: an off-link one goes through the very gateway being judged.</summary>
    private static List<IPAddress> OnLinkOf(IEnumerable<IPAddress> candidates, string? device, IReadOnlyList<NetInterface> interfaces) =>
        candidates.Where(c => interfaces.OnSubnet(c, device)).ToList();
}
