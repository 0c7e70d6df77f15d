using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// The server's own state that drops packets past every rule (issue 15): a full accept queue, a full
/// conntrack table, the reverse-path filter of a multi-homed server. Each fault is real (lab/lab.sh),
/// `reach local` runs in web1, and `reach check --server` runs in dev1 with web1's end reached through
/// its namespace (netns-remote.sh, an open session's stand-in: a full conntrack table refuses new SSH
/// connections too). Runs are repeated back to back where counters carry state from one to the next.
/// </summary>
[Collection(LabGroup.Name)]
public sealed class ServerStateScenarios
{
    private const string MaxFile = "/proc/sys/net/netfilter/nf_conntrack_max";

    private static string Transport => $"sh {Path.Combine(Lab.RepoRoot, "tests", "Reach.Lab.Tests", "netns-remote.sh")} {Lab.Ns("web1")}";

    private static ReachRun Local(params string[] args) => Lab.Json("web1", ["local", .. args]);

    /// <summary>`reach check web1:80 --server ssh://web1` in dev1; web1's end runs in its own namespace.</summary>
    private static ReachRun Server()
    {
        var result = Lab.Exec("dev1", ["env", $"REACH_SSH_COMMAND={Transport}", Lab.Reach, "check", "web1:80", "--server", "ssh://web1", "--remote-reach", Lab.Reach, "--json"], TimeSpan.FromSeconds(90));
        return new ReachRun(result, result.Stdout.TrimStart().StartsWith('{') ? JsonDocument.Parse(result.Stdout) : null);
    }

    private static JsonElement ServerReport(ReachRun run)
    {
        var remote = run.Root.GetProperty("remote")[0];
        Assert.True(remote.GetProperty("ok").GetBoolean(), remote.ToString());
        return remote.GetProperty("report");
    }

