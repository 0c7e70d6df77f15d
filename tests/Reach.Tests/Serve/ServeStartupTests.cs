using System.Net;
using Reach.Serve;
using Reach.Serve.Config;
using Xunit;

namespace Reach.Tests.Serve;

public sealed class ServeStartupTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("reach-serve-").FullName;

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static ServeOptions Options(string listen, string? config = null, string? token = null, bool schedule = false) =>
        new(IPEndPoint.Parse(listen), config, token, null, schedule, 4, 4);

    [Fact]
    public void Loopback_needs_nothing()
    {
        var settings = ServeStartup.Load(Options("127.0.0.1:9917"));

        Assert.Equal(ServeConfig.Builtin, settings.Config);
        Assert.Null(settings.Token);
    }

    [Theory]
    [InlineData("0.0.0.0:9917")]
    [InlineData("[::]:9917")]
    [InlineData("10.1.2.5:9917")]
    public void Any_other_address_refuses_to_start_without_authentication(string listen)
    {
        var config = Write("reach.yml", "modules:\n  default:\n    allowed_targets: [10.0.0.0/8]\n");

        var e = Assert.Throws<ServeRefusedException>(() => ServeStartup.Load(Options(listen, config)));

        Assert.Equal("error.serve.open-listener", e.Text.Key);
    }

    [Fact]
    public void An_open_listener_with_a_token_still_needs_a_config_naming_the_targets()
    {
        var token = Write("token", "0123456789abcdef0123456789abcdef\n");

        var e = Assert.Throws<ServeRefusedException>(() => ServeStartup.Load(Options("0.0.0.0:9917", token: token)));

        Assert.Equal("error.serve.open-needs-config", e.Text.Key);
    }

    [Fact]
    public void An_open_listener_with_a_token_and_a_config_starts()
    {
        var token = Write("token", "0123456789abcdef0123456789abcdef\n");
        var config = Write("reach.yml", "modules:\n  default:\n    allowed_targets: [10.0.0.0/8]\n");

        Assert.NotNull(ServeStartup.Load(Options("0.0.0.0:9917", config, token)).Token);
    }

    [Fact]
    public void A_short_token_is_refused()
    {
        var token = Write("token", "secret\n");

        var e = Assert.Throws<ServeRefusedException>(() => ServeStartup.Load(Options("127.0.0.1:9917", token: token)));

        Assert.Equal("error.serve.token-file", e.Text.Key);
    }

    [Fact]
    public void Schedule_without_checks_is_refused()
    {
        var config = Write("reach.yml", "modules:\n  default:\n    allowed_targets: [10.0.0.0/8]\n");

        Assert.Throws<ServeRefusedException>(() => ServeStartup.Load(Options("127.0.0.1:9917", config, schedule: true)));
    }

    public void Dispose() => Directory.Delete(dir, true);
}
