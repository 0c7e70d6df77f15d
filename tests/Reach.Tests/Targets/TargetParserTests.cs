using System.Net;
using Reach.Core.Targets;
using Xunit;

namespace Reach.Tests.Targets;

public sealed class TargetParserTests
{
    [Theory]
    [InlineData("web1:80", "web1", 80, null)]
    [InlineData("10.1.2.5:80", "10.1.2.5", 80, "10.1.2.5")]
    [InlineData("[fe80::1]:8080", "fe80::1", 8080, "fe80::1")]
    [InlineData("http://web1/", "web1", 80, null)]
    [InlineData("https://web1.example.net/path?q=1", "web1.example.net", 443, null)]
    [InlineData("http://user@web1:8080/", "web1", 8080, null)]
    [InlineData("foo://web1:9000/", "web1", 9000, null)]
    [InlineData("http://[::1]/", "::1", 80, "::1")]
    [InlineData("_sip._tcp.example.net:5060", "_sip._tcp.example.net", 5060, null)]
    public void Accepts_the_contract_forms(string input, string host, int port, string? address)
    {
        var result = TargetParser.Parse(input);

        Assert.Null(result.Error);
        Assert.Equal(host, result.Target!.Host);
        Assert.Equal(port, result.Target.Port);
        Assert.Equal(address is null ? null : IPAddress.Parse(address), result.Target.Address);
    }

    [Fact]
    public void A_bare_host_takes_the_port_option()
    {
        var result = TargetParser.Parse("web1", 80);

        Assert.Equal(80, result.Target!.Port);
        Assert.True(result.Target.IsShortName);
    }

    [Fact]
    public void An_ipv4_mapped_address_is_probed_as_ipv4()
    {
        Assert.Equal(IPAddress.Parse("10.1.2.5"), TargetParser.Parse("[::ffff:10.1.2.5]:80").Target!.Address);
    }

    [Fact]
    public void A_bare_ipv6_address_is_not_split_at_its_colons()
    {
        var result = TargetParser.Parse("fe80::1", 22);

        Assert.Equal(IPAddress.Parse("fe80::1"), result.Target!.Address);
    }

    [Theory]
    [InlineData("web1:99999", "not a TCP port")]
    [InlineData("web1:0", "not a TCP port")]
    [InlineData(":80", "host is missing")]
    [InlineData("web1:http:80", "too many ':'")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("[::1", "no ']'")]
    [InlineData("[web1]:80", "not an IPv6 address")]
    [InlineData("gopherx://web1/", "no well-known port")]
    [InlineData("web1", "no port")]
    [InlineData("web1..example.net:80", "empty label")]
    [InlineData("-web1:80", "starts or ends with '-'")]
    [InlineData("web 1:80", "not allowed")]
    public void Rejects_bad_input_with_a_reason(string input, string reason)
    {
        var result = TargetParser.Parse(input);

        Assert.Null(result.Target);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_label_longer_than_63_characters()
    {
        var result = TargetParser.Parse(new string('a', 300) + ":80");

        Assert.Contains("at most 63", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_name_longer_than_253_characters()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 60), 5));
        var result = TargetParser.Parse(name + ":80");

        Assert.Contains("at most 253", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_port_option_that_contradicts_the_target()
    {
        Assert.Contains("--port says 81", TargetParser.Parse("web1:80", 81).Error, StringComparison.Ordinal);
        Assert.Contains("out of range", TargetParser.Parse("web1", 70000).Error, StringComparison.Ordinal);
    }
}
