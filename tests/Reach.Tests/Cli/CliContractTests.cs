using System.Text;
using System.Text.Json;
using Reach.Cli;
using Reach.Cli.Commands;
using Reach.Cli.Rendering;
using Reach.Core.Assessment;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Text;
using Reach.Readers.Sources;
using Reach.Tests.Assessment;
using Xunit;

namespace Reach.Tests.Cli;

/// <summary>The command line's contract: exit codes, stdout/stderr discipline, and the JSON shape README.md shows.</summary>
public sealed class CliContractTests
{
    private static Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args) => InProcessCli.RunAsync(args);

    [Theory]
    [InlineData("web1:99999")]
    [InlineData(":80")]
    [InlineData("web1:http:80")]
    [InlineData("")]
    [InlineData("[::1")]
    [InlineData("gopherx://web1/")]
    [InlineData("web1")]
    public async Task Bad_targets_exit_2_with_a_message_on_stderr_only(string target)
    {
        var (exit, stdout, stderr) = await RunAsync("check", target, "--json");

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("reach: ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--timeout", "soon")]
    [InlineData("--timeout", "0")]
    [InlineData("--max-hops", "0")]
    [InlineData("--port", "abc")]
    public async Task Bad_options_exit_2(string option, string value)
    {
        var (exit, stdout, stderr) = await RunAsync("check", "web1:80", option, value);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.NotEmpty(stderr);
    }

    [Fact]
    public async Task Unknown_command_exits_2()
    {
        var (exit, stdout, _) = await RunAsync("frobnicate");

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Help_exits_0_and_describes_the_check_options()
    {
        var original = Console.Out;
        var help = new StringWriter();
        Console.SetOut(help);
        try
        {
            var (exit, _, _) = await RunAsync("check", "--help");
            Assert.Equal(0, exit);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Contains("--timeout", help.ToString(), StringComparison.Ordinal);
        Assert.Contains("--json", help.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_report_has_the_contract_shape()
    {
        var findings = ClientAssessment.Assess(Observe.Healthy);
        var (verdict, problems) = Diagnoser.Diagnose(findings, "fine");
        var report = new Report(new TargetInfo("web1:80", "web1", 80, [Observe.Web1]), verdict, findings, problems);
        var stream = new MemoryStream();

        JsonReportWriter.Write(stream, report);

        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        Assert.Equal("reach/1", root.GetProperty("schema").GetString());
        Assert.Equal(80, root.GetProperty("target").GetProperty("port").GetInt32());
        Assert.Equal("10.1.2.5", root.GetProperty("target").GetProperty("addresses")[0].GetString());
        Assert.Equal("ok", root.GetProperty("verdict").GetProperty("code").GetString());
        var link = root.GetProperty("checks")[0];
        Assert.Equal("link", link.GetProperty("layer").GetString());
        Assert.Equal("pass", link.GetProperty("status").GetString());
        Assert.Equal("link.up", link.GetProperty("code").GetString());
        Assert.Equal("/sys/class/net/eth0/carrier", link.GetProperty("evidence")[0].GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Number, link.GetProperty("ms").ValueKind);
        Assert.Equal(0, root.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public void Exit_code_follows_the_verdict()
    {
        Assert.Equal(ExitCode.Ok, CheckCommand.ExitFor(new Verdict(Codes.Ok, null, Message.Verbatim(""), Message.Verbatim(""))));
        Assert.Equal(ExitCode.Problem, CheckCommand.ExitFor(new Verdict(Codes.PortRejected, Layer.Port, Message.Verbatim(""), Message.Verbatim(""))));
        Assert.Equal(ExitCode.CannotRun, CheckCommand.ExitFor(new Verdict(Codes.Inconclusive, Layer.Port, Message.Verbatim(""), Message.Verbatim(""))));
    }
}
