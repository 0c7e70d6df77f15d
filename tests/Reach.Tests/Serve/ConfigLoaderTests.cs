using Reach.Serve.Config;
using Xunit;

namespace Reach.Tests.Serve;

public sealed class ConfigLoaderTests
{
    private const string Valid = """
        modules:
          web:
            timeout: 5s
            family: ipv4
            allowed_targets:
              - 10.1.0.0/16:80,443
              - 10.1.4.5
          v6:
            allowed_targets: ["[2001:db8::/32]:443"]
        schedule:
          - name: web1
            target: web1:80
            module: web
            interval: 30s
            jitter: 3s
          - name: web2
            target: 10.1.4.5:80
            module: web
        """;

    [Fact]
    public void A_valid_file_gives_every_module_and_scheduled_check()
    {
        var config = ConfigLoader.Parse(Valid, "reach.yml");

        var web = config.Modules["web"];
        Assert.Equal(TimeSpan.FromSeconds(5), web.Timeout);
        Assert.Equal(FamilyChoice.IPv4, web.Family);
        Assert.Equal(["10.1.0.0/16:80,443", "10.1.4.5/32"], web.AllowedTargets.Select(a => a.ToString()));
        Assert.Equal(ModuleConfig.DefaultTimeout, config.Modules["v6"].Timeout);
        Assert.Equal("[2001:db8::/32]:443", config.Modules["v6"].AllowedTargets.Single().ToString());

        Assert.Equal(new ScheduledCheck("web1", "web1:80", "web", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(3)), config.Schedule[0]);
        // Jitter defaults to a tenth of the interval, the interval to a minute.
        Assert.Equal(new ScheduledCheck("web2", "10.1.4.5:80", "web", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(6)), config.Schedule[1]);
    }

    [Theory]
    [InlineData("modules:\n  web:\n    timeot: 5s\n    allowed_targets: [10.0.0.0/8]\n", 3, "timeot")]
    [InlineData("modules:\n  web:\n    allowed_targets:\n      - 10.0.0.0/8\n      - 10.1.2.300\n", 5, "'10.1.2.300' is not an address or a CIDR network")]
    [InlineData("modules:\n  web:\n    allowed_targets:\n      - 10.1.2.5:80,99999\n", 4, "'99999' is not a port")]
    [InlineData("modules:\n  web:\n    allowed_targets:\n      - 10.1.2.5/16\n", 4, "not an address or a CIDR network")]
    [InlineData("modules:\n  web:\n    timeout: soon\n    allowed_targets: [10.0.0.0/8]\n", 3, "timeout 'soon' is not a duration")]
    [InlineData("modules:\n  web:\n    family: ipx\n    allowed_targets: [10.0.0.0/8]\n", 3, "family 'ipx'")]
    [InlineData("modules:\n  web:\n    timeout: 5s\n", 3, "has no allowed_targets")]
    [InlineData("modules:\n  web:\n    timeout: [5s]\n    allowed_targets: [10.0.0.0/8]\n", 3, "expected a single value")]
    [InlineData("modules:\n  web:\n    allowed_targets: [10.0.0.0/8]\nschedule:\n  - name: a\n    target: web1\n", 6, "port")]
    [InlineData("modules:\n  web:\n    allowed_targets: [10.0.0.0/8]\nschedule:\n  - name: a\n    target: web1:80\n    module: nope\n", 7, "no module named 'nope'")]
    [InlineData("modules:\n  web:\n    allowed_targets: [10.0.0.0/8]\nschedule:\n  - name: a\n    target: web1:80\n    module: web\n  - name: a\n    target: web1:80\n    module: web\n", 8, "a second scheduled check named 'a'")]
    [InlineData("modules:\n  web:\n    allowed_targets: [10.0.0.0/8]\nschedule:\n  - name: a\n    target: web1:80\n    module: web\n    interval: 10ms\n", 8, "interval '10ms'")]
    [InlineData("modules: [\n", 1, "")]
    public void An_invalid_file_names_the_line_of_the_wrong_value(string yaml, long line, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "reach.yml"));

        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"reach.yml line {line}: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("modules: {}\n")]
    [InlineData("schedule: []\n")]
    public void A_file_without_modules_is_refused(string yaml)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "reach.yml"));

        Assert.Contains("no modules", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5s", 5000)]
    [InlineData("1.5s", 1500)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("2", 2000)]
    [InlineData("1h", 3_600_000)]
    public void Durations_read_as_Prometheus_writes_them(string text, double ms) =>
        Assert.Equal(TimeSpan.FromMilliseconds(ms), Durations.Parse(text));

    [Theory]
    [InlineData("30s1m")]
    [InlineData("5x")]
    [InlineData("0s")]
    [InlineData("-1s")]
    [InlineData("s")]
    public void Durations_that_are_not_are_null(string text) => Assert.Null(Durations.Parse(text));
}
