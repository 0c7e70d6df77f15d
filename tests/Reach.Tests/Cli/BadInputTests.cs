using System.Text;
using Reach.Cli;
using Reach.Cli.Commands;
using Reach.Cli.Rendering;
using Reach.Readers.Sources;
using Xunit;

namespace Reach.Tests.Cli;

/// <summary>Bad input on the command line, run in-process: exit 2, a short reason on stderr, nothing on stdout.</summary>
public sealed class BadInputTests
{
    private static Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args) => InProcessCli.RunAsync(args);

    private static async Task<string> RefusedAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("reach: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
        return stderr;
    }

    [Theory]
    [InlineData("224.0.0.1:80", "multicast")]
    [InlineData("[ff02::1]:80", "multicast")]
    [InlineData("255.255.255.255:80", "limited broadcast")]
    [InlineData("0.0.0.0:80", "unspecified")]
    [InlineData("[::]:80", "unspecified")]
    public async Task Check_refuses_a_target_that_names_no_single_host(string target, string what)
    {
        Assert.Contains(what, await RefusedAsync("check", target), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("53/udp")]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("-1")]
    public async Task Check_port_option_that_is_not_a_tcp_port_is_said_in_words(string port)
    {
        var stderr = await RefusedAsync("check", "web1", "--port", port);

        Assert.Contains($"--port '{port}' is not a TCP port (1 to 65535); reach check probes TCP", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("0")]
    [InlineData("65")]
    public async Task Check_max_hops_out_of_range_is_said_in_words(string hops)
    {
        var stderr = await RefusedAsync("check", "web1:80", "--max-hops", hops);

        Assert.Contains($"--max-hops '{hops}' is not a whole number from 1 to 64", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ipv6_literal_without_port_hints_brackets()
    {
        Assert.Contains("[::1]:PORT", await RefusedAsync("check", "::1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_echoes_at_most_a_clip_of_a_5000_character_name()
    {
        var stderr = await RefusedAsync("check", new string('a', 5000) + ":80");

        Assert.True(stderr.Length < 250, stderr);
        Assert.Contains("…", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_echoes_at_most_a_clip_of_a_long_timeout()
    {
        var stderr = await RefusedAsync("check", "web1:80", "--timeout", new string('9', 5000) + "x");

        Assert.True(stderr.Length < 250, stderr);
    }

    [Theory]
    [InlineData("0", "'0' is not a port")]
    [InlineData("70000", "'70000' is not a port")]
    [InlineData("80/sctp", "the protocol must be tcp or udp")]
    [InlineData("http", "'http' is not a port")]
    public async Task Local_refuses_a_port_that_is_not_one(string port, string reason)
    {
        Assert.Contains(reason, await RefusedAsync("local", port), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage", "is not an IP address")]
    [InlineData("10", "is not an IP address")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("255.255.255.255", "limited broadcast")]
    [InlineData("0.0.0.0", "unspecified")]
    public async Task Local_refuses_a_client_address_no_packet_can_come_from(string from, string reason)
    {
        var stderr = await RefusedAsync("local", "80", "--from", from);

        Assert.Contains(reason, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_echoes_at_most_a_clip_of_a_long_from()
    {
        var stderr = await RefusedAsync("local", "80", "--from", new string('x', 5000));

        Assert.True(stderr.Length < 250, stderr);
    }
}
