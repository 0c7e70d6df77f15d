using System.Text.Json;
using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// reach serve in the lab, asked by the real clients: a real Prometheus (Debian's, its own config and data
/// directory in a temporary folder, on dev1's loopback) scrapes /probe for a healthy target (web2) and for
/// the seed's REJECT (web1), and its HTTP API is asked what it stored; promtool lints both expositions;
/// `reach check --server https://` asks reach serve on web1 over TLS with a client certificate and a token.
/// </summary>
[Collection(LabGroup.Name)]
public sealed class ServeScenarios : IDisposable
{
    private const int ServePort = 19917;
    private const int PrometheusPort = 19090;

    private readonly string dir = Directory.CreateTempSubdirectory("reach-serve-lab-").FullName;

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>curl inside a namespace: the servers listen on that namespace's own addresses.</summary>
    private static ProcessResult Curl(string host, string url, params string[] extra) =>
        Lab.Exec(host, ["curl", "-sS", "--max-time", "20", .. extra, url]);

    private static Background Serve(string host, params string[] args)
    {
        var serve = Background.Start(host, [Lab.Reach, "serve", .. args]);
        Assert.True(serve.WaitFor("reach serve: listening on", TimeSpan.FromSeconds(20)), $"reach serve did not start:\n{serve.Output}");
        return serve;
    }

    [LabFact]
    public void Prometheus_scrapes_probe_and_stores_success_for_web2_and_the_rejects_code_for_web1()
    {
        Lab.Reset("web1-reject");
        var config = Write("reach.yml", "modules:\n  default:\n    timeout: 8s\n    allowed_targets: [10.1.0.0/16:80]\n");
        using var serve = Serve("dev1", "--listen", $"127.0.0.1:{ServePort}", "--config", config);

        // promtool's linter on both expositions, as served.
        foreach (var target in new[] { "10.1.4.5:80", "web1:80" })
        {
            var exposition = Curl("dev1", $"http://127.0.0.1:{ServePort}/probe?target={target}");
            Assert.Equal(0, exposition.ExitCode);
            var lint = Lab.Run("bash", ["-c", $"promtool check metrics < {Write("probe.txt", exposition.Stdout)}"], TimeSpan.FromSeconds(30));
            Assert.True(lint.ExitCode == 0, $"promtool check metrics on /probe?target={target}:\n{lint.Stdout}{lint.Stderr}\n{exposition.Stdout}");
        }

        var metrics = Curl("dev1", $"http://127.0.0.1:{ServePort}/metrics");
        var metricsLint = Lab.Run("bash", ["-c", $"promtool check metrics < {Write("metrics.txt", metrics.Stdout)}"], TimeSpan.FromSeconds(30));
        Assert.True(metricsLint.ExitCode == 0, $"promtool check metrics on /metrics:\n{metricsLint.Stdout}{metricsLint.Stderr}");

        var prometheusConfig = Write("prometheus.yml", $$"""
            global:
              scrape_interval: 3s
              scrape_timeout: 3s
            scrape_configs:
              - job_name: reach
                metrics_path: /probe
                static_configs:
                  - targets: ["10.1.4.5:80", "web1:80"]
                relabel_configs:
                  - source_labels: [__address__]
                    target_label: __param_target
                  - source_labels: [__param_target]
                    target_label: instance
                  - target_label: __address__
                    replacement: 127.0.0.1:{{ServePort}}
            """);
        Assert.Equal(0, Lab.Run("promtool", ["check", "config", prometheusConfig], TimeSpan.FromSeconds(30)).ExitCode);
        using var prometheus = Background.Start("dev1", ["prometheus", $"--config.file={prometheusConfig}", $"--storage.tsdb.path={Path.Combine(dir, "data")}",
            $"--web.listen-address=127.0.0.1:{PrometheusPort}", "--log.level=warn"]);

        var success = Query("probe_success", prometheus, series => series.Count == 2);
        Assert.Equal("1", Value(success, "10.1.4.5:80"));
        Assert.Equal("0", Value(success, "web1:80"));

        var verdict = Query("reach_verdict", prometheus, series => series.Count == 2);
        Assert.Equal("port.rejected", Label(verdict, "web1:80", "code"));
        Assert.Equal("port", Label(verdict, "web1:80", "layer"));
        Assert.Equal("ok", Label(verdict, "10.1.4.5:80", "code"));

        // One log line per request, with the verdict.
        Assert.Matches(@"GET /probe\?target=web1:80 200 [0-9.]+ms port\.rejected", serve.Output);
    }

    private static List<JsonElement> Query(string promql, Background prometheus, Func<List<JsonElement>, bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var last = string.Empty;
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            var answer = Curl("dev1", $"http://127.0.0.1:{PrometheusPort}/api/v1/query?query={Uri.EscapeDataString(promql)}");
            last = answer.Stdout + answer.Stderr;
            if (answer.ExitCode == 0 && answer.Stdout.StartsWith('{'))
            {
                var series = JsonDocument.Parse(answer.Stdout).RootElement.GetProperty("data").GetProperty("result").EnumerateArray().ToList();
                if (done(series))
                {
                    return series;
                }
            }

            Thread.Sleep(1000);
        }

