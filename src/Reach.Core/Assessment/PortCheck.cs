using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Decisions;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// The seed's `telnet web1 80` / `nmap -p 80` step, told apart by what came back for the SYN:
/// a SYN-ACK (open), an RST (closed: nothing listens), an ICMP unreachable (rejected by a rule, and by
/// whom), or nothing (filtered: a DROP).
/// </summary>
public static class PortCheck
{
    public static Finding Assess(ClientObservations o, bool routeFailed) =>
        o.Service is { } service ? ServicePortCheck.Assess(service, Plain(o, routeFailed)) : Plain(o, routeFailed);

    /// <summary>The verdict on the address probed (for a translated service address, the deciding backend).</summary>
    private static Finding Plain(ClientObservations o, bool routeFailed)
    {
        if (o.Connect is not { } c)
        {
            return Findings.Skip(Layer.Port, o.Probed is null
                ? Message.Of("port.skip.no-address")
                : Message.Of("port.skip.no-route", ("address", o.Probed.ToString()), ("layer", o.Route?.Refusal is RouteRefusal.None or RouteRefusal.NoRoute ? "gateway" : "local")));
        }

        var target = c.Target.Address.ToString();
        var port = Words.Number(c.Target.Port);
        var endpoint = c.Target.ToString();
        var evidence = o.Syns.Select((s, i) => new Evidence(o.Syns.Count == 1 ? $"tcp connect {c.Target}" : $"tcp connect {c.Target} (SYN {i + 1})", s.Describe()))
            .Concat(o.Waits.Select(w => new Evidence("wait", Catalog.English.Format(w))))
            .ToList();
        var confirmed = o.Syns.Count > 1 && o.Syns[0].Result == TcpResult.Silent && c.Result != TcpResult.Silent
            ? Message.Of("port.part.second-syn", ("seconds", ProbeTiming.IcmpTokenInterval.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))
            : null;
        if (o.LocalFirewall?.Trace is { Verdict: FirewallVerdict.Drop or FirewallVerdict.Reject } && c.Result is not TcpResult.Open)
        {
            // This host's own OUTPUT rule answered or swallowed the SYN: the target was never asked. A REJECT
            // --reject-with tcp-reset forges its RST in the target's name (nf_send_reset swaps the addresses):
            // saying "RST from TARGET" would blame the target for what this host made.
            return Findings.Skip(Layer.Port, c.Result == TcpResult.Reset
                ? Message.Of("port.skip.own-firewall.reset", ("target", endpoint), ("address", target))
                : Message.Of("port.skip.own-firewall", ("target", endpoint), ("outcome", c.Describe())), evidence);
        }

        switch (c.Result)
        {
            case TcpResult.Open:
                return DataCheck.Assess(o, c, evidence);

            case TcpResult.Reset when AnswerOrigin.ForgedResetHop(c, o.TargetPing) is not null:
                return Findings.Skip(Layer.Port, Message.Of("port.skip.forged-reset", ("target", target)), evidence);

            case TcpResult.Reset:
                return Findings.Fail(Codes.PortClosed,
                    Message.Of("port.closed.summary", ("target", target), ("port", port)),
                    Message.Of("port.closed.fix", ("target", target), ("port", port)),
                    evidence, c.Ms);

            case TcpResult.IcmpError when c.Icmp is { } own && o.IsOwnAddress(own.Sender) && !own.Sender.Equals(c.Target.Address) && own.IsHostUnreachable:
                // No OUTPUT rule refused it (that case is above): a host-unreachable from this host's own address
                // is its kernel giving up on the next hop's neighbour resolution (ARP/NDP unanswered,
                // mcast_solicit probes). The gateway check asks that next hop; an on-link target is the route's.
                var nextHop = o.Route?.Gateway ?? c.Target.Address;
                return Findings.Skip(Layer.Port, Message.Of("port.skip.own-neighbour", ("icmp", own.Describe()), ("next-hop", nextHop.ToString()), ("nd", Words.Neighbour(nextHop)))
                    .With("layer", o.Route?.Gateway is null ? "route" : "gateway"), evidence);

            case TcpResult.IcmpError when c.Icmp is { } own && o.IsOwnAddress(own.Sender) && !own.Sender.Equals(c.Target.Address):
                // An OUTPUT REJECT answers from this host's own address: the local check names the rule.
                return Findings.Skip(Layer.Port, Message.Of("port.skip.own-reject", ("icmp", own.Describe())), evidence);

            case TcpResult.IcmpError when c.Icmp is { } icmp && (icmp.IsPortUnreachable || icmp.IsUnreachable && icmp.Sender.Equals(c.Target.Address)):
                var byTarget = icmp.Sender.Equals(c.Target.Address);
                var router = icmp.Sender.ToString();
                return Findings.Fail(Codes.PortRejected,
                    byTarget
                        ? Message.Of("port.rejected.by-target.summary", ("target", target), ("port", port), ("icmp", icmp.Describe())).With("confirmed", confirmed)
                        : Message.Of("port.rejected.by-router.summary", ("router", router), ("target", target), ("port", port), ("icmp", icmp.Describe())).With("confirmed", confirmed),
                    byTarget
                        ? Message.Of("port.rejected.by-target.fix", ("target", target), ("port", port), ("source", o.Route?.PreferredSource?.ToString() ?? "THIS-HOST"))
                        : Message.Of("port.rejected.by-router.fix", ("router", router), ("port", port)),
                    evidence, c.Ms);

            case TcpResult.IcmpError:
                return Findings.Skip(Layer.Port, Message.Of("port.skip.icmp", ("target", target), ("icmp", c.Icmp!.Describe())), evidence);

            case TcpResult.Silent when !routeFailed && o.TargetPing?.Replied == true:
                return Findings.Fail(Codes.PortFiltered,
                    Message.Of(o.Syns.Count > 1 ? "port.filtered.ping.syns.summary" : "port.filtered.ping.summary", ("target", target), ("port", port), ("count", Words.Number(o.Syns.Count))),
                    Message.Of("port.filtered.ping.fix", ("target", target), ("port", port)),
                    evidence, c.Ms);

            case TcpResult.Silent when !routeFailed:
                return Findings.Fail(Codes.PortFiltered,
                    Message.Of("port.filtered.summary", ("target", target), ("port", port), ("ms", c.Ms.ToString("0", System.Globalization.CultureInfo.InvariantCulture))),
                    Message.Of("port.filtered.fix", ("target", target), ("port", port)),
                    evidence, c.Ms);

            case TcpResult.Silent:
                return Findings.Skip(Layer.Port, Message.Of("port.skip.silent", ("target", target)), evidence);

            default:
                return Findings.Inconclusive(Layer.Port, Message.Of("port.unknown.not-sent", ("detail", c.Detail ?? string.Empty)), evidence, c.Ms);
        }
    }
}
