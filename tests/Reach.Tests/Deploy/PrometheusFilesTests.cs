using Xunit;

namespace Reach.Tests.Deploy;

/// <summary>deploy/prometheus and the scrape configuration, checked by Prometheus's own promtool (scripts/install-deps.sh installs it).</summary>
public sealed class PrometheusFilesTests
{
    private static string Dir => Path.Combine(RepoFiles.Root, "deploy", "prometheus");

    [Fact]
    public void The_alert_rules_pass_promtool_check_rules()
    {
        var (exit, output) = Tool.Run("promtool", Dir, "check", "rules", "reach-alerts.yml");

        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS: 4 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_alert_fires_with_the_verdict_code_and_layer_in_its_labels_and_summary()
    {
        // reach-alerts.test.yml feeds a port.rejected series and expects the alert's labels and annotations.
        var (exit, output) = Tool.Run("promtool", Dir, "test", "rules", "reach-alerts.test.yml");

        Assert.True(exit == 0, output);
    }

    [Fact]
    public void The_scrape_configuration_is_a_valid_prometheus_yml_with_the_multi_target_relabelling()
    {
        var dir = Directory.CreateTempSubdirectory("reach-scrape-").FullName;
        try
        {
            File.Copy(Path.Combine(RepoFiles.Root, "deploy", "kubernetes", "scrape-config.yaml"), Path.Combine(dir, "prometheus.yml"));
            File.WriteAllText(Path.Combine(dir, "reach-token"), "0123456789abcdef0123456789abcdef\n");

            var (exit, output) = Tool.Run("promtool", dir, "check", "config", "prometheus.yml");
            var text = File.ReadAllText(Path.Combine(dir, "prometheus.yml"));

            Assert.True(exit == 0, output);
            Assert.Contains("metrics_path: /probe", text, StringComparison.Ordinal);
            Assert.Contains("target_label: __param_target", text, StringComparison.Ordinal);
            Assert.Contains("replacement: reach.reach.svc:9917", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
