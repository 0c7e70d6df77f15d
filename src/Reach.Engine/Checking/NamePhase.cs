using System.Net;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Targets;
using Reach.Core.Text;
using Reach.Readers;

namespace Reach.Engine.Checking;

/// <summary>
/// Phase 2: the name. The default gateway is probed meanwhile (the seed checks it first, and DNS may
/// depend on it). The verdict is about the first address (the one applications try first); every other
/// address of the name is probed at the same time, so the report can say whether another one works.
/// </summary>
internal sealed class NamePhase(SystemReader reader, ProbeOptions options, ProbeSet probes)
{
    public async Task<NameView> ResolveAsync(Target target, SystemView system, GatewayProbes gateways, CancellationToken cancellationToken)
    {
        if (target.Address is { } literal)
        {
            return new NameView(null, literal, Task.FromResult<IReadOnlyList<AddressOutcome>>([]));
        }

        if (system.Routes.DefaultRoute(SystemPhase.FamilyOf(target)) is { Gateway: { } defaultGateway } defaultRoute)
        {
            gateways.Start(defaultGateway, defaultRoute.Device, null);
        }

        var dns = await new DnsObserver(reader, options, probes).ObserveAsync(target, system.Interfaces, cancellationToken).ConfigureAwait(false);
        var address = Choose(dns);
        options.Observed?.Invoke(Layer.Dns);
        if (address is null)
        {
            return new NameView(dns, null, Task.FromResult<IReadOnlyList<AddressOutcome>>([]));
        }

        if ((NonUnicastAddress.Refusal(address) ?? NonUnicastAddress.DirectedBroadcastRefusal(address, system.Interfaces)) is { } refusal)
        {
            throw new TargetRefusedException(Message.Of("error.target.resolves-to", ("host", target.Host), ("address", address.ToString())).With("reason", refusal));
        }

        var others = AddressFanOut.Pick(dns.System.Addresses).Where(a => !a.Equals(address)).ToList();
        return new NameView(dns, address, new AddressFanOut(reader, options, probes).ProbeAsync(others, target.Port, cancellationToken));
    }

    /// <summary>
    /// The address applications use: getaddrinfo's first, in its order (RFC 6724: IPv6 first when this
    /// host has a global IPv6 address), else what DNS or a guessed domain gave.
    /// </summary>
    internal static IPAddress? Choose(DnsObservation dns)
    {
        var system = dns.System.Addresses;
        var fromGuess = dns.GuessedQueries.Where(q => q.Result == DnsResult.Answer).SelectMany(q => q.Records)
            .Select(r => IPAddress.TryParse(r, out var a) ? a : null).OfType<IPAddress>();
        return system.FirstOrDefault()
            ?? dns.DnsAddresses.FirstOrDefault()
            ?? fromGuess.FirstOrDefault();
    }
}
