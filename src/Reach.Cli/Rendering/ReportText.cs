using Reach.Core.Model;
using Reach.Core.Paths;
using Spectre.Console;

namespace Reach.Cli.Rendering;

/// <summary>
/// The parts every text report shares: the title, a row per finding (its evidence under --verbose),
/// the path, and the verdict block. Both text writers are made of these, so `reach check` and
/// `check --server/--compare` say a finding the same way.
/// </summary>
internal static class ReportText
{
    public static void Title(IAnsiConsole console, Report report, string title)
    {
        var addresses = report.Target.Addresses.Count == 0 ? string.Empty : $" ({string.Join(", ", report.Target.Addresses)})";
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/]{Markup.Escape(addresses)}");
        console.WriteLine();
    }

    public static void Checks(IAnsiConsole console, IReadOnlyList<Finding> checks, bool verbose, ReportWords words)
    {
        foreach (var f in checks)
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
    }

    /// <summary>The path (when the report has one), the verdict, the fix and the other problems: the last lines, where the eye ends up.</summary>
    public static void Verdict(IAnsiConsole console, Report report, ReportWords words, IReadOnlyList<PathLane>? lanes = null)
    {
        var v = report.Verdict;
        var colour = v.IsOk ? "green" : v.Code == Codes.Inconclusive ? "yellow" : "red";
        var verdictWord = words["report.verdict"];
        var fixWord = words["report.fix"];
        var pathWord = words["report.path.line"];
        var pad = Math.Max(Width(verdictWord), Width(fixWord)) + 2;
        if (report.Path is { Count: > 0 } path)
        {
            pad = Math.Max(pad, Width(pathWord) + 2);
            console.MarkupLine($" [bold]{Markup.Escape(Pad(pathWord, pad))}[/]{PathWords.Line(path, lanes, words, Hop)}");
            foreach (var (title, line) in PathWords.Neighbours(lanes, words, Hop))
            {
                console.MarkupLine($" {new string(' ', pad)}[grey]{Markup.Escape(title)}:[/] {line}");
            }
        }

        console.MarkupLine($" [bold]{Markup.Escape(Pad(verdictWord, pad))}[/][{colour} bold]{Markup.Escape(v.Code.Name)}[/] — {Markup.Escape(words.Summary(report))}");
        if (words.Original(report) is { } original)
        {
            console.MarkupLine($" {new string(' ', pad)}[grey]{Markup.Escape(original)}[/]");
        }

        console.MarkupLine($" [bold]{Markup.Escape(Pad(fixWord, pad))}[/]{Markup.Escape(words.Fix(report))}");
        Actions(console, words, v.Actions, pad);
        if (report.Problems.Count > 1)
        {
            console.MarkupLine($" [grey]{Markup.Escape(Pad(words["report.also"], pad))}{Markup.Escape(string.Join(", ", report.Problems.Where(p => p != v.Code)))} {Markup.Escape(words["report.also.note"])}[/]");
        }
    }

    /// <summary>The fix as commands, one per line under it: what to run (on which host) and how to keep it.</summary>
    private static void Actions(IAnsiConsole console, ReportWords words, IReadOnlyList<FixAction> actions, int pad)
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
    public static int Width(string s) => s.Sum(c => c is >= '\u1100' and <= '\u11FF' or >= '\u3000' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7A3' ? 2 : 1);

    public static string Pad(string s, int columns) => s + new string(' ', Math.Max(1, columns - Width(s)));

    public static (string Mark, string Colour) Style(CheckStatus status) => status switch
    {
        CheckStatus.Pass => ("✔", "green"),
        CheckStatus.Fail => ("✘", "red"),
        CheckStatus.Warn => ("!", "yellow"),
        CheckStatus.Inconclusive => ("?", "yellow"),
        _ => ("–", "grey"),
    };

    // How the terminal draws a node of the path: the failing one red with a ✘ (a broken link: ✘ ⋯ before
    // the node it leads to), a quiet router and what lies beyond the failure grey. Spectre drops the colours in a pipe.
    private static string Hop(PathHop h, string name)
    {
        name = Markup.Escape(name);
        return h.Mark switch
        {
            PathMark.Fails => $"[red bold]✘ {name}[/]",
            PathMark.LinkFails => $"[red]✘ ⋯[/] [bold]{name}[/]",
            PathMark.Silent or PathMark.NotReached => $"[grey]{name}[/]",
            _ => name,
        };
    }
}
