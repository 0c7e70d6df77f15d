using System.Net.Sockets;
using Reach.Core.Assessment;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Fixes;

/// <summary>
/// local.route: the delete of the one unreachable, prohibit or blackhole route that refuses the target,
/// in the table that holds it. Deleting it from a table a policy rule chose lets the lookup go on to the
/// next rule, as the kernel does for a table with no route (fib_rules: a lookup that finds nothing continues).
/// Nothing to keep: whatever added it (a VPN client, a script, the configuration) may add it again, and the
/// sentence says so.
/// </summary>
internal static class RouteFixes
{
    public static IReadOnlyList<FixAction> DeleteRefusing(ClientObservations o)
    {
        if (o.Route is not { } route || route.Refusal is RouteRefusal.None or RouteRefusal.NoRoute)
        {
            return [];
        }

        var matching = LocalRouteCheck.Refusing(o.Routes, route);
        if (matching.Count != 1)
        {
            // Several such routes cover it (tables, prefixes): which one the kernel met is not known here.
            return [];
        }

        var r = matching[0];
        var six = route.Destination.AddressFamily == AddressFamily.InterNetworkV6 ? "-6 " : string.Empty;
        var table = r.Table is null or "main" ? string.Empty : $" table {ShellWords.Quote(r.Table)}";
        return [new FixAction(null, $"ip {six}route del {r.Destination}{table}", null,
            Message.Of("fix.why.route-del", ("route", $"{r}"), ("destination", $"{route.Destination}")))];
    }
}
