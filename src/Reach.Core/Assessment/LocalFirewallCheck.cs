using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

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
                Message.Of("local.firewall.unreadable").With("why", FirewallWords.WhyUnreadable(f)), evidence);
        }

        return t.Verdict switch
        {
            FirewallVerdict.Drop or FirewallVerdict.Reject => Findings.Fail(Codes.LocalFirewall,
                Message.Of(t.Verdict == FirewallVerdict.Drop ? "local.firewall.drop.summary" : "local.firewall.reject.summary", ("target", $"{o.Connect?.Target}")).With("decider", FirewallWords.Decider(t)),
                FirewallWords.Undo(t, o.Host), evidence),
            FirewallVerdict.Inconclusive => Findings.Inconclusive(Layer.Local,
                Message.Of("local.firewall.unknown.rule", ("reason", $"{t.InconclusiveReason}")), evidence),
            _ when f.Unreadable.Count > 0 => Findings.Inconclusive(Layer.Local,
                Message.Of("local.firewall.unknown.partial").With("why", FirewallWords.WhyUnreadable(f)), evidence),
            _ => Findings.Pass(Codes.LocalOk, Message.Of("local.ok.summary"), evidence),
        };
    }
}
