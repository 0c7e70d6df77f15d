namespace Reach.Readers.Sources;

/// <summary>How a snapshot directory is laid out: files under files/, each command under cmd/ by a stable name.</summary>
public static class SnapshotLayout
{
    public static string FilePath(string root, string path) => Path.Combine(root, "files", path.TrimStart('/'));

    public static string CommandPath(string root, string file, IReadOnlyList<string> arguments)
    {
        var name = string.Join('_', new[] { Path.GetFileName(file) }.Concat(arguments))
            .Replace('/', '%').Replace(' ', '_');
        return Path.Combine(root, "cmd", name);
    }

    public static string ListingPath(string root, string path) => FilePath(root, path) + ".listing";
}
