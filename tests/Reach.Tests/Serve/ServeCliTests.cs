using Reach.Cli;
using Reach.Cli.Commands;
using Reach.Core.Text;
using Reach.Serve.Cli;
using Reach.Tests.Reports;
using Xunit;

namespace Reach.Tests.Serve;

/// <summary>reach-serve's command line: its help said in every language, its bad input exit 2 before anything listens.</summary>
public sealed class ServeCliTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("ko")]
    public void Every_help_text_has_its_message_and_English_matches_the_code(string language)
    {
        using var run = CliRun.Create();
        var problems = new List<string>();
        foreach (var (key, get, _) in HelpText.Symbols(ServeCommand.Create(run.Context), "reach-serve"))
        {
            if (Catalog.English.Template(key) != get())
            {
                problems.Add($"en.json \"{key}\" differs from the code: {get()}");
            }

            if (!Catalog.For(language).Keys.Contains(key))
            {
                problems.Add($"{language}.json lacks \"{key}\"");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("--listen", "localhost:9917", "is not ADDRESS:PORT")]
    [InlineData("--listen", "10.1.2.5", "is not ADDRESS:PORT")]
    [InlineData("--listen", "0.0.0.0:9917", "refusing to listen on 0.0.0.0:9917 without authentication")]
    [InlineData("--config", "/nonexistent/reach.yml", "/nonexistent/reach.yml: cannot read it")]
    [InlineData("--token-file", "/nonexistent/token", "--token-file: cannot read /nonexistent/token")]
    public async Task Bad_input_is_exit_2_with_the_message_and_nothing_on_stdout(string option, string value, string message)
    {
        using var run = CliRun.Create();

        var exit = await ReachCli.RunAsync([option, value], run.Context, ServeCommand.Create);

        Assert.Equal(2, exit);
        Assert.Contains(message, run.Stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task An_invalid_config_is_exit_2_naming_its_line()
    {
        using var run = CliRun.Create();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "modules:\n  default:\n    allowed_targets:\n      - 10.0.0.0/8:http\n");

        var exit = await ReachCli.RunAsync(["--config", file], run.Context, ServeCommand.Create);

        Assert.Equal(2, exit);
        Assert.Contains($"{file} line 4: module 'default': '10.0.0.0/8:http': 'http' is not a port", run.Stderr.ToString(), StringComparison.Ordinal);
        File.Delete(file);
    }
}
