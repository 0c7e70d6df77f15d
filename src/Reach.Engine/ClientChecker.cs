using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Targets;
using Reach.Engine.Checking;
using Reach.Readers;

namespace Reach.Engine;

/// <summary>
/// Gathers everything `reach check` judges, in five phases, as concurrently as their dependencies allow:
/// the system (<see cref="SystemPhase"/>); the name, while the default gateway is probed
/// (<see cref="NamePhase"/>); the route and this host's translations (<see cref="RoutePhase"/>) with the
/// target probed meanwhile (<see cref="TargetPhase"/>); what explains a failure (<see cref="ExplanationPhase"/>).
/// It only observes: the verdict is the pure assessors' business.
/// </summary>
internal sealed class ClientChecker(SystemReader reader, ProbeOptions options, ProbeSet probes)
{
    public ClientChecker(SystemReader reader, ProbeOptions options)
        : this(reader, options, ProbeSet.Live)
    {
    }

    public async Task<ClientObservations> ObserveAsync(Target target, CancellationToken cancellationToken)
    {
        var system = await new SystemPhase(reader, options, probes.Time).ReadAsync(target, cancellationToken).ConfigureAwait(false);
        var gateways = new GatewayProbes(new GatewayProber(reader, options, probes), system.Resolver.Nameservers, system.Interfaces, cancellationToken);
        using var probed = new CancellationTokenSource();
        var claims = ClaimsOnTheLan(system, probed.Token, cancellationToken);
        var name = await new NamePhase(reader, options, probes).ResolveAsync(target, system, gateways, cancellationToken).ConfigureAwait(false);
        var reached = name.Address is { } address
            ? await new TargetPhase(options, probes, system, gateways).ReachAsync(address, target.Port, name.Dns, new RoutePhase(reader, gateways), cancellationToken).ConfigureAwait(false)
            : TargetView.Unresolved(name.Dns);
        await probed.CancelAsync().ConfigureAwait(false);

        // The gateway the traffic takes: the route decision's, or while the address is unknown, the default route's.
        var route = reached.Route?.Route;
        var chosen = route?.Gateway ?? (route is null ? system.Routes.DefaultRoute(SystemPhase.FamilyOf(target))?.Gateway : null);
        var gateway = await gateways.CollectAsync(chosen).ConfigureAwait(false);
        options.Observed?.Invoke(Layer.Gateway);

        var heard = claims is null ? null : await claims.ConfigureAwait(false);
        var explained = await new ExplanationPhase(reader, probes.Packets).ExplainAsync(system, reached, heard, cancellationToken).ConfigureAwait(false);
        var sent = reached.Probed;
        return new ClientObservations(target, system.Interfaces, system.Routes, name.Address, route, gateway, reached.Dns, sent?.Ping, sent?.Trace, sent?.Connect,
            system.ConfigFiles, system.ReadMs, explained.LocalFirewall, explained.TargetNeighbour)
        {
            Syns = sent?.Syns ?? [],
            Waits = sent?.Waits ?? [],
            PathMtu = sent?.PathMtu,
            Data = sent?.Data,
            FirstHopAgain = sent?.FirstHopAgain,
            Forwarding = sent?.Forwarding,
            Claims = heard,
            NeighbourTablesBefore = explained.NeighbourTablesBefore,
            NeighbourTablesAfter = explained.NeighbourTablesAfter,
            LanNeighbours = explained.LanNeighbours,
            PolicyRules = reached.Route?.PolicyRules ?? [],
            EchoRoute = reached.Route?.EchoRoute,
            InterfacesAfter = explained.InterfacesAfter,
            OtherAddresses = await name.OtherAddresses.ConfigureAwait(false),
            Service = reached.Service,
        };
    }

    /// <summary>
    /// Who else answers on the IPv4 default route's link for the gateway and for this host's address there,
    /// heard while the rest of the check runs (<paramref name="done"/>: the target was probed). Null when
    /// there is no such link.
    /// </summary>
    private Task<AddressClaims>? ClaimsOnTheLan(SystemView system, CancellationToken done, CancellationToken cancellationToken)
    {
        if (system.Routes.DefaultRoute(System.Net.Sockets.AddressFamily.InterNetwork) is not { Device: { } device, Gateway: { } gateway })
        {
            return null;
        }

        var own = system.Interfaces.FirstOrDefault(i => i.Name == device)?.Addresses
            .Where(a => a.Family == System.Net.Sockets.AddressFamily.InterNetwork && a.Scope != "link" && a.Scope != "host")
            .Select(a => a.Address) ?? [];
        return probes.Neighbour.ClaimsAsync(device, [gateway, .. own], options.Timeout, done, cancellationToken);
    }
}
