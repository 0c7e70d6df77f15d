using Microsoft.AspNetCore.Http;
using Prometheus;

namespace Reach.Serve.Http;

/// <summary>/metrics, /-/healthy, /-/ready and POST /-/reload, with Prometheus's own paths and meanings.</summary>
internal static class AdminEndpoints
{
    public static async Task MetricsAsync(HttpContext http, ServeContext serve)
    {
        using var body = new MemoryStream();
        await serve.Metrics.Registry.CollectAndExportAsTextAsync(body, http.RequestAborted).ConfigureAwait(false);
        await Answers.BytesAsync(http, Probing.ProbeExposition.ContentType, body).ConfigureAwait(false);
    }

    /// <summary>Alive: answers at all. Left open to unauthenticated callers (a kubelet's probe): it says nothing else.</summary>
    public static Task HealthyAsync(HttpContext http) => Answers.TextAsync(http, 200, "reach serve is healthy.");

    /// <summary>Ready once the settings are loaded and Kestrel listens; 503 while it stops.</summary>
    public static Task ReadyAsync(HttpContext http, ServeContext serve, bool stopping) => stopping
        ? Answers.TextAsync(http, 503, "reach serve is stopping.")
        : Answers.TextAsync(http, 200, $"reach serve is ready ({serve.State.Current.Config.Modules.Count} module(s)).");

    /// <summary>Reads reach.yml, the token and the web config again; on failure the old ones stay in force (500 and why, as Prometheus answers).</summary>
    public static Task ReloadAsync(HttpContext http, ServeContext serve)
    {
        var error = serve.State.Reload();
        serve.Log.Line(error is null ? "reload: the new configuration is in force" : $"reload failed, the old configuration stays in force: {error}");
        return error is null
            ? Answers.TextAsync(http, 200, "reloaded")
            : Answers.TextAsync(http, 500, $"failed to reload config: {error}");
    }
}
