using Reach.Core.Observations;

namespace Reach.Engine.Checking;

/// <summary>The kernel's decision for the real flow, and with policy routing, the rules and the echo's own decision.</summary>
internal sealed record RouteView(RouteDecision Route, IReadOnlyList<string> PolicyRules, RouteDecision? EchoRoute);
