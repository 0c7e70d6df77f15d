using System.Text;
using Reach.Core.Model;
using Reach.Core.Paths;

namespace Reach.Cli.Rendering;

/// <summary>
/// The report for a ticket or a chat (CommonMark with GitHub's tables and &lt;details&gt;): the verdict and
/// the fix first, the path on one line, a table of layers, and each layer's evidence folded away.
/// Every cell is escaped, so a `|` in an iptables rule cannot break the table.
/// </summary>
public static class MarkdownReportWriter
{
    /// <param name="lanes">The other ends of `check --server/--compare`: a line each under the path.</param>
    public static void Write(TextWriter output, Report report, string title, ReportWords words, IReadOnlyList<ReportPart>? others = null, IReadOnlyList<PathLane>? lanes = null)
    {
        var md = new StringBuilder();
        Append(md, report, title, words, "##", lanes);
        foreach (var part in others ?? [])
        {
            md.Append("\n---\n\n");
            if (part.Report is { } r)
            {
                Append(md, r, words.Get("report.other-end", ("title", part.Title)), words, "###");
            }
            else
            {
                md.Append("### ").Append(Inline(words.Get("report.other-end", ("title", part.Title)))).Append("\n\n")
                  .Append(Inline(words.Get("report.other-end.failed", ("error", part.Error ?? "?")))).Append('\n');
            }
        }

        md.Append('\n').Append("<sub>").Append(Inline(words.Get("report.generated", ("schema", Report.Schema)))).Append("</sub>\n");
        output.Write(md.ToString());
        output.Flush();
    }

    private static void Append(StringBuilder md, Report report, string title, ReportWords words, string heading, IReadOnlyList<PathLane>? lanes = null)
    {
        var v = report.Verdict;
        md.Append(heading).Append(' ').Append(Mark(v)).Append(' ').Append(Inline(title)).Append("\n\n");
        md.Append("**").Append(words["report.verdict"]).Append(":** `").Append(v.Code.Name).Append("` — ").Append(Inline(words.Summary(report))).Append("  \n");
        if (words.Original(report) is { } original)
        {
            md.Append('*').Append(words["report.in-english"]).Append(":* ").Append(Inline(original)).Append("  \n");
        }

        md.Append("**").Append(words["report.fix"]).Append(":** ").Append(Inline(words.Fix(report))).Append("\n\n");

        if (report.Path is { Count: > 0 } path)
        {
            md.Append("**").Append(words["report.path"]).Append(":** ").Append(PathWords.Line(path, lanes, words, Hop)).Append("\n\n");
            foreach (var (laneTitle, line) in PathWords.Neighbours(lanes, words, Hop))
            {
                md.Append("**").Append(Inline(laneTitle)).Append(":** ").Append(line).Append("\n\n");
            }

            foreach (var (caption, label) in PathWords.Failures(path, lanes, words))
            {
                md.Append("> ✘ ").Append(Inline(caption)).Append(": ").Append(Inline(label)).Append("\n\n");
            }

            foreach (var (server, label) in PathWords.ServerViews(lanes, words))
            {
                md.Append("> ").Append(Inline(server)).Append(": ").Append(Inline(label)).Append("\n\n");
            }
        }

        md.Append("| ").Append(words["report.layer"]).Append(" | ").Append(words["report.status"]).Append(" | ")
          .Append(words["report.code"]).Append(" | ").Append(words["report.summary"]).Append(" |\n|---|---|---|---|\n");
        foreach (var f in report.Checks)
        {
            var summary = Cell(words.Summary(f)) + (words.Original(f) is { } o ? "<br><sub>" + Cell(o) + "</sub>" : string.Empty);
            md.Append("| ").Append(Code.LayerName(f.Layer)).Append(" | ").Append(Icon(f.Status)).Append(' ').Append(words.Status(f.Status))
              .Append(" | `").Append(f.Code.Name).Append("` | ").Append(summary).Append(" |\n");
        }

        md.Append('\n');
        if (report.Problems.Count > 1)
        {
            md.Append(words["report.also"]).Append(": ").Append(string.Join(", ", report.Problems.Where(p => p != v.Code).Select(p => $"`{p.Name}`")))
              .Append(' ').Append(Inline(words["report.also.note"])).Append("\n\n");
        }

        foreach (var f in report.Checks.Where(f => f.Evidence.Count > 0))
        {
            md.Append("<details><summary>").Append(Code.LayerName(f.Layer)).Append(" — ").Append(words["report.evidence"])
              .Append(" (").Append(f.Evidence.Count).Append(")</summary>\n\n");
            md.Append("| ").Append(words["report.source"]).Append(" | ").Append(words["report.detail"]).Append(" |\n|---|---|\n");
            foreach (var e in f.Evidence)
            {
                md.Append("| ").Append(CodeCell(e.Source)).Append(" | ").Append(CodeCell(e.Detail)).Append(" |\n");
            }

            md.Append("\n</details>\n\n");
        }
    }

    // How Markdown draws a node of the path: the failing one bold with a ✘, a broken link before it, a quiet router in italics, what lies beyond struck out.
    private static string Hop(PathHop h, string name)
    {
        name = Inline(name);
        return h.Mark switch
        {
            PathMark.Fails => $"**✘ {name}**",
            PathMark.LinkFails => $"✘ ⋯ **{name}**",
            PathMark.Silent => $"*{name}*",
            PathMark.NotReached => $"~~{name}~~",
            _ => name,
        };
    }

    private static string Mark(Verdict v) => v.IsOk ? "✅" : v.Code == Codes.Inconclusive ? "❔" : "❌";

    private static string Icon(CheckStatus s) => s switch
    {
        CheckStatus.Pass => "✔",
        CheckStatus.Fail => "✘",
        CheckStatus.Warn => "⚠",
        CheckStatus.Inconclusive => "?",
        _ => "–",
    };

    // Outside tables: keep backticks (the sentences quote commands), neutralise HTML and line breaks.
    private static string Inline(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    // In a table cell a `|` ends the cell, even inside a code span (GFM): escape it there too.
    private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);

    // Evidence verbatim in a code span; a backtick inside needs a longer fence (CommonMark 6.1).
    private static string CodeCell(string text)
    {
        var t = text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
        if (t.Length == 0)
        {
            return string.Empty;
        }

        var fence = t.Contains('`', StringComparison.Ordinal) ? "``" : "`";
        var pad = t.StartsWith('`') || t.EndsWith('`') || fence.Length > 1 ? " " : string.Empty;
        return fence + pad + t + pad + fence;
    }
}
