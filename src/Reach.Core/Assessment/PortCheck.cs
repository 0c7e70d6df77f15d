using Reach.Core.Model;
using Reach.Core.Observations;

namespace Reach.Core.Assessment;

/// <summary>
/// The seed's `telnet web1 80` / `nmap -p 80` step, told apart by what came back for the SYN:
/// a SYN-ACK (open), an RST (closed: nothing listens), an ICMP unreachable (rejected by a rule, and by
/// whom), or nothing (filtered: a DROP).
/// </summary>
public static class PortCheck
{
    public static Finding Assess(ClientObservations o, bool routeFailed)
    {
        if (o.Connect is not { } c)
        {
            return Findings.Skip(Layer.Port, "not probed: there is no address to connect to");
        }

        var target = c.Target.Address;
        var port = c.Target.Port;
        var evidence = new List<Evidence> { new($"tcp connect {c.Target}", c.Describe()) };
        switch (c.Result)
        {
            case TcpResult.Open:
                return Findings.Pass(Codes.PortOpen, $"{c.Target} accepts connections (SYN-ACK in {c.Ms:0.0} ms)", evidence, c.Ms);

            case TcpResult.Reset:
                return Findings.Fail(Codes.PortClosed,
                    $"{target} answers the SYN to port {port} with RST: nothing listens there",
                    $"On {target}: start the service on port {port}, or check that it listens on this address (`reach local {port}` there).",
                    evidence, c.Ms);

            case TcpResult.IcmpError when c.Icmp is { } own && o.IsOwnAddress(own.Sender) && !own.Sender.Equals(target):
                // An OUTPUT REJECT answers from this host's own address: the local check names the rule.
                return Findings.Inconclusive(Layer.Port, $"this host itself refused to send the SYN ({own.Describe()}; see local)", evidence, c.Ms);

            case TcpResult.IcmpError when c.Icmp is { } icmp && (icmp.IsPortUnreachable || icmp.IsUnreachable && icmp.Sender.Equals(target)):
                var byTarget = icmp.Sender.Equals(target);
                return Findings.Fail(Codes.PortRejected,
                    byTarget
                        ? $"{target} itself rejects the SYN to port {port} with {icmp.Describe()}: a REJECT rule in its firewall"
                        : $"router {icmp.Sender} rejects the SYN to {target}:{port} with {icmp.Describe()}: a REJECT rule on that router",
                    byTarget
                        ? $"On {target}: remove or narrow the REJECT rule for port {port} (`reach local {port} --from {o.Route?.PreferredSource?.ToString() ?? "THIS-HOST"}` names it)."
                        : $"On router {icmp.Sender}: remove or narrow the REJECT rule for port {port} in its FORWARD chain.",
                    evidence, c.Ms);

            case TcpResult.IcmpError:
                return Findings.Inconclusive(Layer.Port, $"the SYN never reached {target} ({c.Icmp!.Describe()}; see route)", evidence, c.Ms);

            case TcpResult.Silent when !routeFailed && o.TargetPing?.Replied == true:
                return Findings.Fail(Codes.PortFiltered,
                    $"{target} answers ping, but the SYN to port {port} got no answer within {c.Ms:0} ms: a DROP rule (on {target} or a firewall on the way) filters it",
                    $"On {target}: look for a DROP rule or a DROP policy for port {port} (`reach local {port}` there names it); then check firewalls on the path.",
                    evidence, c.Ms);

            case TcpResult.Silent when !routeFailed:
                return Findings.Fail(Codes.PortFiltered,
                    $"the SYN to {target}:{port} got no answer within {c.Ms:0} ms, though the path answers: a DROP rule filters it",
                    $"On {target}: look for a DROP rule or a DROP policy for port {port} (`reach local {port}` there names it).",
                    evidence, c.Ms);

            case TcpResult.Silent:
                return Findings.Inconclusive(Layer.Port, $"no answer from {target} at all (see route)", evidence, c.Ms);

            default:
                return Findings.Inconclusive(Layer.Port, $"the SYN was not sent: {c.Detail}", evidence, c.Ms);
        }
    }
}
