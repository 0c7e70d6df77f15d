namespace Reach.Tests;

/// <summary>The repository's own files (docs, fixtures) as the tests see them.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "reach.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (reach.slnx) above " + AppContext.BaseDirectory);
    }
}
