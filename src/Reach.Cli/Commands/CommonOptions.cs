using System.CommandLine;

namespace Reach.Cli.Commands;

/// <summary>Options every command shares, so they read and behave the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object (schema reach/1) instead of the report." };

    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Show the evidence under each check." };

    public static Option<string> Timeout() => new("--timeout", "-t")
    {
        Description = "How long one probe waits for an answer: 2, 1.5s, 500ms (at most 60s).",
        DefaultValueFactory = _ => "1.5s",
        HelpName = "DURATION",
    };
}
