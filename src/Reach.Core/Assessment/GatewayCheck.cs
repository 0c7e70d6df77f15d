using Reach.Core.Model;
using Reach.Core.Observations;

namespace Reach.Core.Assessment;

/// <summary>
/// The seed's `route -n` and `ping GATEWAY` steps. A gateway that answers ARP but ignores ping is
/// healthy: many routers rate-limit or drop echo requests addressed to themselves.
/// </summary>
public static class GatewayCheck
{
    public static Finding Assess(ClientObservations o, bool lowerLayerFailed)
    {
        if (lowerLayerFailed)
        {
            return Findings.Skip(Layer.Gateway, "not checked: the interface below it is broken");
        }

        var routes = o.Routes.Select(r => new Evidence("ip route show table all", r.ToString())).ToList();
        if (o.Route is { HasRoute: false } none)
        {
            var subnets = string.Join(", ", o.Interfaces.Where(i => !i.IsLoopback).SelectMany(i => i.Addresses)
                .Where(a => a.Family == none.Destination.AddressFamily && a.Scope != "link").Select(a => a.Subnet));
            return Findings.Fail(Codes.GatewayMissing,
                $"no route to {none.Destination}: it is outside this host's subnets ({(subnets.Length == 0 ? "none" : subnets)}) and there is no default route",
                $"Add the default route (`ip route add default via GATEWAY`, the router of your subnet) and make it permanent in {ConfigFileHint.For(o.Candidates.Count > 0 ? o.Candidates[0].Name : "eth0", o.ConfigFiles)}.",
                [new Evidence(none.Command, none.Error!), .. routes]);
        }

        if (o.Route is { IsLocal: true } local)
        {
            return Findings.Pass(Codes.GatewayOnLink, $"{local.Destination} is this host: no gateway involved",
                [new Evidence(local.Command, local.Raw)]);
        }

        if (o.Route is { Gateway: null } onLink)
        {
            return Findings.Pass(Codes.GatewayOnLink, $"{onLink.Destination} is on-link on {onLink.Device}: no gateway involved",
                [new Evidence(onLink.Command, onLink.Raw)]);
        }

        if (o.Gateway is null)
        {
            return o.Routes.Any(r => r.IsDefault)
                ? Findings.Skip(Layer.Gateway, "not probed", routes)
                : Findings.Warn(Codes.GatewayMissing,
                    "there is no default route; whether the target needs one is unknown until its address is",
                    "If the target is off this subnet, add a default route (`ip route add default via GATEWAY`).", routes);
        }

        var gw = o.Gateway.Gateway;
        var evidence = new List<Evidence>();
        if (o.Route is { } route)
        {
            evidence.Add(new Evidence(route.Command, route.Raw));
        }

        evidence.Add(new Evidence($"ping {gw.Address}", gw.Ping.Describe()));
        evidence.Add(new Evidence($"ip neigh show {gw.Address}", gw.Neighbour?.ToString() ?? "no entry"));
        if (gw.Ping.Replied)
        {
            return Findings.Pass(Codes.GatewayOk, $"gateway {gw.Address} answers ping in {gw.Ping.Ms:0.0} ms", evidence, gw.Ping.Ms);
        }

        if (gw.Answered)
        {
            return Findings.Pass(Codes.GatewayOk,
                $"gateway {gw.Address} answers {Nd(gw.Address)} ({gw.Neighbour!.LinkAddress}) but ignores ping: not a problem, many routers do",
                evidence, gw.Ping.Ms);
        }

        if (Forwarded(o, gw.Address.AddressFamily) is { } beyond)
        {
            return Findings.Pass(Codes.GatewayOk,
                $"gateway {gw.Address} ignores ping but forwards traffic ({beyond}): not a problem", evidence, gw.Ping.Ms);
        }

        if (gw.Neighbour is { Unanswered: false })
        {
            // STALE, DELAY, PROBE: the gateway answered ARP once; a ping moves the entry to DELAY for 5 s,
            // longer than a probe waits, so "no answer now" is not proven.
            return Findings.Inconclusive(Layer.Gateway,
                $"gateway {gw.Address} ignores ping and its {Nd(gw.Address)} entry only remembers an old answer ({string.Join(',', gw.Neighbour.States)}); nothing came back through it",
                evidence, gw.Ping.Ms);
        }

        evidence.AddRange(o.Gateway.LanPeers.Select(p => new Evidence($"ping {p.Address}", p.Describe())));
        var answering = o.Gateway.LanPeers.Where(p => p.Answered).Select(p => p.Address.ToString()).ToList();
        string why;
        string fix;
        if (answering.Count > 0)
        {
            why = $"while {string.Join(", ", answering)} on the same LAN answer{(answering.Count == 1 ? "s" : string.Empty)}: the gateway is down or the route names a wrong address";
            fix = $"Check that {gw.Address} is your router's address (`ip route`) and that the router is up; fix the default route in {ConfigFileHint.For(o.Route?.Device ?? "eth0", o.ConfigFiles)}.";
        }
        else if (o.Gateway.LanPeers.Count > 0)
        {
            why = $"and neither does any other host of the LAN ({string.Join(", ", o.Gateway.LanPeers.Select(p => p.Address))}): the link, the VLAN or the switch port is broken";
            fix = "Check the switch port's VLAN and state, and the cabling; compare with a neighbour host on the same switch.";
        }
        else
        {
            why = "and no other host of the LAN is known to compare with";
            fix = $"Check that {gw.Address} is your router's address and that the router is up.";
        }

        return Findings.Fail(Codes.GatewayUnreachable,
            $"gateway {gw.Address} answers neither ping nor {Nd(gw.Address)}, {why}", fix, evidence, gw.Ping.Ms);
    }

    /// <summary>An answer that came through the gateway, from it or from beyond it: proof that it forwards.</summary>
    /// <remarks>
    /// Only traffic of the gateway's own family counts: an IPv6 gateway is not proven by an IPv4
    /// nameserver's answer (the two families have separate routes, gateways and neighbour caches).
    /// </remarks>
    private static string? Forwarded(ClientObservations o, System.Net.Sockets.AddressFamily family)
    {
        if (o.Connect is { Result: TcpResult.Open or TcpResult.Reset } && o.Connect.Target.AddressFamily == family)
        {
            return $"{o.Connect.Target.Address} answered the SYN";
        }

        if (o.TargetPing?.Replied == true && o.TargetPing.Target.AddressFamily == family)
        {
            return $"{o.TargetPing.Target} answered ping";
        }

        // A nameserver off every local subnet that answered was reached through a gateway.
        if (o.Dns?.Queries.FirstOrDefault(q => q.Result is not (DnsResult.Timeout or DnsResult.Error) && q.Server.AddressFamily == family
                && !System.Net.IPAddress.IsLoopback(q.Server) && !o.Interfaces.OnSubnet(q.Server)) is { } dns)
        {
            return $"nameserver {dns.Server} answered DNS";
        }

        var remote = new[] { o.Connect?.Icmp, o.TargetPing?.Icmp }
            .Concat(o.Trace?.Hops.Select(h => h.Outcome?.Icmp) ?? [])
            .FirstOrDefault(i => i is not null && i.Sender.AddressFamily == family && !o.IsOwnAddress(i.Sender));
        return remote is null ? null : $"{remote.Describe()}";
    }

    /// <summary>The neighbour protocol's name: ARP for IPv4 (RFC 826), NDP for IPv6 (RFC 4861).</summary>
    private static string Nd(System.Net.IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "NDP" : "ARP";
}
