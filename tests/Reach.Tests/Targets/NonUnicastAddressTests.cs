using System.Net;
using System.Text.Json;
using Reach.Core.Targets;
using Reach.Readers;
using Reach.Readers.Sources;
using Xunit;

namespace Reach.Tests.Targets;

public sealed class NonUnicastAddressTests
{
    private static readonly string Snapshot = Path.Combine(AppContext.BaseDirectory, "Fixtures", "subnet-broadcasts");

    [Theory]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("ff05::1:3", "multicast")]
    [InlineData("255.255.255.255", "limited broadcast")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("::ffff:224.0.0.1", "multicast")]
    public void Refuses_addresses_that_name_no_single_host(string address, string what)
    {
        Assert.Contains(what, NonUnicastAddress.Refusal(IPAddress.Parse(address))?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.5")]
    [InlineData("223.255.255.255")]
    [InlineData("240.0.0.1")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00:9::7")]
    public void Accepts_unicast_addresses(string address)
    {
        Assert.Null(NonUnicastAddress.Refusal(IPAddress.Parse(address)));
    }

    /// <summary>
    /// The kernel's own list of broadcast routes, captured beside the addresses: every one of them is refused,
    /// and so is nothing else the capture names (the /31 and /32 have none, RFC 3021).
    /// </summary>
    [Fact]
    public async Task Refuses_exactly_the_broadcast_routes_the_kernel_installed_for_this_hosts_subnets()
    {
        var interfaces = await new SystemReader(new SnapshotSystem(Snapshot)).InterfacesAsync(CancellationToken.None);
        using var routes = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Snapshot, "cmd", "ip_-j_route_show_table_all.stdout")));
        var kernelBroadcasts = routes.RootElement.EnumerateArray()
            .Where(r => r.TryGetProperty("type", out var t) && t.GetString() == "broadcast")
            .Select(r => IPAddress.Parse(r.GetProperty("dst").GetString()!))
            .ToHashSet();
        var others = routes.RootElement.EnumerateArray()
            .Select(r => r.GetProperty("dst").GetString()!.Split('/')[0])
            .Where(d => d != "default")
            .Select(IPAddress.Parse)
            .Where(a => !kernelBroadcasts.Contains(a))
            .ToList();

        Assert.Equal(4, kernelBroadcasts.Count);
        Assert.All(kernelBroadcasts, b => Assert.Contains("broadcast address of", NonUnicastAddress.DirectedBroadcastRefusal(b, interfaces)?.ToString(), StringComparison.Ordinal));
        Assert.All(others, a => Assert.Null(NonUnicastAddress.DirectedBroadcastRefusal(a, interfaces)));
        Assert.Null(NonUnicastAddress.DirectedBroadcastRefusal(IPAddress.Parse("10.9.3.1"), interfaces));
        Assert.Null(NonUnicastAddress.DirectedBroadcastRefusal(IPAddress.Parse("10.9.5.255"), interfaces));
        Assert.Null(NonUnicastAddress.DirectedBroadcastRefusal(IPAddress.Parse("10.9.2.255"), interfaces));
    }

    [Fact]
    public async Task Names_the_interface_and_subnet_of_a_directed_broadcast()
    {
        var interfaces = await new SystemReader(new SnapshotSystem(Snapshot)).InterfacesAsync(CancellationToken.None);

        var refusal = NonUnicastAddress.DirectedBroadcastRefusal(IPAddress.Parse("10.9.1.255"), interfaces)?.ToString();

        Assert.Contains("eth0's subnet 10.9.1.0/24", refusal, StringComparison.Ordinal);
        Assert.Contains("eth0's subnet 10.9.1.0/24", NonUnicastAddress.DirectedBroadcastRefusal(IPAddress.Parse("::ffff:10.9.1.255"), interfaces)?.ToString(), StringComparison.Ordinal);
    }
}
