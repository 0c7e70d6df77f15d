using System.Text;
using Reach.Cli;
using Reach.Cli.Commands;
using Reach.Cli.Rendering;
using Reach.Readers.Sources;

namespace Reach.Tests.Cli;

/// <summary>Runs the CLI in this process over the recorded dev1 snapshot, capturing exit code, stdout and stderr.</summary>
internal static class InProcessCli
{
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new MemoryStream();
        var text = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(new SnapshotSystem(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dev1-healthy")), stdout,
            ConsoleFactory.Create(text, false), stderr);
        var exit = await ReachCli.RunAsync(args, context);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()) + text, stderr.ToString());
    }
}
