using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Decisions;

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
                ? "not probed: there is no address to connect to"
                : $"not probed: this host has no usable route to {o.Probed} (see {(o.Route?.Refusal is RouteRefusal.None or RouteRefusal.NoRoute ? "gateway" : "local")})");
        }

        var target = c.Target.Address;
        var port = c.Target.Port;
        var evidence = o.Syns.Select((s, i) => new Evidence(o.Syns.Count == 1 ? $"tcp connect {c.Target}" : $"tcp connect {c.Target} (SYN {i + 1})", s.Describe()))
            .Concat(o.Waits.Select(w => new Evidence("wait", w)))
            .ToList();
        var confirmed = o.Syns.Count > 1 && o.Syns[0].Result == TcpResult.Silent && c.Result != TcpResult.Silent
            ? $" (the first SYN's answer was lost or rate-limited; a second one, {ProbeTiming.IcmpTokenInterval.TotalSeconds:0} s later, got it)"
            : string.Empty;
        if (o.LocalFirewall?.Trace is { Verdict: Reach.Firewall.Verdict.Drop or Reach.Firewall.Verdict.Reject } && c.Result is not TcpResult.Open)
        {
            // This host's own OUTPUT rule answered or swallowed the SYN: the target was never asked.
            return Findings.Skip(Layer.Port, $"the SYN to {c.Target} was stopped by this host's own firewall (see local): {c.Describe()}", evidence);
        }

        switch (c.Result)
        {
            case TcpResult.Open:
                return Findings.Pass(Codes.PortOpen, $"{c.Target} accepts connections (SYN-ACK in {c.Ms:0.0} ms)", evidence, c.Ms);

            case TcpResult.Reset when AnswerOrigin.ForgedResetHop(c, o.TargetPing) is not null:
                return Findings.Skip(Layer.Port, $"the RST did not come from {target} itself (its TTL; see route): {target} was never asked", evidence);

            case TcpResult.Reset:
                return Findings.Fail(Codes.PortClosed,
                    $"{target} answers the SYN to port {port} with RST: nothing listens there",
                    $"On {target}: start the service on port {port}, or check that it listens on this address (`reach local {port}` there).",
                    evidence, c.Ms);

            case TcpResult.IcmpError when c.Icmp is { } own && o.IsOwnAddress(own.Sender) && !own.Sender.Equals(target):
                // An OUTPUT REJECT answers from this host's own address: the local check names the rule.
                return Findings.Skip(Layer.Port, $"this host itself refused to send the SYN ({own.Describe()}; see local)", evidence);

            case TcpResult.IcmpError when c.Icmp is { } icmp && (icmp.IsPortUnreachable || icmp.IsUnreachable && icmp.Sender.Equals(target)):
                var byTarget = icmp.Sender.Equals(target);
                return Findings.Fail(Codes.PortRejected,
                    byTarget
                        ? $"{target} itself rejects the SYN to port {port} with {icmp.Describe()}: a REJECT rule in its firewall{confirmed}"
                        : $"router {icmp.Sender} rejects the SYN to {target}:{port} with {icmp.Describe()}: a REJECT rule on that router{confirmed}",
                    byTarget
                        ? $"On {target}: remove or narrow the REJECT rule for port {port} (`reach local {port} --from {o.Route?.PreferredSource?.ToString() ?? "THIS-HOST"}` names it)."
                        : $"On router {icmp.Sender}: remove or narrow the REJECT rule for port {port} in its FORWARD chain.",
                    evidence, c.Ms);

            case TcpResult.IcmpError:
                return Findings.Skip(Layer.Port, $"the SYN never reached {target} ({c.Icmp!.Describe()}; see route)", evidence);

            case TcpResult.Silent when !routeFailed && o.TargetPing?.Replied == true:
                return Findings.Fail(Codes.PortFiltered,
                    $"{target} answers ping, but {(o.Syns.Count > 1 ? $"{o.Syns.Count} SYNs" : "the SYN")} to port {port} got no answer: a DROP rule (on {target} or a firewall on the way) filters it",
                    $"On {target}: look for a DROP rule or a DROP policy for port {port} (`reach local {port}` there names it); then check firewalls on the path.",
                    evidence, c.Ms);

            case TcpResult.Silent when !routeFailed:
                return Findings.Fail(Codes.PortFiltered,
                    $"the SYN to {target}:{port} got no answer within {c.Ms:0} ms, though the path answers: a DROP rule filters it",
                    $"On {target}: look for a DROP rule or a DROP policy for port {port} (`reach local {port}` there names it).",
                    evidence, c.Ms);

            case TcpResult.Silent:
                return Findings.Skip(Layer.Port, $"no answer from {target} at all (see route)", evidence);

            default:
                return Findings.Inconclusive(Layer.Port, $"the SYN was not sent: {c.Detail}", evidence, c.Ms);
        }
    }
}
