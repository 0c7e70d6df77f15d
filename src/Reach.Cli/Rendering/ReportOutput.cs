using System.Text;
using System.Globalization;
using Reach.Cli.Commands;
using Reach.Core.Joining;
using Reach.Core.Model;
using Reach.Core.Paths;

namespace Reach.Cli.Rendering;

/// <summary>Writes a finished report in the chosen format to stdout or to the --out file; what every command that reports calls.</summary>
internal static class ReportOutput
{
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>The status line for this run: live on a terminal's stderr for a text report, silent otherwise.</summary>
    public static StatusLine StatusLine(CliContext context, ReportSettings settings) =>
        new(context.StandardError, Rendering.StatusLine.Wanted(settings.Format, context.StandardErrorIsTerminal), context.TerminalWidth, context.Words.Catalog);

    /// <param name="remotes">The other ends of `check --server/--compare`: in the JSON's `remote` array, and as sections of the other formats.</param>
    public static void Write(CliContext context, ReportSettings settings, Report report, string title, IReadOnlyList<RemoteEnd>? remotes = null)
    {
        if (settings.OutFile is null)
        {
            Write(context, settings, report, title, remotes, context.StandardOutput, context.Console);
            return;
        }

        try
        {
            using var file = File.Create(settings.OutFile);
            Write(context, settings, report, title, remotes, file, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReachException(ExitCode.CannotRun, context.Words.Get("error.out-write", ("file", settings.OutFile), ("message", e.Message)));
        }
    }

    /// <summary>A remote end as a section of a Markdown or HTML report: its own report, or the line that says why it could not be asked.</summary>
    public static ReportPart Part(RemoteEnd r, ReportWords words) => new(
        words.Get("report.remote-part", ("role", words[r.Role == RemoteRole.Server ? "report.role.server" : "report.role.compare"]), ("via", r.Via), ("ms", r.Ms.ToString("0", CultureInfo.InvariantCulture))),
        r.Report,
        r.Report is null ? r.Error ?? words["report.no-answer"] : null);

    private static void Write(CliContext context, ReportSettings settings, Report report, string title, IReadOnlyList<RemoteEnd>? remotes, Stream stream, Spectre.Console.IAnsiConsole? console)
    {
        var words = context.Words;
        IReadOnlyList<ReportPart>? others = remotes is { Count: > 0 } ? [.. remotes.Select(r => Part(r, words))] : null;
        IReadOnlyList<PathLane>? lanes = remotes is { Count: > 0 } ? CrossHostPath.Lanes(report, remotes) : null;
        switch (settings.Format)
        {
            case ReportFormat.Json:
                // The machine contract stays English whatever the reader's language: scripts match on it.
                JsonReportWriter.Write(stream, report, remotes);
                return;
            case ReportFormat.Text when remotes is { Count: > 0 }:
                if (console is not null)
                {
                    CrossHostTextWriter.Write(console, report, remotes, title, settings.Verbose, words);
                    return;
                }

                using (var text = new StreamWriter(stream, Utf8, leaveOpen: true))
                {
                    CrossHostTextWriter.Write(ConsoleFactory.Create(text, interactive: false), report, remotes, title, settings.Verbose, words);
                }

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
                        MarkdownReportWriter.Write(writer, report, title, words, others, lanes);
                    }
                    else
                    {
                        HtmlReportWriter.Write(writer, report, title, words, others, lanes);
                    }
                }

                return;
        }
    }
}
