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
    public bool HasRoute => Error is null && Device is not null;

    public bool IsLocal => Table == "local" || Device == "lo";
}
