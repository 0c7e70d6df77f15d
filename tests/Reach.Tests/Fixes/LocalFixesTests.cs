using System.Text;
using System.Text.Json;
using Reach.Cli;
using Reach.Cli.Commands;
using Reach.Cli.Rendering;
using Reach.Core.Fixes;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Readers.Parsing;
using Reach.Readers.Sources;
using Xunit;

namespace Reach.Tests.Fixes;

/// <summary>
/// `reach local`'s verdict.actions over the snapshot recorded on the lab's web1 with the seed's REJECT: the
/// real rules, traced; the action is the exact command for that rule, and the persist command is the one
/// the host's distribution and tools keep rules with.
/// </summary>
public sealed class LocalFixesTests
{
    private static async Task<(int Exit, JsonElement Report, string Text)> LocalAsync(string snapshot, bool json, params string[] args)
    {
        var stdout = new MemoryStream();
        var text = new StringWriter();
        var context = new CliContext(new SnapshotSystem(Path.Combine(AppContext.BaseDirectory, "Fixtures", snapshot)), stdout,
            ConsoleFactory.Create(text, false), new StringWriter());
        var exit = await ReachCli.RunAsync(json ? ["local", .. args, "--json"] : ["local", .. args], context);
        var output = Encoding.UTF8.GetString(stdout.ToArray());
        return (exit, json ? JsonDocument.Parse(output).RootElement : default, text + output);
    }

    [Fact]
    public async Task Seed_reject_gets_an_accept_for_the_client_before_the_rule()
    {
        var (_, report, _) = await LocalAsync("web1-reject", true, "80", "--from", "10.1.1.7");

        var action = Assert.Single(report.GetProperty("verdict").GetProperty("actions").EnumerateArray());
        Assert.Equal("this host", action.GetProperty("on").GetString());
        Assert.Equal("iptables -t filter -I INPUT 1 -s 10.1.1.7 -p tcp --dport 80 -j ACCEPT", action.GetProperty("run").GetString());
        // The snapshot recorded no tool that saves rules: no persist command is invented.
        Assert.Equal(JsonValueKind.Null, action.GetProperty("persist").ValueKind);
        Assert.Contains("before rule 1 of iptables filter/INPUT", action.GetProperty("why").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_report_shows_the_command_under_the_fix()
    {
        var (_, _, text) = await LocalAsync("web1-reject", false, "80", "--from", "10.1.1.7");

        var lines = text.Split('\n');
        var fix = Array.FindIndex(lines, l => l.TrimStart().StartsWith("fix", StringComparison.Ordinal));
        Assert.True(fix >= 0, text);
        Assert.StartsWith(" run", lines[fix + 1], StringComparison.Ordinal);
        Assert.EndsWith("iptables -t filter -I INPUT 1 -s 10.1.1.7 -p tcp --dport 80 -j ACCEPT", lines[fix + 1].TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_the_firewall_lets_through_gets_no_firewall_action()
    {
        var (_, report, _) = await LocalAsync("web1-reject", true, "22", "--from", "10.1.1.7");

        Assert.Equal("listener.none", report.GetProperty("verdict").GetProperty("code").GetString());
        Assert.Empty(report.GetProperty("verdict").GetProperty("actions").EnumerateArray());
    }

    [Fact]
    public void Debian_os_release_is_the_debian_family()
    {
        var (id, like) = OsReleaseParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "os-release", "debian-12.txt")));

        Assert.Equal("debian", id);
        Assert.Empty(like);
        Assert.True(new HostFacts(id, like, new HashSet<HostTool>()).IsDebianFamily);
    }

    [Theory]
    [InlineData("ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n", true, false)]
    [InlineData("ID=ubuntu\nID_LIKE=debian\n", false, true)]
    public void Id_like_decides_the_family(string text, bool redHat, bool debian)
    {
        var (id, like) = OsReleaseParser.Parse(text);
        var host = new HostFacts(id, like, new HashSet<HostTool> { HostTool.NftablesService });

        Assert.Equal(redHat, host.IsRedHatFamily);
        Assert.Equal(debian, host.IsDebianFamily);
        Assert.Equal(redHat ? "/etc/sysconfig/nftables.conf" : "/etc/nftables.conf", host.NftablesConfig);
    }

    [Fact]
    public void Rp_filter_fix_sets_loose_mode_on_all_and_the_interface_and_keeps_it_in_sysctl_d()
    {
        var action = Assert.Single(SysctlFixes.RpFilterLoose(new ReversePathProbe("eth1", System.Net.IPAddress.Parse("10.1.2.5"), 1, null, null, false)));

        Assert.Equal("sysctl -w net.ipv4.conf.all.rp_filter=2 net.ipv4.conf.eth1.rp_filter=2", action.Run);
        Assert.Equal("printf '%s\\n' 'net.ipv4.conf.all.rp_filter = 2' 'net.ipv4.conf.eth1.rp_filter = 2' > /etc/sysctl.d/60-reach-rp-filter.conf", action.Persist);
    }

    [Fact]
    public void An_interface_name_with_a_dot_is_written_in_the_slash_form()
    {
        var action = Assert.Single(SysctlFixes.RpFilterLoose(new ReversePathProbe("eth0.100", System.Net.IPAddress.Parse("10.1.2.5"), 1, null, null, false)));

        Assert.Contains("net/ipv4/conf/eth0.100/rp_filter=2", action.Run, StringComparison.Ordinal);
    }
}
