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
            // A skipped ingress chain is worth saying: it is bound to another device than the packet's.
            evidence.AddRange(t.Steps.Where(s => s.Outcome != StepOutcome.Skipped || s.Chain.Hook == ChainHook.Ingress)
                .Select(s => new Evidence($"trace: {s.Outcome.ToString().ToLowerInvariant()}", s + Counters(s))));
            evidence.AddRange(t.Translations.Select(n => new Evidence("translated", n)));
            if (t.Route is { } route)
            {
                evidence.Add(new Evidence("route decision", route));
            }

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

    /// <summary>", DNAT 10.0.0.1:8080 → 172.17.0.2:80 by nat/DOCKER rule 3, forwarded out docker0": the way the packet took.</summary>
    public static string Path(TraceResult t)
    {
        var parts = t.Translations.Select(x => $"DNAT {x}").ToList();
        if (t.Path == TrafficDirection.Forward)
        {
            parts.Add($"forwarded out {t.OutInterface ?? "?"}");
        }

        return parts.Count == 0 ? string.Empty : " (" + string.Join(", ", parts) + ")";
    }

    /// <summary>The command that removes or bypasses the deciding rule, the way the tool that owns it expects.</summary>
    public static string Undo(TraceResult t) => Undo(t, null);

    /// <summary>As <see cref="Undo(TraceResult)"/>, with the port and client of `reach local` for the owner's own command.</summary>
    public static string Undo(TraceResult t, LocalObservations? o)
    {
        if (t.DecidedBy is not { } d)
        {
            return "Review the firewall rules for this flow.";
        }

        var c = d.Chain;
        var port = o?.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "PORT";
        var protocol = o?.Protocol ?? "tcp";
        var what = $"{port}/{protocol}";
        var client = o is { ClientGiven: true } ? o.Client.ToString() : "CLIENT";
        var owner = RuleOwners.Of(c);
        switch (owner)
        {
            case RuleOwner.Docker when c.Chain == "DOCKER-USER":
                return $"DOCKER-USER holds this host's own rules for Docker's traffic: remove or narrow the rule (`iptables -D DOCKER-USER {d.RuleNumber}`), and persist it where your DOCKER-USER rules are written.";
            case RuleOwner.Docker:
                return $"Docker owns {c.Table}/{c.Chain} and rewrites it: put an ACCEPT for {client} in DOCKER-USER (`iptables -I DOCKER-USER -s {client} -j ACCEPT`), or change the container's published ports (`docker run -p`).";
            case RuleOwner.KubeProxy:
                return "kube-proxy writes this rule from the Service and restores it: change the Service (its endpoints, `loadBalancerSourceRanges`, `externalTrafficPolicy`), not the rule.";
            case RuleOwner.Ufw:
                return t.Path == TrafficDirection.Forward
                    ? $"ufw owns this chain: allow the forwarded traffic with `ufw route allow proto {protocol} from {client} to {t.Destination?.ToString() ?? "any"} port {t.DestinationPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? port}` (`ufw status numbered` lists the rules)."
                    : $"ufw owns this chain: `ufw allow from {client} to any port {port} proto {protocol}` (or `ufw delete N` for a deny, as `ufw status numbered` numbers it).";
            case RuleOwner.Firewalld:
                return $"firewalld owns this table: `firewall-cmd --zone=ZONE --add-port={what}` (or a rich rule for {client}), then `firewall-cmd --runtime-to-permanent`; `firewall-cmd --get-active-zones` names the zone of {o?.InInterface ?? "the interface"}.";
            case RuleOwner.Fail2ban:
                var jail = c.Chain.StartsWith("f2b-", StringComparison.Ordinal) ? c.Chain[4..] : "JAIL";
                return $"fail2ban banned this client: `fail2ban-client set {jail} unbanip {client}` (and check why it was banned in the jail's log).";
            case RuleOwner.OpenWrt:
                return "OpenWrt's fw4 generates this table from /etc/config/firewall: change the zone or rule there (`uci` or LuCI), then `fw4 reload`.";
        }

        var tool = c.Source switch
        {
            "ip6tables" => "ip6tables",
            "iptables-legacy" => "iptables-legacy",
            "ip6tables-legacy" => "ip6tables-legacy",
            _ => "iptables",
        };
        var persist = c.Source == "nft" ? "/etc/nftables.conf (nftables.service)" : "/etc/iptables/rules.v4 or rules.v6 (iptables-persistent)";
        if (d.Outcome == StepOutcome.Policy)
        {
            return c.Source == "nft"
                ? $"Add an accept rule for this flow before the policy of {c} (`nft insert rule …`), or change the chain's policy; then persist it in {persist}."
                : $"Add an ACCEPT for this flow before the policy takes it (e.g. `{tool} -t {c.Table} -I {c.Chain} … -j ACCEPT`), or change the policy; then persist it in {persist}.";
        }

        return c.Source == "nft"
            ? $"Delete or narrow the rule: `nft delete rule {c.Family.ToString().ToLowerInvariant()} {c.Table} {c.Chain} handle {d.Handle}`; then persist it in {persist}."
            : $"Delete or narrow the rule: `{tool} -t {c.Table} -D {c.Chain} {d.RuleNumber}`; then persist it in {persist}.";
    }

    private static string Counters(TraceStep s) => s.Counters is { } k ? $" (packets:bytes {k})" : string.Empty;
}
