using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// `reach local` on web1 (and the client's own firewall from dev1): real listeners, real iptables,
/// iptables-legacy, nftables and ipset rules, each injected by lab/lab.sh; the verdict and the rule named.
/// </summary>
[Collection(LabGroup.Name)]
public sealed class LocalScenarios
{
    private static ReachRun LocalOnWeb1(string fault, params string[] args)
    {
        if (fault.Length == 0)
        {
            Lab.Reset();
        }
        else
        {
            Lab.Reset(fault);
        }

        return Lab.Json("web1", ["local", .. args]);
    }

    private static string Fix(ReachRun run) => run.Root.GetProperty("verdict").GetProperty("fix").GetString()!;

    [LabFact]
    public void Healthy_server_is_ok_and_names_the_process()
    {
        var run = LocalOnWeb1("", "80", "--from", "10.1.1.7");

        run.ShouldBe("ok", 0);
        Assert.Contains("python3 listens on 0.0.0.0:80", run.Check("listener").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("pass", run.Status("firewall"));
    }

    [LabFact]
    public void Nothing_listening_is_listener_none()
    {
        LocalOnWeb1("no-listener", "80").ShouldBe("listener.none", 1);
    }

    [LabFact]
    public void Listener_on_loopback_only_is_loopback_only()
    {
        var run = LocalOnWeb1("loopback-listener", "80");

        run.ShouldBe("listener.loopback-only", 1);
        Assert.Contains("127.0.0.1:80", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Ipv6_only_listener_for_ipv4_clients_is_wrong_family()
    {
        var run = LocalOnWeb1("v6only-listener", "80", "--from", "10.1.1.7");

        run.ShouldBe("listener.wrong-family", 1);
        Assert.Contains("[::]:80", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("IPV6_V6ONLY", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void The_seeds_reject_rule_is_firewall_reject_naming_rule_1_of_input()
    {
        var run = LocalOnWeb1("web1-reject", "80", "--from", "10.1.1.7");

        run.ShouldBe("firewall.reject", 1);
        Assert.Contains("iptables filter/INPUT rule 1", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("icmp-port-unreachable", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("iptables -t filter -D INPUT 1", Fix(run), StringComparison.Ordinal);
    }

    [LabFact]
    public void Drop_rule_is_firewall_drop()
    {
        var run = LocalOnWeb1("web1-drop", "80", "--from", "10.1.1.7");

        run.ShouldBe("firewall.drop", 1);
        Assert.Contains("-j DROP", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Policy_drop_with_only_ssh_accepted_names_the_policy()
    {
        var run = LocalOnWeb1("policy-drop-ssh-only", "80", "--from", "10.1.1.7");

        run.ShouldBe("firewall.drop", 1);
        Assert.Contains("policy DROP of filter/INPUT", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Accept_for_dev2_only_drops_dev1_and_lets_dev2_in()
    {
        var dev1 = LocalOnWeb1("allow-dev2-only", "80", "--from", "10.1.1.7");
        var dev2 = Lab.Json("web1", "local", "80", "--from", "10.1.1.8");

        dev1.ShouldBe("firewall.drop", 1);
        Assert.Contains("rule 2", dev1.VerdictSummary, StringComparison.Ordinal);
        dev2.ShouldBe("ok", 0);
    }

    [LabFact]
    public void Jump_to_a_user_chain_that_rejects_names_the_user_chain_rule()
    {
        var run = LocalOnWeb1("user-chain-reject", "80", "--from", "10.1.1.7");

        run.ShouldBe("firewall.reject", 1);
        Assert.Contains("filter/WEB rule 1", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("-j WEB", run.Evidence("firewall"), StringComparison.Ordinal);
    }

    [LabFact]
    public void Established_accepted_and_new_dropped_drops_the_first_syn()
    {
        var run = LocalOnWeb1("conntrack-new-drop", "80", "--from", "10.1.1.7");

        run.ShouldBe("firewall.drop", 1);
        Assert.Contains("--ctstate NEW", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Native_nftables_drop_in_an_inet_table_names_the_handle()
    {
        var run = LocalOnWeb1("nft-inet-drop", "80", "--from", "10.1.1.7");

        run.ShouldBe("firewall.drop", 1);
        Assert.Contains("nft inet filter/input", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("handle", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("nft delete rule inet filter input handle", Fix(run), StringComparison.Ordinal);
    }

    [LabFact]
    public void Nft_set_of_allowed_sources_lets_dev2_in_and_drops_dev1()
    {
        var dev1 = LocalOnWeb1("nft-set-allow", "80", "--from", "10.1.1.7");
        var dev2 = Lab.Json("web1", "local", "80", "--from", "10.1.1.8");

        dev1.ShouldBe("firewall.drop", 1);
        dev2.ShouldBe("ok", 0);
    }

    [LabFact]
    public void Legacy_backend_rule_is_read_and_named()
    {
        var run = LocalOnWeb1("legacy-drop", "80", "--from", "10.1.1.7");

        run.ShouldBe("firewall.drop", 1);
        Assert.Contains("iptables-legacy filter/INPUT rule 1", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Ipset_match_drops_the_listed_source()
    {
        var dev1 = LocalOnWeb1("ipset-drop", "80", "--from", "10.1.1.7");
        var dev2 = Lab.Json("web1", "local", "80", "--from", "10.1.1.8");

        dev1.ShouldBe("firewall.drop", 1);
        Assert.Contains("--match-set blocked src", dev1.VerdictSummary, StringComparison.Ordinal);
        dev2.ShouldBe("ok", 0);
    }

    [LabFact]
    public void Udp_53_with_nothing_listening_is_listener_none()
    {
        var run = LocalOnWeb1("udp53-none", "53/udp");

        run.ShouldBe("listener.none", 1);
        Assert.Contains("udp/53", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Clients_own_output_drop_is_local_firewall_from_reach_check()
    {
        Lab.Reset("dev1-output-drop");

        var run = Lab.Json("dev1", "check", "web1:80");

        run.ShouldBe("local.firewall", 1);
        Assert.Contains("filter/OUTPUT rule 1", run.VerdictSummary, StringComparison.Ordinal);

        // The SYN never left: the target was not asked, so its port is not blamed.
        Assert.Equal(["local.firewall"], run.Problems);
        Assert.Equal("port.not-checked", run.Check("port").GetProperty("code").GetString());
    }

    [LabFact]
    public void Local_changes_nothing_either()
    {
        Lab.Reset("web1-reject");
        var before = Rules();

        Lab.Json("web1", "local", "80", "--from", "10.1.1.7");

        Assert.Equal(before, Rules());
    }

    // Rules and their counters: reach must neither add a rule (no TRACE) nor zero a counter.
    private static string Rules() =>
        Lab.Exec("web1", ["iptables-save", "-c"], TimeSpan.FromSeconds(10)).Stdout.Split('\n').Where(l => !l.StartsWith('#')).Aggregate(string.Empty, (a, l) => a + l + "\n")
        + Lab.Exec("web1", ["nft", "list", "ruleset"], TimeSpan.FromSeconds(10)).Stdout;
}
