using Reach.Core.Model;
using Reach.Core.Observations;
using FirewallVerdict = Reach.Firewall.Verdict;

namespace Reach.Core.Assessment;

/// <summary>
/// The seed's `iptables -L` step, done as the kernel would: the client's packet is traced through the
/// actual ruleset, and the rule (table, chain, number or handle, text, counters) or the policy that
/// decides its fate is named.
/// </summary>
public static class FirewallCheck
{
    public static Finding Assess(LocalObservations o)
    {
        var f = o.Firewall;
        var evidence = FirewallWords.Evidence(f);
        var from = o.ClientGiven ? $"from {o.Client}" : $"from an off-host address ({o.Client}; rules on source addresses may differ: use --from)";
        if (f.Trace is not { } t)
        {
            return Findings.Inconclusive(Layer.Firewall,
                $"this host's firewall could not be read: {FirewallWords.WhyUnreadable(f)}", evidence);
        }

        var what = $"{o.Protocol}/{o.Port} {from}";
        return t.Verdict switch
        {
            FirewallVerdict.Drop => Findings.Fail(Codes.FirewallDrop,
                $"the firewall drops {what}: {FirewallWords.Decider(t)}", FirewallWords.Undo(t), evidence),
            FirewallVerdict.Reject => Findings.Fail(Codes.FirewallReject,
                $"the firewall rejects {what} with {t.Reject?.Name}: {FirewallWords.Decider(t)}", FirewallWords.Undo(t), evidence),
            FirewallVerdict.Inconclusive => Findings.Inconclusive(Layer.Firewall,
                $"the trace of {what} stops at a rule the engine cannot evaluate: {FirewallWords.Decider(t)} ({t.InconclusiveReason})", evidence),
            _ when f.Unreadable.Count > 0 => Findings.Inconclusive(Layer.Firewall,
                $"the rules that could be read accept {what}, but not all could be read: {FirewallWords.WhyUnreadable(f)}", evidence),
            _ => Findings.Pass(Codes.FirewallOk,
                $"the firewall accepts {what}{(t.RateDependent ? " (below a rate limit)" : string.Empty)}", evidence),
        };
    }
}
