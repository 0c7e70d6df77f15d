using Reach.Core.Model;
using Spectre.Console;

namespace Reach.Cli.Rendering;

/// <summary>
/// The report a person reads at a glance: one line per layer, the evidence under --verbose, and the
/// verdict and fix last, where the eye ends up. Colour only where the console supports it.
/// </summary>
public static class TextReportWriter
{
    public static void Write(IAnsiConsole console, Report report, string title, bool verbose, ReportWords? words = null)
    {
        words ??= ReportWords.English;
        var addresses = report.Target.Addresses.Count == 0 ? string.Empty : $" ({string.Join(", ", report.Target.Addresses)})";
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/]{Markup.Escape(addresses)}");
        console.WriteLine();
        foreach (var f in report.Checks)
        {
            var (mark, colour) = Style(f.Status);
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

        console.WriteLine();
        var v = report.Verdict;
        var verdictColour = v.IsOk ? "green" : v.Code == Codes.Inconclusive ? "yellow" : "red";
        var verdictWord = words["report.verdict"];
        var fixWord = words["report.fix"];
        var pad = Math.Max(Width(verdictWord), Width(fixWord)) + 2;
        console.MarkupLine($" [bold]{Markup.Escape(Pad(verdictWord, pad))}[/][{verdictColour} bold]{Markup.Escape(v.Code.Name)}[/] — {Markup.Escape(words.Summary(report))}");
        if (words.Original(report) is { } verdictOriginal)
        {
            console.MarkupLine($" {new string(' ', pad)}[grey]{Markup.Escape(verdictOriginal)}[/]");
        }

        console.MarkupLine($" [bold]{Markup.Escape(Pad(fixWord, pad))}[/]{Markup.Escape(words.Fix(report))}");
        WriteActions(console, words, v.Actions, pad);
        if (report.Problems.Count > 1)
        {
            console.MarkupLine($" [grey]{Markup.Escape(Pad(words["report.also"], pad))}{Markup.Escape(string.Join(", ", report.Problems.Where(p => p != v.Code)))} {Markup.Escape(words["report.also.note"])}[/]");
        }
    }

    /// <summary>The fix as commands, one per line under it: what to run (on which host) and how to keep it.</summary>
    private static void WriteActions(IAnsiConsole console, ReportWords words, IReadOnlyList<FixAction> actions, int pad)
    {
        var runWord = words["report.run"];
        var keepWord = words["report.keep"];
        pad = Math.Max(pad, Math.Max(Width(runWord), Width(keepWord)) + 2);
        foreach (var a in actions)
        {
            var on = a.On is { } host ? words.Get("report.on", ("host", host.ToString())) + " " : string.Empty;
            console.MarkupLine($" [bold]{Markup.Escape(Pad(runWord, pad))}[/]{Markup.Escape(on)}[aqua]{Markup.Escape(a.Run)}[/]");
            if (a.Persist is { } persist)
            {
                console.MarkupLine($" [grey]{Markup.Escape(Pad(keepWord, pad))}{Markup.Escape(persist)}[/]");
            }
        }
    }

    // Hangul takes two columns on a terminal (East Asian Wide, UAX #11): pad by columns, not characters.
    internal static int Width(string s) => s.Sum(c => c is >= '\u1100' and <= '\u11FF' or >= '\u3000' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7A3' ? 2 : 1);

    internal static string Pad(string s, int columns) => s + new string(' ', Math.Max(1, columns - Width(s)));

    internal static (string Mark, string Colour) Style(CheckStatus status) => status switch
    {
        CheckStatus.Pass => ("✔", "green"),
        CheckStatus.Fail => ("✘", "red"),
        CheckStatus.Warn => ("!", "yellow"),
        CheckStatus.Inconclusive => ("?", "yellow"),
        _ => ("–", "grey"),
    };
}
