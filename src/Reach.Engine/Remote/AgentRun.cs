using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using Reach.Core.Contract;
using Reach.Core.Joining;

namespace Reach.Engine.Remote;

/// <summary>
/// One remote end asked from a reach serve agent over HTTPS, the second transport beside ssh. The
/// server end is GET /local?…&amp;watch=: the agent sends its headers once it watches (Reach-Watching), which
/// is this run's <see cref="Ready"/>; POST /local/done?id= tells it this host has finished probing, as
/// closing ssh's stdin does; the body is the reach/1 report. A neighbour is GET /probe?…&amp;format=json.
/// Never throws for what the agent did: refused, unauthorised, a bad certificate, garbage: one line each.
/// </summary>
public sealed class AgentRun : IRemoteRun
{
    private const string WatchHeader = "Reach-Watch";

    private readonly HttpClient client;
    private readonly AuthenticationHeaderValue? token;
    private readonly AgentDestination destination;
    private readonly RemoteRole role;
    private readonly string what;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource stop = new();
    private readonly Task<HttpResponseMessage> response;
    private Task? done;

    private AgentRun(HttpClient client, AuthenticationHeaderValue? token, AgentDestination destination, RemoteRole role, string pathAndQuery, TimeSpan? scrapeTimeout, string what)
    {
        this.client = client;
        this.token = token;
        this.destination = destination;
        this.role = role;
        this.what = what;
        var request = Request(HttpMethod.Get, pathAndQuery);
        if (scrapeTimeout is { } t)
        {
            // The agent's own budget for a neighbour's check, as Prometheus would give it.
            request.Headers.Add("X-Prometheus-Scrape-Timeout-Seconds", t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));
        }

        response = client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
        Ready = response.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    public Task Ready { get; }

    /// <summary>The server end: `reach local PORT --from FROM --watch --duration WINDOW` on the agent.</summary>
    public static AgentRun Local(HttpClient client, AuthenticationHeaderValue? token, AgentDestination destination, int port, IPAddress from, TimeSpan window) =>
        new(client, token, destination, RemoteRole.Server,
            $"local?port={port}&from={Uri.EscapeDataString(from.ToString())}&watch={(int)window.TotalMilliseconds}ms", null, "reach local");

    /// <summary>A neighbour: `reach check HOST:PORT` on the agent, within <paramref name="budget"/>.</summary>
    public static AgentRun Probe(HttpClient client, AuthenticationHeaderValue? token, AgentDestination destination, string target, TimeSpan budget) =>
        new(client, token, destination, RemoteRole.Compare, $"probe?target={Uri.EscapeDataString(target)}&format=json", budget + TimeSpan.FromSeconds(0.5), "reach check");

    public void FinishInput()
    {
        if (role != RemoteRole.Server || done is not null || !response.IsCompletedSuccessfully
            || !response.Result.Headers.TryGetValues(WatchHeader, out var ids) || ids.FirstOrDefault() is not { } id)
        {
            return;
        }

        done = client.SendAsync(Request(HttpMethod.Post, $"local/done?id={Uri.EscapeDataString(id)}"), stop.Token)
            .ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    public async Task<RemoteEnd> FinishAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        var left = deadline - clock.Elapsed;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        using var register = timeout.Token.Register(stop.Cancel);
        try
        {
            using var answer = await response.WaitAsync(timeout.Token).ConfigureAwait(false);
            var body = await ReadBoundedAsync(answer.Content, timeout.Token).ConfigureAwait(false);
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                var line = ReportJson.Excerpt(body.Split('\n')[0].Trim());
                return Fail(answer.StatusCode switch
                {
                    HttpStatusCode.Unauthorized => $"the agent refused this host (401: {line}): give --token-file with its token",
                    HttpStatusCode.Forbidden => $"the agent refused the request (403: {line})",
                    _ => $"the agent answered {(int)answer.StatusCode} {answer.ReasonPhrase}: {line}",
                });
            }

            if (body.Length > ReportJson.MaxBytes)
            {
                return Fail($"its answer is larger than {ReportJson.MaxBytes} bytes: not a reach report");
            }

            return ReportJson.TryParse(body, out var report, out _, out var error)
                ? new RemoteEnd(role, destination.Via, true, null, Ms(), report)
                : Fail($"bad answer from the remote {what}: {error}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail($"no answer within {deadline.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s: the agent's {what} was given up");
        }
        catch (HttpRequestException e)
        {
            return Fail(Describe(e));
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, new Uri(destination.BaseUri, pathAndQuery));
        request.Headers.Authorization = token;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    // The innermost reason says it best: "Connection refused", "The remote certificate is invalid…".
    private static string Describe(HttpRequestException e)
    {
        var inner = e.InnerException;
        while (inner?.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return e.InnerException is AuthenticationException || inner is AuthenticationException
            ? $"TLS with the agent failed: {inner?.Message ?? e.Message} (give --cacert with the CA that signed its certificate; --cert and --key if it asks for a client certificate)"
            : $"could not ask the agent: {(inner ?? e).Message}";
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int n;
        while ((n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0 && buffer.Length <= ReportJson.MaxBytes)
        {
            buffer.Write(chunk, 0, n);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private RemoteEnd Fail(string why) => RemoteEnd.Failed(role, destination.Via, $"{destination.Via}: {why}", Ms());

    private double Ms() => Math.Round(clock.Elapsed.TotalMilliseconds, 1);

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}
