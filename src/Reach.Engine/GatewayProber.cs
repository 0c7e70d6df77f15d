using System.Net;
using Reach.Core.Observations;
using Reach.Readers;

namespace Reach.Engine;

/// <summary>
/// Pings the gateway; when it stays silent for a short first look, asks it afresh at the link layer
/// (an ARP request or IPv6 neighbour solicitation, as arping and ndisc6 do) — the kernel's neighbour table
/// keeps a dead gateway REACHABLE for 15–45 s — and probes other hosts of the same LAN at once, as the
/// seed suggests, to tell a dead gateway from a broken link or VLAN without waiting a second timeout.
/// </summary>
internal sealed class GatewayProber(SystemReader reader, ProbeOptions options, ProbeSet probes)
{
    public async Task<GatewayObservation> ProbeAsync(IPAddress gateway, string? device, IPAddress? source, IReadOnlyList<IPAddress> knownPeers, CancellationToken cancellationToken)
    {
        using var stopPing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ping = probes.Packets.PingAsync(WithScope(gateway, device), options.Timeout, stopPing.Token);

        // A gateway is on the LAN: its echo reply comes within milliseconds, so a short first look decides
        // the common case without waiting out the timeout.
        var early = TimeSpan.FromMilliseconds(Math.Min(options.Timeout.TotalMilliseconds / 3, 200));
        if (await Task.WhenAny(ping, Task.Delay(early, probes.Time, cancellationToken)).ConfigureAwait(false) == ping && ping.Result.Replied)
        {
            // It answers: its neighbour entry is there (the reply came through it) and says nothing more; reading
            // it would start `ip`, which costs a healthy check more than its packets.
            return new GatewayObservation(new PeerProbe(gateway, ping.Result, null) { NeighbourRead = false }, []);
        }

        // No echo (yet). A fresh link-layer answer proves it is there now; whether it also answers ping
        // then changes nothing.
        var remaining = options.Timeout - early;
        NeighbourOutcome? solicited = null;
        if (device is not null)
        {
            solicited = await probes.Neighbour.SolicitAsync(device, gateway, source, remaining, cancellationToken).ConfigureAwait(false);
            if (solicited.Result == NeighbourResult.Answered)
            {
                await stopPing.CancelAsync().ConfigureAwait(false);
                var answered = await PeerAsync(gateway, await ping.ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                return new GatewayObservation(answered with { Solicited = solicited }, []);
            }
        }

        var neighbours = await reader.NeighboursAsync(cancellationToken).ConfigureAwait(false);
        var peers = neighbours.Where(n => n.Device == device && n.HasLinkAddress).Select(n => n.Address)
            .Concat(knownPeers)
            .Where(a => !a.Equals(gateway) && a.AddressFamily == gateway.AddressFamily)
            .Distinct()
            .Take(3)
            .ToList();
        var peerTasks = peers.Select(async p =>
        {
            var outcome = await probes.Packets.PingAsync(p, remaining, cancellationToken).ConfigureAwait(false);
            return await PeerAsync(p, outcome, cancellationToken).ConfigureAwait(false);
        }).ToList();

        var gatewayProbe = await PeerAsync(gateway, await ping.ConfigureAwait(false), cancellationToken).ConfigureAwait(false) with { Solicited = solicited };
        var lan = await Task.WhenAll(peerTasks).ConfigureAwait(false);
        return new GatewayObservation(gatewayProbe, gatewayProbe.Answered ? [] : lan);
    }

    /// <summary>
    /// A link-local IPv6 gateway (fe80::1, the router-advertisement default) means nothing without its
    /// link: `ip route` gives it with the device, and an echo needs that as the scope id (RFC 4007).
    /// </summary>
    private IPAddress WithScope(IPAddress gateway, string? device)
    {
        if (!gateway.IsIPv6LinkLocal || gateway.ScopeId != 0 || device is null
            || !long.TryParse(reader.Source.ReadFile($"/sys/class/net/{device}/ifindex")?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return gateway;
        }

        return new IPAddress(gateway.GetAddressBytes(), index);
    }

    public async Task<PeerProbe> PeerAsync(IPAddress address, PingOutcome ping, CancellationToken cancellationToken) =>
        new(address, ping, await reader.NeighbourAsync(address, cancellationToken).ConfigureAwait(false));
}
