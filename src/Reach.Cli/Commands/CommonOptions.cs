using System.CommandLine;

namespace Reach.Cli.Commands;

/// <summary>Options every command shares, so they read and behave the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object (schema reach/1) instead of the report; short for --format json." };

    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Show the evidence under each check." };

    public static Option<string> Timeout() => new("--timeout", "-t")
    {
        Description = "How long one probe waits for an answer: 2, 1.5s, 500ms (at most 60s).",
        DefaultValueFactory = _ => "1.5s",
        HelpName = "DURATION",
    };

    // A string among four rather than the enum: help then shows "[default: text]", as the user types it.
    public static Option<string> Format()
    {
        var option = new Option<string>("--format")
        {
            Description = "text (for a terminal), json (schema reach/1, always English), markdown (for a ticket or chat) or html (one self-contained file with the path as a picture).",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json|markdown|html",
        };
        option.AcceptOnlyFromAmong("text", "json", "markdown", "html");
        return option;
    }

    public static Option<string> Out() => new("--out", "-o")
    {
        Description = "Write the report to FILE instead of stdout (the exit status is the same).",
        HelpName = "FILE",
    };

    /// <summary>The reach that ssh:// hosts run (--server, --compare, a flow's from:).</summary>
    public static Option<string> RemoteReach(string description) => new("--remote-reach")
    {
        Description = description,
        DefaultValueFactory = _ => "reach",
        HelpName = "PATH",
    };

    public static Option<string> ConnectTimeout() => new("--connect-timeout")
    {
        Description = "How long ssh may take to connect to a remote host.",
        DefaultValueFactory = _ => "5s",
        HelpName = "DURATION",
    };

    /// <summary>On the root, for every command: it also decides the language of --help, so it is read before parsing (Language.Choose).</summary>
    public static Option<string> Lang() => new("--lang")
    {
        Description = "The language of the report, messages and help: en or ko (default: from LC_ALL, LC_MESSAGES or LANG).",
        HelpName = "LANG",
        Recursive = true,
    };
}
