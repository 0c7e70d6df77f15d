using Reach.Core.Model;
using Reach.Core.Decisions;
using Reach.Core.Observations;

namespace Reach.Core.Assessment;

/// <summary>
/// The seed's `ping web1` and `traceroute` steps. Any answer from the target itself proves the route,
/// whatever the hops in between did: Linux rate-limits ICMP errors (net.ipv4.icmp_ratelimit), so a
/// silent hop is not a black hole. Without such an answer, an ICMP error names the router and the
/// reason (!H, !N, !X); silence names the last hop that answered.
/// </summary>
public static class RouteCheck
{
    public static Finding Assess(ClientObservations o, bool lowerLayerFailed)
    {
        if (o.Probed is not { } target)
        {
            return Findings.Skip(Layer.Route, "no address to route to (see dns)");
        }

        if (o.Route is { HasRoute: false })
        {
            return Findings.Skip(Layer.Route, $"the kernel has no route to {target} (see gateway)");
        }

        var evidence = new List<Evidence>();
        if (o.TargetPing is { } ping)
        {
            evidence.Add(new Evidence($"ping {target}", ping.Describe()));
        }

        if (o.Trace is { } trace)
        {
            evidence.AddRange(trace.Hops.Select(h => new Evidence($"tcp trace to {target}:{trace.Port}", h.Describe())));
        }

        evidence.AddRange(o.Waits.Select(w => new Evidence("wait", w)));
        var ms = Math.Max(o.TargetPing?.Ms ?? 0, o.Trace?.Ms ?? 0);
        if (o.PathMtu is { } mtu)
        {
            evidence.Add(new Evidence($"path MTU to {target}", mtu.Describe()));
        }

        // An RST that travelled fewer hops than the target's echo reply came from a router on the way (a
        // REJECT --reject-with tcp-reset there), unless this host's own OUTPUT rule made it (see local).
        var ownReject = o.LocalFirewall?.Trace?.Verdict is Reach.Firewall.Verdict.Reject or Reach.Firewall.Verdict.Drop;
        if (!ownReject && AnswerOrigin.ForgedResetHop(o.Connect, o.TargetPing) is { } hop)
        {
            var router = o.Trace?.Hops.FirstOrDefault(h => h.Ttl == hop && h.From is not null)?.From ?? (hop == 1 ? o.Route?.Gateway : null);
            var who = router is null ? $"the router {hop} hop{(hop == 1 ? string.Empty : "s")} away" : $"router {router}";
            return Findings.Fail(Codes.RouteProhibited,
                $"{who} answers the SYN to {target}:{o.Target.Port} with an RST in {target}'s name: its TTL ({o.Connect!.AnswerTtl}) says it travelled {hop} hop{(hop == 1 ? string.Empty : "s")}, while {target}'s own echo reply (TTL {o.TargetPing!.Ttl}) travelled {AnswerOrigin.TargetHops(o.TargetPing)}: a REJECT --reject-with tcp-reset on that router",
                $"On {(router is null ? "that router" : $"router {router}")}: find the REJECT rule for port {o.Target.Port} in its FORWARD path (`reach local {o.Target.Port}` there, or `iptables -L FORWARD -v --line-numbers`).",
                evidence, ms);
        }

        var errors = IcmpErrors(o, includePing: true).Where(i => !i.Sender.Equals(target)).ToList();
        var targetAnswered = o.TargetPing?.Replied == true
            || o.Connect is { Result: TcpResult.Open or TcpResult.Reset }
            || o.Connect?.Icmp?.Sender.Equals(target) == true
            || o.Trace?.ReachedTarget == true;

        if (targetAnswered)
        {
            // Only what the TCP probes met counts here: a router may well refuse ping and forward TCP.
            var tcpErrors = IcmpErrors(o, includePing: false).Where(i => !i.Sender.Equals(target) && !o.IsOwnAddress(i.Sender));
            if (o.Connect is not { Result: TcpResult.Open } && tcpErrors.FirstOrDefault(i => i.IsProhibited) is { } filter)
            {
                return Findings.Fail(Codes.RouteProhibited,
                    $"router {filter.Sender} refuses to forward TCP to {target}:{o.Target.Port} ({filter.Describe()}, {filter.TracerouteFlag}), while {target} itself answers: a filter on that router",
                    $"On router {filter.Sender}: find the REJECT rule for port {o.Target.Port} in its FORWARD path (`reach local` there, or `iptables -L FORWARD -v --line-numbers`).",
                    evidence, ms);
            }

            if (o.Connect is { Result: TcpResult.Open } && o.PathMtu is { Result: PathMtuResult.BlackHole } hole)
            {
                var after = hole.LastBigHop is null ? "on the way" : $"right after {hole.LastBigHop} (hop {hole.LastBigHopTtl}, the last that receives big packets)";
                var fixAt = hole.LastBigHop is null ? "the router where the MTU shrinks" : $"the router after {hole.LastBigHop} (or {hole.LastBigHop} itself, on its next link)";
                return Findings.Fail(Codes.RouteMtuBlackhole,
                    $"the handshake with {target}:{o.Target.Port} works, but packets over {hole.PathMtu} bytes vanish {after} and no \"fragmentation needed\" comes back: a path MTU black hole (big responses will hang)",
                    $"On {fixAt}: let ICMP {(target.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "type 2 (packet too big)" : "type 3 code 4 (fragmentation needed)")} through, or clamp the TCP MSS (`iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu`); or set this host's MTU to {hole.PathMtu}.",
                    evidence, ms);
            }

            var path = o.Trace is { Hops.Count: > 0 } t && t.Hops.Any(h => !h.Silent) ? $"; path {string.Join(" → ", t.Hops.Select(h => h.From?.ToString() ?? "*"))}" : string.Empty;
            var how = o.TargetPing?.Replied == true ? $"answers ping in {o.TargetPing.Ms:0.0} ms" : "answers TCP";
            var mtuText = o.PathMtu is { Result: PathMtuResult.Fits or PathMtuResult.Announced, PathMtu: { } pmtu } ? $"; path MTU {pmtu}" : string.Empty;
            return Findings.Pass(Codes.RouteOk, $"{target} {how}{path}{mtuText}", evidence, ms);
        }

        if (lowerLayerFailed)
        {
            return Findings.Skip(Layer.Route, $"{target} does not answer, which the failure below explains", evidence);
        }

        var nextHop = o.Route?.Gateway ?? target;
        if (o.Route?.Gateway is null && o.TargetNeighbour is { Unanswered: true } arp)
        {
            return Findings.Fail(Codes.RouteHostUnreachable,
                $"{target} is on-link ({o.Route?.Device}) and does not answer ARP ({string.Join(',', arp.States)}): the host is down or not on this LAN",
                $"Check that {target} is up and on the same LAN (VLAN) as {o.Route?.Device}.",
                [.. evidence, new Evidence($"ip neigh show {target}", arp.ToString())], ms);
        }

        if (errors.FirstOrDefault(i => i.IsHostUnreachable && o.IsOwnAddress(i.Sender)) is { } self)
        {
            return Findings.Fail(Codes.RouteHostUnreachable,
                $"this host ({self.Sender}) got no ARP answer from {nextHop} ({self.Describe()}, !H): the host is down or not on this LAN",
                $"Check that {nextHop} is up and on the same LAN as {o.Route?.Device}.", evidence, ms);
        }

        if (errors.FirstOrDefault(i => i.IsHostUnreachable) is { } host)
        {
            return Findings.Fail(Codes.RouteHostUnreachable,
                $"{host.Sender} reports {target} unreachable ({host.Describe()}, !H): the host is down or gone from its LAN",
                $"Check that {target} is up and on its network (from {host.Sender}: `ip neigh show {target}`); if it was moved, update DNS.",
                evidence, ms);
        }

        if (errors.FirstOrDefault(i => i.IsNetUnreachable) is { } net)
        {
            return Findings.Fail(Codes.RouteNetUnreachable,
                $"router {net.Sender} has no route to {target}'s network ({net.Describe()}, !N)",
                $"On router {net.Sender}: add the route to {target}'s network (`ip route` there shows none).", evidence, ms);
        }

        if (errors.FirstOrDefault(i => i.IsProhibited) is { } prohibited)
        {
            return Findings.Fail(Codes.RouteProhibited,
                $"router {prohibited.Sender} refuses to forward to {target} ({prohibited.Describe()}, {prohibited.TracerouteFlag}): a filter on that router",
                $"On router {prohibited.Sender}: find the REJECT rule in its FORWARD path.", evidence, ms);
        }

        var last = o.Trace?.LastAnswering;
        var where = last is null
            ? "no hop answered at all"
            : $"silence after hop {last.Ttl} ({last.From})";
        return Findings.Fail(Codes.RouteUnreachable,
            $"{target} answers neither ping nor TCP: {where}",
            last is null
                ? $"Check the first router on the way to {target}."
                : $"Check what lies after {last.From}: its route to {target}, a firewall that drops silently, or {target} itself being down.",
            evidence, ms);
    }

    private static IEnumerable<IcmpReport> IcmpErrors(ClientObservations o, bool includePing)
    {
        if (o.Connect?.Icmp is { IsTimeExceeded: false } c)
        {
            yield return c;
        }

        if (includePing && o.TargetPing?.Icmp is { IsTimeExceeded: false } p)
        {
            yield return p;
        }

        foreach (var hop in o.Trace?.Hops ?? [])
        {
            if (hop.Outcome?.Icmp is { IsTimeExceeded: false } h)
            {
                yield return h;
            }
        }
    }
}
