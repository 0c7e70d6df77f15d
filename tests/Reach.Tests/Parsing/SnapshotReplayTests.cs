using System.Net;
using Reach.Readers;
using Reach.Readers.Sources;
using Xunit;

namespace Reach.Tests.Parsing;

/// <summary>The readers over a snapshot recorded on the lab's dev1: what they see is what they saw.</summary>
public sealed class SnapshotReplayTests
{
    private static readonly SystemReader Dev1 = new(new SnapshotSystem(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dev1-healthy")));

    [Fact]
    public async Task Interfaces_carry_addresses_from_iproute2_and_carrier_speed_duplex_from_sys()
    {
        var interfaces = await Dev1.InterfacesAsync(CancellationToken.None);

        var eth0 = Assert.Single(interfaces, i => i.Name == "eth0");
        Assert.True(eth0.AdminUp);
        Assert.True(eth0.Carrier);
        Assert.Equal("up", eth0.OperState);
        Assert.Equal(10000, eth0.SpeedMbps);
        Assert.Equal("full", eth0.Duplex);
        Assert.Equal(1500, eth0.Mtu);
        Assert.Contains(eth0.Addresses, a => a.ToString() == "10.1.1.7/24" && a.Scope == "global");
        Assert.True(Assert.Single(interfaces, i => i.Name == "lo").IsLoopback);
    }

    [Fact]
    public async Task Route_decision_names_gateway_device_and_source()
    {
        var route = await Dev1.RouteGetAsync(IPAddress.Parse("10.1.2.5"), CancellationToken.None);

        Assert.True(route.HasRoute);
        Assert.Equal(IPAddress.Parse("10.1.1.1"), route.Gateway);
        Assert.Equal("eth0", route.Device);
        Assert.Equal(IPAddress.Parse("10.1.1.7"), route.PreferredSource);
        Assert.Equal("10.1.2.5 via 10.1.1.1 dev eth0 src 10.1.1.7", route.Raw);
    }

    [Fact]
    public async Task On_link_and_local_destinations_have_no_gateway()
    {
        var nameserver = await Dev1.RouteGetAsync(IPAddress.Parse("10.1.1.3"), CancellationToken.None);
        var loopback = await Dev1.RouteGetAsync(IPAddress.Loopback, CancellationToken.None);

        Assert.Null(nameserver.Gateway);
        Assert.Equal("eth0", nameserver.Device);
        Assert.True(loopback.IsLocal);
    }

    [Fact]
    public async Task Routing_table_has_the_default_route_and_no_local_table_noise()
    {
        var routes = await Dev1.RoutesAsync(CancellationToken.None);

        Assert.Contains(routes, r => r.IsDefault && r.Gateway!.Equals(IPAddress.Parse("10.1.1.1")) && r.Table == "main");
        Assert.DoesNotContain(routes, r => r.Table == "local");
    }

    [Fact]
    public void Resolver_and_config_files_come_from_the_recorded_etc()
    {
        var resolver = Dev1.Resolver();

        Assert.Equal([IPAddress.Parse("10.1.1.3")], resolver.Nameservers);
        Assert.Equal(["example.net"], resolver.Search);
        Assert.Empty(Dev1.ConfigFiles());
    }

    [Fact]
    public async Task What_was_not_recorded_is_said_to_be_missing()
    {
        var result = await Dev1.Source.RunAsync("ip", ["-j", "route", "get", "192.0.2.1"], CancellationToken.None);

        Assert.Equal(127, result.ExitCode);
        Assert.Contains("not recorded", result.Stderr, StringComparison.Ordinal);
    }
}
