using System.Globalization;

namespace Reach.Readers.Sources;

/// <summary>
/// Passes reads through to another source and writes what it saw into a snapshot directory, so that
/// <see cref="SnapshotSystem"/> replays exactly what the readers saw on the field.
/// </summary>
public sealed class RecordingSystem(ISystemSource inner, string root) : ISystemSource
{
    private readonly Lock _gate = new();

    public string? ReadFile(string path)
    {
        var text = inner.ReadFile(path);
        if (text is not null)
        {
            Write(SnapshotLayout.FilePath(root, path), text);
        }

        return text;
    }

    public bool Exists(string path)
    {
        var exists = inner.Exists(path);
        if (exists)
        {
            ListDirectory(path);
        }

        return exists;
    }

    public IReadOnlyList<string> ListDirectory(string path)
    {
        // A listing file stands for "this path exists": write one only for what does.
        var entries = inner.ListDirectory(path);
        if (inner.Exists(path))
        {
            Write(SnapshotLayout.ListingPath(root, path), string.Join('\n', entries) + "\n");
        }

        return entries;
    }

    public async Task<CommandResult> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await inner.RunAsync(file, arguments, cancellationToken).ConfigureAwait(false);
        var path = SnapshotLayout.CommandPath(root, file, arguments);
        Write(path + ".stdout", result.Stdout);
        Write(path + ".stderr", result.Stderr);
        Write(path + ".rc", result.ExitCode.ToString(CultureInfo.InvariantCulture) + "\n");
        return result;
    }

    private void Write(string path, string text)
    {
        lock (_gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }
}
