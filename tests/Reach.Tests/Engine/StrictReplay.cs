using System.Collections.Concurrent;
using Reach.Core.Model;
using Reach.Core.Targets;
using Reach.Engine;
using Reach.Readers.Sources;
using Xunit;

namespace Reach.Tests.Engine;

/// <summary>
/// A recorded system that notes every command it was asked for and did not record: a replay that asks
/// something the real run never asked is not replaying that run (the scripted probes led elsewhere). A
/// command the real run asked again answers as it did then (CMD.callN.*, recorded by the ProbeHost's
/// record-check): the interfaces' counters at the end of a check are not those at its start.
/// </summary>
internal sealed class StrictReplay(string root) : ISystemSource
{
    private readonly SnapshotSystem snapshot = new(root);
    private readonly ConcurrentDictionary<string, int> calls = new();

    public ConcurrentQueue<string> NotRecorded { get; } = new();

    /// <summary>
    /// `reach check TARGET` on the system recorded in Fixtures/check/<paramref name="fixture"/>, the probes answered by
    /// <paramref name="network"/> on its fake clock; fails when the run asked what the real one did not.
    /// </summary>
    public static async Task<Report> CheckAsync(string fixture, ScriptedNetwork network, string target = "web1:80")
    {
        var source = new StrictReplay(Path.Combine(AppContext.BaseDirectory, "Fixtures", "check", fixture));
        var options = new ProbeOptions(ProbeOptions.DefaultTimeout, ProbeOptions.DefaultMaxHops);
        var report = await FakeClock.RunAsync(network.Time, () => ClientCheck.RunAsync(TargetParser.Parse(target).Target!, options, source, network.Probes, CancellationToken.None));
        Assert.True(source.NotRecorded.IsEmpty, "asked what the real run did not: " + string.Join("; ", source.NotRecorded));
        return report;
    }

    /// <summary>Every command asked, in order: what a run costs in processes.</summary>
    public ConcurrentQueue<string> Asked { get; } = new();

    public string? ReadFile(string path) => snapshot.ReadFile(path);

    public bool Exists(string path) => snapshot.Exists(path);

    public IReadOnlyList<string> ListDirectory(string path) => snapshot.ListDirectory(path);

    public async Task<CommandResult> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        Asked.Enqueue($"{file} {string.Join(' ', arguments)}");
        var path = SnapshotLayout.CommandPath(root, file, arguments);
        var n = calls.AddOrUpdate(path, 1, (_, c) => c + 1);
        var call = FormattableString.Invariant($"{path}.call{n}");
        if (n > 1 && File.Exists(call + ".stdout"))
        {
            return new CommandResult(
                int.Parse(File.ReadAllText(call + ".rc").Trim(), System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(call + ".stdout"), File.ReadAllText(call + ".stderr"));
        }

        var result = await snapshot.RunAsync(file, arguments, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == 127 && result.Stderr.StartsWith("not recorded", StringComparison.Ordinal))
        {
            NotRecorded.Enqueue($"{file} {string.Join(' ', arguments)}");
        }

        return result;
    }
}
