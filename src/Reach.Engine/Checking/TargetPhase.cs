using System.Net;
using Reach.Core.Model;
using Reach.Core.Observations;

namespace Reach.Engine.Checking;

/// <summary>
/// Phase 4: the target itself (<see cref="TargetProber"/>). It is probed as it is while this host's
/// translations are read; when its nat OUTPUT turns out to translate it, that probe is thrown away (the
/// kernel would have sent each probe to a backend picked at random) and the backends are asked instead,
/// from the source the translated connection keeps, the deciding one in full.
/// </summary>
internal sealed class TargetPhase(ProbeOptions options, ProbeSet probes, SystemView system, GatewayProbes gateways)
{
    public async Task<TargetView> ReachAsync(IPAddress address, int port, DnsObservation? dns, RoutePhase routing, CancellationToken cancellationToken)
    {
        // The route decision's command starts first: the probes wait for it, not for the nat tables (four
        // commands, each started in turn), which are read while the target is probed.
        var deciding = routing.DecideAsync(address, port, cancellationToken);
        var translations = routing.ReadTranslationsAsync(cancellationToken);
        var route = await deciding.ConfigureAwait(false);
        if (!route.Route.HasRoute)
        {
            return new TargetView(route, null, dns, null);
        }

        using var plain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var plainProbe = ProbeAsync(address, port, null, dns, route.Route, plain.Token);
        ServiceTranslation? service = null;
        if (RoutePhase.SourceOf(route.Route, address, system.Interfaces) is { } from)
        {
            service = RoutePhase.Translate(await translations.ConfigureAwait(false), from, address, port, route.Route, system.Interfaces);
        }

        TargetProbes? probed = null;
        if (service is null)
        {
            (probed, dns) = await plainProbe.ConfigureAwait(false);
        }
        else
        {
            await plain.CancelAsync().ConfigureAwait(false);
            await IgnoreCancelledAsync(plainProbe, cancellationToken).ConfigureAwait(false);

            // The backends are asked from the address the translated connection keeps (the source picked
            // for the service address), not the one a socket to the backend would pick.
            var source = RoutePhase.SourceOf(route.Route, address, system.Interfaces)!;
            service = await ServiceTranslator.ProbeAsync(service, probes.From(source), options.Timeout, cancellationToken).ConfigureAwait(false);
            route = await routing.DecideAsync(service.Probed.Address, service.Probed.Port, cancellationToken).ConfigureAwait(false);
            if (route.Route.HasRoute)
            {
                (probed, dns) = await ProbeAsync(service.Probed.Address, service.Probed.Port, source, dns, route.Route, cancellationToken).ConfigureAwait(false);
            }
        }

        options.Observed?.Invoke(Layer.Port);
        return new TargetView(route, probed, dns, service);
    }

    private async Task<(TargetProbes, DnsObservation?)> ProbeAsync(
        IPAddress address, int port, IPAddress? source, DnsObservation? dns, RouteDecision route, CancellationToken cancellationToken)
    {
        var endpoint = new IPEndPoint(address, port);
        var egressMtu = system.Interfaces.FirstOrDefault(i => i.Name == route.Device && !i.IsLoopback)?.Mtu;
        // The name the user gave (getaddrinfo's question) is TLS's server_name; an address target has none.
        var probing = new TargetProber(probes.From(source), options, probes.Time) { Conversation = probes.Conversation(dns?.System.Name, source), AsksForwarding = true }
            .ProbeAsync(endpoint, gateways.Rtt(route), egressMtu, cancellationToken);

        // When /etc/hosts gives another address than DNS, try DNS's too: it shows which one is stale.
        Task<TcpOutcome>? dnsConnect = null;
        // The same family first; else the other one (a stale IPv6 line hides a DNS answer that is IPv4 only).
        if (dns is { HostsMatches.Count: > 0 } && (dns.DnsAddresses.FirstOrDefault(a => !a.Equals(address) && a.AddressFamily == address.AddressFamily)
            ?? dns.DnsAddresses.FirstOrDefault(a => !a.Equals(address) && !dns.System.Addresses.Contains(a))) is { } other)
        {
            dnsConnect = probes.Packets.ConnectAsync(new IPEndPoint(other, port), options.Timeout, null, false, cancellationToken);
        }

        var probed = await probing.ConfigureAwait(false);
        var withConnect = dnsConnect is null ? dns : dns! with { DnsConnect = await dnsConnect.ConfigureAwait(false) };
        return (probed, withConnect);
    }

    /// <summary>Waits for a probe that was cancelled because its answer is no longer wanted; a cancel of the whole run still propagates.</summary>
    private static async Task IgnoreCancelledAsync(Task probe, CancellationToken cancellationToken)
    {
        try
        {
            await probe.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Expected: the probe of the untranslated address was stopped on purpose.
        }
    }
}
