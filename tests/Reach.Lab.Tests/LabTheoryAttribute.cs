using Xunit;

namespace Reach.Lab.Tests;

/// <summary>A <see cref="LabFactAttribute"/> with data: skipped without root unless REACH_REQUIRE_LAB=1.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LabTheoryAttribute : TheoryAttribute
{
    public LabTheoryAttribute()
    {
        if (!Lab.IsRoot && Environment.GetEnvironmentVariable("REACH_REQUIRE_LAB") != "1")
        {
            Skip = "needs root: the lab builds network namespaces, veths, bridges and firewall rules";
        }
    }
}
