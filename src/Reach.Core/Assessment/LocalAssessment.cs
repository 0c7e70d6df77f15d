using Reach.Core.Model;
using Reach.Core.Observations;

namespace Reach.Core.Assessment;

/// <summary>The server side: the listener, then the firewall in front of it.</summary>
public static class LocalAssessment
{
    public static IReadOnlyList<Finding> Assess(LocalObservations o) => [ListenerCheck.Assess(o), FirewallCheck.Assess(o)];
}
