using System.Net;

namespace Reach.Core.Observations;

/// <summary>
/// The kernel's own answer to "how would you send to this address" (<c>ip route get</c>), so policy
/// rules, tables and metrics are honoured without re-implementing them.
/// </summary>
/// <param name="Error">The kernel's refusal (e.g. "Network is unreachable"), null when a route exists.</param>
public sealed record RouteDecision(
    IPAddress Destination,
    IPAddress? Gateway,
    string? Device,
    IPAddress? PreferredSource,
    string? Table,
    IReadOnlyList<string> Flags,
    string? Error,
    string Raw)
{
    /// <summary>The flow the decision was asked for (null: any traffic to the destination).</summary>
    public RouteFlow? Flow { get; init; }

    public bool HasRoute => Error is null && Device is not null;

    /// <summary>Whether this host's own routing refuses the destination on purpose (a route of type unreachable, prohibit or blackhole).</summary>
    public RouteRefusal Refusal => Error switch
    {
        null => RouteRefusal.None,
        _ when Error.Contains("No route to host", StringComparison.Ordinal) || Error == "route type unreachable" => RouteRefusal.Unreachable,
        _ when Error.Contains("Permission denied", StringComparison.Ordinal) || Error == "route type prohibit" => RouteRefusal.Prohibit,
        _ when Error.Contains("Invalid argument", StringComparison.Ordinal) || Error == "route type blackhole" => RouteRefusal.Blackhole,
        _ => RouteRefusal.NoRoute,
    };

    /// <summary>The command an operator would type to see this decision.</summary>
    public string Command => $"ip route get {Destination}{(Flow is null ? string.Empty : " " + Flow)}";

    public bool IsLocal => Table == "local" || Device == "lo";
}
