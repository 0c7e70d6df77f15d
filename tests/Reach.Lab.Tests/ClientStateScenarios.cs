using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// Issue 15, the client's side (`reach check` from dev1): a handshake is no proof that data crosses, and the
/// client's own state (its prefix, its neighbour table, its nameserver list) is named before anyone else is
/// blamed. Each scenario injects the real fault with the real tool and runs the published CLI.
/// </summary>
[Collection(LabGroup.Name)]
public sealed class ClientStateScenarios
{
    private static ReachRun Check(string fault, string target = "web1:80") =>
        Lab.CheckOnDev1(fault, target);

    [LabFact]
    public void A_healthy_port_answers_in_its_protocol_after_the_handshake()
    {
        var run = Check(string.Empty);

        run.ShouldBe("ok", 0);
        Assert.Contains("HTTP/1.0 200 OK", run.Check("port").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("http after the handshake: asked HEAD / HTTP/1.0: HTTP/1.0 200 OK", run.Evidence("port"), StringComparison.Ordinal);
    }

    [LabFact]
    public void A_router_whose_conntrack_sees_one_direction_is_port_no_data()
    {
        // curl connects and then gets 0 bytes: the classic tools show a working handshake.
        var run = Check("gw-one-way-state");

        run.ShouldBe("port.no-data", 1);
        Assert.Contains("no data crosses", run.VerdictSummary, StringComparison.Ordinal);
        // The server's retransmitted SYN-ACK is the proof that our ACK never arrived.
        Assert.Contains("sent its SYN-ACK again", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("0 acknowledged, 0 received", run.Evidence("port"), StringComparison.Ordinal);

        // Back to back, as an operator runs it twice: the same answer.
        Lab.Json("dev1", "check", "web1:80").ShouldBe("port.no-data", 1);
    }

    [LabFact]
    public void A_dead_first_nameserver_is_dns_slow_in_problems_while_the_path_is_ok()
    {
        var run = Check("dns-first-dead");

        run.ShouldBe("ok", 0);
        Assert.Equal(["dns.slow"], run.Problems);
        Assert.Equal("warn", run.Status("dns"));
        var dns = run.Check("dns");
        Assert.Equal("dns.slow", dns.GetProperty("code").GetString());
        Assert.Contains("10.1.1.4", dns.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("getaddrinfo", dns.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("10.1.1.4", run.Root.GetProperty("verdict").GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [LabFact]
    public void A_gateway_with_forwarding_off_is_gateway_not_forwarding()
    {
        // The gateway answers ping; nothing it should forward comes back, not even a time-exceeded.
        var run = Check("gw-no-forwarding");

        run.ShouldBe("gateway.not-forwarding", 1);
        Assert.Contains("10.1.1.1", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("net.ipv4.ip_forward=1", run.Root.GetProperty("verdict").GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Contains("TTL 1 again", run.Evidence("gateway"), StringComparison.Ordinal);

        // Back to back: the gateway's ICMP budget is spent by the first run, and the verdict must not change.
        Lab.Json("dev1", "check", "web1:80").ShouldBe("gateway.not-forwarding", 1);
    }

    [LabFact]
    public void A_gateway_whose_forward_chain_drops_is_not_blamed_for_forwarding()
    {
        // It forwards (time-exceeded for TTL 1 comes back), its filter drops: the path, not the gateway's sysctl.
        Check("gw-forward-drop").ShouldBe("route.unreachable", 1);
    }

    [LabFact]
    public void A_gateway_without_a_route_is_never_blamed_for_forwarding_even_with_its_icmp_budget_spent()
    {
        // The first run gets the gateway's !N. The runs right after it find the gateway's ICMP budget spent
        // by the first (a no-route error is charged twice to the same peer), so its TTL=1 silence proves
        // nothing about forwarding: whatever they say, it is not gateway.not-forwarding, and never ok.
        Check("gw-no-route").ShouldBe("route.net-unreachable", 1);
        for (var i = 0; i < 2; i++)
        {
            var again = Lab.Json("dev1", "check", "web1:80");
            Assert.NotEqual("gateway.not-forwarding", again.VerdictCode);
            Assert.NotEqual("ok", again.VerdictCode);
        }
    }

    [LabFact]
    public void A_prefix_wider_than_the_lan_is_interface_wrong_prefix()
    {
        var run = Check("wrong-prefix");

        run.ShouldBe("interface.wrong-prefix", 1);
        Assert.Contains("10.1.1.7/16", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("10.1.1.0/24", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("ip addr replace 10.1.1.7/24 dev eth0", run.Root.GetProperty("verdict").GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [LabFact]
    public void An_ipv6_only_name_without_an_ipv6_default_route_says_ipv6()
    {
        var run = Check("no-default-route6", "web1-v6:80");

        run.ShouldBe("gateway.missing", 1);
        Assert.Contains("no IPv6 route to 2001:db8:1:2::5", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("no IPv6 default route", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("ip -6 route add default", run.Root.GetProperty("verdict").GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [LabFact]
    public void An_unreadable_hosts_file_is_said_as_unreadable()
    {
        Lab.Reset("hosts-unreadable");
        var result = Lab.Run("ip", ["netns", "exec", Lab.Ns("dev1"), "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
            Lab.Reach, "check", "web1:80", "--json"], TimeSpan.FromSeconds(60));
        var run = new ReachRun(result, result.Stdout.TrimStart().StartsWith('{') ? System.Text.Json.JsonDocument.Parse(result.Stdout) : null);

        // DNS still gives the name (glibc goes on past the unavailable files source); the file is named, not taken as empty.
        Assert.Equal("warn", run.Status("dns"));
        Assert.Equal("dns.config-unreadable", run.Check("dns").GetProperty("code").GetString());
        Assert.Contains("/etc/hosts: /etc/hosts exists but user nobody cannot read it", run.Evidence("dns"), StringComparison.Ordinal);
    }
}
