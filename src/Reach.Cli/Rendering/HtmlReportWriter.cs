using System.Globalization;
using System.Text;
using Reach.Core.Model;
using Reach.Core.Paths;

namespace Reach.Cli.Rendering;

/// <summary>
/// One self-contained HTML file: inline CSS and SVG, no script, nothing fetched (a report attached to an
/// incident opens the same offline years later). The verdict and fix on top, the path as a picture,
/// the layers as a table, each layer's evidence in a &lt;details&gt;. Light, dark (prefers-color-scheme)
/// and print styles; the page is UTF-8 with CJK fonts named first-come, so Korean renders.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        :root{color-scheme:light dark;--bg:#fff;--fg:#1d232b;--muted:#5b6570;--line:#d5dae0;--card:#f5f7f9;--ok:#1a7f37;--bad:#c62828;--warn:#9a6700;--dim:#9aa3ad}
        @media (prefers-color-scheme:dark){:root{--bg:#0f1318;--fg:#e4e8ec;--muted:#9aa5b1;--line:#2d3540;--card:#171d24;--ok:#4ac26b;--bad:#ff6b6b;--warn:#d4a72c;--dim:#5d6873}}
        body{background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem}
        h1{font-size:1.3rem;margin:0 0 1rem}h2{font-size:1.05rem;margin:1.6rem 0 .6rem}
        code{font:13px/1.4 ui-monospace,"DejaVu Sans Mono","Noto Sans Mono CJK KR",monospace;overflow-wrap:anywhere}
        .verdict{border-left:6px solid var(--bad);background:var(--card);padding:.8rem 1rem;border-radius:6px}
        .verdict.ok{border-color:var(--ok)}.verdict.inconclusive{border-color:var(--warn)}
        .verdict .code{font-weight:700;color:var(--bad)}.verdict.ok .code{color:var(--ok)}.verdict.inconclusive .code{color:var(--warn)}
        .verdict p{margin:.3rem 0}.muted{color:var(--muted);font-size:.9em}
        figure{margin:0;overflow-x:auto}figcaption{color:var(--bad);margin-top:.3rem}
        svg.path text{fill:var(--fg);font:12px system-ui,"Noto Sans","Noto Sans CJK KR",sans-serif}
        svg.path .role{font-weight:700}svg.path .label{fill:var(--bad);font-size:11.5px}
        svg.path rect{fill:var(--card);stroke:var(--ok);stroke-width:2}
        svg.path .fails rect{stroke:var(--bad);stroke-width:3.5}svg.path .link-fails rect{stroke:var(--bad);stroke-dasharray:5 3}
        svg.path .silent rect{stroke:var(--dim);stroke-dasharray:3 3}svg.path .dim rect{stroke:var(--dim)}svg.path .dim text{fill:var(--dim)}
        svg.path line{stroke:var(--ok);stroke-width:2.5}svg.path line.fails{stroke:var(--bad);stroke-dasharray:6 4}svg.path line.dim{stroke:var(--dim)}
        svg.path .x{fill:var(--bad);font-size:16px;font-weight:700}
        svg.path .label.note{fill:var(--muted)}svg.path .lane{fill:var(--muted);font-weight:600}svg.path .same{fill:var(--muted);font-size:10px}
        svg.path line.same{stroke:var(--muted);stroke-width:1.5;stroke-dasharray:4 3}
        table{border-collapse:collapse;width:100%}table.layers td:nth-child(3) code{white-space:nowrap}th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
        th{color:var(--muted);font-weight:600}
        .st{white-space:nowrap;font-weight:600}.st.pass{color:var(--ok)}.st.fail{color:var(--bad)}.st.warn,.st.inconclusive{color:var(--warn)}.st.skip{color:var(--dim)}
        details{border:1px solid var(--line);border-radius:6px;margin:.4rem 0;padding:.3rem .7rem}summary{cursor:pointer;font-weight:600}
        details table td:first-child{width:30%}
        footer{margin-top:2rem;color:var(--muted);font-size:.85em}
        @media print{body{margin:0;max-width:none}details{border:none;padding:0}details>*{display:block}.verdict{border:1px solid #999}}
        """;

    /// <param name="lanes">The other ends of `check --server/--compare` in the path picture (Reach.Core.Paths.CrossHostPath).</param>
    public static void Write(TextWriter output, Report report, string title, ReportWords words, IReadOnlyList<ReportPart>? others = null, IReadOnlyList<PathLane>? lanes = null)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"").Append(words.Language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n")
         .Append("<title>").Append(Html.Encode(title)).Append(" — ").Append(Html.Encode(report.Verdict.Code.Name)).Append("</title>\n<style>")
         .Append(Style).Append("</style>\n</head>\n<body>\n");
        Section(h, report, title, words, "h1", lanes);
        foreach (var part in others ?? [])
        {
            var heading = words.Get("report.other-end", ("title", part.Title));
            h.Append("<hr>\n");
            if (part.Report is { } r)
            {
                Section(h, r, heading, words, "h1");
            }
            else
            {
                h.Append("<h1>").Append(Html.Encode(heading)).Append("</h1>\n<p class=\"verdict inconclusive\">")
                 .Append(Html.Encode(words.Get("report.other-end.failed", ("error", part.Error ?? "?")))).Append("</p>\n");
            }
        }

        h.Append("<footer>").Append(Html.Encode(words.Get("report.generated", ("schema", Report.Schema)))).Append("</footer>\n</body>\n</html>\n");
        output.Write(h.ToString());
        output.Flush();
    }

    private static void Section(StringBuilder h, Report report, string title, ReportWords words, string heading, IReadOnlyList<PathLane>? lanes = null)
    {
        var v = report.Verdict;
        var kind = v.IsOk ? "ok" : v.Code == Codes.Inconclusive ? "inconclusive" : "fail";
        h.Append('<').Append(heading).Append('>').Append(Html.Encode(title)).Append("</").Append(heading).Append(">\n");
        if (report.Target.Addresses.Count > 0)
        {
            h.Append("<p class=\"muted\">").Append(Html.Encode(words["report.addresses"])).Append(": ")
             .Append(Html.Encode(string.Join(", ", report.Target.Addresses))).Append("</p>\n");
        }

        h.Append("<section class=\"verdict ").Append(kind).Append("\" id=\"verdict\" data-code=\"").Append(Html.Encode(v.Code.Name)).Append("\">\n")
         .Append("<p><strong>").Append(Html.Encode(words["report.verdict"])).Append("</strong> <code class=\"code\">").Append(Html.Encode(v.Code.Name))
         .Append("</code> — <span class=\"summary\">").Append(Html.Encode(words.Summary(report))).Append("</span></p>\n");
        if (words.Original(report) is { } original)
        {
            h.Append("<p class=\"muted\">").Append(Html.Encode(words["report.in-english"])).Append(": ").Append(Html.Encode(original)).Append("</p>\n");
        }

        h.Append("<p><strong>").Append(Html.Encode(words["report.fix"])).Append("</strong> <span class=\"fix\">").Append(Html.Encode(words.Fix(report))).Append("</span></p>\n");
        if (report.Problems.Count > 1)
        {
            h.Append("<p class=\"muted\">").Append(Html.Encode(words["report.also"])).Append(": ")
             .Append(Html.Encode(string.Join(", ", report.Problems.Where(p => p != v.Code)))).Append(' ').Append(Html.Encode(words["report.also.note"])).Append("</p>\n");
        }

        h.Append("</section>\n");

        if (report.Path is { Count: > 0 } path)
        {
            h.Append("<h2>").Append(Html.Encode(words["report.path"])).Append("</h2>\n<figure>").Append(PathPicture.Svg(path, words, lanes));
            foreach (var (caption, label) in PathWords.Failures(path, lanes, words))
            {
                h.Append("<figcaption>✘ ").Append(Html.Encode(caption)).Append(": ").Append(Html.Encode(label)).Append("</figcaption>");
            }

            h.Append("</figure>\n");
        }

        h.Append("<h2>").Append(Html.Encode(words["report.layers"])).Append("</h2>\n<table class=\"layers\">\n<thead><tr><th>")
         .Append(Html.Encode(words["report.layer"])).Append("</th><th>").Append(Html.Encode(words["report.status"])).Append("</th><th>")
         .Append(Html.Encode(words["report.code"])).Append("</th><th>").Append(Html.Encode(words["report.summary"])).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var f in report.Checks)
        {
            var status = f.Status.ToString().ToLowerInvariant();
            h.Append("<tr data-layer=\"").Append(Code.LayerName(f.Layer)).Append("\" data-status=\"").Append(status).Append("\"><td>").Append(Code.LayerName(f.Layer))
             .Append("</td><td class=\"st ").Append(status).Append("\">").Append(Html.Encode(words.Status(f.Status))).Append("</td><td><code>")
             .Append(Html.Encode(f.Code.Name)).Append("</code></td><td>").Append(Html.Encode(words.Summary(f)));
            if (words.Original(f) is { } o)
            {
                h.Append("<br><span class=\"muted\">").Append(Html.Encode(o)).Append("</span>");
            }

            h.Append("</td></tr>\n");
        }

        h.Append("</tbody>\n</table>\n<h2>").Append(Html.Encode(words["report.evidence"])).Append("</h2>\n");
        foreach (var f in report.Checks.Where(f => f.Evidence.Count > 0))
        {
            // A failing layer's evidence is open: it is what the reader came for.
            h.Append("<details").Append(f.Status == CheckStatus.Fail ? " open" : string.Empty).Append("><summary>").Append(Code.LayerName(f.Layer))
             .Append(" · <code>").Append(Html.Encode(f.Code.Name)).Append("</code> (").Append(f.Evidence.Count.ToString(CultureInfo.InvariantCulture)).Append(")</summary>\n<table>");
            foreach (var e in f.Evidence)
            {
                h.Append("<tr><td><code>").Append(Html.Encode(e.Source)).Append("</code></td><td><code>").Append(Html.Encode(e.Detail)).Append("</code></td></tr>");
            }

            h.Append("</table>\n</details>\n");
        }
    }
}
