using Reach.Core.Joining;
using Reach.Core.Model;
using Reach.Core.Paths;
using Spectre.Console;

namespace Reach.Cli.Rendering;

/// <summary>
/// The report of `reach check --server/--compare`: this host's layers, then each remote end (the server's
/// own findings; a neighbour's layers side by side with this host's, the differing ones marked), a line
/// for each remote that could not be asked, and the joined verdict last.
/// </summary>
public static class CrossHostTextWriter
{
    public static void Write(IAnsiConsole console, Report joined, IReadOnlyList<RemoteEnd> remotes, string title, bool verbose, ReportWords? words = null)
    {
        words ??= ReportWords.English;
        ReportText.Title(console, joined, title);
        console.MarkupLine($" [bold underline]{Markup.Escape(words["path.this-host"])}[/]");
        ReportText.Checks(console, joined.Checks, verbose, words);

        foreach (var r in remotes)
        {
            console.WriteLine();
            var role = Markup.Escape(words[r.Role == RemoteRole.Server ? "report.role.server" : "report.role.compare"]);
            if (r.Report is not { } report)
            {
                console.MarkupLine($" [bold underline]{role} {Markup.Escape(r.Via)}[/]  [red]✘ {Markup.Escape(words["report.not-asked"])}[/]: {Markup.Escape(r.Error ?? words["report.no-answer"])}");
                continue;
            }

            console.MarkupLine($" [bold underline]{role} {Markup.Escape(r.Via)}[/] [grey]({r.Ms:0} ms)[/]");
            if (r.Role == RemoteRole.Server)
            {
                ReportText.Checks(console, report.Checks, verbose, words);
            }
            else
            {
                SideBySide(console, joined, report, r.Host, words);
            }

            console.MarkupLine($"   [grey]{Markup.Escape(words["report.its-verdict"])}[/] {Markup.Escape(report.Verdict.Code.Name)} — {Markup.Escape(words.Summary(report))}");
        }

        console.WriteLine();
        ReportText.Verdict(console, joined, words, CrossHostPath.Lanes(joined, remotes));
    }

    private static void SideBySide(IAnsiConsole console, Report mine, Report theirs, string host, ReportWords words)
    {
        console.MarkupLine($"   [grey]{Markup.Escape(PadTo(words["report.layer"], 9))}  {Markup.Escape(PadTo(words["report.here"], 4))}  {Markup.Escape(host)}[/]");
        foreach (var f in mine.Checks)
        {
            var other = theirs.Checks.FirstOrDefault(c => c.Layer == f.Layer);
            var (m1, c1) = ReportText.Style(f.Status);
            var (m2, c2) = other is null ? ("–", "grey") : ReportText.Style(other.Status);
            var differs = other is not null && other.Status != f.Status;
            var name = JsonReportWriter.Name(f.Layer);
            var line = $"   {(differs ? "[bold yellow]" : string.Empty)}{name,-9}{(differs ? "[/]" : string.Empty)}  [{c1}]{m1}[/]     [{c2}]{m2}[/]  {(differs ? "[yellow]" + Markup.Escape(words["report.differs"]) + " [/]" + Markup.Escape(words.Summary(other!)) : string.Empty)}";
            console.MarkupLine(line);
        }
    }

    // Pads to a number of terminal columns (Hangul takes two), never adding a space a shorter column would not have.
    private static string PadTo(string s, int columns) => s + new string(' ', Math.Max(0, columns - ReportText.Width(s)));
}