        throw new Xunit.Sdk.XunitException($"Prometheus never had {promql} for both targets; last answer: {last}\nprometheus: {prometheus.Output}");
    }

    private static JsonElement Series(List<JsonElement> series, string instance) =>
        series.Single(s => s.GetProperty("metric").GetProperty("instance").GetString() == instance);

    private static string Value(List<JsonElement> series, string instance) => Series(series, instance).GetProperty("value")[1].GetString()!;

    private static string Label(List<JsonElement> series, string instance, string label) => Series(series, instance).GetProperty("metric").GetProperty(label).GetString()!;

    [LabFact]
    public void Check_with_server_over_https_joins_the_agents_firewall_reject_as_ssh_does()
    {
        Lab.Reset("web1-reject");
        var pki = Pki();
        var token = Write("token", "0123456789abcdef0123456789abcdef\n");
        var config = Write("reach.yml", "modules:\n  default:\n    allowed_targets: [10.1.0.0/16:80]\n");
        var web = Write("web.yml", $"tls_server_config:\n  cert_file: {pki}/server.crt\n  key_file: {pki}/server.key\n  client_ca_file: {pki}/ca.crt\n  client_auth_type: RequireAndVerifyClientCert\n");
        using var serve = Serve("web1", "--listen", "10.1.2.5:9917", "--config", config, "--web-config", web, "--token-file", token);

        var result = Lab.Exec("dev1", [Lab.Reach, "check", "web1:80", "--server", "https://10.1.2.5:9917", "--cacert", $"{pki}/ca.crt",
            "--cert", $"{pki}/client.crt", "--key", $"{pki}/client.key", "--token-file", token, "--json"], TimeSpan.FromSeconds(60));
        var run = new ReachRun(result, result.Stdout.TrimStart().StartsWith('{') ? JsonDocument.Parse(result.Stdout) : null);

        run.ShouldBe("firewall.reject", 1);
        var remote = run.Root.GetProperty("remote")[0];
        Assert.True(remote.GetProperty("ok").GetBoolean(), remote.ToString());
        Assert.Equal("server", remote.GetProperty("role").GetString());
        Assert.Equal("https://10.1.2.5:9917", remote.GetProperty("via").GetString());
        Assert.Contains("REJECT", run.VerdictSummary, StringComparison.Ordinal);
        var route = remote.GetProperty("report").GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("layer").GetString() == "route").GetProperty("summary").GetString();
        Assert.Contains("ICMP 3/3", route, StringComparison.Ordinal);
        Assert.Matches(@"GET /local\?port=80&from=10\.1\.1\.7&watch=\d+ms 200 ", serve.Output);
    }

    [LabFact]
    public void Without_a_client_certificate_the_agent_is_one_line_and_the_local_verdict_stands()
    {
        Lab.Reset("web1-reject");
        var pki = Pki();
        var config = Write("reach.yml", "modules:\n  default:\n    allowed_targets: [10.1.0.0/16:80]\n");
        var web = Write("web.yml", $"tls_server_config:\n  cert_file: {pki}/server.crt\n  key_file: {pki}/server.key\n  client_ca_file: {pki}/ca.crt\n");
        using var serve = Serve("web1", "--listen", "10.1.2.5:9917", "--config", config, "--web-config", web);

        var result = Lab.Exec("dev1", [Lab.Reach, "check", "web1:80", "--server", "https://10.1.2.5:9917", "--cacert", $"{pki}/ca.crt", "--json"], TimeSpan.FromSeconds(60));
        var run = new ReachRun(result, result.Stdout.TrimStart().StartsWith('{') ? JsonDocument.Parse(result.Stdout) : null);

        run.ShouldBe("port.rejected", 1);
        var remote = run.Root.GetProperty("remote")[0];
        Assert.False(remote.GetProperty("ok").GetBoolean());
        Assert.StartsWith("https://10.1.2.5:9917: ", remote.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A CA, a server certificate for web1 (10.1.2.5) and a client certificate, made with openssl.</summary>
    private string Pki()
    {
        var pki = Directory.CreateDirectory(Path.Combine(dir, "pki")).FullName;
        var script = $"""
            set -e
            cd {pki}
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt -days 2 -subj /CN=reach-lab-ca 2>/dev/null
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr -subj /CN=web1 2>/dev/null
            printf 'subjectAltName=IP:10.1.2.5,DNS:web1\nextendedKeyUsage=serverAuth\n' > server.ext
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile server.ext 2>/dev/null
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout client.key -out client.csr -subj /CN=dev1 2>/dev/null
            printf 'extendedKeyUsage=clientAuth\n' > client.ext
            openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client.crt -days 2 -extfile client.ext 2>/dev/null
            """;
        Lab.Run("bash", ["-c", script], TimeSpan.FromSeconds(30)).EnsureSuccess("openssl");
        return pki;
    }

    public void Dispose() => Directory.Delete(dir, true);
}
