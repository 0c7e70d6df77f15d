namespace Reach.Readers.Sources;

/// <summary>A system replayed from a directory that `reach snapshot` recorded (or a test fixture laid out the same way).</summary>
public sealed class SnapshotSystem(string root) : ISystemSource
{
    /// <summary>How a command the snapshot did not record answers (exit 127, on stderr).</summary>
    public const string NotRecorded = "not recorded in the snapshot";

    public string? ReadFile(string path)
    {
        var file = SnapshotLayout.FilePath(root, path);
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    public bool Exists(string path)
    {
        var file = SnapshotLayout.FilePath(root, path);
        return File.Exists(file) || Directory.Exists(file) || File.Exists(SnapshotLayout.ListingPath(root, path));
    }

    public IReadOnlyList<string> ListDirectory(string path)
    {
        var listing = SnapshotLayout.ListingPath(root, path);
        return File.Exists(listing) ? File.ReadAllLines(listing).Where(l => l.Length > 0).ToList() : [];
    }

    public Task<CommandResult> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = SnapshotLayout.CommandPath(root, file, arguments);
        if (!File.Exists(path + ".stdout"))
        {
            return Task.FromResult(new CommandResult(127, string.Empty, $"{NotRecorded}: {file} {string.Join(' ', arguments)}"));
        }

        var rc = File.Exists(path + ".rc") ? int.Parse(File.ReadAllText(path + ".rc").Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0;
        var stderr = File.Exists(path + ".stderr") ? File.ReadAllText(path + ".stderr") : string.Empty;
        return Task.FromResult(new CommandResult(rc, File.ReadAllText(path + ".stdout"), stderr));
    }
}
