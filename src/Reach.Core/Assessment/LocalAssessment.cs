using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// The server side: the listener, the firewall in front of it (its rules and its connection-tracking
/// table), and the reverse-path filter before them all when a client is named. One finding per layer;
/// a check with nothing to say (no client to check the reverse path for) adds no line.
/// </summary>
public static class LocalAssessment
{
    public static IReadOnlyList<Finding> Assess(LocalObservations o) =>
        new[] { ListenerCheck.Assess(o), Firewall(o), ReversePathCheck.Assess(o) }.OfType<Finding>().ToList();

    /// <summary>
    /// The rules' verdict and the conntrack table's, as one firewall finding. A full table drops a new
    /// connection in PREROUTING at conntrack's priority (-200), before the filter rules (0) ever see it:
    /// its failure is what the client meets, unless a raw-table rule (-300) already dropped the packet.
    /// The rules' answer stays in the evidence.
    /// </summary>
    private static Finding Firewall(LocalObservations o)
    {
        var rules = FirewallCheck.Assess(o);
        if (ConntrackCheck.Assess(o) is not { } table)
        {
            return rules;
        }

        var rawDecides = rules.Status == CheckStatus.Fail && o.Firewall.AllTraces.Any(t => t.DecidedBy?.Chain.Table == "raw");
        if ((table.Status == CheckStatus.Fail && !rawDecides) || (table.Status == CheckStatus.Warn && rules.Status == CheckStatus.Pass))
        {
            return table with { Evidence = [.. table.Evidence, new Evidence("firewall rules", Catalog.English.Format(rules.Summary)), .. rules.Evidence] };
        }

        return rules with { Evidence = [.. rules.Evidence, new Evidence("conntrack", Catalog.English.Format(table.Summary)), .. table.Evidence] };
    }
}
