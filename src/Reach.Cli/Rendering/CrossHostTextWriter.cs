using Reach.Core.Joining;
using Reach.Core.Model;
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
        var addresses = joined.Target.Addresses.Count == 0 ? string.Empty : $" ({string.Join(", ", joined.Target.Addresses)})";
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/]{Markup.Escape(addresses)}");
        console.WriteLine();
        console.MarkupLine($" [bold underline]{Markup.Escape(words["path.this-host"])}[/]");
        Checks(console, joined.Checks, verbose, words);

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
                Checks(console, report.Checks, verbose, words);
            }
            else
            {
                SideBySide(console, joined, report, r.Host, words);
            }

            console.MarkupLine($"   [grey]{Markup.Escape(words["report.its-verdict"])}[/] {Markup.Escape(report.Verdict.Code.Name)} — {Markup.Escape(words.Summary(report))}");
        }

        console.WriteLine();
        var v = joined.Verdict;
        var colour = v.IsOk ? "green" : v.Code == Codes.Inconclusive ? "yellow" : "red";
        var pad = Math.Max(TextReportWriter.Width(words["report.verdict"]), TextReportWriter.Width(words["report.fix"])) + 2;
        console.MarkupLine($" [bold]{Markup.Escape(words["report.verdict"])}[/]{new string(' ', pad - TextReportWriter.Width(words["report.verdict"]))}[{colour} bold]{Markup.Escape(v.Code.Name)}[/] — {Markup.Escape(words.Summary(joined))}");
        if (words.Original(joined) is { } original)
        {
            console.MarkupLine($" {new string(' ', pad)}[grey]{Markup.Escape(original)}[/]");
        }

        console.MarkupLine($" [bold]{Markup.Escape(words["report.fix"])}[/]{new string(' ', pad - TextReportWriter.Width(words["report.fix"]))}{Markup.Escape(words.Fix(joined))}");
        if (joined.Problems.Count > 1)
        {
            console.MarkupLine($" [grey]{Markup.Escape(TextReportWriter.Pad(words["report.also"], pad))}{Markup.Escape(string.Join(", ", joined.Problems.Where(p => p != v.Code)))} {Markup.Escape(words["report.also.note"])}[/]");
        }
    }

    private static void Checks(IAnsiConsole console, IReadOnlyList<Finding> checks, bool verbose, ReportWords words)
    {
        foreach (var f in checks)
        {
            var (mark, colour) = TextReportWriter.Style(f.Status);
            console.MarkupLine($" [{colour}]{mark}[/] [bold]{JsonReportWriter.Name(f.Layer),-9}[/] {Markup.Escape(words.Summary(f))}");
            if (words.Original(f) is { } original)
            {
                console.MarkupLine($"             [grey]{Markup.Escape(original)}[/]");
            }

            if (verbose)
            {
                foreach (var e in f.Evidence)
                {
                    console.MarkupLine($"             [grey]{Markup.Escape(e.Source)}:[/] {Markup.Escape(e.Detail)}");
                }
            }
        }
    }

    private static void SideBySide(IAnsiConsole console, Report mine, Report theirs, string host, ReportWords words)
    {
        console.MarkupLine($"   [grey]{Markup.Escape(PadTo(words["report.layer"], 9))}  {Markup.Escape(PadTo(words["report.here"], 4))}  {Markup.Escape(host)}[/]");
        foreach (var f in mine.Checks)
        {
            var other = theirs.Checks.FirstOrDefault(c => c.Layer == f.Layer);
            var (m1, c1) = TextReportWriter.Style(f.Status);
            var (m2, c2) = other is null ? ("–", "grey") : TextReportWriter.Style(other.Status);
            var differs = other is not null && other.Status != f.Status;
            var name = JsonReportWriter.Name(f.Layer);
            var line = $"   {(differs ? "[bold yellow]" : string.Empty)}{name,-9}{(differs ? "[/]" : string.Empty)}  [{c1}]{m1}[/]     [{c2}]{m2}[/]  {(differs ? "[yellow]" + Markup.Escape(words["report.differs"]) + " [/]" + Markup.Escape(words.Summary(other!)) : string.Empty)}";
            console.MarkupLine(line);
        }
    }

    // Pads to a number of terminal columns (Hangul takes two), never adding a space a shorter column would not have.
    private static string PadTo(string s, int columns) => s + new string(' ', Math.Max(0, columns - TextReportWriter.Width(s)));
}
