using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Reach.Serve.Probing;
using static System.Net.WebUtility;

namespace Reach.Serve.Http;

/// <summary>GET /: what this server is, its modules, and the recent probes, failures first and kept apart.</summary>
internal static class LandingPage
{
    public static async Task HandleAsync(HttpContext http, ServeContext serve)
    {
        var (failures, successes) = serve.Recent.Snapshot();
        var s = new StringBuilder();
        s.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>reach serve</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{padding:.2em .6em;text-align:left;border-bottom:1px solid #ddd}.fail{color:#b00}.ok{color:#070}code{font-size:90%}</style>")
            .Append("</head><body><h1>reach serve</h1>\n<p>Why can't this host reach that port? ")
            .Append("<a href=\"/metrics\">/metrics</a> · <code>/probe?target=HOST:PORT&amp;module=NAME</code> (add <code>&amp;debug=true</code> for the report, <code>&amp;format=json</code> for reach/1)</p>\n");

        s.Append("<h2>Modules</h2>\n<table><tr><th>module</th><th>timeout</th><th>family</th><th>allowed targets</th></tr>\n");
        foreach (var m in serve.State.Current.Config.Modules.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            s.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlEncode(m.Name)}</td><td>{Config.Durations.Format(m.Timeout)}</td><td>{m.Family.ToString().ToLowerInvariant()}</td><td>{HtmlEncode(string.Join(" ", m.AllowedTargets))}</td></tr>\n");
        }

        s.Append("</table>\n");
        Table(s, "Recent failures", failures, "fail");
        Table(s, "Recent successes", successes, "ok");
        s.Append("</body></html>\n");

        http.Response.ContentType = "text/html; charset=utf-8";
        Answers.Note(http, $"{failures.Count} failure(s), {successes.Count} success(es) listed");
        await http.Response.WriteAsync(s.ToString(), Encoding.UTF8, http.RequestAborted).ConfigureAwait(false);
    }

    private static void Table(StringBuilder s, string title, IReadOnlyList<ProbeResult> rows, string css)
    {
        s.Append(CultureInfo.InvariantCulture, $"<h2>{title}</h2>\n");
        if (rows.Count == 0)
        {
            s.Append("<p>none yet</p>\n");
            return;
        }

        s.Append("<table><tr><th>finished (UTC)</th><th>module</th><th>target</th><th>verdict</th><th>seconds</th><th>summary</th><th></th></tr>\n");
        foreach (var r in rows)
        {
            var again = $"/probe?target={Uri.EscapeDataString(r.Target)}&module={Uri.EscapeDataString(r.Module)}&debug=true";
            s.Append(CultureInfo.InvariantCulture, $"<tr><td>{r.Finished:yyyy-MM-dd HH:mm:ss}</td><td>{HtmlEncode(r.Module)}</td><td>{HtmlEncode(r.Target)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"{css}\"><code>{HtmlEncode(r.Code)}</code></td><td>{r.Duration.TotalSeconds:0.000}</td><td>{HtmlEncode(r.Summary)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><a href=\"{HtmlEncode(again)}\">probe again</a></td></tr>\n");
        }

        s.Append("</table>\n");
    }
}
