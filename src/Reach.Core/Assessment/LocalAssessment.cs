using Reach.Core.Model;
using Reach.Core.Observations;

namespace Reach.Core.Assessment;

/// <summary>
/// The server side: the listener, the connection-tracking table and the firewall in front of it, and
/// the reverse-path filter before them all (when a client is named). A check with nothing to say
/// (a table with room, no client to check the reverse path for) adds no line.
/// </summary>
public static class LocalAssessment
{
    public static IReadOnlyList<Finding> Assess(LocalObservations o) =>
        new[] { ListenerCheck.Assess(o), ConntrackCheck.Assess(o), FirewallCheck.Assess(o), ReversePathCheck.Assess(o) }.OfType<Finding>().ToList();
}
