using System.Net;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Targets;
using Reach.Core.Text;
using Reach.Engine;
using Reach.Readers;
using Reach.Readers.Parsing;
using Reach.Tests.Engine;
using Xunit;
using static Reach.Tests.Engine.LabNetwork;

namespace Reach.Tests.Fixes;

/// <summary>
/// `reach check`'s verdict.actions, from the system a real run on the lab's dev1 read under each fault
/// (Fixtures/check, recorded by capture.sh; the `-ifupdown` ones with the lab's ifupdown-config, the
/// /etc/network/interfaces a Debian server has) and the probes scripted as the lab answered them.
/// </summary>
public sealed class ClientFixesTests
{
    private static readonly ProbeOptions Options = new(ProbeOptions.DefaultTimeout, ProbeOptions.DefaultMaxHops);

    private static async Task<Verdict> CheckAsync(string fixture, ScriptedNetwork network)
    {
        var source = new StrictReplay(Path.Combine(AppContext.BaseDirectory, "Fixtures", "check", fixture));
        var target = TargetParser.Parse("web1:80").Target!;
        var report = await FakeClock.RunAsync(network.Time, () => ClientCheck.RunAsync(target, Options, source, network.Probes, CancellationToken.None));
        Assert.True(source.NotRecorded.IsEmpty, "asked what the real run did not: " + string.Join("; ", source.NotRecorded));
        return report.Verdict;
    }

    private static ScriptedNetwork With(Action<ScriptedNetwork> fault)
    {
        var network = Healthy();
        fault(network);
        return network;
    }

    private static ScriptedNetwork NoRoute() => With(n => n.Syn = (to, _, _, _) => new TcpOutcome(to, TcpResult.LocalError, 0, Detail: "Network is unreachable"));

    private static IEnumerable<string> Runs(Verdict v) => v.Actions.Select(a => a.Run);

