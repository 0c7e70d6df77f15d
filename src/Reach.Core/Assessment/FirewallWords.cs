using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Firewall;

namespace Reach.Core.Assessment;

/// <summary>How a firewall trace reads in a finding: the evidence lines and the command that undoes the deciding rule.</summary>
internal static class FirewallWords
{
    public static List<Evidence> Evidence(FirewallObservation f)
    {
        var evidence = new List<Evidence> { new("packet traced", f.Packet) };
        evidence.AddRange(f.Read.Select(r => new Evidence("read", r)));
        evidence.AddRange(f.Unreadable.Select(u => new Evidence("unreadable", u)));
        if (f.Trace is { } t)
        {
            evidence.AddRange(t.Steps.Where(s => s.Outcome != StepOutcome.Skipped)
                .Select(s => new Evidence($"trace: {s.Outcome.ToString().ToLowerInvariant()}", s + Counters(s))));
            evidence.AddRange(t.Notes.Select(n => new Evidence("trace note", n)));
        }

        return evidence;
    }

    /// <summary>Why the rules could not be read, in one phrase (each tool's own complaint stays in the evidence).</summary>
    public static string WhyUnreadable(FirewallObservation f)
    {
        var privilege = f.Unreadable.Where(u => u.Contains("CAP_NET_ADMIN", StringComparison.Ordinal)).ToList();
        return string.Join("; ", (privilege.Count > 0 ? ["reading rules needs CAP_NET_ADMIN (run as root)"] : Array.Empty<string>())
            .Concat(f.Unreadable.Except(privilege)));
    }

    public static string Decider(TraceResult t) => t.DecidedBy is { } d ? d + Counters(d) : "no rule";

    /// <summary>The command that removes or bypasses the deciding rule, in the tool that owns it.</summary>
    public static string Undo(TraceResult t)
    {
        if (t.DecidedBy is not { } d)
        {
            return "Review the firewall rules for this flow.";
        }

        var c = d.Chain;
        var tool = c.Source switch
        {
            "ip6tables" => "ip6tables",
            "iptables-legacy" => "iptables-legacy",
            "ip6tables-legacy" => "ip6tables-legacy",
            _ => "iptables",
        };
        if (d.Outcome == StepOutcome.Policy)
        {
            return c.Source == "nft"
                ? $"Add an accept rule for this flow before the policy of {c} (`nft insert rule …`), or change the chain's policy."
                : $"Add an ACCEPT for this flow before the policy takes it (e.g. `{tool} -t {c.Table} -I {c.Chain} … -j ACCEPT`), or change the policy; then persist it (/etc/iptables/rules.v*, firewalld, ufw).";
        }

        return c.Source == "nft"
            ? $"Delete or narrow the rule: `nft delete rule {c.Family.ToString().ToLowerInvariant()} {c.Table} {c.Chain} handle {d.Handle}`; then persist it (/etc/nftables.conf)."
            : $"Delete or narrow the rule: `{tool} -t {c.Table} -D {c.Chain} {d.RuleNumber}`; then persist it (/etc/iptables/rules.v*, firewalld, ufw).";
    }

    private static string Counters(TraceStep s) => s.Counters is { } k ? $" (packets:bytes {k})" : string.Empty;
}
