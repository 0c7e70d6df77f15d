using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// A test that needs the namespace lab, and so root. Elsewhere it is skipped with the reason; where
/// REACH_REQUIRE_LAB=1 (CI sets it) it is never skipped, so a lab that could not run fails the build.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LabFactAttribute : FactAttribute
{
    public LabFactAttribute()
    {
        if (!Lab.IsRoot && Environment.GetEnvironmentVariable("REACH_REQUIRE_LAB") != "1")
        {
            Skip = "needs root: the lab builds network namespaces, veths, bridges and firewall rules";
        }
    }
}
