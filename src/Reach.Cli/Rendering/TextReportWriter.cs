using Reach.Core.Model;
using Spectre.Console;

namespace Reach.Cli.Rendering;

/// <summary>
/// The report a person reads at a glance: one line per layer, the evidence under --verbose, and the
/// verdict and fix last, where the eye ends up. Colour only where the console supports it.
/// </summary>
public static class TextReportWriter
{
    public static void Write(IAnsiConsole console, Report report, string title, bool verbose)
    {
        var addresses = report.Target.Addresses.Count == 0 ? string.Empty : $" ({string.Join(", ", report.Target.Addresses)})";
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/]{Markup.Escape(addresses)}");
        console.WriteLine();
        foreach (var f in report.Checks)
        {
            var (mark, colour) = Style(f.Status);
            console.MarkupLine($" [{colour}]{mark}[/] [bold]{JsonReportWriter.Name(f.Layer),-9}[/] {Markup.Escape(f.Summary)}");
            if (verbose)
            {
                foreach (var e in f.Evidence)
                {
                    console.MarkupLine($"             [grey]{Markup.Escape(e.Source)}:[/] {Markup.Escape(e.Detail)}");
                }
            }
        }

        console.WriteLine();
        var v = report.Verdict;
        var verdictColour = v.IsOk ? "green" : v.Code == Codes.Inconclusive ? "yellow" : "red";
        console.MarkupLine($" [bold]verdict[/]  [{verdictColour} bold]{Markup.Escape(v.Code.Name)}[/] — {Markup.Escape(v.Summary)}");
        console.MarkupLine($" [bold]fix[/]      {Markup.Escape(v.Fix)}");
        if (report.Problems.Count > 1)
        {
            console.MarkupLine($" [grey]also     {Markup.Escape(string.Join(", ", report.Problems.Where(p => p != v.Code)))} (explained by the verdict, or to check next)[/]");
        }
    }

    internal static (string Mark, string Colour) Style(CheckStatus status) => status switch
    {
        CheckStatus.Pass => ("✔", "green"),
        CheckStatus.Fail => ("✘", "red"),
        CheckStatus.Warn => ("!", "yellow"),
        CheckStatus.Inconclusive => ("?", "yellow"),
        _ => ("–", "grey"),
    };
}
