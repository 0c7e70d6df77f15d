using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

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
            return Findings.Skip(Layer.Gateway, Message.Of("gateway.skip.below"));
        }

        var routes = o.Routes.Select(r => new Evidence("ip route show table all", r.ToString())).ToList();
        if (o.Route is { HasRoute: false } none)
        {
            var subnets = string.Join(", ", o.Interfaces.Where(i => !i.IsLoopback).SelectMany(i => i.Addresses)
                .Where(a => a.Family == none.Destination.AddressFamily && a.Scope != "link").Select(a => a.Subnet));
            // Say the family: "no default route" beside an IPv4 default route in the evidence reads as a
            // contradiction when the name has only an IPv6 address (AAAA) and IPv6 has no default route.
            var v6 = none.Destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            var family = v6 ? "IPv6" : "IPv4";
            var otherHasDefault = o.Routes.DefaultRoute(v6 ? System.Net.Sockets.AddressFamily.InterNetwork : System.Net.Sockets.AddressFamily.InterNetworkV6) is not null;
            var onlyThisFamily = o.Dns is { } d && d.System.Addresses.Count > 0 && d.System.Addresses.All(a => a.AddressFamily == none.Destination.AddressFamily)
                ? Message.Of("gateway.missing.only-family", ("name", o.Target.Host), ("family", family))
                : null;
            var missing = Message.Of("gateway.missing.summary", ("destination", none.Destination.ToString()), ("family", family))
                .With("other", otherHasDefault ? Message.Of(v6 ? "gateway.missing.other.v4" : "gateway.missing.other.v6") : null)
                .With("only", onlyThisFamily);
            return Findings.Fail(Codes.GatewayMissing,
                subnets.Length == 0 ? missing.With("subnets", Message.Of("gateway.missing.no-subnet")) : missing.With("subnets", subnets),
                Message.Of(v6 ? "gateway.missing.fix.v6" : "gateway.missing.fix").With("file", ConfigFileHint.For(o.Candidates.Count > 0 ? o.Candidates[0].Name : "eth0", o.ConfigFiles)),
                [new Evidence(none.Command, none.Error!), .. routes]);
        }

        if (o.Route is { IsLocal: true } local)
        {
            return Findings.Pass(Codes.GatewayOnLink, Message.Of("gateway.local.summary", ("destination", local.Destination.ToString())),
                [new Evidence(local.Command, local.Raw)]);
        }

        if (o.Route is { Gateway: null } onLink)
        {
            return Findings.Pass(Codes.GatewayOnLink, Message.Of("gateway.on-link.summary", ("destination", onLink.Destination.ToString()), ("device", onLink.Device ?? string.Empty)),
                [new Evidence(onLink.Command, onLink.Raw)]);
        }

        if (o.Gateway is null)
        {
            return o.Routes.Any(r => r.IsDefault)
                ? Findings.Skip(Layer.Gateway, Message.Of("gateway.skip.not-probed"), routes)
                : Findings.Warn(Codes.GatewayMissing, Message.Of("gateway.no-default.summary"), Message.Of("gateway.no-default.fix"), routes);
        }

        var gw = o.Gateway.Gateway;
        var evidence = new List<Evidence>();
        if (o.Route is { } route)
        {
            evidence.Add(new Evidence(route.Command, route.Raw));
        }

        evidence.Add(new Evidence($"ping {gw.Address}", gw.Ping.Describe()));
        if (gw.NeighbourRead)
        {
            evidence.Add(new Evidence($"ip neigh show {gw.Address}", gw.Neighbour?.ToString() ?? "no entry"));
        }

        if (gw.Solicited is { } solicited)
        {
            evidence.Add(new Evidence($"{Words.Neighbour(gw.Address)} request to {gw.Address} on {solicited.Interface}", solicited.Describe()));
        }

        if (gw.Ping.Replied)
        {
            return GatewayForwardingCheck.Assess(o, gw, evidence) ?? Findings.Pass(Codes.GatewayOk, Message.Of("gateway.ok.summary", ("gateway", gw.Address.ToString()), ("ms", Words.Ms(gw.Ping.Ms))), evidence, gw.Ping.Ms);
        }

        if (Forwarded(o, gw.Address) is { } beyond)
        {
            return Findings.Pass(Codes.GatewayOk,
                Message.Of("gateway.forwards.summary", ("gateway", gw.Address.ToString())).With("beyond", beyond), evidence, gw.Ping.Ms);
        }

        var nd = Words.Neighbour(gw.Address);
        if (gw.Solicited is { Result: NeighbourResult.Answered } fresh)
        {
            return Findings.Pass(Codes.GatewayOk,
                Message.Of("gateway.neighbour-only.summary", ("gateway", gw.Address.ToString()), ("nd", nd), ("answer", fresh.Describe())),
                evidence, gw.Ping.Ms);
        }

        if (gw.Solicited is not { Result: NeighbourResult.Silent } && gw.Neighbour is { Unanswered: false } remembered)
        {
            // No fresh request could be sent (it needs CAP_NET_RAW): the kernel's entry is only its memory —
            // REACHABLE lasts 15–45 s after the gateway died, STALE/DELAY/PROBE remember an older answer.
            return Findings.Inconclusive(Layer.Gateway,
                Message.Of("gateway.remembered.summary", ("gateway", gw.Address.ToString()), ("nd", nd), ("states", string.Join(',', remembered.States)))
                    .With("fresh", gw.Solicited is { } s ? Message.Of("gateway.remembered.no-fresh", ("detail", s.Detail ?? string.Empty)) : null),
                evidence, gw.Ping.Ms);
        }

        evidence.AddRange(o.Gateway.LanPeers.Select(p => new Evidence($"ping {p.Address}", p.Describe())));
        var answering = o.Gateway.LanPeers.Where(p => p.Answered).Select(p => p.Address.ToString()).ToList();
        var address = ("gateway", gw.Address.ToString());
        Message why;
        Message fix;
        if (answering.Count > 0)
        {
            why = Message.Of(answering.Count == 1 ? "gateway.unreachable.peer-answers" : "gateway.unreachable.peers-answer", ("hosts", string.Join(", ", answering)));
            fix = Message.Of("gateway.unreachable.peers-answer.fix", address).With("file", ConfigFileHint.For(o.Route?.Device ?? "eth0", o.ConfigFiles));
        }
        else if (o.Gateway.LanPeers.Count > 0)
        {
            why = Message.Of("gateway.unreachable.lan-silent", ("hosts", string.Join(", ", o.Gateway.LanPeers.Select(p => p.Address))));
            fix = Message.Of("gateway.unreachable.lan-silent.fix");
        }
        else
        {
            why = Message.Of("gateway.unreachable.no-peer");
            fix = Message.Of("gateway.unreachable.no-peer.fix", address);
        }

        var bridge = o.Egress?.BridgePorts.Where(p => p.Carrier == false).Select(p => p.Name).ToList() ?? [];
        Message? bridgeSaid = null;
        if (bridge.Count > 0)
        {
            bridgeSaid = Message.Of(bridge.Count == 1 ? "gateway.unreachable.bridge-port" : "gateway.unreachable.bridge-ports", ("bridge", o.Egress!.Name), ("ports", string.Join(", ", bridge)));
            fix = Message.Of("gateway.unreachable.bridge.fix", ("ports", string.Join(", ", bridge)), ("port", bridge[0])).With("fix", fix);
        }

        // Policy routing: this flow's gateway comes from a table a rule chose (`ip rule … lookup 100`), not from
        // the default route, which may be fine. The fix is that table's route or the rule.
        Message? policy = null;
        if (o.Route?.Table is { } table && table is not ("main" or "default" or "local") && answering.Count + o.Gateway.LanPeers.Count > 0 && bridge.Count == 0)
        {
            policy = Message.Of("gateway.unreachable.policy", ("table", table));
            fix = Message.Of("gateway.unreachable.policy.fix", address, ("table", table), ("target", o.Probed?.ToString() ?? string.Empty), ("port", Words.Number(o.Target.Port)));
        }

        var memory = gw.Neighbour is { Confirmed: true } ? Message.Of("gateway.unreachable.memory", ("states", string.Join(',', gw.Neighbour.States))) : null;
        return Findings.Fail(Codes.GatewayUnreachable,
            Message.Of("gateway.unreachable.summary", address, ("nd", nd)).With("policy", policy).With("memory", memory).With("why", why).With("bridge", bridgeSaid), fix, evidence, gw.Ping.Ms);
    }

    /// <summary>
    /// An answer that came through this gateway, from it or from beyond it: proof that it forwards. Only
    /// traffic the kernel sent through this very gateway counts: with policy routing, the echo (or a
    /// nameserver) may take another table's gateway than the flow, and an IPv4 answer proves nothing
    /// about an IPv6 gateway.
    /// </summary>
    private static Message? Forwarded(ClientObservations o, System.Net.IPAddress gateway)
    {
        if (o.Connect is { Result: TcpResult.Open or TcpResult.Reset } && Equals(o.Route?.Gateway, gateway))
        {
            return Message.Of("gateway.forwards.syn", ("address", o.Connect.Target.Address.ToString()));
        }

        var echoThrough = Equals((o.EchoRoute ?? o.Route)?.Gateway, gateway);
        if (o.TargetPing?.Replied == true && echoThrough)
        {
            return Message.Of("gateway.forwards.ping", ("address", o.TargetPing.Target.ToString()));
        }

        // A nameserver reached through this gateway that answered.
        if (o.Dns?.Queries.FirstOrDefault(q => q.Result is not (DnsResult.Timeout or DnsResult.Error) && q.Server.AddressFamily == gateway.AddressFamily
                && !o.Interfaces.OnSubnet(q.Server) && o.Dns.Nameservers.All(n => !n.Probe.Address.Equals(q.Server) || n.Route?.Gateway is null || n.Route.Gateway.Equals(gateway))) is { } dns)
        {
            return Message.Of("gateway.forwards.dns", ("address", dns.Server.ToString()));
        }

        var tcp = new[] { o.Connect?.Icmp }.Concat(o.Trace?.Hops.Select(h => h.Outcome?.Icmp) ?? []).Where(_ => Equals(o.Route?.Gateway, gateway));
        var echo = new[] { o.TargetPing?.Icmp }.Where(_ => echoThrough);
        var remote = tcp.Concat(echo).FirstOrDefault(i => i is not null && !o.IsOwnAddress(i.Sender));
        return remote is null ? null : Message.Of("gateway.forwards.icmp", ("icmp", remote.Describe()));
    }
}
