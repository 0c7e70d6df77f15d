using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;

namespace Reach.Tests.Serve;

/// <summary>
/// The HTTP contract of reach serve, in process over a fake engine that counts what it is asked: every
/// refusal is proven to have probed nothing (the engine saw no call).
/// </summary>
public sealed class ServeHttpTests
{
    private const string Config = """
        modules:
          default:
            timeout: 5s
            allowed_targets: [10.1.0.0/16:80]
          wide:
            allowed_targets: [0.0.0.0/0]
        """;

    private const string Token = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Without_the_token_every_endpoint_but_health_is_401_and_nothing_is_probed()
    {
        await using var s = await Served.StartAsync(Config, Token);

        var none = await s.Client.GetAsync("/probe?target=10.1.2.5:80");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/probe?target=10.1.2.5:80") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "0123456789abcdef0123456789abcdeX") } };
        var wrongAnswer = await s.Client.SendAsync(wrong);
        var metrics = await s.Client.GetAsync("/metrics");
        var healthy = await s.Client.GetAsync("/-/healthy");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(0, s.Engine.Calls);

        using var right = new HttpRequestMessage(HttpMethod.Get, "/probe?target=10.1.2.5:80") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        Assert.Equal(HttpStatusCode.OK, (await s.Client.SendAsync(right)).StatusCode);
        Assert.Equal(1, s.Engine.Checks);
    }

    [Theory]
    [InlineData("/probe?target=10.1.2.5:22", "10.1.2.5:22 is not in module 'default''s allowed_targets")]
    [InlineData("/probe?target=10.2.0.1:80", "is not in module 'default''s allowed_targets")]
    [InlineData("/probe?target=169.254.169.254:80&module=wide", "link-local")]
    public async Task A_target_outside_allowed_targets_is_403_and_nothing_is_probed(string path, string reason)
    {
        await using var s = await Served.StartAsync(Config);

        var answer = await s.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains(reason, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, s.Engine.Calls);
    }

    [Fact]
    public async Task A_name_that_resolves_outside_allowed_targets_is_403_before_any_probe()
    {
        await using var s = await Served.StartAsync(Config);
        s.Engine.Names["db"] = [IPAddress.Parse("10.1.2.7"), IPAddress.Parse("192.168.1.7")];

        var answer = await s.Client.GetAsync("/probe?target=db:80");

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("192.168.1.7:80", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, s.Engine.Checks);
    }

