using Microsoft.AspNetCore.Http;
using Reach.Serve.Probing;

namespace Reach.Serve.Http;

/// <summary>
/// GET /probe?target=HOST:PORT[&amp;module=NAME]: Prometheus's multi-target exporter pattern, as
/// blackbox_exporter answers it. The exposition by default; format=json (or Accept: application/json)
/// the reach/1 report; debug=true the text report with its evidence.
/// </summary>
internal static class ProbeEndpoint
{
    public static async Task HandleAsync(HttpContext http, ServeContext serve)
    {
        var query = http.Request.Query;
        var (prepared, refusal) = ProbeRunner.Prepare(serve.State.Current.Config, query["target"], query["module"], http.Request.Headers[ProbeBudget.Header]);
        if (refusal is not null)
        {
            await Answers.TextAsync(http, refusal.Status, refusal.Reason).ConfigureAwait(false);
            return;
        }

        using var lease = await serve.Limiter.AcquireAsync(1, http.RequestAborted).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            await Answers.TextAsync(http, StatusCodes.Status429TooManyRequests, "too many probes at once: the queue is full; try again later").ConfigureAwait(false);
            return;
        }

        var (result, late) = await serve.Runner.RunAsync(prepared!, http.RequestAborted).ConfigureAwait(false);
        if (late is not null)
        {
            await Answers.TextAsync(http, late.Status, late.Reason).ConfigureAwait(false);
            return;
        }

        serve.Metrics.Probe(result!);
        serve.Recent.Add(result!);
        Answers.Note(http, $"{result!.Code} in {result.Duration.TotalMilliseconds:0} ms");

        using var body = new MemoryStream();
        if (Answers.IsTrue(query["debug"]))
        {
            serve.Renderer.WriteText(body, result.Report ?? ProbeRunner.Inconclusive(result), $"reach check {result.Target} (module {result.Module})");
            await Answers.BytesAsync(http, "text/plain; charset=utf-8", body).ConfigureAwait(false);
        }
        else if (Answers.WantsJson(http))
        {
            serve.Renderer.WriteJson(body, result.Report ?? ProbeRunner.Inconclusive(result));
            await Answers.BytesAsync(http, "application/json; charset=utf-8", body).ConfigureAwait(false);
        }
        else
        {
            await ProbeExposition.WriteAsync(body, result, http.RequestAborted).ConfigureAwait(false);
            await Answers.BytesAsync(http, ProbeExposition.ContentType, body).ConfigureAwait(false);
        }
    }
}
