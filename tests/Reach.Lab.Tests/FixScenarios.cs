using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// Fixes that fix (issue 17): for each server-firewall fault, `reach local 80 --from 10.1.1.7` on web1
/// gives verdict.actions; each `run` is applied literally in the namespace of the host `on` names, and then
/// reach says ok on both ends and a real client (curl from dev1) gets its page. The client's own faults
/// likewise: `reach check` on dev1 gives the actions, applied in dev1 they make the next check ok and curl
/// get its page; where a value is not known (no configuration names the LAN's router), the actions stop
/// short and the fix says how to find it.
/// </summary>
[Collection(LabGroup.Name)]
public sealed class FixScenarios
{
    [LabTheory]
    [InlineData("web1-reject", "firewall.reject")]
    [InlineData("web1-drop", "firewall.drop")]
    [InlineData("user-chain-reject", "firewall.reject")]
    [InlineData("conntrack-new-drop", "firewall.drop")]
    [InlineData("allow-dev2-only", "firewall.drop")]
    [InlineData("policy-drop-ssh-only", "firewall.drop")]
    [InlineData("nft-inet-drop", "firewall.drop")]
    public void Applied_actions_make_the_next_run_ok_and_the_page_load(string fault, string code)
    {
        Lab.Reset(fault);
        var before = Lab.Json("web1", "local", "80", "--from", "10.1.1.7");
        before.ShouldBe(code, 1);

        Apply("web1", before);

        Lab.Json("web1", "local", "80", "--from", "10.1.1.7").ShouldBe("ok", 0);
        Lab.Json("dev1", "check", "web1:80").ShouldBe("ok", 0);
        var page = Lab.Exec("dev1", ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "http://web1.example.net/"]);
        Assert.Equal("200", page.Stdout.Trim());
    }

    /// <summary>
    /// dev1's own faults. `ifupdown-config` gives dev1 the /etc/network/interfaces a Debian server has (its
    /// address and router), from which the address and the default route that went with a fault are restored.
    /// </summary>
    [LabTheory]
    [InlineData("iface-down", "interface.down", "web1:80", "ifupdown-config")]
    [InlineData("no-address", "interface.no-address", "web1:80", "ifupdown-config")]
    [InlineData("misconfigured", "interface.misconfigured", "web1:80", "ifupdown-config")]
    [InlineData("wrong-prefix", "interface.wrong-prefix", "web1:80", "ifupdown-config")]
    [InlineData("no-default-route", "gateway.missing", "web1:80", "ifupdown-config")]
    [InlineData("no-default-route6", "gateway.missing", "web1-v6:80", "ifupdown-config")]
    [InlineData("bogus-gateway", "gateway.unreachable", "web1:80", "ifupdown-config")]
    [InlineData("dev1-output-drop", "local.firewall", "web1:80", "")]
    [InlineData("dev1-output-reset", "local.firewall", "web1:80", "")]
    [InlineData("dev1-output-reset-nft", "local.firewall", "web1:80", "")]
    [InlineData("blackhole-route", "local.route", "web1:80", "")]
    [InlineData("unreachable-route", "local.route", "web1:80", "")]
    [InlineData("prohibit-route", "local.route", "web1:80", "")]
    public void Applied_client_actions_make_the_next_check_ok_and_the_page_load(string fault, string code, string target, string config)
    {
        Lab.Reset([.. config.Split(' ', StringSplitOptions.RemoveEmptyEntries), fault]);
        var before = Lab.Json("dev1", "check", target);
        before.ShouldBe(code, 1);

        Apply("dev1", before);

        Lab.Json("dev1", "check", target).ShouldBe("ok", 0);
        var host = target[..target.IndexOf(':', StringComparison.Ordinal)];
        var page = Lab.Exec("dev1", ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", $"http://{host}.example.net/"]);
        Assert.Equal("200", page.Stdout.Trim());
    }

    /// <summary>
    /// This host's name files, edited in place as the actions say (under `ip netns exec` they are bind mounts, which
    /// `sed -i` could not replace); then the short name the check was given resolves for a real client too.
    /// </summary>
    [LabTheory]
    [InlineData("no-search", "dns.search-path")]
    [InlineData("wrong-search", "dns.search-path")]
    [InlineData("stale-hosts", "dns.hosts-override")]
    public void Applied_name_file_actions_make_the_next_check_ok_and_the_short_name_load(string fault, string code)
    {
        Lab.Reset([fault]);
        var before = Lab.Json("dev1", "check", "web1:80");
        before.ShouldBe(code, 1);

        Apply("dev1", before);

        Lab.Json("dev1", "check", "web1:80").ShouldBe("ok", 0);
        var page = Lab.Exec("dev1", ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "http://web1/"]);
        Assert.Equal("200", page.Stdout.Trim());
    }

    [LabFact]
    public void Jumbo_mtu_on_a_1500_segment_lowered_as_the_action_says_makes_the_check_ok_and_the_big_page_load()
    {
        Lab.Reset("jumbo-segment");
        var before = Lab.Json("dev1", "check", "10.1.1.8:80");
        before.ShouldBe("interface.mtu-mismatch", 1);

        Apply("dev1", before);

        Lab.Json("dev1", "check", "10.1.1.8:80").ShouldBe("ok", 0);
        var page = Lab.Exec("dev1", ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "http://10.1.1.8/big.html"]);
        Assert.Equal("200", page.Stdout.Trim());
    }

    /// <summary>
    /// Without a configuration that names the LAN's router, `ip link set eth0 up` is all reach can give: the
    /// fix says how to find the router, and the next run asks for the default route (not ok: the action is half the fix, and says so).
    /// </summary>
    [LabFact]
    public void Interface_down_without_a_known_router_stops_at_up_and_says_how_to_find_it()
    {
        var before = CheckOnDev1Says("iface-down", "interface.down");
        Assert.Equal(["ip link set eth0 up"], before.Root.GetProperty("verdict").GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("run").GetString()));

        Apply("dev1", before);

        Lab.Json("dev1", "check", "web1:80").ShouldBe("gateway.missing", 1);
    }

    [LabFact]
    public void No_default_route_without_a_known_router_gets_no_action_and_says_how_to_find_it()
    {
        var before = CheckOnDev1Says("no-default-route", "gateway.missing");
        Assert.Empty(before.Root.GetProperty("verdict").GetProperty("actions").EnumerateArray());
    }

    /// <summary>`reach check web1:80` on dev1 under the fault: its verdict, and a fix that says how to find the LAN's router.</summary>
    private static ReachRun CheckOnDev1Says(string fault, string code)
    {
        var run = Lab.CheckOnDev1(fault);
        run.ShouldBe(code, 1);
        Assert.Contains("ip route show default", run.Root.GetProperty("verdict").GetProperty("fix").GetString(), StringComparison.Ordinal);
        return run;
    }

    /// <summary>Each action's `run`, literally, in the namespace of the host that ran reach (every action here is for "this host").</summary>
    private static void Apply(string host, ReachRun run)
    {
        var actions = run.Root.GetProperty("verdict").GetProperty("actions").EnumerateArray().ToList();
        Assert.NotEmpty(actions);
        foreach (var action in actions)
        {
            Assert.Equal("this host", action.GetProperty("on").GetString());
            var applied = Lab.Exec(host, ["sh", "-c", action.GetProperty("run").GetString()!]);
            Assert.True(applied.ExitCode == 0, $"{action.GetProperty("run").GetString()} failed: {applied.Stderr}");
        }
    }
}
