using Reach.Core.Observations;

namespace Reach.Engine.Checking;

/// <summary>What the system phase read: the interfaces and routes everything else is judged against.</summary>
/// <param name="ReadMs">How long the interface and route reads took (the link and interface findings' time).</param>
internal sealed record SystemView(
    IReadOnlyList<NetInterface> Interfaces,
    IReadOnlyList<RouteEntry> Routes,
    IReadOnlyList<string> ConfigFiles,
    double ReadMs,
    ResolverConfig Resolver);
