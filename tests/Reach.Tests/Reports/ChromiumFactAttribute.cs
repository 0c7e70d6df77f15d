using Xunit;

namespace Reach.Tests.Reports;

/// <summary>
/// A test that opens a report in headless Chromium. Skipped with the reason where chromium is not
/// installed; never skipped where REACH_REQUIRE_LAB=1 (CI), so a missing browser fails the build.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null && Environment.GetEnvironmentVariable("REACH_REQUIRE_LAB") != "1")
        {
            Skip = "chromium is not installed: scripts/install-deps.sh installs it";
        }
    }
}
