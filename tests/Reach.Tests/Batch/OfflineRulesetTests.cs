using System.Text.Json;
using Reach.Tests.Cli;
using Xunit;

namespace Reach.Tests.Batch;

/// <summary>
/// --ruleset end to end without root: web1's recorded snapshot (the seed's REJECT on 80, a listener on 80)
/// as the host, and a real capture (scenario 02: DROP 8080) as the proposed rules that replace its own.
/// The CLI runs over dev1's snapshot, so nothing of web1 can come from the context by accident.
/// </summary>
public sealed class OfflineRulesetTests : IDisposable
{
    private static readonly string Web1 = Path.Combine(AppContext.BaseDirectory, "Fixtures", "web1-reject");
    private static readonly string DropPort = Path.Combine(RepoFiles.Root, "tests", "Reach.Firewall.Tests", "Fixtures", "scenarios", "02-drop-port", "iptables-save.txt");
    private readonly string dir = Directory.CreateTempSubdirectory("reach-offline-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Code(string json) => JsonDocument.Parse(json).RootElement.GetProperty("verdict").GetProperty("code").GetString()!;

    [Fact]
    public async Task A_snapshot_alone_is_its_host_with_its_own_rules()
    {
        var (exit, stdout, _) = await InProcessCli.RunAsync("local", "80", "--from", "10.1.1.7", "--ruleset", Web1, "--json");

        Assert.Equal(1, exit);
        Assert.Equal("firewall.reject", Code(stdout));
        Assert.Contains("10.1.2.5", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proposed_recent_list_that_does_not_exist_yet_starts_empty()
    {
        // ufw's limit pair on 2222 (`recent --set`, then `--update --hitcount 6 --name DEFAULT`), from the corpus:
        // its list does not exist on a host where the rules are not loaded; loading them creates it empty,
        // so one client's first SYN is under the limit, as it is live.
        var ufw = Path.Combine(RepoFiles.Root, "tests", "Reach.Firewall.Tests", "Fixtures", "corpus", "ufw", "iptables-save.txt");

        var (_, stdout, _) = await InProcessCli.RunAsync("local", "2222", "--from", "10.1.1.7", "--ruleset", Web1, "--ruleset", ufw, "--json");

        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.NotEqual("inconclusive", Code(stdout));
        var firewall = root.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("layer").GetString() == "firewall");
        Assert.Equal("firewall.ok", firewall.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_proposed_file_replaces_the_recorded_rules()
    {
        var (exit, stdout, _) = await InProcessCli.RunAsync("local", "80", "--from", "10.1.1.7", "--ruleset", Web1, "--ruleset", DropPort, "--json");

        Assert.Equal(0, exit);
        Assert.Equal("ok", Code(stdout));
        Assert.Contains("02-drop-port/iptables-save.txt (iptables-save)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_does_not_parse_is_exit_2_naming_the_line_and_nothing_on_stdout()
    {
        var bad = Write("rules.v4", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 80 -j REJECT\n-A INPT -j DROP\nCOMMIT\n");

        var (exit, stdout, stderr) = await InProcessCli.RunAsync("local", "80", "--from", "10.1.1.7", "--ruleset", Web1, "--ruleset", bad);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains($"{bad}, line 4: chain INPT was not declared", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("table inet filter {\n  chain input { type filter hook input priority 0; }\n}\n", "nft's text format")]
    [InlineData("hello world\n", "line 1: not iptables-save")]
    public async Task Other_files_are_exit_2_saying_what_they_are_not(string text, string said)
    {
        var (exit, stdout, stderr) = await InProcessCli.RunAsync("local", "80", "--ruleset", Write("x", text));

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(said, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_and_a_directory_that_is_no_snapshot_are_exit_2()
    {
        Assert.Equal(2, (await InProcessCli.RunAsync("local", "80", "--ruleset", Path.Combine(dir, "absent"))).Exit);
        Assert.Equal(2, (await InProcessCli.RunAsync("local", "80", "--ruleset", dir)).Exit);
        Assert.Equal(2, (await InProcessCli.RunAsync("local", "80", "--from", "10.1.1.7", "--watch", "--ruleset", Web1)).Exit);
    }

    [Fact]
    public async Task Batch_with_a_ruleset_traces_the_flows_to_its_host_and_skips_the_others()
    {
        var flows = Write("flows.yaml", """
            flows:
              - { name: web-from-here, to: 10.1.2.5:80, expect: reachable }
              - { name: web-from-dev2, from: ssh://10.1.1.8, to: 10.1.2.5:80, expect: reachable }
              - { name: gw-ssh, to: 10.1.1.1:22, expect: blocked }
            """);

        var (before, beforeOut, _) = await InProcessCli.RunAsync("batch", flows, "--ruleset", Web1, "--format", "json");
        var (after, afterOut, _) = await InProcessCli.RunAsync("batch", flows, "--ruleset", Web1, "--ruleset", DropPort, "--format", "json");

        Assert.Equal(1, before);
        Assert.Equal(0, after);
        var b = JsonDocument.Parse(beforeOut).RootElement.GetProperty("flows");
        var a = JsonDocument.Parse(afterOut).RootElement.GetProperty("flows");
        Assert.Equal(["firewall.reject", "firewall.reject", null], b.EnumerateArray().Select(f => f.GetProperty("code").GetString()));
        Assert.Equal(["ok", "ok", null], a.EnumerateArray().Select(f => f.GetProperty("code").GetString()));
        Assert.Equal("skipped", a[2].GetProperty("status").GetString());
        // This host's source is its kernel's choice towards web1 (dev1's recorded route); dev2's is its address.
        Assert.Contains("--from 10.1.1.7 --to 10.1.2.5", a[0].GetProperty("via").GetString(), StringComparison.Ordinal);
        Assert.Contains("--from 10.1.1.8 --to 10.1.2.5", a[1].GetProperty("via").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_text_says_one_line_per_flow_and_the_tally()
    {
        var flows = Write("flows.yaml", """
            flows:
              - { name: web, from: ssh://10.1.1.8, to: 10.1.2.5:80, expect: firewall.reject }
              - { name: web-blocked, from: ssh://10.1.1.8, to: 10.1.2.5:80, expect: reachable }
            """);

        var (exit, stdout, _) = await InProcessCli.RunAsync("batch", flows, "--ruleset", Web1);

        Assert.Equal(1, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Offline, nothing probed", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("PASS  web (ssh://10.1.1.8 -> 10.1.2.5:80): expected firewall.reject, got firewall.reject", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("FAIL  web-blocked (ssh://10.1.1.8 -> 10.1.2.5:80): expected reachable, got firewall.reject", lines[2], StringComparison.Ordinal);
        Assert.Equal("1 as expected, 1 not", lines[3]);
    }

    [Fact]
    public async Task Batch_bad_flows_file_is_exit_2_naming_the_line()
    {
        var flows = Write("flows.yaml", "flows:\n  - { to: 10.1.2.5:80, expect: reachable }\n  - { to: 10.1.2.5:80, expect: blokced }\n");

        var (exit, stdout, stderr) = await InProcessCli.RunAsync("batch", flows, "--ruleset", Web1);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains($"{flows}, line 3: expect 'blokced'", stderr, StringComparison.Ordinal);
    }
}
