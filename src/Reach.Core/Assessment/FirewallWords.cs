using Reach.Core.Fixes;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>How a firewall trace reads in a finding: the evidence lines and the command that undoes the deciding rule.</summary>
internal static class FirewallWords
{
    public static List<Evidence> Evidence(FirewallObservation f)
    {
        var evidence = new List<Evidence> { new("packet traced", f.Packet) };
        evidence.AddRange(f.Read.Select(r => new Evidence("read", r)));
        evidence.AddRange(f.Unreadable.Select(u => new Evidence("unreadable", u.NeedsPrivilege ? $"{u.What} (reading rules needs CAP_NET_ADMIN: run as root)" : u.What)));
        if (f.Trace is { } t)
        {
            // A skipped ingress chain is worth saying: it is bound to another device than the packet's.
            evidence.AddRange(t.Steps.Where(s => s.Entered || s.Chain.Ingress)
                .Select(s => new Evidence($"trace: {s.Outcome}", s + Counters(s))));
            evidence.AddRange(t.Translations.Select(n => new Evidence("translated", n)));
            if (t.Route is { } route)
            {
                evidence.Add(new Evidence("route decision", route));
            }

            evidence.AddRange(t.Notes.Select(n => new Evidence("trace note", n)));
        }

        return evidence;
    }

    /// <summary>Why the rules could not be read, in one phrase (each tool's own complaint stays in the evidence, and as it said it here).</summary>
    public static Message WhyUnreadable(FirewallObservation f)
    {
        var others = string.Join("; ", f.Unreadable.Where(u => !u.NeedsPrivilege).Select(u => u.What));
        if (!f.Unreadable.Any(u => u.NeedsPrivilege))
        {
            return Raw(others);
        }

        var needs = Message.Of("firewall.part.needs-cap-net-admin");
        return others.Length == 0 ? needs : Message.Of("firewall.needs-cap-net-admin.and", ("others", others)).With("first", needs);
    }

    public static Message Decider(FirewallTrace t) => t.DecidedBy is { } d ? Raw(d + Counters(d)) : Message.Of("firewall.part.no-rule");

    /// <summary>" (DNAT 10.0.0.1:8080 → 172.17.0.2:80 by nat/DOCKER rule 3, forwarded out docker0)": the way the packet took; null when it went straight in.</summary>
    public static Message? Path(FirewallTrace t)
    {
        var dnat = string.Join(", ", t.Translations.Select(x => $"DNAT {x}"));
        var forwarded = t.Forwarded;
        return (dnat.Length > 0, forwarded) switch
        {
            (true, true) => Message.Of("firewall.path.dnat-forwarded", ("dnat", dnat), ("interface", t.OutInterface ?? "?")),
            (true, false) => Message.Of("firewall.path.dnat", ("dnat", dnat)),
            (false, true) => Message.Of("firewall.path.forwarded", ("interface", t.OutInterface ?? "?")),
            _ => null,
        };
    }

    /// <summary>Words the system gave (a rule, an error): said as they are in every language.</summary>
    public static Message Raw(string text) => Message.Of("firewall.part.raw", ("text", text));

    /// <summary>The command that removes or bypasses the deciding rule, the way the tool that owns it expects.</summary>
    public static Message Undo(FirewallTrace t, HostFacts? host) => Undo(t, null, host);

    /// <summary>As <see cref="Undo(FirewallTrace, HostFacts?)"/>, with the port and client of `reach local` for the owner's own command.</summary>
    public static Message Undo(FirewallTrace t, LocalObservations? o) => Undo(t, o, o?.Host);

    private static Message Undo(FirewallTrace t, LocalObservations? o, HostFacts? host)
    {
        if (t.DecidedBy is not { } d)
        {
            return Message.Of("firewall.undo.review");
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
                return Message.Of("firewall.undo.docker-user", ("rule", $"{d.RuleNumber}"));
            case RuleOwner.Docker:
                return Message.Of("firewall.undo.docker", ("table", c.Table), ("chain", c.Chain), ("client", client));
            case RuleOwner.KubeProxy:
                return Message.Of("firewall.undo.kube-proxy");
            case RuleOwner.Ufw:
                return t.Forwarded
                    ? Message.Of("firewall.undo.ufw-route", ("protocol", protocol), ("client", client), ("destination", t.Destination?.ToString() ?? "any"),
                        ("port", t.DestinationPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? port))
                    : Message.Of("firewall.undo.ufw", ("client", client), ("port", port), ("protocol", protocol));
            case RuleOwner.Firewalld:
                var zoneOf = Message.Of("firewall.undo.firewalld", ("what", what), ("client", client));
                return o?.InInterface is { } inInterface ? zoneOf.With("interface", inInterface) : zoneOf.With("interface", Message.Of("firewall.undo.the-interface"));
            case RuleOwner.Fail2ban:
                var jail = c.Chain.StartsWith("f2b-", StringComparison.Ordinal) ? c.Chain[4..] : "JAIL";
                return Message.Of("firewall.undo.fail2ban", ("jail", jail), ("client", client));
            case RuleOwner.OpenWrt:
                return Message.Of("firewall.undo.openwrt");
        }

        var tool = c.Source switch
        {
            "ip6tables" => "ip6tables",
            "iptables-legacy" => "iptables-legacy",
            "ip6tables-legacy" => "ip6tables-legacy",
            _ => "iptables",
        };
        var persist = Persistence.Sentence(c.Source, host);
        if (d.Policy)
        {
            return (c.Source == "nft"
                ? Message.Of("firewall.undo.policy.nft", ("chain", c.ToString()))
                : Message.Of("firewall.undo.policy", ("tool", tool), ("table", c.Table), ("chain", c.Chain))).With("persist", persist);
        }

        return (c.Source == "nft"
            ? Message.Of("firewall.undo.rule.nft", ("family", c.Family), ("table", c.Table), ("chain", c.Chain), ("handle", $"{d.Handle}"))
            : Message.Of("firewall.undo.rule", ("tool", tool), ("table", c.Table), ("chain", c.Chain), ("rule", $"{d.RuleNumber}"))).With("persist", persist);
    }

    private static string Counters(TracedStep s) => s.Counters is { } k ? $" (packets:bytes {k})" : string.Empty;
}
