using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;
using Reach.Core.Targets;
using Reach.Probes;
using Reach.Readers;

namespace Reach.Engine;

/// <summary>
/// Gathers everything `reach check` judges, as concurrently as the dependencies allow: the system
/// reads and DNS at once (the default gateway is probed meanwhile); then, once the address is known,
/// the route decision and every network probe at once. Failing paths cost about one timeout, not
/// the sum of them. It only observes: the verdict is the pure assessors' business.
/// </summary>
internal sealed class ClientChecker(SystemReader reader, ProbeOptions options)
{
    public async Task<ClientObservations> ObserveAsync(Target target, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var interfacesRead = reader.InterfacesAsync(cancellationToken);
        var routesRead = reader.RoutesAsync(cancellationToken);
        var interfaces = await interfacesRead.ConfigureAwait(false);
        var routes = await routesRead.ConfigureAwait(false);
        var configFiles = reader.ConfigFiles();
        var readMs = clock.Elapsed.TotalMilliseconds;

        var gatewayProber = new GatewayProber(reader, options);
        var resolver = reader.Resolver();
        var family = target.Address?.AddressFamily ?? AddressFamily.InterNetwork;

        // Start on the default gateway while DNS runs: the seed checks it first, and DNS may depend on it.
        var defaultRoute = routes.DefaultRoute(family);
        var gatewayTasks = new Dictionary<IPAddress, Task<GatewayObservation>>();
        if (defaultRoute?.Gateway is { } defaultGateway && target.Address is null)
        {
            gatewayTasks[defaultGateway] = gatewayProber.ProbeAsync(defaultGateway, defaultRoute.Device, OnLinkOf(resolver.Nameservers, defaultRoute.Device, interfaces), cancellationToken);
        }

        DnsObservation? dns = null;
        var address = target.Address;
        if (address is null)
        {
            dns = await new DnsObserver(reader, options).ObserveAsync(target, interfaces, cancellationToken).ConfigureAwait(false);
            address = Choose(dns);
        }

        RouteDecision? route = null;
        PingOutcome? targetPing = null;
        TraceOutcome? trace = null;
        TcpOutcome? connect = null;
        if (address is not null)
        {
            route = await reader.RouteGetAsync(address, cancellationToken).ConfigureAwait(false);
            if (route.Gateway is { } gateway && !gatewayTasks.ContainsKey(gateway))
            {
                gatewayTasks[gateway] = gatewayProber.ProbeAsync(gateway, route.Device, OnLinkOf(resolver.Nameservers, route.Device, interfaces), cancellationToken);
            }

            if (route.HasRoute)
            {
                (targetPing, trace, connect, dns) = await ProbeTargetAsync(address, target.Port, dns, cancellationToken).ConfigureAwait(false);
            }
        }

        var chosenGateway = route?.Gateway ?? (route is null ? defaultRoute?.Gateway : null);
        var gatewayObservation = chosenGateway is not null && gatewayTasks.TryGetValue(chosenGateway, out var task)
            ? await task.ConfigureAwait(false)
            : null;
        await Task.WhenAll(gatewayTasks.Values).ConfigureAwait(false);

        // An unanswered or locally refused SYN may never have left: trace it through this host's OUTPUT path.
        FirewallObservation? localFirewall = null;
        var mayNotHaveLeft = connect is { Result: TcpResult.Silent or TcpResult.LocalError }
            || (connect is { Result: TcpResult.IcmpError, Icmp: { } icmp } && interfaces.Own(icmp.Sender));
        if (mayNotHaveLeft && route?.Device is { } device && address is not null)
        {
            var source = route.PreferredSource ?? interfaces.GlobalAddresses(address.AddressFamily).Select(g => g.Address).FirstOrDefault();
            if (source is not null)
            {
                localFirewall = await FirewallTracer.TraceAsync(reader, Reach.Firewall.Packet.Tcp(source, address, target.Port, Reach.Firewall.TrafficDirection.Output, 40000) with
                {
                    OutInterface = device,
                    LocalAddresses = FirewallTracer.LocalAddresses(interfaces),
                }, cancellationToken).ConfigureAwait(false);
            }
        }

        // For an on-link target the ARP entry is the proof of life (or of death) the kernel keeps.
        Neighbour? targetNeighbour = null;
        if (route is { HasRoute: true, Gateway: null, IsLocal: false } && address is not null && connect is { Result: not TcpResult.Open })
        {
            targetNeighbour = await reader.NeighbourAsync(address, cancellationToken).ConfigureAwait(false);
        }

        return new ClientObservations(target, interfaces, routes, address, route, gatewayObservation, dns, targetPing, trace, connect, configFiles, readMs, localFirewall, targetNeighbour);
    }

    private async Task<(PingOutcome, TraceOutcome, TcpOutcome, DnsObservation?)> ProbeTargetAsync(
        IPAddress address, int port, DnsObservation? dns, CancellationToken cancellationToken)
    {
        var endpoint = new IPEndPoint(address, port);
        using var stopEvidence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ping = IcmpEcho.PingAsync(address, options.Timeout, stopEvidence.Token);
        var connect = TcpProbe.ConnectAsync(endpoint, options.Timeout, null, cancellationToken);
        var trace = TcpTrace.RunAsync(endpoint, options.Timeout, options.MaxHops, stopEvidence.Token);

        // When /etc/hosts gives another address than DNS, try DNS's too: it shows which one is stale.
        Task<TcpOutcome>? dnsConnect = null;
        if (dns is { HostsMatches.Count: > 0 } && dns.DnsAddresses.FirstOrDefault(a => !a.Equals(address) && a.AddressFamily == address.AddressFamily) is { } other)
        {
            dnsConnect = TcpProbe.ConnectAsync(new IPEndPoint(other, port), options.Timeout, null, cancellationToken);
        }

        // A completed handshake proves the route; the trace and the ping are then only evidence, not
        // worth a timeout (hosts that drop echo are common). What answers does so within about the
        // handshake's round trip; allow twice that.
        if (await connect.ConfigureAwait(false) is { Result: TcpResult.Open } open)
        {
            stopEvidence.CancelAfter(TimeSpan.FromMilliseconds(Math.Clamp(open.Ms * 2, 5, 100)));
        }

        var withConnect = dnsConnect is null ? dns : dns! with { DnsConnect = await dnsConnect.ConfigureAwait(false) };
        return (await ping.ConfigureAwait(false), await trace.ConfigureAwait(false), await connect.ConfigureAwait(false), withConnect);
    }

    /// <summary>LAN peers must share the gateway's link: an off-link one goes through the very gateway being judged.</summary>
    private static List<IPAddress> OnLinkOf(IEnumerable<IPAddress> candidates, string? device, IReadOnlyList<NetInterface> interfaces) =>
        candidates.Where(c => interfaces.OnSubnet(c, device)).ToList();

    /// <summary>The address applications would use (getaddrinfo's first, IPv4 first), else what DNS or a guessed domain gave.</summary>
    private static IPAddress? Choose(DnsObservation dns)
    {
        var system = dns.System.Addresses;
        var fromGuess = dns.GuessedQueries.Where(q => q.Result == DnsResult.Answer).SelectMany(q => q.Records)
            .Select(r => IPAddress.TryParse(r, out var a) ? a : null).OfType<IPAddress>();
        return system.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? system.FirstOrDefault()
            ?? dns.DnsAddresses.FirstOrDefault()
            ?? fromGuess.FirstOrDefault();
    }
}
