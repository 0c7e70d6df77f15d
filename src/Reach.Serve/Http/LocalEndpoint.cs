using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Reach.Core.Targets;
using Reach.Serve.Config;
using Reach.Serve.Probing;

namespace Reach.Serve.Http;

/// <summary>
/// GET /local?port=PORT[/udp]&amp;from=ADDR[&amp;to=ADDR][&amp;watch=DURATION]: `reach local` on this host, as
/// reach/1; the server end of `reach check --server https://`. With watch, the answer's headers are sent
/// as soon as the watch runs (Reach-Watching: yes, or no and why not) with the watch's id in Reach-Watch:
/// the client probes then, and POST /local/done?id= ends the watch early, as closing ssh's stdin does.
/// </summary>
internal static class LocalEndpoint
{
    public const string WatchHeader = "Reach-Watch";
    public const string WatchingHeader = "Reach-Watching";

    public static async Task HandleAsync(HttpContext http, ServeContext serve)
    {
        var (request, problem) = Read(http.Request.Query);
        if (problem is not null)
        {
            await Answers.TextAsync(http, 400, problem).ConfigureAwait(false);
            return;
        }

        using var lease = await serve.Limiter.AcquireAsync(1, http.RequestAborted).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            await Answers.TextAsync(http, StatusCodes.Status429TooManyRequests, "too many requests at once: the queue is full; try again later").ConfigureAwait(false);
            return;
        }

        using var body = new MemoryStream();
        if (request!.Watch is null)
        {
            var report = await serve.Engine.LocalAsync(request, null, _ => { }, http.RequestAborted).ConfigureAwait(false);
            Answers.Note(http, report.Verdict.Code.Name);
            serve.Renderer.WriteJson(body, report);
            await Answers.BytesAsync(http, "application/json; charset=utf-8", body).ConfigureAwait(false);
            return;
        }

        var (id, done) = serve.Watches.Register();
        try
        {
            var watching = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var run = serve.Engine.LocalAsync(request, done, w => watching.TrySetResult(w), http.RequestAborted);
            if (await Task.WhenAny(watching.Task, run).ConfigureAwait(false) == watching.Task)
            {
                // The client waits for these headers before it probes: send them now, the report follows.
                http.Response.StatusCode = 200;
                http.Response.ContentType = "application/json; charset=utf-8";
                http.Response.Headers[WatchHeader] = id;
                http.Response.Headers[WatchingHeader] = watching.Task.Result ? "yes" : "no";
                await http.Response.StartAsync(http.RequestAborted).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }

            var report = await run.ConfigureAwait(false);
            Answers.Note(http, report.Verdict.Code.Name);
            serve.Renderer.WriteJson(body, report);
            if (http.Response.HasStarted)
            {
                body.Position = 0;
                await body.CopyToAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                await Answers.BytesAsync(http, "application/json; charset=utf-8", body).ConfigureAwait(false);
            }
        }
        finally
        {
            serve.Watches.Forget(id);
        }
    }

    /// <summary>POST /local/done?id=ID: the client has finished probing.</summary>
    public static Task DoneAsync(HttpContext http, ServeContext serve) =>
        serve.Watches.Finish(http.Request.Query["id"].ToString())
            ? Answers.TextAsync(http, 200, "done")
            : Answers.TextAsync(http, 404, "no watch with that id is running");

    internal static (LocalRequest? Request, string? Problem) Read(IQueryCollection query)
    {
        var portText = query["port"].ToString();
        if (portText.Length == 0)
        {
            return (null, "the port parameter is missing: /local?port=PORT[/udp]&from=ADDR");
        }

        var slash = portText.IndexOf('/', StringComparison.Ordinal);
        var protocol = slash >= 0 ? portText[(slash + 1)..].ToLowerInvariant() : "tcp";
        if (protocol is not ("tcp" or "udp")
            || !int.TryParse(slash >= 0 ? portText[..slash] : portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return (null, $"port '{InputEcho.Clip(portText)}' is not PORT, PORT/tcp or PORT/udp (1 to 65535)");
        }

        var (from, fromProblem) = Address(query["from"], "from");
        var (to, toProblem) = Address(query["to"], "to");
        if ((fromProblem ?? toProblem) is { } problem)
        {
            return (null, problem);
        }

        if (from is not null && to is not null && from.AddressFamily != to.AddressFamily)
        {
            return (null, $"from {from} and to {to} are of different address families");
        }

        TimeSpan? watch = null;
        if (query["watch"].ToString() is { Length: > 0 } w)
        {
            watch = Durations.Parse(w);
            if (watch is null || watch > ServeOptions.MaxWatch)
            {
                return (null, $"watch '{InputEcho.Clip(w)}' is not a duration of at most {ServeOptions.MaxWatch.TotalSeconds:0}s");
            }

            if (from is null)
            {
                return (null, "watch needs from: the client whose SYNs to watch for");
            }
        }

        return (new LocalRequest(port, protocol, from, to, watch), null);
    }

    private static (IPAddress? Address, string? Problem) Address(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        var address = TargetParser.ParseAddress(text);
        if (address is null)
        {
            return (null, $"{name} '{InputEcho.Clip(text)}' is not an IP address");
        }

        return NonUnicastAddress.Refusal(address) is { } refusal
            ? (null, $"{name} {address}: {refusal}")
            : (address, null);
    }
}
