using System.Text.Json;
using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// Issue 7: names and addresses as real hosts have them. Each scenario injects the real fault
/// (lab/lab.sh fault NAME: dnsmasq modes, resolv.conf/nsswitch.conf files, ip6tables, routes) and runs
/// the published CLI in dev1; the dual-stack lab gives every IPv4 path an IPv6 twin (web1-v6, web1-ds).
/// </summary>
[Collection(LabGroup.Name)]
public sealed class NameScenarios
{
    private static ReachRun Check(string target, params string[] faults)
    {
        Lab.Reset(faults);
        return Lab.Json("dev1", "check", target);
    }

    private static List<JsonElement> Outcomes(ReachRun run) =>
        run.Root.GetProperty("target").TryGetProperty("addressOutcomes", out var o) ? o.EnumerateArray().ToList() : [];

    [LabTheory]
    [InlineData("no-search")]
    [InlineData("wrong-search")]
    [InlineData("no-search", "auth-only")]
    [InlineData("wrong-search", "auth-only")]
    public void Short_name_no_domain_completes_is_search_path_whatever_the_server_answers(params string[] faults)
    {
        var run = Check("web1:80", faults);

        run.ShouldBe("dns.search-path", 1);
        Assert.Contains("web1.example.net", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains(faults[0] == "wrong-search" ? "the wrong domain" : "no search line", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Rooted_name_skips_the_search_list_and_is_nxdomain()
    {
        var run = Check("web1.:80");

        run.ShouldBe("dns.nxdomain", 1);
        Assert.Contains("rooted", run.VerdictSummary, StringComparison.Ordinal);
        // The search list is not applied: no query went out for web1.example.net.
        Assert.DoesNotContain(run.Evidence("dns").Split('\n'), l => l.StartsWith("dns query:", StringComparison.Ordinal) && l.Contains("web1.example.net", StringComparison.Ordinal));
    }

    [LabFact]
    public void Stub_that_is_not_running_is_nameserver_down_with_the_service_named()
    {
        var run = Check("web1:80", "stub-down");

        run.ShouldBe("dns.nameserver-down", 1);
        Assert.Contains("systemd-resolved", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("127.0.0.53", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Local_forwarder_with_a_dead_upstream_names_the_upstream_and_the_forwarder()
    {
        var run = Check("web1:80", "forwarder-dead-upstream");

        run.ShouldBe("dns.nameserver-unreachable", 1);
        Assert.Contains("10.1.1.4", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("dnsmasq", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Nsswitch_without_dns_is_said()
    {
        var run = Check("web1:80", "nsswitch-no-dns");

        run.ShouldBe("dns.nsswitch", 1);
        Assert.Contains("hosts: files", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Unreadable_resolv_conf_is_said_as_unreadable_not_missing()
    {
        Lab.Reset("resolv-unreadable");
        var result = Lab.Run("ip", ["netns", "exec", Lab.Ns("dev1"), "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
            Lab.Reach, "check", "web1:80", "--json"], TimeSpan.FromSeconds(60));
        var run = new ReachRun(result, result.Stdout.TrimStart().StartsWith('{') ? JsonDocument.Parse(result.Stdout) : null);

        run.ShouldBe("dns.config-unreadable", 1);
        Assert.Contains("/etc/resolv.conf", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("ermission denied", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Aaaa_only_name_healthy_is_ok_over_ipv6()
    {
        var run = Check("web1-v6:80");

        run.ShouldBe("ok", 0);
        Assert.Equal("2001:db8:1:2::5", run.Root.GetProperty("target").GetProperty("addresses")[0].GetString());
        Assert.Contains("SYN-ACK from [2001:db8:1:2::5]:80", run.Evidence("port"), StringComparison.Ordinal);
    }

    [LabTheory]
    [InlineData("web1-reject6", "port.rejected")]
    [InlineData("web1-drop6", "port.filtered")]
    [InlineData("gw-prohibit6", "route.prohibited")]
    [InlineData("web1-down", "route.host-unreachable")]
    [InlineData("no-default-route6", "gateway.missing")]
    [InlineData("no-listener", "port.closed")]
    [InlineData("loopback-listener", "port.closed")]
    public void Aaaa_only_name_twins_of_the_ipv4_faults(string fault, string code)
    {
        Check("web1-v6:80", fault).ShouldBe(code, 1);
    }

    [LabFact]
    public void Aaaa_only_name_behind_a_router_black_hole_is_not_ok()
    {
        var run = Check("web1-v6:80", "gw-blackhole6");

        Assert.NotEqual("ok", run.VerdictCode);
        Assert.Equal(1, run.Process.ExitCode);
    }

    [LabFact]
    public void Dual_stack_name_with_ipv6_dropped_is_about_ipv6_and_says_ipv4_works()
    {
        var run = Check("web1-ds:80", "web1-drop6");

        run.ShouldBe("port.filtered", 1);
        var addresses = run.Root.GetProperty("target").GetProperty("addresses").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal(["2001:db8:1:2::5", "10.1.2.5"], addresses);
        Assert.Contains("10.1.2.5 (IPv4) accepts the connection", run.VerdictSummary, StringComparison.Ordinal);
        var outcomes = Outcomes(run);
        Assert.Equal("silent", outcomes[0].GetProperty("outcome").GetString());
        Assert.Equal("open", outcomes[1].GetProperty("outcome").GetString());
    }

    [LabFact]
    public void Dual_stack_name_healthy_is_ok_with_both_addresses_open()
    {
        var run = Check("web1-ds:80");

        run.ShouldBe("ok", 0);
        Assert.All(Outcomes(run), o => Assert.Equal("open", o.GetProperty("outcome").GetString()));
        Assert.Equal(2, Outcomes(run).Count);
    }

    [LabFact]
    public void Name_with_three_addresses_two_dead_says_which_one_answers()
    {
        var run = Check("web1-multi:80");

        var outcomes = Outcomes(run);
        Assert.Equal(3, outcomes.Count);
        Assert.Single(outcomes, o => o.GetProperty("outcome").GetString() == "open");
        Assert.Equal("10.1.2.5", outcomes.Single(o => o.GetProperty("outcome").GetString() == "open").GetProperty("address").GetString());
        if (run.VerdictCode == "ok")
        {
            Assert.Contains("do not accept the connection", run.Check("dns").GetProperty("summary").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("10.1.2.5 accepts the connection", run.VerdictSummary, StringComparison.Ordinal);
        }
    }

    [LabFact]
    public void Localhost_with_a_listener_on_ipv6_loopback_only_is_ok()
    {
        var run = Check("localhost:8022", "localhost-v6-listener");

        run.ShouldBe("ok", 0);
        Assert.Equal("::1", run.Root.GetProperty("target").GetProperty("addresses")[0].GetString());
    }

    [LabFact]
    public void Link_local_default_gateway_that_answers_ping_is_ok()
    {
        var run = Check("web1-v6:80", "linklocal-gateway");

        run.ShouldBe("ok", 0);
        Assert.Equal("pass", run.Status("gateway"));
        Assert.Contains("fe80::1", run.Check("gateway").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("answers ping", run.Check("gateway").GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [LabFact]
    public void Link_local_target_with_a_zone_is_probed_on_its_link()
    {
        // gw holds fe80::1 on dev1's LAN and serves nothing on port 80: its RST proves the probe went out on eth0.
        var run = Check("[fe80::1%eth0]:80", "linklocal-gateway");

        run.ShouldBe("port.closed", 1);
        Assert.NotEqual("fail", run.Status("gateway"));
        Assert.Contains("RST from [fe80::1%", run.Evidence("port"), StringComparison.Ordinal);
    }

    [LabFact]
    public void Local_with_an_ip6tables_drop_names_the_rule()
    {
        Lab.Reset("web1-drop6");
        var run = Lab.Json("web1", "local", "80", "--from", "2001:db8:1:1::7");

        run.ShouldBe("firewall.drop", 1);
    }

    [LabFact]
    public void Local_with_an_ipv6_only_listener_for_an_ipv6_client_is_ok()
    {
        Lab.Reset("v6only-listener");
        var run = Lab.Json("web1", "local", "80", "--from", "2001:db8:1:1::7");

        run.ShouldBe("ok", 0);
    }
}
