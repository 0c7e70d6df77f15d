using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// `reach check --server/--compare` across the lab's hosts: sshd runs inside web1 and dev2
/// (lab/remote-lab.sh, lab-only keys), the published CLI runs in dev1 and, over SSH, on the far ends.
/// Real faults on web1, gw and dev1; real remote failures (sshd stopped, no reach, a hang, garbage).
/// </summary>
[Collection(LabGroup.Name)]
public sealed class RemoteScenarios
{
    private static string RemoteLab => Path.Combine(Lab.RepoRoot, "lab", "remote-lab.sh");

    private static string Ssh => Lab.Run("bash", [RemoteLab, "ssh-command"], TimeSpan.FromSeconds(10)).Stdout.Trim();

    private static string State => Lab.Run("bash", [RemoteLab, "state"], TimeSpan.FromSeconds(10)).Stdout.Trim();

    private static void Setup(string[] labFaults, params string[] remoteFaults)
    {
        Lab.Reset(labFaults);
        Lab.Run("bash", [RemoteLab, "up"], TimeSpan.FromSeconds(30)).EnsureSuccess("remote-lab up");
        foreach (var f in remoteFaults)
        {
            Lab.Run("bash", [RemoteLab, "fault", f], TimeSpan.FromSeconds(30)).EnsureSuccess($"remote-lab fault {f}");
        }
    }

    /// <summary>`reach check web1:80 ARGS --json` in dev1, with the lab's REACH_SSH_COMMAND (plus <paramref name="sshExtra"/>).</summary>
    private static ReachRun Check(string[] args, string sshExtra = "")
    {
        var result = Lab.Exec("dev1", ["env", $"REACH_SSH_COMMAND={Ssh}{sshExtra}", Lab.Reach, "check", "web1:80", .. args, "--json"], TimeSpan.FromSeconds(60));
        return new ReachRun(result, result.Stdout.TrimStart().StartsWith('{') ? JsonDocument.Parse(result.Stdout) : null);
    }

    private static ReachRun Server(string sshExtra = "", params string[] extra) =>
        Check(["--server", "ssh://web1", "--remote-reach", Lab.Reach, .. extra], sshExtra);

    private static JsonElement Remote(ReachRun run, int i = 0) => run.Root.GetProperty("remote")[i];

