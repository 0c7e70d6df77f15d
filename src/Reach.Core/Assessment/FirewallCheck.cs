using System.Globalization;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// The seed's `iptables -L` step, done as the kernel would: the client's packet is traced through the
/// actual ruleset along its whole path (PREROUTING with its DNAT, the route decision, then INPUT or
/// FORWARD and POSTROUTING), and the rule (table, chain, number or handle, text, counters) or the policy
/// that decides its fate is named, with the tool that owns it.
/// </summary>
public static class FirewallCheck
{
    public static Finding Assess(LocalObservations o)
    {
        var f = o.Firewall;
        var evidence = FirewallWords.Evidence(f);
        if (f.Trace is null)
        {
            return Findings.Inconclusive(Layer.Firewall,
                Message.Of("firewall.unknown.unreadable").With("why", FirewallWords.WhyUnreadable(f)), evidence);
        }

        var what = Message.Of(o.ClientGiven ? "firewall.flow.from" : "firewall.flow.from-any", ("flow", $"{o.Protocol}/{o.Port}"), ("client", o.Client.ToString()));
        var traces = f.AllTraces;
        var blocked = traces.Where(t => t.Verdict is FirewallVerdict.Drop or FirewallVerdict.Reject).ToList();
        var unsure = traces.FirstOrDefault(t => t.Verdict == FirewallVerdict.Inconclusive);
        var t = blocked.Count > 0 ? blocked[0] : unsure ?? traces[0];
        var share = traces.Count > 1 && blocked.Count > 0 && blocked.Count < traces.Count
            ? Message.Of("firewall.part.share", ("percent", Percent(blocked.Sum(b => b.Probability))), ("count", Words.Number(blocked.Count)), ("of", Words.Number(traces.Count)))
            : null;
        var path = FirewallWords.Path(t);
        if (t.NoRoute is { } noRoute)
        {
            return t.Verdict == FirewallVerdict.Reject
                ? Findings.Fail(Codes.FirewallReject,
                    Message.Of("firewall.no-route.reject.summary", ("reason", $"{noRoute}"), ("icmp", $"{t.RejectName}")).With("what", what).With("share", share).With("path", path),
                    Message.Of("firewall.no-route.reject.fix", ("destination", $"{t.Destination}")),
                    evidence)
                : Findings.Fail(Codes.FirewallDrop,
                Message.Of("firewall.no-route.summary", ("reason", $"{noRoute}")).With("what", what).With("share", share).With("path", path),
                Message.Of("firewall.no-route.fix", ("destination", $"{t.Destination}")),
                evidence);
        }

        // A rate or per-source match found the client over its limit, and the packet was stopped on that
        // path: the limit's state (or its rule's counters rising now) is the cause, not a plain rule.
        if (t.Verdict is FirewallVerdict.Drop or FirewallVerdict.Reject && t.OverLimit is { } over)
        {
            evidence.AddRange(t.Rates.Select(r => new Evidence($"rate state ({r.Rule})", r.How)));
            return Findings.Fail(Codes.FirewallRateLimited,
                Message.Of(t.Verdict == FirewallVerdict.Drop ? "firewall.rate-limited.drop.summary" : "firewall.rate-limited.reject.summary", ("reject", $"{t.RejectName}"), ("rule", over.Rule), ("how", over.How), ("client", $"{o.Client}"))
                    .With("what", what).With("share", share).With("path", path).With("decider", FirewallWords.Decider(t)),
                Message.Of(over.Match.Contains("recent", StringComparison.Ordinal) ? "firewall.rate-limited.fix.recent" : "firewall.rate-limited.fix", ("rule", over.Rule), ("client", $"{o.Client}"), ("list", RecentList(over.Match))),
                evidence);
        }

        if (t.Rates.Count > 0)
        {
            evidence.AddRange(t.Rates.Select(r => new Evidence($"rate state ({r.Rule})", r.How)));
        }

        return t.Verdict switch
        {
            FirewallVerdict.Drop => Findings.Fail(Codes.FirewallDrop,
                Message.Of("firewall.drop.summary").With("what", what).With("share", share).With("path", path).With("decider", FirewallWords.Decider(t)), FirewallWords.Undo(t, o), evidence),
            FirewallVerdict.Reject => Findings.Fail(Codes.FirewallReject,
                Message.Of("firewall.reject.summary", ("reject", $"{t.RejectName}")).With("what", what).With("share", share).With("path", path).With("decider", FirewallWords.Decider(t)),
                FirewallWords.Undo(t, o), evidence),
            FirewallVerdict.Inconclusive => Findings.Inconclusive(Layer.Firewall,
                Message.Of("firewall.unknown.rule", ("reason", $"{t.InconclusiveReason}")).With("what", what).With("path", path).With("decider", FirewallWords.Decider(t)), evidence),
            _ when f.Unreadable.Count > 0 => Findings.Inconclusive(Layer.Firewall,
                Message.Of("firewall.unknown.partial").With("what", what).With("path", path).With("why", FirewallWords.WhyUnreadable(f)), evidence),
            _ => Findings.Pass(Codes.FirewallOk,
                Message.Of("firewall.ok.summary").With("what", what).With("path", path).With("rate", t.RateDependent ? Message.Of("firewall.ok.rate-limit") : null), evidence),
        };
    }

    /// <summary>Whether every way the packet can go ends in a drop or reject: then the client never reaches a socket.</summary>
    public static bool StopsEveryPacket(FirewallObservation f) =>
        f.AllTraces.Count > 0 && f.AllTraces.All(t => t.Verdict is FirewallVerdict.Drop or FirewallVerdict.Reject);

    /// <summary>The --name of an -m recent match ("DEFAULT" when not given), for the fix that clears it.</summary>
    private static string RecentList(string match)
    {
        var words = match.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var i = Array.IndexOf(words, "--name");
        return i >= 0 && i + 1 < words.Length ? words[i + 1] : "DEFAULT";
    }

    private static string Percent(double p) => p.ToString("0.#%", CultureInfo.InvariantCulture);
}
