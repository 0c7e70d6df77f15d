using System.Net;
using Reach.Serve.Config;
using Reach.Serve.Policy;
using Xunit;

namespace Reach.Tests.Serve;

public sealed class TargetPolicyTests
{
    private static ModuleConfig Module(FamilyChoice family, params string[] allowed) =>
        new("m", TimeSpan.FromSeconds(5), family, [.. allowed.Select(a => AllowedTarget.Parse(a, out _)!)]);

    [Theory]
    [InlineData("10.1.2.5", 80, true)]
    [InlineData("10.1.2.5", 443, true)]
    [InlineData("10.1.2.5", 8080, true)]
    [InlineData("10.1.2.5", 22, false)]
    [InlineData("10.1.3.5", 80, false)]
    [InlineData("10.1.4.5", 22, true)]
    [InlineData("::ffff:10.1.4.5", 22, true)]
    [InlineData("2001:db8::5", 443, true)]
    [InlineData("2001:db8::5", 80, false)]
    public void Networks_and_ports_decide(string address, int port, bool allowed)
    {
        var module = Module(FamilyChoice.Any, "10.1.2.0/24:80,443,8000-8100", "10.1.4.5", "[2001:db8::/32]:443");

        Assert.Equal(allowed, TargetPolicy.Refusal(module, IPAddress.Parse(address), port) is null);
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:169.254.169.254")]
    public void Link_local_is_refused_by_a_catch_all(string address)
    {
        var module = Module(FamilyChoice.Any, "0.0.0.0/0", "::/0");

        var refusal = TargetPolicy.Refusal(module, IPAddress.Parse(address), 80);

        Assert.NotNull(refusal);
        Assert.Contains("link-local", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("169.254.169.254/32:80", "169.254.169.254")]
    [InlineData("169.254.0.0/16", "169.254.1.2")]
    [InlineData("[fe80::/10]:80", "fe80::1")]
    public void Link_local_is_allowed_when_listed_itself(string entry, string address) =>
        Assert.Null(TargetPolicy.Refusal(Module(FamilyChoice.Any, entry), IPAddress.Parse(address), 80));

    [Fact]
    public void The_family_limits_the_addresses()
    {
        var module = Module(FamilyChoice.IPv4, "0.0.0.0/0", "::/0");

        Assert.Null(TargetPolicy.Refusal(module, IPAddress.Parse("10.1.2.5"), 80));
        Assert.Contains("IPv4 only", TargetPolicy.Refusal(module, IPAddress.Parse("2001:db8::5"), 80), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.5:0")]
    [InlineData("10.1.2.5:80-79")]
    [InlineData("10.1.2.5:")]
    [InlineData("[2001:db8::/32]443")]
    [InlineData("[2001:db8::/32")]
    [InlineData("web1")]
    [InlineData("10.1.2.0/33")]
    public void Entries_that_are_not_are_refused(string entry)
    {
        Assert.Null(AllowedTarget.Parse(entry, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void A_bare_IPv6_network_allows_every_port() =>
        Assert.Equal([PortRange.All], AllowedTarget.Parse("2001:db8::/32", out _)!.Ports);
}
