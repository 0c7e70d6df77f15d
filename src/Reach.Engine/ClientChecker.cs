using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Decisions;
using Reach.Core.Targets;
using Reach.Core.Text;
using Reach.Probes;
using Reach.Readers;

namespace Reach.Engine;

/// <summary>
/// Gathers everything `reach check` judges, as concurrently as the dependencies allow: the system
/// reads and DNS at once (the default gateway is probed meanwhile); then, once the address is known,
/// the kernel's route decision for the real flow and the target's probes (<see cref="TargetProber"/>).
/// It only observes: the verdict is the pure assessors' business.
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
        if (target.Address is { } literal && NonUnicastAddress.DirectedBroadcastRefusal(literal, interfaces) is { } refusal)
        {
            throw new TargetRefusedException(refusal);
        }

        options.Observed?.Invoke(Layer.Interface);
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
            gatewayTasks[defaultGateway] = gatewayProber.ProbeAsync(defaultGateway, defaultRoute.Device, null, OnLinkOf(resolver.Nameservers, defaultRoute.Device, interfaces), cancellationToken);
        }

        DnsObservation? dns = null;
        var address = target.Address;
        if (address is null)
        {
            dns = await new DnsObserver(reader, options).ObserveAsync(target, interfaces, cancellationToken).ConfigureAwait(false);
            address = Choose(dns);
            options.Observed?.Invoke(Layer.Dns);
            if (address is not null && (NonUnicastAddress.Refusal(address) ?? NonUnicastAddress.DirectedBroadcastRefusal(address, interfaces)) is { } resolvedRefusal)
            {
                throw new TargetRefusedException(Message.Of("error.target.resolves-to", ("host", target.Host), ("address", address.ToString())).With("reason", resolvedRefusal));
            }
        }

        // Every other address of the name, probed meanwhile: the verdict is about the first (the one
        // applications try first), the report says whether another one or the other family works.
        var fanOut = address is not null && target.Address is null && dns is not null
            ? new AddressFanOut(reader, options).ProbeAsync(AddressFanOut.Pick(dns.System.Addresses).Where(a => !a.Equals(address)).ToList(), target.Port, cancellationToken)
            : Task.FromResult<IReadOnlyList<AddressOutcome>>([]);

        void StartGatewayProbe(RouteDecision r)
        {
            if (r.Gateway is { } gateway && !gatewayTasks.ContainsKey(gateway))
            {
                gatewayTasks[gateway] = gatewayProber.ProbeAsync(gateway, r.Device, r.PreferredSource, OnLinkOf(resolver.Nameservers, r.Device, interfaces), cancellationToken);
            }
        }

        int? EgressMtu(RouteDecision r) => interfaces.FirstOrDefault(i => i.Name == r.Device && !i.IsLoopback)?.Mtu;

        RouteDecision? route = null;
        RouteDecision? echoRoute = null;
        TargetProbes? probed = null;
        ServiceTranslation? service = null;
        Task<FirewallRules>? natRead = null;
        IPAddress? serviceSource = null;
        IReadOnlyList<string> rules = [];
        if (address is not null)
        {
            // This host's translations, read while the kernel is asked for the route and the target is
            // probed: its own nat OUTPUT may send the connection elsewhere (a ClusterIP, a published port).
            // Only the nat tables: a healthy path must not wait for a big filter ruleset to be read.
            natRead = new FirewallReader(reader.Source).ReadAsync(FirewallScope.Nat, cancellationToken);

            // The decision for the real flow: policy rules may pick another table (and gateway) for port 80.
            route = await reader.RouteGetAsync(address, new RouteFlow("tcp", target.Port), cancellationToken).ConfigureAwait(false);
            var probeAddress = address;
            StartGatewayProbe(route);
            (rules, echoRoute) = await PolicyRoutingAsync(route, address, cancellationToken).ConfigureAwait(false);

            if (route.HasRoute)
            {
                // Probed as it is while the rules are read; thrown away if this host's nat OUTPUT turns out
                // to translate it (the kernel would have sent each probe to a backend picked at random).
                using var plain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var plainProbe = ProbeTargetAsync(address, target.Port, null, dns, GatewayRtt(route, gatewayTasks), EgressMtu(route), target.Address is null ? target.Host : null, plain.Token);
                if ((route.PreferredSource ?? interfaces.GlobalAddresses(address.AddressFamily).Select(g => g.Address).FirstOrDefault()) is { } from)
                {
                    // connect() routes the service address first (no route: it fails before any NAT); after a
                    // nat OUTPUT DNAT the kernel routes the packet again, to the backend (ip_route_me_harder).
                    var translations = await natRead.ConfigureAwait(false);
                    service = ServiceTranslator.Translate(translations, from, new IPEndPoint(address, target.Port), route.Device, FirewallTracer.LocalAddresses(interfaces));
                    // The backends are asked from the address the translated connection keeps (the source
                    // picked for the service address), not the one a socket to the backend would pick.
                    serviceSource = service is null ? null : from;
                }

                if (service is null || serviceSource is null)
                {
                    (probed, dns) = await plainProbe.ConfigureAwait(false);
                }
                else
                {
                    await plain.CancelAsync().ConfigureAwait(false);
                    await IgnoreCancelledAsync(plainProbe, cancellationToken).ConfigureAwait(false);
                    service = await ServiceTranslator.ProbeAsync(service, serviceSource, options.Timeout, cancellationToken).ConfigureAwait(false);
                    probeAddress = service.Probed.Address;
                    route = await reader.RouteGetAsync(probeAddress, new RouteFlow("tcp", service.Probed.Port), cancellationToken).ConfigureAwait(false);
                    StartGatewayProbe(route);
                    (rules, echoRoute) = await PolicyRoutingAsync(route, probeAddress, cancellationToken).ConfigureAwait(false);
                    if (route.HasRoute)
                    {
                        (probed, dns) = await ProbeTargetAsync(probeAddress, service.Probed.Port, serviceSource, dns, GatewayRtt(route, gatewayTasks), EgressMtu(route), null, cancellationToken).ConfigureAwait(false);
                    }
                }

                options.Observed?.Invoke(Layer.Port);
            }
        }

        var chosenGateway = route?.Gateway ?? (route is null ? defaultRoute?.Gateway : null);
        var gatewayObservation = chosenGateway is not null && gatewayTasks.TryGetValue(chosenGateway, out var task)
            ? await task.ConfigureAwait(false)
            : null;
        await Task.WhenAll(gatewayTasks.Values).ConfigureAwait(false);
        options.Observed?.Invoke(Layer.Gateway);

        // An unanswered, locally refused or reset SYN may be this host's own doing: trace it through its OUTPUT path.
        var connect = probed?.Connect;
        FirewallObservation? localFirewall = null;
        if (connect is not null && SynPlan.MayNotHaveLeft(connect, interfaces.Own) && route?.Device is { } device)
        {
            var to = connect.Target;
            var source = route.PreferredSource ?? interfaces.GlobalAddresses(to.AddressFamily).Select(g => g.Address).FirstOrDefault();
            if (source is not null)
            {
                var firewall = await new FirewallReader(reader.Source).ReadAsync(cancellationToken).ConfigureAwait(false);
                localFirewall = FirewallTracer.Trace(firewall, Reach.Firewall.Packet.Tcp(source, to.Address, to.Port, Reach.Firewall.TrafficDirection.Output, 40000) with
                {
                    OutInterface = device,
                    LocalAddresses = FirewallTracer.LocalAddresses(interfaces),
                });
            }
        }

        // For an on-link target the ARP entry is the proof of life (or of death) the kernel keeps.
        Neighbour? targetNeighbour = null;
        if (route is { HasRoute: true, Gateway: null, IsLocal: false } && connect is { Result: not TcpResult.Open })
        {
            targetNeighbour = await reader.NeighbourAsync(connect.Target.Address, cancellationToken).ConfigureAwait(false);
        }

        // Counters are judged by what moved during this run: a host that once counted errors must not warn for ever.
        var after = await reader.InterfacesAsync(cancellationToken).ConfigureAwait(false);
        return new ClientObservations(target, interfaces, routes, address, route, gatewayObservation, dns, probed?.Ping, probed?.Trace, connect, configFiles, readMs, localFirewall, targetNeighbour)
        {
            Syns = probed?.Syns ?? [],
            Waits = probed?.Waits ?? [],
            PathMtu = probed?.PathMtu,
            Data = probed?.Data,
            FirstHopAgain = probed?.FirstHopAgain,
            PolicyRules = rules,
            EchoRoute = echoRoute,
            InterfacesAfter = after,
            OtherAddresses = await fanOut.ConfigureAwait(false),
            Service = service,
        };
    }

    /// <summary>Policy routing picks this flow's table: the echo (no port) may go another way, and the rules say why.</summary>
    private async Task<(IReadOnlyList<string> Rules, RouteDecision? EchoRoute)> PolicyRoutingAsync(RouteDecision route, IPAddress address, CancellationToken cancellationToken)
    {
        if (route.Refusal is RouteRefusal.None && route.Table is null or "main" or "local")
        {
            return ([], null);
        }

        var rules = await reader.RulesAsync(address, cancellationToken).ConfigureAwait(false);
        return (rules, await reader.RouteGetAsync(address, cancellationToken).ConfigureAwait(false));
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

    private async Task<(TargetProbes, DnsObservation?)> ProbeTargetAsync(
        IPAddress address, int port, IPAddress? source, DnsObservation? dns, double? gatewayRttMs, int? egressMtu, string? serverName, CancellationToken cancellationToken)
    {
        var endpoint = new IPEndPoint(address, port);
        var probing = new TargetProber(source is null ? LiveProbes.Instance : new LiveProbes(source), options)
        {
            Conversation = new LiveConversationProbes(serverName, source, options.Timeout),
        }.ProbeAsync(endpoint, gatewayRttMs, egressMtu, cancellationToken);

        // When /etc/hosts gives another address than DNS, try DNS's too: it shows which one is stale.
        Task<TcpOutcome>? dnsConnect = null;
        // The same family first; else the other one (a stale IPv6 line hides a DNS answer that is IPv4 only).
        if (dns is { HostsMatches.Count: > 0 } && (dns.DnsAddresses.FirstOrDefault(a => !a.Equals(address) && a.AddressFamily == address.AddressFamily)
            ?? dns.DnsAddresses.FirstOrDefault(a => !a.Equals(address) && !dns.System.Addresses.Contains(a))) is { } other)
        {
            dnsConnect = TcpProbe.ConnectAsync(new IPEndPoint(other, port), options.Timeout, null, cancellationToken);
        }

        var probed = await probing.ConfigureAwait(false);
        var withConnect = dnsConnect is null ? dns : dns! with { DnsConnect = await dnsConnect.ConfigureAwait(false) };
        return (probed, withConnect);
    }

    /// <summary>The gateway's echo round trip, if it is already known: it bounds how long a silent hop is worth waiting for.</summary>
    private static double? GatewayRtt(RouteDecision route, Dictionary<IPAddress, Task<GatewayObservation>> gateways) =>
        route.Gateway is { } g && gateways.TryGetValue(g, out var t) && t.IsCompletedSuccessfully && t.Result.Gateway.Ping.Replied
            ? t.Result.Gateway.Ping.Ms
            : null;

    /// <summary>LAN peers must share the gateway's link: an off-link one goes through the very gateway being judged.</summary>
    private static List<IPAddress> OnLinkOf(IEnumerable<IPAddress> candidates, string? device, IReadOnlyList<NetInterface> interfaces) =>
        candidates.Where(c => interfaces.OnSubnet(c, device)).ToList();

    /// <summary>
    /// The address applications use: getaddrinfo's first, in its order (RFC 6724: IPv6 first when this
    /// host has a global IPv6 address), else what DNS or a guessed domain gave.
    /// </summary>
    private static IPAddress? Choose(DnsObservation dns)
    {
        var system = dns.System.Addresses;
        var fromGuess = dns.GuessedQueries.Where(q => q.Result == DnsResult.Answer).SelectMany(q => q.Records)
            .Select(r => IPAddress.TryParse(r, out var a) ? a : null).OfType<IPAddress>();
        return system.FirstOrDefault()
            ?? dns.DnsAddresses.FirstOrDefault()
            ?? fromGuess.FirstOrDefault();
    }
}
