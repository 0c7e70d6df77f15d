using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Reach.Serve.Http;

/// <summary>
/// One line per request on stderr (journald and kubectl logs read it): time, client, method, path and
/// query, status, milliseconds, and what happened (the verdict, or why it was refused). Never a header:
/// the Authorization header holds the token.
/// </summary>
public sealed class RequestLog(TextWriter writer, TimeProvider clock)
{
    private readonly Lock gate = new();

    public void Line(string text)
    {
        var line = $"{clock.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {text}";
        lock (gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    /// <summary>The middleware: counts, times and logs every request the pipeline sees.</summary>
    public async Task InvokeAsync(HttpContext http, RequestDelegate next, ServerMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(metrics);
        var start = Stopwatch.GetTimestamp();
        metrics.InFlight.Inc();
        try
        {
            await next(http).ConfigureAwait(false);
        }
        finally
        {
            metrics.InFlight.Dec();
            var status = http.Response.StatusCode;
            metrics.Request(Endpoint(http.Request.Path), status);
            var target = http.Request.Path + http.Request.QueryString;
            var shown = target.Length > 300 ? target[..300] + "…" : target;
            var note = http.Items.TryGetValue(Answers.NoteKey, out var n) && n is string s ? " " + s : string.Empty;
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
            Line($"{http.Connection.RemoteIpAddress} {http.Request.Method} {shown} {status} {ms}ms{note}");
        }
    }

    /// <summary>The endpoint label: one of a fixed list, whatever path was asked for.</summary>
    public static string Endpoint(PathString path) => path.Value switch
    {
        "/probe" => "probe",
        "/local" => "local",
        "/local/done" => "local_done",
        "/metrics" => "metrics",
        "/-/healthy" => "healthy",
        "/-/ready" => "ready",
        "/-/reload" => "reload",
        "/" => "landing",
        _ => "other",
    };
}
