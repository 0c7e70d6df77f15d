using System.Text;
using Reach.Cli.Commands;
using Reach.Core.Model;

namespace Reach.Cli.Rendering;

/// <summary>Writes a finished report in the chosen format to stdout or to the --out file; what every command that reports calls.</summary>
internal static class ReportOutput
{
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>The status line for this run: live on a terminal's stderr for a text report, silent otherwise.</summary>
    public static StatusLine StatusLine(CliContext context, ReportSettings settings) =>
        new(context.StandardError, Rendering.StatusLine.Wanted(settings.Format, context.StandardErrorIsTerminal), context.TerminalWidth);

    public static void Write(CliContext context, ReportSettings settings, Report report, string title, IReadOnlyList<ReportPart>? others = null)
    {
        if (settings.OutFile is null)
        {
            Write(context, settings, report, title, others, context.StandardOutput, context.Console);
            return;
        }

        try
        {
            using var file = File.Create(settings.OutFile);
            Write(context, settings, report, title, others, file, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReachException(ExitCode.CannotRun, context.Words.Get("error.out-write", ("file", settings.OutFile), ("message", e.Message)));
        }
    }

    private static void Write(CliContext context, ReportSettings settings, Report report, string title, IReadOnlyList<ReportPart>? others, Stream stream, Spectre.Console.IAnsiConsole? console)
    {
        var words = context.Words;
        switch (settings.Format)
        {
            case ReportFormat.Json:
                // The machine contract stays English whatever the reader's language: scripts match on it.
                JsonReportWriter.Write(stream, report);
                return;
            case ReportFormat.Text:
                if (console is not null)
                {
                    TextReportWriter.Write(console, report, title, settings.Verbose, words);
                    return;
                }

                using (var text = new StreamWriter(stream, Utf8, leaveOpen: true))
                {
                    TextReportWriter.Write(ConsoleFactory.Create(text, interactive: false), report, title, settings.Verbose, words);
                }

                return;
            default:
                using (var writer = new StreamWriter(stream, Utf8, leaveOpen: true))
                {
                    if (settings.Format == ReportFormat.Markdown)
                    {
                        MarkdownReportWriter.Write(writer, report, title, words, others);
                    }
                    else
                    {
                        HtmlReportWriter.Write(writer, report, title, words, others);
                    }
                }

                return;
        }
    }
}
