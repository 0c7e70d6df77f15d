namespace Reach.Tests.Contract;

/// <summary>Every reach/1 report recorded from the real CLI in the fixtures: the joins' pairs and the reports of Fixtures/reports.</summary>
internal static class RecordedReports
{
    private static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Paths relative to Fixtures, for test names.</summary>
    public static IEnumerable<object[]> All() =>
        Directory.EnumerateFiles(Fixtures, "*.json", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("\"schema\": \"reach/1\"", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Fixtures, f))
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { f });

    public static string Read(string relative) => File.ReadAllText(Path.Combine(Fixtures, relative));
}
