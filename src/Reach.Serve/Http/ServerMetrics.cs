using System.Reflection;
using Prometheus;
using Reach.Serve.Config;
using Reach.Serve.Probing;

namespace Reach.Serve.Http;

/// <summary>
/// /metrics: the server's own series, in a registry of its own (nothing of a probe's). Endpoint and
/// module labels come from fixed lists (the routes, reach.yml's module and check names).
/// </summary>
public sealed class ServerMetrics
{
    private readonly Counter requests;
    private readonly Histogram probeSeconds;
    private readonly Gauge scheduledSuccess;
    private readonly Gauge scheduledVerdict;
    private readonly Gauge scheduledSeconds;
    private readonly Gauge scheduledTime;
    private readonly Lock gate = new();
    private readonly Dictionary<string, string[]> verdictLabels = new(StringComparer.Ordinal);

    public ServerMetrics(ServeState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        requests = f.CreateCounter("reach_http_requests_total", "HTTP requests answered, by endpoint and status code", "endpoint", "code");
        InFlight = f.CreateGauge("reach_http_requests_in_flight", "HTTP requests being answered now");
        probeSeconds = f.CreateHistogram("reach_probe_duration_seconds", "How long /probe took, by module (scheduled checks are not counted)", new HistogramConfiguration
        {
            LabelNames = ["module"],
            Buckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        });
        var version = typeof(ServerMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        f.CreateGauge("reach_build_info", "reach's version and the .NET runtime it was built with; always 1", "version", "runtime")
            .WithLabels(version.Split('+')[0], Environment.Version.ToString()).Set(1);
        var reloadOk = f.CreateGauge("reach_config_last_reload_successful", "Whether the last reload of reach.yml (POST /-/reload, SIGHUP) succeeded");
        var reloadTime = f.CreateGauge("reach_config_last_reload_success_timestamp_seconds", "When reach.yml was last loaded successfully, in seconds since the epoch");
        Registry.AddBeforeCollectCallback(() =>
        {
            reloadOk.Set(state.LastReloadSucceeded ? 1 : 0);
            reloadTime.Set(state.LastReloadSuccess.ToUnixTimeMilliseconds() / 1000.0);
        });

        const string cached = "Cached: the last result of a check reach serve --schedule runs every interval of reach.yml, not probed at scrape time";
        scheduledSuccess = f.CreateGauge("reach_scheduled_probe_success", $"{cached}; 1 when its verdict was ok", "check", "module");
        scheduledVerdict = f.CreateGauge("reach_scheduled_verdict", $"{cached}; its verdict code and layer, always 1", "check", "code", "layer");
        scheduledSeconds = f.CreateGauge("reach_scheduled_probe_duration_seconds", $"{cached}; how long it took in seconds", "check");
        scheduledTime = f.CreateGauge("reach_scheduled_last_run_timestamp_seconds", $"{cached}; when it finished, in seconds since the epoch", "check");
    }

    public CollectorRegistry Registry { get; }

    public Gauge InFlight { get; }

    public void Request(string endpoint, int status) => requests.WithLabels(endpoint, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();

    public void Probe(ProbeResult result) => probeSeconds.WithLabels(result.Module).Observe(result.Duration.TotalSeconds);

    public void Scheduled(ScheduledCheck check, ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(result);
        lock (gate)
        {
            scheduledSuccess.WithLabels(check.Name, check.Module).Set(result.Success ? 1 : 0);
            if (verdictLabels.TryGetValue(check.Name, out var old))
            {
                scheduledVerdict.RemoveLabelled(old);
            }

            string[] labels = [check.Name, result.Code, result.Layer];
            scheduledVerdict.WithLabels(labels).Set(1);
            verdictLabels[check.Name] = labels;
            scheduledSeconds.WithLabels(check.Name).Set(result.Duration.TotalSeconds);
            scheduledTime.WithLabels(check.Name).Set(result.Finished.ToUnixTimeMilliseconds() / 1000.0);
        }
    }

    /// <summary>After a reload: the series of checks that are no longer scheduled go, rather than stay cached forever.</summary>
    public void KeepScheduled(IReadOnlyCollection<ScheduledCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        lock (gate)
        {
            var keep = checks.Select(c => (c.Name, c.Module)).ToHashSet();
            foreach (var labels in scheduledSuccess.GetAllLabelValues().ToList())
            {
                if (!keep.Contains((labels[0], labels[1])))
                {
                    scheduledSuccess.RemoveLabelled(labels);
                    scheduledSeconds.RemoveLabelled(labels[0]);
                    scheduledTime.RemoveLabelled(labels[0]);
                    if (verdictLabels.Remove(labels[0], out var v))
                    {
                        scheduledVerdict.RemoveLabelled(v);
                    }
                }
            }
        }
    }
}
