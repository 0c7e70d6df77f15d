using System.Text;
using Reach.Cli;
using Reach.Cli.Commands;
using Reach.Cli.Rendering;
using Reach.Readers.Sources;

namespace Reach.Tests.Reports;

/// <summary>The CLI run in-process on a captured snapshot, stdout, text console and stderr captured.</summary>
internal sealed class CliRun : IDisposable
{
    private readonly MemoryStream stdout = new();
    private readonly StringWriter text = new();

    private CliRun(string fixture)
    {
        Context = new CliContext(new SnapshotSystem(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)), stdout, ConsoleFactory.Create(text, false), Stderr);
    }

    public CliContext Context { get; }

    public StringWriter Stderr { get; } = new();

    public string Stdout => Encoding.UTF8.GetString(stdout.ToArray()) + text;

    public void Dispose()
    {
        stdout.Dispose();
        text.Dispose();
        Stderr.Dispose();
    }

    public static CliRun Create(string fixture = "web1-reject") => new(fixture);

    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var c = Create();
        var exit = await ReachCli.RunAsync(args, c.Context);
        return (exit, c.Stdout, c.Stderr.ToString());
    }
}
