using System.Runtime.InteropServices;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reach.Serve.Probing;
using Reach.Serve.Scheduling;

namespace Reach.Serve.Http;

/// <summary>
/// The server: Kestrel with the smallest host ASP.NET Core has (CreateEmptyBuilder: no appsettings.json
/// from the working directory, no ASPNETCORE_URLS, nothing that could listen elsewhere than --listen),
/// request delegates without reflection, and the limits that keep a scrape target from being a
/// resource to exhaust: the request line (414), headers (431), bodies (413), connections, the time to
/// send headers, and probes at once (a queue, then 429).
/// </summary>
public sealed class ServeHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ServeContext serve;
    private readonly Scheduler? scheduler;
    private readonly PosixSignalRegistration? hangup;
    private volatile bool stopping;

    private ServeHost(WebApplication app, ServeContext serve, Scheduler? scheduler, PosixSignalRegistration? hangup)
    {
        this.app = app;
        this.serve = serve;
        this.scheduler = scheduler;
        this.hangup = hangup;
    }

    public ServeContext Context => serve;

    /// <summary>Where Kestrel really listens (the port when --listen said 0).</summary>
    public IReadOnlyList<string> Addresses => app.Urls.ToList();

    public static ServeHost Create(ServeOptions options, ServeSettings settings, IServeEngine engine, IReportRenderer renderer, TextWriter log, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = new ServeState(options, settings, clock);
        var requestLog = new RequestLog(log, clock);
        var serve = new ServeContext(
            state, engine, renderer, new ProbeRunner(engine, clock), new ServerMetrics(state), new RecentProbes(), new WatchRegistry(),
            new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = options.MaxConcurrent, QueueLimit = options.MaxQueue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst }),
            requestLog, clock);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "reach" });
        builder.Logging.AddProvider(new KestrelLog(requestLog));
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestLineSize = ServeOptions.MaxRequestLine;
            k.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            k.Limits.MaxRequestHeaderCount = 50;
            k.Limits.MaxRequestBodySize = 1024;
            k.Limits.MaxConcurrentConnections = 1024;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            k.Listen(options.Listen, listen =>
            {
                if (settings.Web is not null)
                {
                    listen.UseHttps(TlsOptions.Create(state));
                }
            });
        });

        var app = builder.Build();
        app.Use((http, next) => requestLog.InvokeAsync(http, next, serve.Metrics));
        app.Use((http, next) => BearerAuthentication.InvokeAsync(http, next, state));
        app.UseRouting();
        ServeHost? host = null;
        app.MapGet("/probe", (RequestDelegate)(http => ProbeEndpoint.HandleAsync(http, serve)));
        app.MapGet("/local", (RequestDelegate)(http => LocalEndpoint.HandleAsync(http, serve)));
        app.MapPost("/local/done", (RequestDelegate)(http => LocalEndpoint.DoneAsync(http, serve)));
        app.MapGet("/metrics", (RequestDelegate)(http => AdminEndpoints.MetricsAsync(http, serve)));
        app.MapGet("/-/healthy", (RequestDelegate)AdminEndpoints.HealthyAsync);
        app.MapGet("/-/ready", (RequestDelegate)(http => AdminEndpoints.ReadyAsync(http, serve, host?.stopping ?? false)));
        app.MapPost("/-/reload", (RequestDelegate)(http => AdminEndpoints.ReloadAsync(http, serve)));
        app.MapGet("/", (RequestDelegate)(http => LandingPage.HandleAsync(http, serve)));

        Scheduler? scheduler = null;
        if (options.Schedule)
        {
            scheduler = new Scheduler(serve);
            state.Reloaded += scheduler.Start;
        }

        // SIGHUP reloads, as it does for Prometheus and blackbox_exporter (systemd's ExecReload sends it).
        var hangup = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal =>
        {
            signal.Cancel = true;
            var error = state.Reload();
            requestLog.Line(error is null ? "SIGHUP: reloaded, the new configuration is in force" : $"SIGHUP: reload failed, the old configuration stays in force: {error}");
        });
        host = new ServeHost(app, serve, scheduler, hangup);
        app.Lifetime.ApplicationStopping.Register(() => host.stopping = true);
        return host;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        scheduler?.Start(serve.State.Current);
    }

    /// <summary>Until SIGTERM or SIGINT (ConsoleLifetime), or <paramref name="cancellationToken"/>.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        hangup?.Dispose();
        scheduler?.Dispose();
        await app.DisposeAsync().ConfigureAwait(false);
        serve.Limiter.Dispose();
    }
}
