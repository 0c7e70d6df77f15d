using Reach.Core.Model;

namespace Reach.Core.Batch;

/// <summary>A flow's `expect:`: reachable, blocked, or an exact verdict code.</summary>
/// <param name="Code">The code, for <see cref="ExpectationKind.Code"/>.</param>
public sealed record Expectation(ExpectationKind Kind, string? Code = null)
{
    /// <summary>
    /// The verdicts that mean "a firewall or a route stops it": a rule on the target or on this host, an
    /// ICMP unreachable from a filter or a router, a SYN met with silence (a DROP somewhere), no route
    /// there or back. Not blocked: nothing listening (port.closed, listener.*: the path is open, the
    /// service is not there), a path MTU problem, and anything inconclusive or unknown, which proves nothing.
    /// Only codes reach emits are listed (a test holds it to docs/verdicts.md): a new firewall or routing
    /// code joins this list when it joins the documentation. firewall.conntrack-full is not here: a full
    /// table drops new connections whatever the rules say; it is a capacity fault, not a block.
    /// </summary>
    public static IReadOnlySet<string> BlockedCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "firewall.reject", "firewall.drop",
        "local.firewall", "local.route",
        "port.rejected", "port.filtered",
        "route.unreachable", "route.host-unreachable", "route.net-unreachable", "route.prohibited", "route.no-return", "route.rp-filter",
    };

    /// <summary>How the file says it: reachable, blocked or the code.</summary>
    public override string ToString() => Kind switch
    {
        ExpectationKind.Reachable => "reachable",
        ExpectationKind.Blocked => "blocked",
        _ => Code!,
    };

    /// <summary>Whether a verdict with this code is what the flow expects.</summary>
    public bool IsMetBy(string verdictCode) => Kind switch
    {
        ExpectationKind.Reachable => verdictCode == Codes.Ok.Name,
        ExpectationKind.Blocked => BlockedCodes.Contains(verdictCode),
        _ => verdictCode == Code,
    };
}
