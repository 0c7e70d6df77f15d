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
    public static void Write(IAnsiConsole console, Report joined, IReadOnlyList<RemoteEnd> remotes, string title, bool verbose)
    {
        var addresses = joined.Target.Addresses.Count == 0 ? string.Empty : $" ({string.Join(", ", joined.Target.Addresses)})";
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/]{Markup.Escape(addresses)}");
        console.WriteLine();
        console.MarkupLine(" [bold underline]this host[/]");
        Checks(console, joined.Checks, verbose);

        foreach (var r in remotes)
        {
            console.WriteLine();
            var role = r.Role == RemoteRole.Server ? "server" : "compare";
            if (r.Report is not { } report)
            {
                console.MarkupLine($" [bold underline]{role} {Markup.Escape(r.Via)}[/]  [red]✘ not asked[/]: {Markup.Escape(r.Error ?? "no answer")}");
                continue;
            }

            console.MarkupLine($" [bold underline]{role} {Markup.Escape(r.Via)}[/] [grey]({r.Ms:0} ms)[/]");
            if (r.Role == RemoteRole.Server)
            {
                Checks(console, report.Checks, verbose);
            }
            else
            {
                SideBySide(console, joined, report, r.Host);
            }

            console.MarkupLine($"   [grey]its verdict:[/] {Markup.Escape(report.Verdict.Code.Name)} — {Markup.Escape(report.Verdict.Summary)}");
        }

        console.WriteLine();
        var v = joined.Verdict;
        var colour = v.IsOk ? "green" : v.Code == Codes.Inconclusive ? "yellow" : "red";
        console.MarkupLine($" [bold]verdict[/]  [{colour} bold]{Markup.Escape(v.Code.Name)}[/] — {Markup.Escape(v.Summary)}");
        console.MarkupLine($" [bold]fix[/]      {Markup.Escape(v.Fix)}");
        if (joined.Problems.Count > 1)
        {
            console.MarkupLine($" [grey]also     {Markup.Escape(string.Join(", ", joined.Problems.Where(p => p != v.Code)))} (explained by the verdict, or to check next)[/]");
        }
    }

    private static void Checks(IAnsiConsole console, IReadOnlyList<Finding> checks, bool verbose)
    {
        foreach (var f in checks)
        {
            var (mark, colour) = TextReportWriter.Style(f.Status);
            console.MarkupLine($" [{colour}]{mark}[/] [bold]{JsonReportWriter.Name(f.Layer),-9}[/] {Markup.Escape(f.Summary)}");
            if (verbose)
            {
                foreach (var e in f.Evidence)
                {
                    console.MarkupLine($"             [grey]{Markup.Escape(e.Source)}:[/] {Markup.Escape(e.Detail)}");
                }
            }
        }
    }

    private static void SideBySide(IAnsiConsole console, Report mine, Report theirs, string host)
    {
        console.MarkupLine($"   [grey]{"layer",-9}  {"here",-4}  {Markup.Escape(host)}[/]");
        foreach (var f in mine.Checks)
        {
            var other = theirs.Checks.FirstOrDefault(c => c.Layer == f.Layer);
            var (m1, c1) = TextReportWriter.Style(f.Status);
            var (m2, c2) = other is null ? ("–", "grey") : TextReportWriter.Style(other.Status);
            var differs = other is not null && other.Status != f.Status;
            var name = JsonReportWriter.Name(f.Layer);
            var line = $"   {(differs ? "[bold yellow]" : string.Empty)}{name,-9}{(differs ? "[/]" : string.Empty)}  [{c1}]{m1}[/]     [{c2}]{m2}[/]  {(differs ? "[yellow]← differs: [/]" + Markup.Escape(other!.Summary) : string.Empty)}";
            console.MarkupLine(line);
        }
    }
}
