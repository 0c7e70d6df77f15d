using Prometheus;
using Reach.Core.Model;

namespace Reach.Serve.Probing;

/// <summary>
/// One /probe as the Prometheus text exposition, in a registry of its own (the multi-target exporter
/// pattern: what one probe found, nothing else). The probe_* series are blackbox_exporter's, with its
/// HELP texts, so its dashboards and relabelling recipes carry over; reach_* adds why. Labels come from
/// fixed lists only (verdict codes, layers): never an address, a rule or a sentence.
/// </summary>
public static class ProbeExposition
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static async Task WriteAsync(Stream stream, ProbeResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(registry);
        factory.CreateGauge("probe_success", "Displays whether or not the probe was a success").Set(result.Success ? 1 : 0);
        factory.CreateGauge("probe_duration_seconds", "Returns how long the probe took to complete in seconds").Set(result.Duration.TotalSeconds);
        factory.CreateGauge("probe_ip_protocol", "Specifies whether probe ip protocol is IP4 or IP6").Set(result.IpProtocol);
        factory.CreateGauge("reach_verdict", "reach's verdict: its code (docs/verdicts.md, `reach explain CODE`) and the layer of the root cause; code ok when nothing is wrong, inconclusive when the budget ran out", "code", "layer")
            .WithLabels(result.Code, result.Layer).Set(1);

        if (result.Report is { } report)
        {
            var ok = factory.CreateGauge("reach_layer_ok", "1 when the layer's check passed, 0 when it failed; layers that were skipped or could not decide are absent", "layer");
            var seconds = factory.CreateGauge("reach_layer_duration_seconds", "How long the layer's check took, in seconds", "layer");
            foreach (var layer in report.Checks.GroupBy(c => c.Layer))
            {
                var name = Code.LayerName(layer.Key);
                seconds.WithLabels(name).Set(layer.Max(c => c.Ms) / 1000.0);
                var decided = layer.Where(c => c.Status is CheckStatus.Pass or CheckStatus.Warn or CheckStatus.Fail).ToList();
                if (decided.Count > 0)
                {
                    ok.WithLabels(name).Set(decided.All(c => c.Status != CheckStatus.Fail) ? 1 : 0);
                }
            }
        }

        await registry.CollectAndExportAsTextAsync(stream, cancellationToken).ConfigureAwait(false);
    }
}