    private static string Summary(JsonElement report, string layer) =>
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("layer").GetString() == layer).GetProperty("summary").GetString()!;

    private static string Fix(ReachRun run) => run.Root.GetProperty("verdict").GetProperty("fix").GetString()!;

    // ---------------------------------------------------------------- accept queue

    [LabFact]
    public void Full_accept_queue_of_a_stopped_server_is_listener_overflow_from_web1_and_from_dev1_with_server()
    {
        Lab.Reset("web1-accept-full");

        var local = Local("80", "--from", "10.1.1.7");

        local.ShouldBe("listener.overflow", 1);
        Assert.Contains("python3", local.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("2 connections wait for accept() against a backlog of 1", local.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("the application's own listen()", local.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("T (stopped)", local.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("kill -CONT", Fix(local), StringComparison.Ordinal);

        // The client alone sees silence; the server's end names the cause. Twice: ListenOverflows carries
        // the first run's drops into the second, and only the rise during each run is counted.
        var alone = Lab.Json("dev1", "check", "web1:80");
        Assert.NotEqual("ok", alone.VerdictCode);
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var joined = Server();

            joined.ShouldBe("listener.overflow", 1);
            Assert.Contains("On web1", Fix(joined), StringComparison.Ordinal);
            Assert.Contains("SYNs dropped while this check ran", Summary(ServerReport(joined), "listener"), StringComparison.Ordinal);
        }
    }

    [LabFact]
    public void Backlog_1_server_that_accepts_and_one_that_overflowed_before_the_run_stay_ok()
    {
        Lab.Reset("web1-small-backlog");
        Local("80", "--from", "10.1.1.7").ShouldBe("ok", 0);
        Server().ShouldBe("ok", 0);

        Lab.Reset("web1-overflowed");
        Local("80", "--from", "10.1.1.7").ShouldBe("ok", 0);
    }

    // ---------------------------------------------------------------- reverse-path filter

    [LabFact]
    public void Strict_rp_filter_on_a_multi_homed_web1_is_route_rp_filter_naming_both_interfaces_and_the_sysctl()
    {
        Lab.Reset("web1-rp-filter");

        var local = Local("80", "--from", "10.1.1.7");

        local.ShouldBe("route.rp-filter", 1);
        Assert.Contains("arrive on eth0 (to 10.1.2.5)", local.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("rp_filter is 1 (strict)", local.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("would leave by eth1", local.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("net.ipv4.conf.eth0.rp_filter=2", Fix(local), StringComparison.Ordinal);

        // Named where the client arrives: eth1's own address passes, eth0's does not.
        Local("80", "--from", "10.1.1.7", "--to", "10.1.1.9").ShouldBe("ok", 0);
        Local("80", "--from", "10.1.1.7", "--to", "10.1.2.5").ShouldBe("route.rp-filter", 1);

        // From dev1, with the server's end watching: the SYNs seen arriving on eth0 and refused.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var joined = Server();

            joined.ShouldBe("route.rp-filter", 1);
            Assert.Contains("rp_filter=1", joined.VerdictSummary, StringComparison.Ordinal);
        }
    }

    [LabFact]
    public void The_same_multi_homed_web1_with_rp_filter_off_or_loose_is_ok()
    {
        Lab.Reset("web1-multihomed");
        Local("80", "--from", "10.1.1.7").ShouldBe("ok", 0);
        Assert.Contains("rp_filter is 0", Local("80", "--from", "10.1.1.7").Check("route").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Server().ShouldBe("ok", 0);

        Lab.Exec("web1", ["sysctl", "-qw", "net.ipv4.conf.all.rp_filter=2"]).EnsureSuccess("rp_filter=2");
        Local("80", "--from", "10.1.1.7").ShouldBe("ok", 0);
    }

    // ---------------------------------------------------------------- conntrack (host-wide setting)

    [LabFact]
    public void Full_conntrack_table_is_firewall_conntrack_full_from_web1_and_from_dev1_with_server()
    {
        // nf_conntrack_max is the host's: the fault lowers it to web1's count; put it back whatever happens,
        // and as soon as the runs are done (other labs on this host share it).
        var original = File.ReadAllText(MaxFile).Trim();
        try
        {
            Lab.Reset("web1-conntrack-full");
            var count = long.Parse(Lab.Exec("web1", ["cat", "/proc/sys/net/netfilter/nf_conntrack_count"]).Stdout.Trim(), CultureInfo.InvariantCulture);

            var local = Local("80", "--from", "10.1.1.7");
            var joined = Server();

            local.ShouldBe("firewall.conntrack-full", 1);
            Assert.Contains($"{count} of {count} entries", local.VerdictSummary, StringComparison.Ordinal);
            Assert.Contains("nf_conntrack_max", Fix(local), StringComparison.Ordinal);
            joined.ShouldBe("firewall.conntrack-full", 1);
            Assert.Contains("new connections dropped while this check ran", Summary(ServerReport(joined), "firewall"), StringComparison.Ordinal);
        }
        finally
        {
            File.WriteAllText(MaxFile, original);
        }

        Lab.Reset();
    }

    // ---------------------------------------------------------------- rate limits, from their state

    [LabFact]
    public void A_recent_list_nothing_sets_never_matches_so_the_firewall_is_decided()
    {
        Lab.Reset("web1-recent-empty");

        var healthy = Local("80", "--from", "10.1.1.7");

        healthy.ShouldBe("ok", 0);
        Assert.Contains("list blocklist is empty", healthy.Evidence("firewall"), StringComparison.Ordinal);

        // The issue's case: with the list empty and nothing listening, the firewall is decided (it
        // accepts), so the socket is the cause, and no longer an undecided firewall beside it.
        Lab.Reset("web1-recent-empty", "no-listener");
        Local("80", "--from", "10.1.1.7").ShouldBe("listener.none", 1);
    }

    [LabFact]
    public void A_ufw_style_limit_rejects_dev1_over_its_hitcount_and_lets_dev2_in()
    {
        Lab.Reset("web1-recent-limit");

        var dev1 = Local("80", "--from", "10.1.1.7");
        var dev2 = Local("80", "--from", "10.1.1.8");
        var joined = Server();

        dev1.ShouldBe("firewall.rate-limited", 1);
        Assert.Contains("filter/INPUT rule 2", dev1.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("on list web (--hitcount 4)", dev1.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("/proc/net/xt_recent/web", Fix(dev1), StringComparison.Ordinal);
        dev2.ShouldBe("ok", 0);
        joined.ShouldBe("firewall.rate-limited", 1);
    }

    [LabFact]
    public void A_spent_hashlimit_bucket_is_firewall_rate_limited_for_dev1_only()
    {
        Lab.Reset("web1-hashlimit");

        var dev1 = Local("80", "--from", "10.1.1.7");
        var dev2 = Local("80", "--from", "10.1.1.8");
        var joined = Server();

        dev1.ShouldBe("firewall.rate-limited", 1);
        Assert.Contains("/proc/net/ipt_hashlimit/web", dev1.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("--hashlimit-above 1/min", dev1.VerdictSummary, StringComparison.Ordinal);
        dev2.ShouldBe("ok", 0);
        joined.ShouldBe("firewall.rate-limited", 1);
    }

    [LabFact]
    public void A_connlimit_counts_dev1s_open_connection_and_lets_dev2_in()
    {
        Lab.Reset("web1-connlimit");

        var dev1 = Local("80", "--from", "10.1.1.7");
        var dev2 = Local("80", "--from", "10.1.1.8");

        dev1.ShouldBe("firewall.rate-limited", 1);
        Assert.Contains("1 open tcp connection to port 80 from 10.1.1.7/32", dev1.VerdictSummary, StringComparison.Ordinal);
        dev2.ShouldBe("ok", 0);
        Server().ShouldBe("firewall.rate-limited", 1);
    }

    [LabFact]
    public void A_limit_whose_tokens_are_shown_nowhere_is_undecided_alone_and_rate_limited_while_dev1_probes()
    {
        Lab.Reset("web1-limit");

        // Alone, nothing moves the rule's counters: undecided, and the rule named.
        var alone = Local("80", "--from", "10.1.1.7");
        alone.ShouldBe("inconclusive", 3);
        Assert.Contains("-m limit --limit 1/min", alone.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("did not move", alone.VerdictSummary, StringComparison.Ordinal);

        // While dev1 probes, the DROP rule counts its SYNs: that settles it.
        var joined = Server();
        joined.ShouldBe("firewall.rate-limited", 1);
        Assert.Contains("counted", Summary(ServerReport(joined), "firewall"), StringComparison.Ordinal);
    }

    [LabFact]
    public void An_undecided_firewall_never_yields_listener_none()
    {
        Lab.Reset("web1-limit", "no-listener");

        var run = Local("80", "--from", "10.1.1.7");

        run.ShouldBe("inconclusive", 3);
        Assert.DoesNotContain("listener.none", run.Problems);
        Assert.Equal("warn", run.Status("listener"));
    }

    // ---------------------------------------------------------------- DNAT to a namespace, found by the egress device

    [LabFact]
    public void A_published_port_whose_container_address_exists_twice_is_followed_through_docker0()
    {
        Lab.Reset("docker-published", "docker-twin");

        var healthy = Local("8080", "--from", "10.1.1.7");

        healthy.ShouldBe("ok", 0);
        Assert.Contains("behind docker0 port veth3c1d2e7", healthy.Check("listener").GetProperty("summary").GetString(), StringComparison.Ordinal);

        Lab.Reset("docker-published-ctr-down", "docker-twin");
        var down = Local("8080", "--from", "10.1.1.7");

        down.ShouldBe("listener.none", 1);
        Assert.Contains("behind docker0 port veth3c1d2e7", down.VerdictSummary, StringComparison.Ordinal);
    }
}
