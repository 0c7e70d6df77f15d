namespace Reach.Core.Observations;

/// <summary>
/// Why the kernel refused to route: no route at all, or a route that exists to refuse. `ip route get`
/// says which by its error (measured; docs/verdicts.md, local.route): an <c>unreachable</c> route gives "No route to host",
/// <c>prohibit</c> "Permission denied", <c>blackhole</c> "Invalid argument"; no route at all gives
/// "Network is unreachable".
/// </summary>
public enum RouteRefusal
{
    None,
    NoRoute,
    Unreachable,
    Prohibit,
    Blackhole,
}
