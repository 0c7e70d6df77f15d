using Xunit;

namespace Reach.Tests.Cli;

/// <summary>
/// A test of the published binary (what a closed descriptor does cannot be seen in-process). Skipped with
/// the reason when out/reach has not been published; never skipped where REACH_REQUIRE_LAB=1 (test.sh
/// publishes first), so CI cannot pass without running it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PublishedCliFactAttribute : FactAttribute
{
    public PublishedCliFactAttribute()
    {
        if (!File.Exists(PublishedCli.Path) && Environment.GetEnvironmentVariable("REACH_REQUIRE_LAB") != "1")
        {
            Skip = $"{PublishedCli.Path} is not published: run scripts/build.sh";
        }
    }
}
