using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// This host's own routing refusing the flow: an <c>unreachable</c>, <c>prohibit</c> or <c>blackhole</c>
/// route (often left by a VPN client, a fail-over script or a hand-made "block"), reached through the
/// main table or through a policy rule that picks a table for this flow.
/// </summary>
public static class LocalRouteCheck
{
    public static Finding? Assess(ClientObservations o)
    {
        if (o.Route is not { } route || route.Refusal is RouteRefusal.None or RouteRefusal.NoRoute)
        {
            return null;
        }

        var type = route.Refusal.ToString().ToLowerInvariant();
        var matching = Refusing(o.Routes, route);
        var evidence = new List<Evidence> { new(route.Command, $"refused: {route.Error}") };
        evidence.AddRange(matching.Select(r => new Evidence("ip route show table all", r.ToString())));
        evidence.AddRange(o.PolicyRules.Select(r => new Evidence("ip rule show", r)));
        var what = Message.Of(type switch
        {
            "blackhole" => "local.route.discards",
            "prohibit" => "local.route.prohibits",
            _ => "local.route.unreachable",
        });
        var named = matching.Count == 1 ? $" (`{matching[0]}`)" : string.Empty;
        var policy = o.PolicyRules.Any(IsSelective) ? Message.Of("local.route.policy") : null;
        return Findings.Fail(Codes.LocalRoute,
            Message.Of("local.route.summary", ("destination", $"{route.Destination}"), ("flow", route.Flow is null ? string.Empty : $" ({route.Flow})"), ("type", type), ("named", named))
                .With("what", what).With("policy", policy),
            matching.Count == 1
                ? Message.Of("local.route.fix.one", ("route", $"{matching[0]}"))
                : Message.Of("local.route.fix.find", ("type", type), ("destination", $"{route.Destination}")),
            evidence);
    }

    /// <summary>The routes of the refusing type whose prefix covers the destination (the fix deletes the one, when it is one).</summary>
    internal static List<RouteEntry> Refusing(IEnumerable<RouteEntry> routes, RouteDecision route)
    {
        var type = route.Refusal.ToString().ToLowerInvariant();
        return routes.Where(r => r.Destination.StartsWith(type + " ", StringComparison.Ordinal) && Covers(r.Destination[(type.Length + 1)..], route.Destination)).ToList();
    }

    private static bool Covers(string prefix, System.Net.IPAddress address)
    {
        var text = prefix == "default" ? (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "::/0" : "0.0.0.0/0")
            : prefix.Contains('/', StringComparison.Ordinal) ? prefix : $"{prefix}/{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32)}";
        return System.Net.IPNetwork.TryParse(text, out var network) && network.Contains(address);
    }

    /// <summary>A rule that selects some traffic (not the stock local/main/default lookups).</summary>
    private static bool IsSelective(string rule) =>
        !rule.EndsWith("from all lookup local", StringComparison.Ordinal)
        && !rule.EndsWith("from all lookup main", StringComparison.Ordinal)
        && !rule.EndsWith("from all lookup default", StringComparison.Ordinal);
}
