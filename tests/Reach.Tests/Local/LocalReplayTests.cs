using System.Text;
using System.Text.Json;
using Reach.Cli;
using Reach.Cli.Commands;
using Reach.Cli.Rendering;
using Reach.Readers.Parsing;
using Reach.Readers.Sources;
using Xunit;

namespace Reach.Tests.Local;

/// <summary>`reach local` end to end over snapshots recorded on the lab's web1: the real rules, parsed, traced and judged without root.</summary>
public sealed class LocalReplayTests
{
    private static async Task<(int Exit, JsonElement Report)> LocalAsync(string snapshot, params string[] args)
    {
        var stdout = new MemoryStream();
        var context = new CliContext(new SnapshotSystem(Path.Combine(AppContext.BaseDirectory, "Fixtures", snapshot)), stdout,
            ConsoleFactory.Create(new StringWriter(), false), new StringWriter());
        var exit = await ReachCli.RunAsync(["local", .. args, "--json"], context);
        return (exit, JsonDocument.Parse(Encoding.UTF8.GetString(stdout.ToArray())).RootElement);
    }

    [Fact]
    public async Task Seed_reject_rule_is_named_from_the_recorded_iptables_save()
    {
        var (exit, report) = await LocalAsync("web1-reject", "80", "--from", "10.1.1.7");

        Assert.Equal(1, exit);
        var verdict = report.GetProperty("verdict");
        Assert.Equal("firewall.reject", verdict.GetProperty("code").GetString());
        Assert.Contains("iptables filter/INPUT rule 1: -A INPUT -p tcp -m tcp --dport 80 -j REJECT", verdict.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("10.1.2.5", report.GetProperty("target").GetProperty("addresses")[0].GetString());
    }

    [Fact]
    public async Task Other_ports_pass_the_same_firewall()
    {
        var (_, report) = await LocalAsync("web1-reject", "22", "--from", "10.1.1.7");

        Assert.Equal("listener.none", report.GetProperty("verdict").GetProperty("code").GetString());
        Assert.Equal("pass", report.GetProperty("checks")[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ipv6_only_listener_is_wrong_family_for_an_ipv4_client()
    {
        var (exit, report) = await LocalAsync("web1-v6only-listener", "80", "--from", "10.1.1.7");

        Assert.Equal(1, exit);
        Assert.Equal("listener.wrong-family", report.GetProperty("verdict").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_v6only_socket_on_a_host_whose_default_is_dual_stack_is_the_programs_own_setting()
    {
        // Recorded with net.ipv6.bindv6only as a fresh namespace has it (0): the sysctl is not what to change.
        var (_, report) = await LocalAsync("web1-v6only-listener", "80", "--from", "10.1.1.7");

        var fix = report.GetProperty("verdict").GetProperty("fix").GetString();
        Assert.Contains("sets IPV6_V6ONLY itself", fix, StringComparison.Ordinal);
        Assert.DoesNotContain("bindv6only=0", fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("80", 80, "tcp")]
    [InlineData("53/udp", 53, "udp")]
    [InlineData("443/TCP", 443, "tcp")]
    public void Port_argument_takes_an_optional_protocol(string text, int port, string protocol)
    {
        Assert.Equal((port, protocol), LocalCommand.ParsePort(text));
    }

    [Theory]
    [InlineData("80/sctp")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("http")]
    [InlineData("")]
    public void Bad_port_argument_is_a_usage_error(string text)
    {
        var e = Assert.Throws<ReachException>(() => LocalCommand.ParsePort(text));
        Assert.Equal(ExitCode.Usage, e.ExitCode);
    }

    [Fact]
    public void Listen_overflows_are_read_from_proc_net_netstat()
    {
        var counters = NetstatParser.Parse("TcpExt: SyncookiesSent ListenOverflows ListenDrops\nTcpExt: 0 17 17\nIpExt: InNoRoutes\nIpExt: 2\n");

        Assert.Equal(17, counters["TcpExt.ListenOverflows"]);
        Assert.Equal(2, counters["IpExt.InNoRoutes"]);
    }
}
