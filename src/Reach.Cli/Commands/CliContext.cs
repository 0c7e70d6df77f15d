using Reach.Cli.Rendering;
using Reach.Readers.Sources;
using Spectre.Console;

namespace Reach.Cli.Commands;

/// <summary>Where commands read the system from and write to: the real ones in production, captured ones in tests.</summary>
internal sealed record CliContext(ISystemSource Source, Stream StandardOutput, IAnsiConsole Console, TextWriter StandardError)
{
    /// <summary>The reader's language (--lang, LC_ALL, LC_MESSAGES, LANG): reports, messages and help.</summary>
    public ReportWords Words { get; init; } = ReportWords.English;

    /// <summary>Whether stderr is a terminal: only then is a live status line drawn on it.</summary>
    public bool StandardErrorIsTerminal { get; init; }

    public int TerminalWidth { get; init; } = 80;
}