    [Fact]
    public async Task Interface_down_comes_up_with_the_routes_and_addresses_its_configuration_names()
    {
        var v = await CheckAsync("iface-down-ifupdown", new ScriptedNetwork());

        Assert.Equal("interface.down", v.Code.Name);
        // IPv4 kept its address while down (the kernel gives its subnet route back on up); the default
        // routes and the IPv6 address went with the link (captured: only inet left, no route of eth0).
        Assert.Equal(
            ["ip link set eth0 up", "ip route add default via 10.1.1.1 dev eth0", "ip addr add 2001:db8:1:1::7/64 dev eth0", "ip -6 route add default via 2001:db8:1:1::1 dev eth0"],
            Runs(v));
        Assert.All(v.Actions, a => Assert.Null(a.On));
        // `auto eth0` in the file brings it up at boot, and the file keeps the rest: nothing to persist.
        Assert.All(v.Actions, a => Assert.Null(a.Persist));
        Assert.Contains("auto eth0", Catalog.English.Format(v.Actions[0].Why), StringComparison.Ordinal);
        Assert.DoesNotContain("ip route show default", Catalog.English.Format(v.Fix), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interface_down_without_a_configured_router_stops_at_up_and_says_how_to_find_it()
    {
        var v = await CheckAsync("iface-down", new ScriptedNetwork());

        Assert.Equal(["ip link set eth0 up"], Runs(v));
        Assert.Null(v.Actions[0].Persist);
        Assert.Contains("`ip route show default` on another host of this LAN", Catalog.English.Format(v.Fix), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_missing_without_a_configured_router_gets_no_action_and_says_how_to_find_it()
    {
        var v = await CheckAsync("no-default-route", NoRoute());

        Assert.Equal("gateway.missing", v.Code.Name);
        Assert.Empty(v.Actions);
        Assert.Contains("`ip route show default` on another host of this LAN", Catalog.English.Format(v.Fix), StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, Func<ScriptedNetwork>> Networks = new()
    {
        ["no route"] = NoRoute,
        ["healthy"] = Healthy,
        // bogus-gateway: the default route names 10.1.1.254, where nobody is; the rest of the LAN (ns1) answers, web1 is not reached.
        ["nobody at .254"] = () => With(n =>
        {
            var nobody = IPAddress.Parse("10.1.1.254");
            var echo = n.Echo;
            var solicit = n.Solicit;
            n.Echo = (a, count) => a.Equals(nobody) || a.Equals(Web1) ? null : echo(a, count);
            n.Solicit = (device, a) => a.Equals(nobody) ? null : solicit(device, a);
            n.Syn = (_, _, _, _) => null;
        }),
        // dev1 in 10.1.3.0/24 behind a gateway of 10.1.1.0/24: gw still hears it on the shared link, the nameserver does not.
        ["misconfigured"] = () => With(n =>
        {
            n.Echo = (a, _) => a.Equals(Gw) ? new PingOutcome(a, PingResult.Reply, 0.1, Ttl: 64) : null;
            n.Lookup = _ => null;
            n.Datagram = _ => null;
            n.Query = (_, _, _) => null;
        }),
    };

    /// <summary>The commands, in order, for faults whose fix is known whole. A readdress adds the right address before
    /// the wrong one goes, so the interface is never without one (that would flush its routes).</summary>
    [Theory]
    [InlineData("no-default-route-ifupdown", "no route", "gateway.missing", "ip route add default via 10.1.1.1 dev eth0")]
    [InlineData("misconfigured-ifupdown", "misconfigured", "interface.misconfigured", "ip addr add 10.1.1.7/24 dev eth0|ip addr del 10.1.3.7/24 dev eth0|ip route replace default via 10.1.1.1 dev eth0")]
    [InlineData("blackhole-route", "healthy", "local.route", "ip route del blackhole 10.1.2.5")]
    [InlineData("bogus-gateway-ifupdown", "nobody at .254", "gateway.unreachable", "ip route replace default via 10.1.1.1 dev eth0")]
    public async Task The_fault_gets_its_commands_in_order(string fixture, string network, string code, string runs)
    {
        var v = await CheckAsync(fixture, Networks[network]());

        Assert.Equal(code, v.Code.Name);
        Assert.Equal(runs.Split('|'), Runs(v));
    }

    [Fact]
    public async Task Own_output_drop_gets_an_accept_for_the_target_before_the_rule()
    {
        var v = await CheckAsync("dev1-output-drop", With(n => n.Syn = (to, _, _, _) => new TcpOutcome(to, TcpResult.LocalError, 0, Detail: "Operation not permitted")));

        Assert.Equal("local.firewall", v.Code.Name);
        var action = Assert.Single(v.Actions);
        Assert.Equal("iptables -t filter -I OUTPUT 1 -d 10.1.2.5 -p tcp --dport 80 -j ACCEPT", action.Run);
        // The recorded dev1 has no tool that saves iptables rules: none is invented.
        Assert.Null(action.Persist);
        Assert.Contains("to 10.1.2.5 out before rule 1 of iptables filter/OUTPUT", Catalog.English.Format(action.Why), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_healthy_check_has_no_action()
    {
        var v = await CheckAsync("healthy", Healthy());

        Assert.True(v.IsOk);
        Assert.Empty(v.Actions);
    }

    [Fact]
    public void The_captured_ifupdown_file_gives_each_family_its_address_router_and_boot()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "check", "iface-down-ifupdown", "files", "etc", "network", "interfaces");
        var file = IfupdownParser.Parse(File.ReadAllText(path), InterfaceConfigReader.Interfaces);

        Assert.Equal(["lo", "eth0"], file.Auto.Order(StringComparer.Ordinal).Reverse());
        var v4 = Assert.Single(file.Stanzas, s => s is { Interface: "eth0", Family: System.Net.Sockets.AddressFamily.InterNetwork });
        Assert.Equal(("static", "10.1.1.7/24", IPAddress.Parse("10.1.1.1")), (v4.Method, v4.Address?.ToString(), v4.Gateway));
        var v6 = Assert.Single(file.Stanzas, s => s is { Interface: "eth0", Family: System.Net.Sockets.AddressFamily.InterNetworkV6 });
        Assert.Equal(("2001:db8:1:1::7/64", IPAddress.Parse("2001:db8:1:1::1")), (v6.Address?.ToString(), v6.Gateway));
        Assert.Empty(file.Includes);
    }
}
