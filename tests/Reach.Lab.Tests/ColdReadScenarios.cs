using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// Issue 17, "reports read cold": every line of a report agrees with its verdict, as a newcomer reads it. Each
/// scenario injects the real fault on a fresh lab and runs the published CLI on dev1.
/// </summary>
[Collection(LabGroup.Name)]
public sealed class ColdReadScenarios
{
    private static string Summary(ReachRun run, string layer) => run.Check(layer).GetProperty("summary").GetString()!;

    /// <summary>The routers the path draws (role router), by address.</summary>
    private static List<string?> Routers(ReachRun run) => run.Root.GetProperty("path").EnumerateArray()
        .Where(h => h.GetProperty("role").GetString() == "router")
        .Select(h => h.GetProperty("address").GetString())
        .ToList();

    [LabFact]
    public void This_hosts_own_tcp_reset_rule_is_not_said_to_be_the_targets_rst_nor_its_path()
    {
        // dev1's OUTPUT REJECT --reject-with tcp-reset answers every SYN, the trace's too, in web1's name.
        var run = Lab.CheckOnDev1("dev1-output-reset");

        run.ShouldBe("local.firewall", 1);
        var port = Summary(run, "port");
        Assert.Contains("never left", port, StringComparison.Ordinal);
        Assert.DoesNotContain("RST from", port, StringComparison.Ordinal);
        Assert.Equal("route.ok", run.Check("route").GetProperty("code").GetString());
        Assert.DoesNotContain("path", Summary(run, "route"), StringComparison.Ordinal);
        Assert.DoesNotContain("route.prohibited", run.Problems);
        Assert.Empty(Routers(run));
    }

    [LabFact]
    public void A_gateway_nobody_answers_arp_for_is_pointed_at_by_the_port_line_and_this_host_is_no_router()
    {
        // The default route names 10.1.1.254, where no host is: dev1's own kernel answers its SYN with !H.
        var run = Lab.CheckOnDev1("bogus-gateway");

        run.ShouldBe("gateway.unreachable", 1);
        Assert.Equal("pass", run.Status("local"));
        var port = Summary(run, "port");
        Assert.Contains("10.1.1.254", port, StringComparison.Ordinal);
        Assert.Contains("see gateway", port, StringComparison.Ordinal);
        Assert.DoesNotContain("see local", port, StringComparison.Ordinal);
        Assert.DoesNotContain("10.1.1.7", Routers(run));
    }

    [LabFact]
    public void A_policy_routed_flow_whose_echo_takes_the_main_table_says_which_way_each_went()
    {
        // ip rule ... dport 80 lookup 100, table 100's gateway absent; ping takes the main table and web1 answers it.
        var run = Lab.CheckOnDev1("policy-port-dead-gw");

        run.ShouldBe("gateway.unreachable", 1);
        var route = Summary(run, "route");
        Assert.Contains("ping's route goes via 10.1.1.1, this flow's via 10.1.1.250 (table 100)", route, StringComparison.Ordinal);
        Assert.DoesNotContain("path 10.1.1.7", route, StringComparison.Ordinal);
        Assert.Contains("see gateway", Summary(run, "port"), StringComparison.Ordinal);
        Assert.DoesNotContain("10.1.1.7", Routers(run));
    }

    [LabFact]
    public void A_gateway_without_a_route_says_net_unreachable_on_every_run_back_to_back()
    {
        // The first run spends gw's ICMP budget for dev1 (a no-route error is charged twice); the runs right after
        // it find gw silent until the TTL=1 SYN, sent alone once the budget refilled, gets the !N again.
        var first = Lab.CheckOnDev1("gw-no-route");
        first.ShouldBe("route.net-unreachable", 1);
        for (var i = 0; i < 2; i++)
        {
            var again = Lab.Json("dev1", "check", "web1:80");
            again.ShouldBe("route.net-unreachable", 1);
            Assert.Contains("router 10.1.1.1 has no route", again.VerdictSummary, StringComparison.Ordinal);
            Assert.Equal("pass", again.Status("gateway"));
        }
    }

    [LabFact]
    public void With_no_carrier_the_nameserver_is_not_said_to_be_down_and_route_points_above()
    {
        var run = Lab.CheckOnDev1("link-down");

        run.ShouldBe("link.down", 1);
        var dns = Summary(run, "dns");
        Assert.Contains("eth0, the interface this host reaches it by, has no carrier", dns, StringComparison.Ordinal);
        Assert.DoesNotContain("it is down or the address is wrong", dns, StringComparison.Ordinal);
    }

    [LabFact]
    public void With_the_interface_down_the_nameserver_is_not_called_off_this_subnet()
    {
        var run = Lab.CheckOnDev1("iface-down");

        run.ShouldBe("interface.down", 1);
        var dns = Summary(run, "dns");
        Assert.DoesNotContain("off this subnet", dns, StringComparison.Ordinal);
        Assert.Contains("no route to nameserver 10.1.1.3", dns, StringComparison.Ordinal);
    }
}
