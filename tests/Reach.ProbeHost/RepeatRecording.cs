using System.Collections.Concurrent;
using System.Globalization;
using Reach.Readers.Sources;

namespace Reach.ProbeHost;

/// <summary>
/// Records like <see cref="RecordingSystem"/>, and keeps a command asked again (the interfaces read at the start
/// and at the end of a check) as CMD.callN.stdout/.stderr/.rc beside the first answer, so a replay can give
/// each call its own answer: counters that moved during the run are part of what a check judges.
/// </summary>
internal sealed class RepeatRecording(ISystemSource live, string root) : ISystemSource
{
    private readonly RecordingSystem first = new(live, root);
    private readonly ConcurrentDictionary<string, int> calls = new();

    public string? ReadFile(string path) => first.ReadFile(path);

    public bool Exists(string path) => first.Exists(path);

    public IReadOnlyList<string> ListDirectory(string path) => first.ListDirectory(path);

    public async Task<CommandResult> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = SnapshotLayout.CommandPath(root, file, arguments);
        var n = calls.AddOrUpdate(path, 1, (_, c) => c + 1);
        if (n == 1)
        {
            return await first.RunAsync(file, arguments, cancellationToken).ConfigureAwait(false);
        }

        var result = await live.RunAsync(file, arguments, cancellationToken).ConfigureAwait(false);
        var call = FormattableString.Invariant($"{path}.call{n}");
        File.WriteAllText(call + ".stdout", result.Stdout);
        File.WriteAllText(call + ".stderr", result.Stderr);
        File.WriteAllText(call + ".rc", result.ExitCode.ToString(CultureInfo.InvariantCulture) + "\n");
        return result;
    }
}
