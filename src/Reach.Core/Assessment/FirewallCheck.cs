using System.Globalization;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Firewall;
using FirewallVerdict = Reach.Firewall.Verdict;

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
        var from = o.ClientGiven ? $"from {o.Client}" : $"from an off-host address ({o.Client}; rules on source addresses may differ: use --from)";
        if (f.Trace is null)
        {
            return Findings.Inconclusive(Layer.Firewall,
                $"this host's firewall could not be read: {FirewallWords.WhyUnreadable(f)}", evidence);
        }

        var what = $"{o.Protocol}/{o.Port} {from}";
        var traces = f.AllTraces;
        var blocked = traces.Where(t => t.Verdict is FirewallVerdict.Drop or FirewallVerdict.Reject).ToList();
        var unsure = traces.FirstOrDefault(t => t.Verdict == FirewallVerdict.Inconclusive);
        var t = blocked.Count > 0 ? blocked[0] : unsure ?? traces[0];
        var share = traces.Count > 1 && blocked.Count > 0 && blocked.Count < traces.Count
            ? $" for {Percent(blocked.Sum(b => b.Probability))} of connections ({blocked.Count} of {traces.Count} random branches)"
            : string.Empty;
        var path = FirewallWords.Path(t);
        if (t.NoRoute is { } noRoute)
        {
            return t.Verdict == FirewallVerdict.Reject
                ? Findings.Fail(Codes.FirewallReject,
                    $"the kernel answers {what}{share} with {t.Reject?.Name} at the route decision{path}: {noRoute}",
                    $"Give {t.Destination} a route, or correct the translation that sends it there.",
                    evidence)
                : Findings.Fail(Codes.FirewallDrop,
                $"the kernel drops {what}{share} at the route decision{path}: {noRoute}",
                $"Give {t.Destination} a route, or turn forwarding on (sysctl net.ipv4.ip_forward=1, net.ipv6.conf.all.forwarding=1) and persist it in /etc/sysctl.d.",
                evidence);
        }

        return t.Verdict switch
        {
            FirewallVerdict.Drop => Findings.Fail(Codes.FirewallDrop,
                $"the firewall drops {what}{share}{path}: {FirewallWords.Decider(t)}", FirewallWords.Undo(t, o), evidence),
            FirewallVerdict.Reject => Findings.Fail(Codes.FirewallReject,
                $"the firewall rejects {what}{share}{path} with {t.Reject?.Name}: {FirewallWords.Decider(t)}", FirewallWords.Undo(t, o), evidence),
            FirewallVerdict.Inconclusive => Findings.Inconclusive(Layer.Firewall,
                $"the trace of {what}{path} stops at a rule the engine cannot evaluate: {FirewallWords.Decider(t)} ({t.InconclusiveReason})", evidence),
            _ when f.Unreadable.Count > 0 => Findings.Inconclusive(Layer.Firewall,
                $"the rules that could be read accept {what}{path}, but not all could be read: {FirewallWords.WhyUnreadable(f)}", evidence),
            _ => Findings.Pass(Codes.FirewallOk,
                $"the firewall accepts {what}{path}{(t.RateDependent ? " (below a rate limit)" : string.Empty)}", evidence),
        };
    }

    /// <summary>Whether every way the packet can go ends in a drop or reject: then the client never reaches a socket.</summary>
    public static bool StopsEveryPacket(FirewallObservation f) =>
        f.AllTraces.Count > 0 && f.AllTraces.All(t => t.Verdict is FirewallVerdict.Drop or FirewallVerdict.Reject);

    private static string Percent(double p) => p.ToString("0.#%", CultureInfo.InvariantCulture);
}
