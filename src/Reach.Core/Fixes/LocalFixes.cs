using Reach.Core.Assessment;
using Reach.Core.Model;
using Reach.Core.Observations;

namespace Reach.Core.Fixes;

/// <summary>
/// The actions of `reach local`'s verdict (reach/1 verdict.actions): commands for this host, with every
/// value known from what was read, for the distribution it runs. A verdict whose fix needs a value reach
/// cannot know (how a service is configured to listen, a route's gateway) gets none: its sentence says
/// what to find out. Pure: the observations in, the commands out.
/// </summary>
public static class LocalFixes
{
    public static IReadOnlyList<FixAction> For(Verdict verdict, LocalObservations o)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(o);
        var host = o.Host ?? HostFacts.Unknown;
        if (verdict.Code == Codes.FirewallDrop || verdict.Code == Codes.FirewallReject)
        {
            // The same trace FirewallCheck judged: the first blocked branch. Several blocked branches with
            // different rules would need several inserts whose numbers shift: none is given then.
            var blocked = o.Firewall.AllTraces.Where(t => t.Verdict is FirewallVerdict.Drop or FirewallVerdict.Reject).ToList();
            var deciders = blocked.Select(t => t.DecidedBy?.Text).Distinct(StringComparer.Ordinal).Count();
            var flow = new FirewallFlow(o.Protocol, o.Port, o.ClientGiven ? o.Client : null, Outgoing: false);
            return blocked.Count > 0 && deciders == 1 && blocked[0].NoRoute is null ? FirewallFixes.For(flow, blocked[0], host) : [];
        }

        if (verdict.Code == Codes.RouteRpFilter)
        {
            return o.ReversePaths.FirstOrDefault(p => p.OtherInterface) is { } p && o.Client.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                ? SysctlFixes.RpFilterLoose(p)
                : [];
        }

        if (verdict.Code == Codes.FirewallConntrackFull)
        {
            return o.CountersNow?.ConntrackMax is > 0 and var max ? SysctlFixes.ConntrackMax(max) : [];
        }

        return [];
    }
}
