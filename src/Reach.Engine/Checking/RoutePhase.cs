using System.Net;
using Reach.Core.Observations;
using Reach.Readers;

namespace Reach.Engine.Checking;

/// <summary>
/// Phase 3: where this host sends the connection. The kernel's route decision for the real flow (policy
/// rules may pick another table, and gateway, for port 80), and this host's own translations: its nat
/// OUTPUT may send the connection elsewhere (a ClusterIP, a published port). Each gateway a decision
/// names is probed as soon as it is known.
/// </summary>
internal sealed class RoutePhase(SystemReader reader, GatewayProbes gateways)
{
    /// <summary>
    /// Only the nat tables, started before the route is asked and read while the target is probed: a
    /// healthy path must not wait for a big filter ruleset to be read.
    /// </summary>
    public Task<FirewallRules> ReadTranslationsAsync(CancellationToken cancellationToken) =>
        new FirewallReader(reader.Source).ReadAsync(FirewallScope.Nat, cancellationToken);

    public async Task<RouteView> DecideAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        var route = await reader.RouteGetAsync(address, new RouteFlow("tcp", port), cancellationToken).ConfigureAwait(false);
        gateways.Start(route);
        var (rules, echoRoute) = await PolicyRoutingAsync(route, address, cancellationToken).ConfigureAwait(false);
        return new RouteView(route, rules, echoRoute);
    }

    /// <summary>
    /// The backends this host's nat OUTPUT sends <paramref name="address"/>:<paramref name="port"/> to,
    /// or null when nothing translates it. <paramref name="from"/> is the source picked for the service
    /// address: connect() routes the service address first (no route: it fails before any NAT); after a
    /// nat OUTPUT DNAT the kernel routes the packet again, to the backend (ip_route_me_harder), and the
    /// connection keeps that source.
    /// </summary>
    public static ServiceTranslation? Translate(FirewallRules translations, IPAddress from, IPAddress address, int port, RouteDecision route, IReadOnlyList<NetInterface> interfaces) =>
        ServiceTranslator.Translate(translations, from, new IPEndPoint(address, port), route.Device, FirewallTracer.LocalAddresses(interfaces));

    /// <summary>The source the kernel gives a connection on this route: the route's preferred source, else the first global address of the family.</summary>
    public static IPAddress? SourceOf(RouteDecision route, IPAddress to, IReadOnlyList<NetInterface> interfaces) =>
        route.PreferredSource ?? interfaces.GlobalAddresses(to.AddressFamily).Select(g => g.Address).FirstOrDefault();

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
}
