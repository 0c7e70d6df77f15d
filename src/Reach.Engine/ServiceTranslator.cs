using System.Net;
using Reach.Core.Decisions;
using Reach.Core.Observations;
using Reach.Firewall;
using Reach.Readers;

namespace Reach.Engine;

/// <summary>
/// Whether this host's own nat OUTPUT translates the client's SYN (kube-proxy's KUBE-SERVICES →
/// KUBE-SVC-* → KUBE-SEP-* DNAT, its nft `numgen random` vmap, Docker's DNAT of a published port to a
/// local address), and how each backend answers a SYN sent to it directly. The kernel routes the socket
/// to the service address first (connect() fails without a route, before any NAT) and routes again after
/// the DNAT (ip_route_me_harder), so the trace is asked only when the service address has a route.
/// </summary>
internal static class ServiceTranslator
{
    // kube-proxy Services rarely have more than a few backends; beyond this many, the first ones are probed.
    private const int MaxBackends = 16;

    /// <summary>The backends of <paramref name="service"/> as this host's rules send it; null when nothing translates it.</summary>
    public static ServiceTranslation? Translate(FirewallRules rules, IPAddress source, IPEndPoint service, string? device, IReadOnlySet<IPAddress> local)
    {
        if (!rules.Traceable)
        {
            return null;
        }

        var packet = Packet.Tcp(source, service.Address, service.Port, TrafficDirection.Output, 40000) with
        {
            OutInterface = device,
            LocalAddresses = local,
        };
        var found = ServicePlan.Backends(FirewallTraces.From(PacketTracer.TraceAll(rules.Ruleset, packet)), service);
        return found is null ? null : found with { Backends = [.. found.Backends.Take(MaxBackends)] };
    }

    /// <summary>
    /// One SYN to each backend at once (with a single backend there is nothing to choose: its full probe
    /// answers), with <paramref name="probes"/> sending from the address the translated connection keeps.
    /// </summary>
    public static async Task<ServiceTranslation> ProbeAsync(ServiceTranslation service, IProbes probes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (service.Backends.Count < 2)
        {
            return service;
        }

        var connects = await Task.WhenAll(service.Backends.Select(b => probes.ConnectAsync(b.Endpoint, timeout, null, false, cancellationToken))).ConfigureAwait(false);
        return ServicePlan.WithAnswers(service, connects);
    }
}
