using System.Net;
using Reach.Readers.Parsing;
using Xunit;

namespace Reach.Tests.Local;

public sealed class SsParserTests
{
    private static readonly string Mixed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "iproute2", "ss-mixed.txt"));

    [Fact]
    public void Tells_ipv6_only_from_dual_stack_wildcards()
    {
        var listeners = SsParser.Parse(Mixed);

        var v6only = listeners.Single(l => l.Port == 80);
        var dual = listeners.Single(l => l.Port == 81);
        Assert.True(v6only.V6Only);
        Assert.False(v6only.AcceptsIPv4);
        Assert.Equal("[::]:80", v6only.Endpoint);
        Assert.False(dual.V6Only);
        Assert.True(dual.AcceptsIPv4);
        Assert.Equal("*:81", dual.Endpoint);
    }

    [Fact]
    public void Reads_protocol_owner_queue_and_loopback()
    {
        var listeners = SsParser.Parse(Mixed);

        var udp = listeners.Single(l => l.Protocol == "udp");
        Assert.Equal(IPAddress.Any, udp.Address);
        Assert.Equal("23942/python3", udp.Process);
        var loopback = listeners.Single(l => l.Port == 82);
        Assert.True(loopback.IsLoopback);
        Assert.Equal(128, loopback.Backlog);
    }

    [Fact]
    public void Interface_suffix_and_hidden_owner_are_kept()
    {
        var stub = SsParser.Parse(Mixed).Single(l => l.Port == 53 && l.Protocol == "tcp");

        Assert.Equal(IPAddress.Parse("127.0.0.53"), stub.Address);
        Assert.Equal("lo", stub.Interface);
        Assert.Null(stub.Process);
        Assert.Equal(3, stub.QueueLength);
    }
}
