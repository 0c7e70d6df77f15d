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
        if (gw.Solicited is { } solicited)
        {
            evidence.Add(new Evidence($"{Words.Neighbour(gw.Address)} request to {gw.Address} on {solicited.Interface}", solicited.Describe()));
        }

        if (gw.Ping.Replied)
        {
            return Findings.Pass(Codes.GatewayOk, $"gateway {gw.Address} answers ping in {gw.Ping.Ms:0.0} ms", evidence, gw.Ping.Ms);
        }

        if (Forwarded(o, gw.Address) is { } beyond)
        {
            return Findings.Pass(Codes.GatewayOk,
                $"gateway {gw.Address} ignores ping but forwards traffic ({beyond}): not a problem", evidence, gw.Ping.Ms);
        }

        var nd = Words.Neighbour(gw.Address);
        if (gw.Solicited is { Result: NeighbourResult.Answered } fresh)
        {
            return Findings.Pass(Codes.GatewayOk,
                $"gateway {gw.Address} answers a fresh {nd} request ({fresh.Describe()}) but ignores ping: not a problem, many routers do",
                evidence, gw.Ping.Ms);
        }

        if (gw.Solicited is not { Result: NeighbourResult.Silent } && gw.Neighbour is { Unanswered: false } remembered)
        {
            // No fresh request could be sent (it needs CAP_NET_RAW): the kernel's entry is only its memory —
            // REACHABLE lasts 15–45 s after the gateway died, STALE/DELAY/PROBE remember an older answer.
            return Findings.Inconclusive(Layer.Gateway,
                $"gateway {gw.Address} ignores ping, nothing came back through it, and its {nd} entry ({string.Join(',', remembered.States)}) only remembers an earlier answer{(gw.Solicited is { } s ? $"; a fresh request was not possible ({s.Detail}): run as root to ask it now" : string.Empty)}",
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

        var bridge = o.Egress?.BridgePorts.Where(p => p.Carrier == false).Select(p => p.Name).ToList() ?? [];
        if (bridge.Count > 0)
        {
            why += $"; {o.Egress!.Name} is a bridge and its port{(bridge.Count == 1 ? string.Empty : "s")} {string.Join(", ", bridge)} {(bridge.Count == 1 ? "has" : "have")} no carrier";
            fix = $"Check the link of {string.Join(", ", bridge)} (cable, peer, `ip link show {bridge[0]}`); " + fix;
        }

        var memory = gw.Neighbour is { Confirmed: true } ? $" (the kernel still lists it {string.Join(',', gw.Neighbour.States)}: its memory, not an answer now)" : string.Empty;
        return Findings.Fail(Codes.GatewayUnreachable,
            $"gateway {gw.Address} answers neither ping nor a fresh {nd} request{memory}, {why}", fix, evidence, gw.Ping.Ms);
    }

    /// <summary>
    /// An answer that came through this gateway, from it or from beyond it: proof that it forwards. Only
    /// traffic the kernel sent through this very gateway counts: with policy routing, the echo (or a
    /// nameserver) may take another table's gateway than the flow, and an IPv4 answer proves nothing
    /// about an IPv6 gateway.
    /// </summary>
    private static string? Forwarded(ClientObservations o, System.Net.IPAddress gateway)
    {
        if (o.Connect is { Result: TcpResult.Open or TcpResult.Reset } && Equals(o.Route?.Gateway, gateway))
        {
            return $"{o.Connect.Target.Address} answered the SYN";
        }

        var echoThrough = Equals((o.EchoRoute ?? o.Route)?.Gateway, gateway);
        if (o.TargetPing?.Replied == true && echoThrough)
        {
            return $"{o.TargetPing.Target} answered ping";
        }

        // A nameserver reached through this gateway that answered.
        if (o.Dns?.Queries.FirstOrDefault(q => q.Result is not (DnsResult.Timeout or DnsResult.Error) && q.Server.AddressFamily == gateway.AddressFamily
                && !o.Interfaces.OnSubnet(q.Server) && o.Dns.Nameservers.All(n => !n.Probe.Address.Equals(q.Server) || n.Route?.Gateway is null || n.Route.Gateway.Equals(gateway))) is { } dns)
        {
            return $"nameserver {dns.Server} answered DNS";
        }

        var tcp = new[] { o.Connect?.Icmp }.Concat(o.Trace?.Hops.Select(h => h.Outcome?.Icmp) ?? []).Where(_ => Equals(o.Route?.Gateway, gateway));
        var echo = new[] { o.TargetPing?.Icmp }.Where(_ => echoThrough);
        var remote = tcp.Concat(echo).FirstOrDefault(i => i is not null && !o.IsOwnAddress(i.Sender));
        return remote is null ? null : $"{remote.Describe()}";
    }
}