    /// <summary>The server's watch: the route check that speaks of the SYNs (the reverse-path check beside it is a route check too).</summary>
    private static string ServerRoute(ReachRun run) =>
        Remote(run).GetProperty("report").GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("layer").GetString() == "route")
            .Select(c => c.GetProperty("summary").GetString()!)
            .Single(s => s.Contains("SYN", StringComparison.Ordinal));

    [LabFact]
    public void Healthy_server_end_sees_the_SYNs_and_answers_them()
    {
        Setup([]);

        var run = Server();

        run.ShouldBe("ok", 0);
        Assert.True(Remote(run).GetProperty("ok").GetBoolean(), Remote(run).ToString());
        Assert.Equal("server", Remote(run).GetProperty("role").GetString());
        Assert.Matches("SYNs? from 10.1.1.7 arrived on eth0; this host answered with SYN-ACK", ServerRoute(run));
    }

    [LabFact]
    public void Drop_on_web1_is_firewall_drop_naming_the_rule_twice_in_a_row()
    {
        Setup(["web1-drop"]);

        foreach (var run in new[] { Server(), Server() })
        {
            run.ShouldBe("firewall.drop", 1);
            Assert.Contains("-A INPUT -p tcp -m tcp --dport 80 -j DROP", run.VerdictSummary, StringComparison.Ordinal);
            Assert.Contains("port.filtered", run.Problems);
            Assert.Contains("arrived on eth0; this host sent nothing back", ServerRoute(run), StringComparison.Ordinal);
        }
    }

    [LabFact]
    public void Reject_on_web1_is_firewall_reject_and_the_ICMP_is_seen_leaving()
    {
        Setup(["web1-reject"]);

        var run = Server();

        run.ShouldBe("firewall.reject", 1);
        Assert.Contains("REJECT", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("ICMP 3/3", ServerRoute(run), StringComparison.Ordinal);
    }

    [LabFact]
    public void Listener_on_loopback_only_is_proven_from_the_server()
    {
        Setup(["loopback-listener"]);

        var run = Server();

        run.ShouldBe("listener.loopback-only", 1);
        Assert.Contains("127.0.0.1:80", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("RST", ServerRoute(run), StringComparison.Ordinal);
    }

    [LabFact]
    public void Web1_without_a_route_back_is_route_no_return_reached_through_dev2_as_a_bastion()
    {
        Setup([], "web1-no-return");

        var run = Server(" -J dev2");

        run.ShouldBe("route.no-return", 1);
        Assert.Contains("no route back to 10.1.1.7", run.VerdictSummary, StringComparison.Ordinal);
        Assert.True(Remote(run).GetProperty("ok").GetBoolean());
    }

    [LabFact]
    public void Strict_rp_filter_with_an_asymmetric_path_is_route_rp_filter()
    {
        Setup([], "web1-rp-strict");

        var run = Server(" -J dev2");

        run.ShouldBe("route.rp-filter", 1);
        Assert.Contains("rp_filter=1", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("leaves by rlab-w1, not by eth0", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Gateway_dropping_forwarded_SYNs_is_a_loss_on_the_path_that_web1_never_sees()
    {
        Setup([], "gw-drop-syn80");

        var run = Server();

        run.ShouldBe("route.unreachable", 1);
        Assert.Contains("no SYN from this host reached web1", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("10.1.1.1", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Contains("no SYN from 10.1.1.7", ServerRoute(run), StringComparison.Ordinal);
    }

    [LabFact]
    public void Compare_with_dev1s_own_output_drop_says_the_neighbour_gets_through()
    {
        Setup(["dev1-output-drop"]);

        var run = Check(["--compare", "ssh://dev2", "--remote-reach", Lab.Reach]);

        run.ShouldBe("local.firewall", 1);
        Assert.Contains("dev2 reaches web1:80, this host does not", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Equal("ok", Remote(run).GetProperty("report").GetProperty("verdict").GetProperty("code").GetString());
    }

    [LabFact]
    public void Compare_with_a_wrong_default_gateway_on_dev1_says_the_neighbour_gets_through()
    {
        Setup(["bogus-gateway"]);

        var run = Check(["--compare", "ssh://dev2", "--remote-reach", Lab.Reach]);

        Assert.NotEqual("ok", run.VerdictCode);
        Assert.Contains("dev2 reaches web1:80, this host does not", run.VerdictSummary, StringComparison.Ordinal);
    }

    [LabFact]
    public void Compare_and_server_together_on_a_web1_fault_both_fail_and_the_rule_is_named()
    {
        Setup(["web1-drop"]);

        var run = Check(["--server", "ssh://web1", "--compare", "ssh://dev2", "--remote-reach", Lab.Reach]);

        run.ShouldBe("firewall.drop", 1);
        Assert.Contains("dev2 does not reach web1:80 either", run.VerdictSummary, StringComparison.Ordinal);
        Assert.Equal(["server", "compare"], run.Root.GetProperty("remote").EnumerateArray().Select(r => r.GetProperty("role").GetString()));
    }

    [LabFact]
    public void Sshd_stopped_is_one_line_and_the_local_verdict_stands()
    {
        Setup(["web1-drop"], "sshd-stopped");

        var run = Server();

        run.ShouldBe("port.filtered", 1);
        Assert.False(Remote(run).GetProperty("ok").GetBoolean());
        Assert.Contains("Connection refused", Remote(run).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [LabFact]
    public void No_reach_on_the_remote_PATH_is_one_line_and_the_local_verdict_stands()
    {
        Setup(["web1-reject"]);

        var run = Check(["--server", "ssh://web1"]);

        run.ShouldBe("port.rejected", 1);
        Assert.Contains("no reach on the remote PATH", Remote(run).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [LabFact]
    public void A_remote_that_hangs_is_stopped_and_the_local_verdict_stands()
    {
        Setup([]);

        var run = Check(["--server", "ssh://web1", "--remote-reach", Path.Combine(State, "hang-reach"), "--connect-timeout", "2s"]);

        run.ShouldBe("ok", 0);
        Assert.Contains("no answer within", Remote(run).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [LabFact]
    public void A_remote_that_prints_garbage_is_one_line_and_the_local_verdict_stands()
    {
        Setup(["web1-drop"]);

        var run = Check(["--server", "ssh://web1", "--remote-reach", Path.Combine(State, "garbage-reach")]);

        run.ShouldBe("port.filtered", 1);
        var error = Remote(run).GetProperty("error").GetString()!;
        Assert.Contains("did not print a JSON object", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [LabFact]
    public void Watch_alone_reports_the_SYNs_and_the_answer_and_says_when_it_cannot_watch()
    {
        Setup([]);

        // The watch on web1 first, then a client in dev1 (reach itself, for its SYNs).
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "netns", "exec", Lab.Ns("web1"), Lab.Reach, "local", "80", "--from", "10.1.1.7", "--watch", "--duration", "3s", "--json" })
        {
            start.ArgumentList.Add(a);
        }

        using var watch = Process.Start(start)!;
        var stdout = watch.StandardOutput.ReadToEndAsync();
        Assert.StartsWith("reach: watching", watch.StandardError.ReadLine(), StringComparison.Ordinal);
        Lab.Json("dev1", "check", "web1:80").ShouldBe("ok", 0);
        Assert.True(watch.WaitForExit(TimeSpan.FromSeconds(20)));
        var run = new ReachRun(new ProcessResult(watch.ExitCode, stdout.Result, string.Empty, "reach local --watch"), JsonDocument.Parse(stdout.Result));

        run.ShouldBe("ok", 0);
        Assert.Matches("arrived on eth0; this host answered with SYN-ACK", run.Check("route").GetProperty("summary").GetString()!);

        var copy = Path.Combine(Path.GetTempPath(), $"reach-watch-nobody-{Environment.ProcessId}");
        File.Copy(Lab.Reach, copy, overwrite: true);
        File.SetUnixFileMode(copy, (UnixFileMode)0b111_101_101);
        try
        {
            var r = Lab.Exec("web1", ["runuser", "-u", "nobody", "--", copy, "local", "80", "--from", "10.1.1.7", "--watch", "--duration", "500ms", "--json"]);
            Assert.Contains("CAP_NET_RAW", r.Stderr, StringComparison.Ordinal);
            // The watch that could not run is the route layer's one inconclusive check (the reverse-path check beside it is decided).
            Assert.Contains("CAP_NET_RAW", JsonDocument.Parse(r.Stdout).RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "route.unknown").GetProperty("summary").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
