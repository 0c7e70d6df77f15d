using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// The connection-tracking table, which every new flow needs a slot in before any filter rule sees it
/// (conntrack runs at priority -200 in PREROUTING). When the namespace's count reaches
/// nf_conntrack_max, nf_conntrack_alloc first evicts an unassured entry (early_drop) and, finding
/// none, drops the packet ("nf_conntrack: table full, dropping packet"), counting `drop`. The client
/// sees silence, exactly as for a DROP rule.
/// </summary>
public static class ConntrackCheck
{
    /// <summary>The finding, or null when there is nothing to say (no table, or one with room and no drops).</summary>
    public static Finding? Assess(LocalObservations o)
    {
        if (o.CountersNow is not { } now)
        {
            return null;
        }

        var rise = o.CountersRise;
        var dropped = (rise?.ConntrackDrop ?? 0) + (rise?.ConntrackInsertFailed ?? 0);
        var evicted = rise?.ConntrackEarlyDrop ?? 0;
        if (!now.ConntrackFull && dropped == 0 && evicted == 0)
        {
            return null;
        }

        var evidence = new List<Evidence>
        {
            new("/proc/sys/net/netfilter/nf_conntrack_count", $"{now.ConntrackCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} (this namespace's entries)"),
            new("/proc/sys/net/netfilter/nf_conntrack_max", $"{now.ConntrackMax?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} (the host's limit per namespace)"),
        };
        if (rise is not null)
        {
            evidence.Add(new Evidence("/proc/net/stat/nf_conntrack", $"while this check ran: drop +{rise.ConntrackDrop ?? 0}, early_drop +{rise.ConntrackEarlyDrop ?? 0}, insert_failed +{rise.ConntrackInsertFailed ?? 0}"));
        }

        var count = $"{now.ConntrackCount}";
        var max = $"{now.ConntrackMax}";
        var during = dropped > 0 ? Message.Of("firewall.conntrack-full.part.during", ("count", $"{dropped}")) : null;
        var fix = Message.Of("firewall.conntrack-full.fix", ("count", count), ("max", max));
        if (now.ConntrackFull)
        {
            return Findings.Fail(Codes.FirewallConntrackFull,
                Message.Of("firewall.conntrack-full.summary", ("count", count), ("max", max), ("client", $"{o.Client}")).With("during", during),
                fix, evidence);
        }

        if (dropped > 0)
        {
            return Findings.Fail(Codes.FirewallConntrackFull,
                Message.Of("firewall.conntrack-full.dropped.summary", ("dropped", $"{dropped}"), ("count", count), ("max", max)),
                fix, evidence);
        }

        // Only evictions: new flows got in by pushing out connections that never completed. Not a drop of
        // this client's packets, but the table is at its limit.
        return Findings.Warn(Codes.FirewallConntrackFull,
            Message.Of("firewall.conntrack-full.evicting.summary", ("evicted", $"{evicted}"), ("count", count), ("max", max)),
            fix, evidence);
    }
}
