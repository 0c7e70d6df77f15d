using Reach.Core.Model;
using Reach.Core.Decisions;
using Reach.Core.Observations;
using Reach.Core.Text;

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
        // This host's own OUTPUT rule met every TCP probe, the trace's TTL-limited SYNs too: a REJECT answers
        // them whatever their TTL, in the target's name (an RST "from the target" at hop 1), and a DROP leaves
        // them silent. Neither says anything about the way: only the echo (ICMP, which the rule let out) does.
        var ownRule = o.LocalFirewall?.Trace?.Verdict is FirewallVerdict.Reject or FirewallVerdict.Drop;
        return ownRule ? Assess(o with { Trace = null }, lowerLayerFailed, o.Trace) : Assess(o, lowerLayerFailed, null);
    }

    private static Finding Assess(ClientObservations o, bool lowerLayerFailed, TraceOutcome? metOwnRule)
    {
        if (o.Probed is not { } target)
        {
            return Findings.Skip(Layer.Route, Message.Of("route.skip.no-address"));
        }

        if (o.Route is { HasRoute: false })
        {
            return Findings.Skip(Layer.Route, Message.Of("route.skip.no-route", ("target", target.ToString())));
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

        if (o.FirstHopAgain is { } again)
        {
            evidence.Add(new Evidence("TTL 1 again", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"sent alone {2 * ProbeTiming.IcmpTokenInterval.TotalSeconds:0} s after this host's last packet through the gateway (its ICMP rate limit has refilled): {again.Describe()}")));
        }

        if (metOwnRule is not null)
        {
            evidence.AddRange(metOwnRule.Hops.Select(h => new Evidence($"tcp trace to {target}:{metOwnRule.Port} (met this host's own OUTPUT rule: not the path)", h.Describe())));
        }

        evidence.AddRange(o.Waits.Select(w => new Evidence("wait", Catalog.English.Format(w))));
        var to = target.ToString();
        var port = Words.Number(o.Target.Port);
        var ms = Math.Max(o.TargetPing?.Ms ?? 0, o.Trace?.Ms ?? 0);
        if (o.PathMtu is { } mtu)
        {
            evidence.Add(new Evidence($"path MTU to {target}", mtu.Describe()));
        }

        // An RST that travelled fewer hops than the target's echo reply came from a router on the way (a
        // REJECT --reject-with tcp-reset there), unless this host's own OUTPUT rule made it (see local).
        var ownReject = metOwnRule is not null || o.LocalFirewall?.Trace?.Verdict is FirewallVerdict.Reject or FirewallVerdict.Drop;
        if (!ownReject && AnswerOrigin.ForgedResetHop(o.Connect, o.TargetPing) is { } hop)
        {
            var router = o.Trace?.Hops.FirstOrDefault(h => h.Ttl == hop && h.From is not null)?.From ?? (hop == 1 ? o.Route?.Gateway : null);
            var hops = Hops(hop);
            var who = router is null ? Message.Of("route.forged-reset.hops-away").With("hops", hops) : Message.Of("route.part.router", ("router", router.ToString()));
            return Findings.Fail(Codes.RouteProhibited,
                Message.Of("route.forged-reset.summary", ("target", to), ("port", port), ("ttl", o.Connect!.AnswerTtl?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty),
                        ("echo-ttl", o.TargetPing!.Ttl?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty), ("echo-hops", AnswerOrigin.TargetHops(o.TargetPing)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty))
                    .With("who", who).With("hops", hops),
                Message.Of("route.forged-reset.fix", ("port", port), ("proof", ProofOnRouter(o, to))).With("where", router is null ? Message.Of("route.part.that-router") : Message.Of("route.part.router", ("router", router.ToString()))),
                evidence, ms);
        }

        var errors = IcmpErrors(o, includePing: true).Where(i => !i.Sender.Equals(target)).ToList();
        var targetAnswered = o.TargetPing?.Replied == true
            || o.Connect is { Result: TcpResult.Open } || (!ownReject && o.Connect is { Result: TcpResult.Reset })
            || o.Connect?.Icmp?.Sender.Equals(target) == true
            || o.Trace?.ReachedTarget == true;

        if (targetAnswered)
        {
            // Only what the TCP probes met counts here: a router may well refuse ping and forward TCP.
            var tcpErrors = IcmpErrors(o, includePing: false).Where(i => !i.Sender.Equals(target) && !o.IsOwnAddress(i.Sender));
            if (o.Connect is not { Result: TcpResult.Open } && tcpErrors.FirstOrDefault(i => i.IsProhibited) is { } filter)
            {
                return Findings.Fail(Codes.RouteProhibited,
                    Message.Of("route.prohibited.tcp.summary", ("router", filter.Sender.ToString()), ("target", to), ("port", port), ("icmp", filter.Describe()), ("flag", filter.TracerouteFlag)),
                    Message.Of("route.prohibited.tcp.fix", ("router", filter.Sender.ToString()), ("port", port), ("proof", ProofOnRouter(o, to))),
                    evidence, ms);
            }

            if (InterfaceMtuCheck.Applies(o))
            {
                // Big packets vanish on this host's own segment, not on a route: the interface says why.
                return Findings.Skip(Layer.Route, Message.Of("route.skip.mtu-segment", ("target", to)), evidence);
            }

            if (o.Connect is { Result: TcpResult.Open } && o.PathMtu is { Result: PathMtuResult.BlackHole } hole)
            {
                var pathMtu = hole.PathMtu?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                var after = hole.LastBigHop is null ? Message.Of("route.mtu.after.unknown")
                    : Message.Of("route.mtu.after.hop", ("hop", hole.LastBigHop.ToString()), ("ttl", hole.LastBigHopTtl?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
                var fixAt = hole.LastBigHop is null ? Message.Of("route.mtu.where.unknown") : Message.Of("route.mtu.where.after", ("hop", hole.LastBigHop.ToString()));
                var icmpName = Message.Of(target.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "route.part.icmp.packet-too-big" : "route.part.icmp.fragmentation-needed");
                if (ClampedSegment(o, hole) is var (mss, segment))
                {
                    // The fix this code recommends (an MSS clamp) is in place: TCP's segments, the largest packets
                    // this connection sends, fit what passes; the hole stays for big ICMP and UDP packets only.
                    evidence.Add(new Evidence($"tcp MSS to {target}:{o.Target.Port}", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"TCP_INFO tcpi_snd_mss {mss}{(o.Data!.Timestamps ? " + 12 bytes of timestamps" : string.Empty)}: segments of {segment} bytes with their headers")));
                    return Findings.Warn(Codes.RouteMtuBlackhole,
                        Message.Of("route.mtu-clamped.summary", ("target", to), ("port", port), ("mtu", pathMtu), ("mss", Words.Number(mss)), ("segment", Words.Number(segment))).With("after", after),
                        Message.Of("route.mtu-clamped.fix", ("mtu", pathMtu)).With("icmp", icmpName).With("where", fixAt),
                        evidence, ms);
                }

                return Findings.Fail(Codes.RouteMtuBlackhole,
                    Message.Of("route.mtu-blackhole.summary", ("target", to), ("port", port), ("mtu", pathMtu)).With("after", after),
                    Message.Of("route.mtu-blackhole.fix", ("mtu", pathMtu))
                        .With("icmp", icmpName)
                        .With("where", fixAt),
                    evidence, ms);
            }

            // A trace whose answers came from this host itself (its own host-unreachable: the next hop of the
            // flow's route never answered ARP, while the echo took another route) did not leave it: no path.
            var path = o.Trace is { Hops.Count: > 0 } t && t.Hops.Any(h => !h.Silent) && !t.Hops.Any(h => h.From is { } f && o.IsOwnAddress(f))
                ? Message.Of("route.ok.path", ("hops", string.Join(" → ", t.Hops.Select(h => h.From?.ToString() ?? "*"))))
                : null;
            var how = o.TargetPing?.Replied == true ? Message.Of("route.ok.ping", ("ms", Words.Ms(o.TargetPing.Ms))) : Message.Of("route.ok.tcp");
            var mtuText = o.PathMtu is { Result: PathMtuResult.Fits or PathMtuResult.Announced, PathMtu: { } pmtu }
                ? Message.Of("route.ok.mtu", ("mtu", Words.Number(pmtu)))
                : null;
            // Policy routing may send this flow another way than the echo (ip rule ... dport): an echo reply then
            // proves the echo's route, not this flow's, and the reader must not take it for the flow's.
            var echoWay = o.TargetPing?.Replied == true && o.EchoRoute is { HasRoute: true } echoRoute && o.Route is { } flowRoute
                && !Equals(echoRoute.Gateway, flowRoute.Gateway)
                ? Message.Of("route.ok.echo-route", ("echo", echoRoute.Gateway?.ToString() ?? echoRoute.Device ?? string.Empty), ("flow", flowRoute.Gateway?.ToString() ?? flowRoute.Device ?? string.Empty), ("table", flowRoute.Table ?? "main"))
                : null;
            return Findings.Pass(Codes.RouteOk, Message.Of("route.ok.summary", ("target", to)).With("how", how).With("path", path).With("mtu", mtuText).With("echo-way", echoWay), evidence, ms);
        }

        if (lowerLayerFailed)
        {
            return Findings.Skip(Layer.Route, Message.Of("route.skip.below", ("target", to)), evidence);
        }

        var nextHop = o.Route?.Gateway ?? target;
        if (o.Route?.Gateway is null && o.TargetNeighbour is { Unanswered: true } arp)
        {
            return Findings.Fail(Codes.RouteHostUnreachable,
                Message.Of("route.host-unreachable.on-link.summary", ("target", to), ("device", o.Route?.Device ?? string.Empty), ("states", string.Join(',', arp.States)), ("nd", Words.Neighbour(target))),
                Message.Of("route.host-unreachable.on-link.fix", ("target", to), ("device", o.Route?.Device ?? string.Empty)),
                [.. evidence, new Evidence($"ip neigh show {target}", arp.ToString())], ms);
        }

        if (errors.FirstOrDefault(i => i.IsHostUnreachable && o.IsOwnAddress(i.Sender)) is { } self)
        {
            return Findings.Fail(Codes.RouteHostUnreachable,
                Message.Of("route.host-unreachable.self.summary", ("self", self.Sender.ToString()), ("next-hop", nextHop.ToString()), ("icmp", self.Describe()), ("nd", Words.Neighbour(nextHop)), ("flag", self.TracerouteFlag)),
                Message.Of("route.host-unreachable.self.fix", ("next-hop", nextHop.ToString()), ("device", o.Route?.Device ?? string.Empty)), evidence, ms);
        }

        if (errors.FirstOrDefault(i => i.IsHostUnreachable) is { } host)
        {
            return Findings.Fail(Codes.RouteHostUnreachable,
                Message.Of("route.host-unreachable.summary", ("router", host.Sender.ToString()), ("target", to), ("icmp", host.Describe())),
                Message.Of("route.host-unreachable.fix", ("router", host.Sender.ToString()), ("target", to)),
                evidence, ms);
        }

        if (errors.FirstOrDefault(i => i.IsNetUnreachable) is { } net)
        {
            return Findings.Fail(Codes.RouteNetUnreachable,
                Message.Of("route.net-unreachable.summary", ("router", net.Sender.ToString()), ("target", to), ("icmp", net.Describe())),
                Message.Of("route.net-unreachable.fix", ("router", net.Sender.ToString()), ("target", to)), evidence, ms);
        }

        if (errors.FirstOrDefault(i => i.IsProhibited) is { } prohibited)
        {
            return Findings.Fail(Codes.RouteProhibited,
                Message.Of("route.prohibited.summary", ("router", prohibited.Sender.ToString()), ("target", to), ("icmp", prohibited.Describe()), ("flag", prohibited.TracerouteFlag)),
                Message.Of("route.prohibited.fix", ("router", prohibited.Sender.ToString()), ("proof", ProofOnRouter(o, to))), evidence, ms);
        }

        // The first hop asked alone once its budget refilled answered time-exceeded: it forwards, and the
        // silence starts after it (the trace's own TTL=1 probes had found its budget spent).
        var last = o.Trace?.LastAnswering
            ?? (o.FirstHopAgain is { Icmp: { IsTimeExceeded: true } exceeded } askedAgain ? new TraceHop(1, exceeded.Sender, askedAgain, 1) : null);
        // Nothing answered, yet the gateway answers ping: a router that forwards sends time-exceeded for TTL 1,
        // one without a route net-unreachable, and one that forwards nothing is gateway.not-forwarding (asked
        // again once refilled). What is left is a gateway whose ICMP errors were rate-limited (an earlier run
        // spent its budget: net.ipv4.icmp_ratelimit, a token a second per peer, and a no-route error costs
        // two): "no hop answered" would then read as a dead first hop, which it is not.
        var limited = last is null && o.Gateway?.Gateway is { Ping.Replied: true } answering && Equals(answering.Address, o.Route?.Gateway);
        // The SYN beside the target says whether that router forwards, unless the address beside it is this host's own
        // (its answer would come from here).
        if (last is { From: { } lastRouter } && o.Forwarding is { } asked && Equals(asked.Router, lastRouter) && !o.IsOwnAddress(asked.Syn.Target.Address)
            && ForwardingProbe.Forwards(asked.Syn) is { } forwards)
        {
            return AfterRouter(o, last, asked, forwards, evidence, ms);
        }

        var where = limited
            ? Message.Of("route.unreachable.no-hop.rate-limited", ("gateway", o.Route!.Gateway!.ToString()))
            : last is null
            ? Message.Of("route.unreachable.no-hop")
            : Message.Of("route.unreachable.after-hop", ("ttl", Words.Number(last.Ttl)), ("from", last.From?.ToString() ?? string.Empty));
        return Findings.Fail(Codes.RouteUnreachable,
            Message.Of("route.unreachable.summary", ("target", to)).With("where", where),
            limited
                ? Message.Of("route.unreachable.rate-limited.fix", ("target", to), ("gateway", o.Route!.Gateway!.ToString()), ("port", port), ("proof", ProofOnRouter(o, to)))
                : last is null
                ? Message.Of("route.unreachable.no-hop.fix", ("target", to))
                : Message.Of("route.unreachable.after-hop.fix", ("target", to), ("from", last.From?.ToString() ?? string.Empty), ("port", port),
                    ("proof", ProofOnRouter(o, to)), ("server", ProofOnTarget(o, to))),
            evidence, ms);
    }

    /// <summary>
    /// Silence after a router that was asked whether it forwards anything towards the target (a SYN beside it):
    /// silent too, the router itself drops what it should forward (a DROP in its FORWARD chain); answered, the
    /// SYNs crossed it and were lost at the target or on its link.
    /// </summary>
    private static Finding AfterRouter(ClientObservations o, TraceHop last, RouterForwarding asked, bool forwards, List<Evidence> evidence, double ms)
    {
        var to = o.Probed!.ToString();
        var from = asked.Router.ToString();
        var beside = asked.Syn.Target.Address.ToString();
        evidence.Add(new Evidence($"SYN to {asked.Syn.Target}", $"{asked.Syn.Describe()} (an address beside {to} that nobody holds: does {from} forward towards it?)"));
        var where = forwards
            ? Message.Of("route.unreachable.beyond-hop", ("ttl", Words.Number(last.Ttl)), ("from", from), ("target", to), ("address", beside), ("answer", asked.Syn.Describe()))
            : Message.Of("route.unreachable.at-hop", ("ttl", Words.Number(last.Ttl)), ("from", from), ("target", to), ("address", beside));
        var fix = forwards
            ? Message.Of("route.unreachable.beyond-hop.fix", ("from", from), ("target", to), ("proof", ProofOnRouter(o, to)), ("server", ProofOnTarget(o, to)))
            : Message.Of("route.unreachable.forward-drop.fix", ("from", from), ("target", to), ("proof", ProofOnRouter(o, to)));
        return Findings.Fail(Codes.RouteUnreachable, Message.Of("route.unreachable.summary", ("target", to)).With("where", where), fix, evidence, ms);
    }

    /// <summary>
    /// What a router on the way runs to see this very flow (`reach local PORT --from US --to TARGET`): its
    /// FORWARD rules traced for the packet, and its route on. Without --to, reach local there would look
    /// for a listener of its own.
    /// </summary>
    private static string ProofOnRouter(ClientObservations o, string target) =>
        $"reach local {Words.Number(o.Target.Port)} --from {o.Route?.PreferredSource?.ToString() ?? "THIS-HOST"} --to {target}";

    /// <summary>What this host runs to ask the target itself whether the SYNs arrive and whether it can answer (--server).</summary>
    private static string ProofOnTarget(ClientObservations o, string target)
    {
        var host = target.Contains(':', StringComparison.Ordinal) ? $"[{target}]" : target;
        return $"reach check {host}:{Words.Number(o.Target.Port)} --server ssh://{host}";
    }

    /// <summary>
    /// The MSS of the connection the handshake opened and the size of its largest packet (the MSS, the timestamp
    /// option when agreed, the TCP and IP headers: 40 bytes for IPv4, 60 for IPv6), when that packet is no
    /// bigger than the largest DF echo that crossed the hole; null otherwise or when TCP_INFO was not read. A
    /// router's MSS clamp (TCPMSS --clamp-mss-to-pmtu) takes the smaller of the MTUs on both sides of it, so
    /// the clamp that shrank the target's MSS for us shrank ours for the target in the same handshake.
    /// </summary>
    /// <summary>The connection's MSS and its full segment when that segment fits the largest DF echo that passes (TCP is not hit by the hole); null otherwise.</summary>
    internal static (int Mss, int Segment)? ClampedSegment(ClientObservations o, PathMtuOutcome hole)
    {
        if (o.Data is not { SendMss: { } mss } data || hole.PathMtu is not { } passes)
        {
            return null;
        }

        var headers = o.Probed?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 60 : 40;
        var segment = mss + headers + (data.Timestamps ? 12 : 0);
        return segment <= passes ? (mss, segment) : null;
    }

    /// <summary>"1 hop", "2 hops".</summary>
    private static Message Hops(int count) => Message.Of(count == 1 ? "route.part.hop" : "route.part.hops", ("count", Words.Number(count)));

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

        // The first hop asked alone once its ICMP budget refilled: its net-unreachable is the answer the
        // spent budget swallowed the first time (a run right after another).
        if (o.FirstHopAgain?.Icmp is { IsTimeExceeded: false } again)
        {
            yield return again;
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