    [Fact]
    public async Task A_check_that_probed_an_address_outside_allowed_targets_answers_403_not_its_result()
    {
        await using var s = await Served.StartAsync(Config);
        s.Engine.Names["web1"] = [IPAddress.Parse("10.1.2.5")];
        s.Engine.Answer = t => Reports.Rejected(t.Input, IPAddress.Parse("172.16.0.9"));

        var answer = await s.Client.GetAsync("/probe?target=web1:80");
        var body = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.DoesNotContain("port.rejected", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/probe?target=web1:99999", "99999")]
    [InlineData("/probe?target=%5B::1", "[")]
    [InlineData("/probe?target=", "the target parameter is missing")]
    [InlineData("/probe", "the target parameter is missing")]
    [InlineData("/probe?target=10.1.2.5:80&module=nope", "unknown module 'nope': one of default, wide")]
    [InlineData("/probe?target=224.0.0.1:80", "multicast")]
    [InlineData("/local?port=http", "port 'http' is not PORT")]
    [InlineData("/local?port=80&from=nowhere", "from 'nowhere' is not an IP address")]
    [InlineData("/local?port=80&watch=5s", "watch needs from")]
    [InlineData("/local?port=80&from=10.1.1.7&watch=5m", "at most 60s")]
    public async Task A_malformed_request_is_400_with_the_message_and_nothing_is_probed(string path, string message)
    {
        await using var s = await Served.StartAsync(Config);

        var answer = await s.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(message, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, s.Engine.Calls);
    }

    [Fact]
    public async Task An_over_long_URL_is_414_and_nothing_is_probed()
    {
        await using var s = await Served.StartAsync(Config);

        var answer = await s.Client.GetAsync("/probe?target=" + new string('a', 5000) + ":80");

        Assert.Equal(HttpStatusCode.RequestUriTooLong, answer.StatusCode);
        Assert.Equal(0, s.Engine.Calls);
        Assert.Contains("kestrel:", s.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_slots_and_the_queue_are_full_the_next_probe_is_429_and_is_not_run()
    {
        await using var s = await Served.StartAsync(Config, maxConcurrent: 1, maxQueue: 1);
        s.Engine.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = s.Client.GetAsync("/probe?target=10.1.2.5:80");
        while (s.Engine.Checks == 0)
        {
            await Task.Delay(10);
        }

        var queued = s.Client.GetAsync("/probe?target=10.1.2.6:80");
        await Task.Delay(200);
        var refused = await s.Client.GetAsync("/probe?target=10.1.2.7:80");

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal(1, s.Engine.Checks);
        s.Engine.Hold.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
        Assert.Equal(2, s.Engine.Checks);
    }

    [Fact]
    public async Task A_healthy_probe_is_the_exposition_with_probe_success_1_and_verdict_ok()
    {
        await using var s = await Served.StartAsync(Config);

        var answer = await s.Client.GetAsync("/probe?target=10.1.2.5:80");
        var text = await answer.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", answer.Content.Headers.ContentType!.ToString());
        Assert.Contains("\nprobe_success 1\n", text, StringComparison.Ordinal);
        Assert.Contains("\nprobe_ip_protocol 4\n", text, StringComparison.Ordinal);
        Assert.Contains("\nreach_verdict{code=\"ok\",layer=\"\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("\nreach_layer_ok{layer=\"port\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("\nreach_layer_duration_seconds{layer=\"port\"} 0.0025\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_port_is_probe_success_0_with_its_code_and_layer()
    {
        await using var s = await Served.StartAsync(Config);
        s.Engine.Answer = t => Reports.Rejected(t.Input, IPAddress.Parse("10.1.2.5"));

        var text = await s.Client.GetStringAsync("/probe?target=10.1.2.5:80");

        Assert.Contains("\nprobe_success 0\n", text, StringComparison.Ordinal);
        Assert.Contains("\nreach_verdict{code=\"port.rejected\",layer=\"port\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("\nreach_layer_ok{layer=\"port\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("\nreach_layer_ok{layer=\"link\"} 1\n", text, StringComparison.Ordinal);
        // A skipped layer was not checked: no reach_layer_ok for it.
        Assert.DoesNotContain("reach_layer_ok{layer=\"dns\"}", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split('\n').Count(l => l.StartsWith("reach_verdict{", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_scrape_timeout_header_sets_the_budget_and_a_run_out_budget_is_inconclusive()
    {
        await using var s = await Served.StartAsync(Config);
        s.Engine.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/probe?target=10.1.2.5:80") { Headers = { { "X-Prometheus-Scrape-Timeout-Seconds", "1.3" } } };

        var text = await (await s.Client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Equal(TimeSpan.FromMilliseconds(200), s.Engine.Options.Single().Timeout);
        Assert.Contains("\nprobe_success 0\n", text, StringComparison.Ordinal);
        Assert.Contains("\nreach_verdict{code=\"inconclusive\",layer=\"\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("reach_layer_ok", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Format_json_is_the_reach_1_report_and_debug_the_text_report()
    {
        await using var s = await Served.StartAsync(Config);
        s.Engine.Answer = t => Reports.Rejected(t.Input, IPAddress.Parse("10.1.2.5"));

        using var json = JsonDocument.Parse(await s.Client.GetStringAsync("/probe?target=10.1.2.5:80&format=json"));
        using var accept = new HttpRequestMessage(HttpMethod.Get, "/probe?target=10.1.2.5:80") { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("application/json") } } };
        var accepted = await s.Client.SendAsync(accept);
        var debug = await s.Client.GetStringAsync("/probe?target=10.1.2.5:80&debug=true");

        Assert.Equal("reach/1", json.RootElement.GetProperty("schema").GetString());
        Assert.Equal("port.rejected", json.RootElement.GetProperty("verdict").GetProperty("code").GetString());
        Assert.Equal("application/json", accepted.Content.Headers.ContentType!.MediaType);
        Assert.Contains("verdict  port.rejected", debug, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_count_requests_by_endpoint_and_status_and_say_the_build()
    {
        await using var s = await Served.StartAsync(Config);
        await s.Client.GetAsync("/probe?target=10.9.9.9:80");
        await s.Client.GetAsync("/probe?target=10.1.2.5:80");

        var text = await s.Client.GetStringAsync("/metrics");

        Assert.Contains("reach_http_requests_total{endpoint=\"probe\",code=\"403\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("reach_http_requests_total{endpoint=\"probe\",code=\"200\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("reach_probe_duration_seconds_count{module=\"default\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("reach_build_info{version=", text, StringComparison.Ordinal);
        Assert.Contains("reach_http_requests_in_flight 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_request_gets_one_log_line_with_its_status_and_verdict()
    {
        await using var s = await Served.StartAsync(Config);
        await s.Client.GetAsync("/probe?target=10.1.2.5:80");
        await s.Client.GetAsync("/probe?target=10.1.2.5:22");

        var lines = s.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.Matches(@"127\.0\.0\.1 GET /probe\?target=10\.1\.2\.5:80 200 [0-9.]+ms ok in \d+ ms$", lines[0]);
        Assert.Matches(@"GET /probe\?target=10\.1\.2\.5:22 403 [0-9.]+ms 10\.1\.2\.5:22 is not in module", lines[1]);
    }

    [Fact]
    public async Task A_reload_puts_a_valid_file_in_force_and_keeps_the_old_one_when_it_is_invalid()
    {
        var file = Path.GetTempFileName();
        await using var s = await Served.StartAsync(Config, configFile: file);

        await File.WriteAllTextAsync(file, "modules:\n  default:\n    allowed_targets: [10.1.0.0/16:22]\n");
        var ok = await s.Client.PostAsync("/-/reload", null);
        var now22 = await s.Client.GetAsync("/probe?target=10.1.2.5:22");
        await File.WriteAllTextAsync(file, "modules:\n  default:\n    allowed_targets: [10.1.0.0/16:22, nonsense]\n");
        var bad = await s.Client.PostAsync("/-/reload", null);
        var still22 = await s.Client.GetAsync("/probe?target=10.1.2.5:22");
        var metrics = await s.Client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, now22.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, bad.StatusCode);
        Assert.Contains("line 3", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, still22.StatusCode);
        Assert.Contains("reach_config_last_reload_successful 0", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await s.Client.GetAsync("/-/reload")).StatusCode);
    }

    [Fact]
    public async Task The_landing_page_keeps_failures_apart_so_successes_cannot_push_them_out()
    {
        await using var s = await Served.StartAsync(Config);
        s.Engine.Answer = t => Reports.Rejected(t.Input, IPAddress.Parse("10.1.2.9"));
        await s.Client.GetAsync("/probe?target=10.1.2.9:80");
        s.Engine.Answer = t => Reports.Ok(t.Input, IPAddress.Parse("10.1.2.5"));
        for (var i = 0; i < 60; i++)
        {
            await s.Client.GetAsync("/probe?target=10.1.2.5:80");
        }

        var page = await s.Client.GetStringAsync("/");
        var failures = page[page.IndexOf("Recent failures", StringComparison.Ordinal)..page.IndexOf("Recent successes", StringComparison.Ordinal)];

        Assert.Contains("10.1.2.9:80", failures, StringComparison.Ordinal);
        Assert.Contains("port.rejected", failures, StringComparison.Ordinal);
        Assert.Equal(50, page.Split("<td class=\"ok\">").Length - 1);
    }

    [Fact]
    public async Task Local_without_watch_answers_the_reach_1_report()
    {
        await using var s = await Served.StartAsync(Config);

        using var json = JsonDocument.Parse(await s.Client.GetStringAsync("/local?port=80&from=10.1.1.7"));

        Assert.Equal("reach/1", json.RootElement.GetProperty("schema").GetString());
        Assert.Equal(1, s.Engine.Locals);
    }
}
