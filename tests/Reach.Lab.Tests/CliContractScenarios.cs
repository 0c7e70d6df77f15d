using System.Text.RegularExpressions;
using Xunit;

namespace Reach.Lab.Tests;

/// <summary>The contract around the verdicts: bad input, and a run that changes nothing on the host.</summary>
[Collection(LabGroup.Name)]
public sealed class CliContractScenarios
{
    [LabFact]
    public void Bad_input_exits_2_with_a_message_and_nothing_on_stdout()
    {
        Lab.Reset();
        foreach (var bad in new[] { "web1:99999", ":80", "web1:http:80", "", new string('a', 300), "[::1", "gopherx://web1/" })
        {
            var run = Lab.Json("dev1", "check", bad);

            Assert.Equal(2, run.Process.ExitCode);
            Assert.Equal(string.Empty, run.Process.Stdout);
            Assert.StartsWith("reach: ", run.Process.Stderr, StringComparison.Ordinal);
        }
    }

    [LabFact]
    public void A_failing_check_changes_nothing_on_the_host()
    {
        Lab.Reset("web1-drop");
        var before = State();

        Lab.Json("dev1", "check", "web1:80");

        Assert.Equal(before, State());
    }

    [LabFact]
    public void Without_root_an_icmp_reject_is_still_told_from_an_rst_and_unreadable_rules_are_said()
    {
        Lab.Reset("web1-reject");
        var rejected = AsNobody("check", "web1:80");

        // IP_RECVERR needs no privilege: the ICMP port-unreachable and its sender are read all the same.
        rejected.ShouldBe("port.rejected", 1);
        Assert.Contains("10.1.2.5 itself", rejected.VerdictSummary, StringComparison.Ordinal);

        // A silent SYN makes reach read its own OUTPUT rules, which needs CAP_NET_ADMIN: said, not guessed.
        Lab.Reset("web1-drop");
        var filtered = AsNobody("check", "web1:80");

        filtered.ShouldBe("port.filtered", 1);
        Assert.Equal("inconclusive", filtered.Status("local"));
        Assert.Contains("CAP_NET_ADMIN", filtered.Check("local").GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    private static ReachRun AsNobody(params string[] args)
    {
        // A copy nobody may execute, wherever the repository lives (its parents may be closed to others).
        var copy = Path.Combine(Path.GetTempPath(), $"reach-nobody-{Environment.ProcessId}");
        File.Copy(Lab.Reach, copy, overwrite: true);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            var result = Lab.Exec("dev1", ["runuser", "-u", "nobody", "--", copy, .. args, "--json"], TimeSpan.FromSeconds(30));
            return new ReachRun(result, System.Text.Json.JsonDocument.Parse(result.Stdout));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    // Everything reach could conceivably touch in dev1: addresses, routes, rules, firewall, sysctls, resolver files.
    // IPv4 only for addresses and routes: IPv6 link-local addresses finish DAD on their own after the lab comes up.
    private static string State() => string.Join("\n---\n",
        Lab.Exec("dev1", ["ip", "-4", "-br", "addr"], TimeSpan.FromSeconds(10)).Stdout,
        Lab.Exec("dev1", ["ip", "-4", "route", "show", "table", "all"], TimeSpan.FromSeconds(10)).Stdout,
        Lab.Exec("dev1", ["ip", "rule"], TimeSpan.FromSeconds(10)).Stdout,
        // Chain packet counters move with any traffic; the rules themselves must not.
        Regex.Replace(Lab.Exec("dev1", ["iptables-save"], TimeSpan.FromSeconds(10)).Stdout, @"^#.*$|\[\d+:\d+\]", string.Empty, RegexOptions.Multiline),
        Lab.Exec("dev1", ["nft", "list", "ruleset"], TimeSpan.FromSeconds(10)).Stdout,
        Lab.Exec("dev1", ["sysctl", "-a", "--pattern", "^net\\.ipv4\\.(ip_forward|conf\\.eth0)"], TimeSpan.FromSeconds(10)).Stdout,
        Lab.Exec("dev1", ["cat", "/etc/resolv.conf", "/etc/hosts"], TimeSpan.FromSeconds(10)).Stdout);
}
