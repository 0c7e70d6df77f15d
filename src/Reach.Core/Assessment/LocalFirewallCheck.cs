using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Firewall;
using FirewallVerdict = Reach.Firewall.Verdict;

namespace Reach.Core.Assessment;

/// <summary>
/// The client's own firewall: when the SYN got no answer (or was refused locally), trace it through
/// this host's OUTPUT path. A DROP there looks exactly like a remote DROP from the wire.
/// </summary>
public static class LocalFirewallCheck
{
    public static Finding? Assess(ClientObservations o)
    {
        if (o.LocalFirewall is not { } f)
        {
            return null;
        }

        var evidence = FirewallWords.Evidence(f);
        if (f.Trace is not { } t)
        {
            return Findings.Inconclusive(Layer.Local,
                $"this host's own firewall could not be read: {FirewallWords.WhyUnreadable(f)}", evidence);
        }

        return t.Verdict switch
        {
            FirewallVerdict.Drop or FirewallVerdict.Reject => Findings.Fail(Codes.LocalFirewall,
                $"this host's own firewall {(t.Verdict == FirewallVerdict.Drop ? "drops" : "rejects")} the SYN to {o.Connect?.Target}: {FirewallWords.Decider(t)}",
                FirewallWords.Undo(t), evidence),
            FirewallVerdict.Inconclusive => Findings.Inconclusive(Layer.Local,
                $"this host's OUTPUT rules could not be fully evaluated: {t.InconclusiveReason}", evidence),
            _ when f.Unreadable.Count > 0 => Findings.Inconclusive(Layer.Local,
                $"the OUTPUT rules that could be read let the SYN out, but not all could be read: {FirewallWords.WhyUnreadable(f)}", evidence),
            _ => Findings.Pass(Codes.LocalOk, "this host's own OUTPUT rules let the SYN out", evidence),
        };
    }
}
