using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// `reach check web1:80` from dev1, for the seed's procedure: each scenario injects the real fault with
/// the real tool (lab/lab.sh fault NAME), runs the published CLI inside dev1, and asserts the verdict and
/// the evidence that proves it.
/// </summary>
[Collection(LabGroup.Name)]
public sealed class CheckScenarios
{
    private static ReachRun CheckFromDev1(string fault = "", string target = "web1:80") =>
        Lab.CheckOnDev1(fault, target);

    /// <summary>Two runs back to back under one fault: the second meets the routers' ICMP budgets as the first left them.</summary>
    private static ReachRun[] TwiceFromDev1(string fault) => [CheckFromDev1(fault), Lab.Json("dev1", "check", "web1:80")];

    [LabFact]
    public void Healthy_path_is_ok()
    {
        var run = CheckFromDev1();

        run.ShouldBe("ok", 0);
        Assert.Empty(run.Problems);
        Assert.Contains("SYN-ACK from 10.1.2.5:80", run.Evidence("port"), StringComparison.Ordinal);
        Assert.Contains("10.1.1.1", run.Evidence("gateway"), StringComparison.Ordinal);
        Assert.Contains("echo reply from 10.1.2.5", run.Evidence("route"), StringComparison.Ordinal);

        // A healthy path needs no trace: nothing to explain, and every probe costs someone's ICMP budget.
        Assert.DoesNotContain("tcp trace", run.Evidence("route"), StringComparison.Ordinal);
        Assert.Equal("10.1.2.5", run.Root.GetProperty("target").GetProperty("addresses")[0].GetString());
    }

    [LabFact]
    public void Address_target_skips_dns_and_url_means_port_80()
    {
        Lab.Reset();

        var byAddress = Lab.Json("dev1", "check", "10.1.2.5:80");
        var byUrl = Lab.Json("dev1", "check", "http://web1.example.net/");

        byAddress.ShouldBe("ok", 0);
        Assert.Equal("skip", byAddress.Status("dns"));
        byUrl.ShouldBe("ok", 0);
        Assert.Equal(80, byUrl.Root.GetProperty("target").GetProperty("port").GetInt32());
    }

    [LabFact]
    public void Switch_port_down_is_link_down()
    {
        var run = CheckFromDev1("link-down");

        run.ShouldBe("link.down", 1);
        Assert.Contains("/sys/class/net/eth0/carrier: 0", run.Evidence("link"), StringComparison.Ordinal);
    }

