using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Reach.Core.Assessment;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Fixes;

/// <summary>
/// The command that lets exactly this flow through the rule or policy that stops it: an ACCEPT for the
/// client, the protocol and the port, placed where the packet meets it first (before the deciding rule,
/// or at the end of the chain before its policy). Narrower than deleting the rule, which may guard more
/// than this flow (a catch-all DROP), and it makes the next trace reach an accept. Given only for rules
/// this host's administrator owns: a rule that Docker, kube-proxy, ufw, firewalld or OpenWrt wrote is put
/// back by its tool, so the sentence names the tool's own way instead.
/// </summary>
internal static class FirewallFixes
{
    public static IReadOnlyList<FixAction> For(FirewallFlow flow, FirewallTrace t, HostFacts host)
    {
        if (t.DecidedBy is not { } step || t.Forwarded)
        {
            // A forwarded flow needs its replies let through as well, which no single rule says: no action.
            return [];
        }

        var chain = step.Chain;
        // The chain sees the packet as NAT left it: a DNAT before it changed the port (and, going out, the address).
        var translated = t.Translations.Count > 0;
        var port = translated && t.DestinationPort is { } p ? p : flow.Port;
        var peer = flow.Outgoing && translated && t.Destination is { } d ? d : flow.Peer;
        switch (RuleOwners.Of(chain))
        {
            case RuleOwner.Unknown:
                break;
            case RuleOwner.Docker when chain.Chain == "DOCKER-USER":
                break;
            case RuleOwner.Fail2ban when !flow.Outgoing && flow.Peer is { } banned && chain.Chain.StartsWith("f2b-", StringComparison.Ordinal):
                return [new FixAction(null, $"fail2ban-client set {ShellWords.Quote(chain.Chain[4..])} unbanip {banned}", null,
                    Message.Of("fix.why.fail2ban", ("client", $"{banned}"), ("jail", chain.Chain[4..])))];
            default:
                return [];
        }

        var run = chain.Source == "nft" ? Nft(flow, peer, step, port) : Iptables(flow, peer, step, port);
        if (run is null)
        {
            return [];
        }

        var where = step.Policy
            ? Message.Of("fix.why.before-policy", ("chain", $"{chain}"))
            : Message.Of("fix.why.before-rule", ("chain", $"{chain}"), ("rule", step.RuleNumber is { } n ? n.ToString(CultureInfo.InvariantCulture) : $"handle {step.Handle}"));
        var why = flow.Outgoing
            ? Message.Of("fix.why.accept.out", ("protocol", flow.Protocol), ("port", port.ToString(CultureInfo.InvariantCulture)), ("target", $"{peer}")).With("where", where)
            : Message.Of("fix.why.accept", ("protocol", flow.Protocol), ("port", port.ToString(CultureInfo.InvariantCulture)),
                ("client", peer is null ? "any" : $"{peer}")).With("where", where);
        return [new FixAction(null, run, Persistence.Command(chain.Source, host), why)];
    }

    private static string? Iptables(FirewallFlow flow, IPAddress? peer, TracedStep step, int port)
    {
        var c = step.Chain;
        var tool = c.Source;
        var match = (peer is null ? string.Empty : $"{(flow.Outgoing ? "-d" : "-s")} {peer} ") + $"-p {flow.Protocol} --dport {port} -j ACCEPT";
        return step.Policy ? $"{tool} -t {c.Table} -A {ShellWords.Quote(c.Chain)} {match}"
            : step.RuleNumber is { } n ? $"{tool} -t {c.Table} -I {ShellWords.Quote(c.Chain)} {n} {match}"
            : null;
    }

    private static string? Nft(FirewallFlow flow, IPAddress? peer, TracedStep step, int port)
    {
        var c = step.Chain;
        if (c.Family is not ("ip" or "ip6" or "inet") || c.Ingress)
        {
            return null;
        }

        var v6 = peer?.AddressFamily == AddressFamily.InterNetworkV6;
        if (peer is not null && ((c.Family == "ip" && v6) || (c.Family == "ip6" && !v6)))
        {
            return null;
        }

        var match = (peer is null ? string.Empty : $"{(v6 ? "ip6" : "ip")} {(flow.Outgoing ? "daddr" : "saddr")} {peer} ") + $"{flow.Protocol} dport {port} accept";
        var table = $"{c.Family} {ShellWords.Quote(c.Table)} {ShellWords.Quote(c.Chain)}";
        // nft(8): "insert ... position HANDLE" puts the new rule before the rule with that handle.
        return step.Policy ? $"nft add rule {table} {match}"
            : step.Handle is { } h ? $"nft insert rule {table} position {h} {match}"
            : null;
    }
}
