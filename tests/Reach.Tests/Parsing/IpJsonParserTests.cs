using System.Net;
using Reach.Readers.Parsing;
using Xunit;

namespace Reach.Tests.Parsing;

public sealed class IpJsonParserTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "iproute2", name));

    [Fact]
    public void No_carrier_interface_keeps_its_flags_and_error_counters()
    {
        var e0 = IpJsonParser.ParseAddresses(Fixture("addr-nocarrier.json")).Single(i => i.Name == "e0");

        Assert.Contains("NO-CARRIER", e0.Flags);
        Assert.Contains("UP", e0.Flags);
        Assert.Equal("DOWN", e0.OperState);
        Assert.Equal(3, e0.Counters.RxErrors);
        Assert.Equal(2, e0.Counters.TxErrors);
        Assert.Equal(1, e0.Counters.RxDropped);
    }

    [Fact]
    public void Routes_keep_linkdown_and_default_and_treat_a_missing_table_as_main()
    {
        var routes = IpJsonParser.ParseRoutes(Fixture("routes-linkdown.json"));

        var def = Assert.Single(routes, r => r.IsDefault);
        Assert.Equal("main", def.Table);
        Assert.Contains("linkdown", def.Flags);
        Assert.DoesNotContain(routes, r => r.Destination.StartsWith("broadcast", StringComparison.Ordinal));
    }

    [Fact]
    public void Incomplete_arp_never_answered_and_stale_answered_once_but_proves_nothing_now()
    {
        var neighbours = IpJsonParser.ParseNeighbours(Fixture("neigh-incomplete.json"));
        var incomplete = neighbours.Single(n => n.Address.Equals(IPAddress.Parse("10.9.0.1")));
        var stale = neighbours.Single(n => n.Address.Equals(IPAddress.Parse("10.9.0.3")));

        Assert.False(incomplete.HasLinkAddress);
        Assert.False(incomplete.Confirmed);
        Assert.True(stale.HasLinkAddress);
        Assert.False(stale.Confirmed);
    }

    [Fact]
    public void Multipath_default_route_takes_its_first_nexthop()
    {
        var routes = IpJsonParser.ParseRoutes("""[{"dst":"default","flags":[],"nexthops":[{"gateway":"10.1.1.1","dev":"eth0","weight":1,"flags":[]},{"gateway":"10.1.1.2","dev":"eth0","weight":1,"flags":[]}]}]""");

        var def = Assert.Single(routes);
        Assert.Equal(IPAddress.Parse("10.1.1.1"), def.Gateway);
        Assert.Equal("eth0", def.Device);
    }

    [Fact]
    public void Route_get_failure_keeps_the_kernels_reason()
    {
        var route = IpJsonParser.ParseRouteGet(IPAddress.Parse("10.2.2.2"), 2, string.Empty, "RTNETLINK answers: Network is unreachable\n");

        Assert.False(route.HasRoute);
        Assert.Equal("Network is unreachable", route.Error);
    }

    [Fact]
    public void Unreachable_route_type_is_no_route()
    {
        var route = IpJsonParser.ParseRouteGet(IPAddress.Parse("10.2.2.2"), 0, """[{"type":"unreachable","dst":"10.2.2.2","dev":"lo","flags":[],"uid":0,"cache":[]}]""", string.Empty);

        Assert.False(route.HasRoute);
        Assert.Contains("unreachable", route.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ntable_gives_the_table_wide_rows_of_arp_and_ndisc_cache_with_their_limits_and_overflow_count()
    {
        // `ip -j -s ntable show` in the lab's dev1: one table-wide row per family, then per-device rows of parameters only.
        var tables = IpJsonParser.ParseNeighbourTables(Fixture("ntable-show-dev1.json"));

        Assert.Equal(2, tables.Count);
        var arp = Assert.Single(tables, t => !t.Ipv6);
        Assert.Equal((128L, 512L, 1024L), (arp.Thresh1!.Value, arp.Thresh2!.Value, arp.Thresh3!.Value));
        Assert.True(arp.Entries > 0);
        Assert.True(arp.TableFulls >= 0);
        Assert.Single(tables, t => t.Ipv6);
    }

    [Fact]
    public void Ntable_that_ip_could_not_show_is_no_table()
    {
        Assert.Empty(IpJsonParser.ParseNeighbourTables(string.Empty));
    }
}