    [LabFact]
    public void Interface_admin_down_is_interface_down()
    {
        var run = CheckFromDev1("iface-down");

        run.ShouldBe("interface.down", 1);
        Assert.Contains("eth0", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Interface_without_address_is_no_address()
    {
        CheckFromDev1("no-address").ShouldBe("interface.no-address", 1);
    }

    [LabFact]
    public void Address_that_does_not_contain_the_gateway_is_misconfigured()
    {
        var run = CheckFromDev1("misconfigured");

        run.ShouldBe("interface.misconfigured", 1);
        Assert.Contains("10.1.3.7/24", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void No_default_route_is_gateway_missing()
    {
        var run = CheckFromDev1("no-default-route");

        run.ShouldBe("gateway.missing", 1);
        Assert.Contains("Network is unreachable", run.Evidence("gateway"), StringComparison.Ordinal);
    }

    [LabFact]
    public void Default_route_to_a_host_that_does_not_exist_is_gateway_unreachable()
    {
        var run = CheckFromDev1("bogus-gateway");

        run.ShouldBe("gateway.unreachable", 1);
        Assert.Contains("10.1.1.254", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("10.1.1.3", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Gateway_that_drops_ping_is_not_a_problem()
    {
        var run = CheckFromDev1("gw-drops-ping");

        run.ShouldBe("ok", 0);
        Assert.Contains("ignores ping", run.Check("gateway").GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [LabFact]
    public void No_nameserver_line_is_no_nameserver()
    {
        CheckFromDev1("no-nameserver").ShouldBe("dns.no-nameserver", 1);
    }

    [LabFact]
    public void Nameserver_address_with_nobody_there_is_nameserver_unreachable()
    {
        var run = CheckFromDev1("nameserver-absent");

        run.ShouldBe("dns.nameserver-unreachable", 1);
        Assert.Contains("10.1.1.4", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("on this subnet", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Nameserver_host_up_with_dns_stopped_is_nameserver_down()
    {
        var run = CheckFromDev1("dns-stopped");

        run.ShouldBe("dns.nameserver-down", 1);
        Assert.Contains("10.1.1.3", run.VerdictSummary, StringComparison.Ordinal);

        // The proof: the nameserver's own stack answers a DNS datagram with ICMP port-unreachable.
        Assert.Contains("port-unreachable (3/3) from 10.1.1.3", run.Evidence("dns"), StringComparison.Ordinal);
    }

    [LabFact]
    public void Missing_search_line_with_a_short_name_is_search_path()
    {
        var run = CheckFromDev1("no-search");

        run.ShouldBe("dns.search-path", 1);
        Assert.Contains("web1.example.net", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("search example.net", run.Root.GetProperty("verdict").GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [LabFact]
    public void Name_missing_from_the_zone_is_nxdomain()
    {
        var run = CheckFromDev1("nxdomain");

        run.ShouldBe("dns.nxdomain", 1);
        Assert.Contains("NXDOMAIN", run.Evidence("dns"), StringComparison.Ordinal);
    }

    [LabFact]
    public void Name_outside_the_zone_the_nameserver_serves_is_refused()
    {
        // dnsmasq with --no-resolv serves example.net only and REFUSES every other name.
        var run = CheckFromDev1(target: "www.other.org:80");

        run.ShouldBe("dns.refused", 1);
        Assert.Contains("REFUSED", run.Evidence("dns"), StringComparison.Ordinal);
    }

    [LabFact]
    public void Stale_hosts_entry_is_hosts_override()
    {
        var run = CheckFromDev1("stale-hosts");

        run.ShouldBe("dns.hosts-override", 1);
        Assert.Contains("10.1.2.99", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("10.1.2.5", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Gateway_without_a_route_to_web1_is_net_unreachable_from_the_gateway()
    {
        var run = CheckFromDev1("gw-no-route");

        run.ShouldBe("route.net-unreachable", 1);
        Assert.Contains("10.1.1.1", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Gateway_silently_dropping_forwarded_traffic_is_named_as_the_router_that_forwards_nothing()
    {
        foreach (var run in TwiceFromDev1("gw-forward-drop"))
        {
            run.ShouldBe("route.unreachable", 1);
            Assert.Contains("after hop 1 (10.1.1.1), which forwards nothing towards it", run.VerdictSummary, StringComparison.Ordinal);
            Assert.Contains("FORWARD chain", run.VerdictFix, StringComparison.Ordinal);
            Assert.Contains("`reach local 80 --from 10.1.1.7 --to 10.1.2.5`", run.VerdictFix, StringComparison.Ordinal);
        }
    }

    [LabFact]
    public void A_target_dropping_everything_behind_a_forwarding_gateway_sends_the_engineer_to_the_target()
    {
        // policy-drop-ssh-only: web1's INPUT policy DROP meets echo and SYN alike; from dev1 it looks like gw-forward-drop
        // until the SYN beside web1 (10.1.2.133, nobody) gets gw's host-unreachable once gw's ARP gives up.
        foreach (var run in TwiceFromDev1("policy-drop-ssh-only"))
        {
            run.ShouldBe("route.unreachable", 1);
            Assert.Contains("after hop 1 (10.1.1.1), which does forward towards it", run.VerdictSummary, StringComparison.Ordinal);
            Assert.Contains("host-unreachable (3/1) from 10.1.1.1", run.VerdictSummary, StringComparison.Ordinal);
            Assert.Contains("`reach check 10.1.2.5:80 --server ssh://10.1.2.5`", run.VerdictFix, StringComparison.Ordinal);
        }
    }

    [LabFact]
    public void Web1_down_is_host_unreachable_reported_by_the_gateway()
    {
        var run = CheckFromDev1("web1-down");

        run.ShouldBe("route.host-unreachable", 1);
        Assert.Contains("10.1.1.1", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("!H", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Nothing_listening_is_port_closed()
    {
        var run = CheckFromDev1("no-listener");

        run.ShouldBe("port.closed", 1);
        Assert.Contains("RST from 10.1.2.5:80", run.Evidence("port"), StringComparison.Ordinal);
    }

    [LabFact]
    public void Listener_on_loopback_only_is_port_closed_from_outside()
    {
        CheckFromDev1("loopback-listener").ShouldBe("port.closed", 1);
    }

    [LabFact]
    public void The_seeds_reject_rule_on_web1_is_port_rejected_by_web1()
    {
        var run = CheckFromDev1("web1-reject");

        run.ShouldBe("port.rejected", 1);
        Assert.Contains("10.1.2.5 itself", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("port-unreachable (3/3) from 10.1.2.5", run.Evidence("port"), StringComparison.Ordinal);
    }

    [LabFact]
    public void Drop_rule_on_web1_is_port_filtered()
    {
        var run = CheckFromDev1("web1-drop");

        run.ShouldBe("port.filtered", 1);
        Assert.Equal("pass", run.Status("route"));
    }

    [LabFact]
    public void Admin_prohibited_reject_on_the_gateway_is_route_prohibited_naming_the_gateway()
    {
        var run = CheckFromDev1("gw-prohibit");

        run.ShouldBe("route.prohibited", 1);
        Assert.Contains("router 10.1.1.1", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("(3/13) from 10.1.1.1", run.Evidence("port"), StringComparison.Ordinal);
    }
}
