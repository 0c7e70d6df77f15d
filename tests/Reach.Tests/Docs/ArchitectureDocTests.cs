using System.Text.RegularExpressions;
using Reach.Core.Model;
using Xunit;

namespace Reach.Tests.Docs;

/// <summary>
/// docs/architecture.md takes a newcomer from any verdict code to the file that decides it in one hop:
/// its table has a row for every code of Codes.cs, names files that exist, and no code Codes.cs lacks.
/// And no file of the repository cites a design document a cloner does not have.
/// </summary>
public sealed partial class ArchitectureDocTests
{
    private static readonly string[] Roots = ["src", "tests", "lab", "scripts", "docs", "bench"];

    private static string Doc => File.ReadAllText(Path.Combine(RepoFiles.Root, "docs", "architecture.md"));

    // Every code Codes.cs spells out (its fields and its not-checked/unknown tables), read from the source so
    // that a code added there fails here until the table has its row.
    private static IReadOnlyList<string> CodesInSource() =>
        [.. CodeLiteral().Matches(File.ReadAllText(Path.Combine(RepoFiles.Root, "src", "Reach.Core", "Model", "Codes.cs"))).Select(m => m.Groups[1].Value).Distinct()];

    private static Dictionary<string, string> Table()
    {
        var section = Doc[Doc.IndexOf("## Where each verdict is decided", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        return TableRow().Matches(section).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
    }

    [Fact]
    public void The_source_spells_every_code_the_program_knows()
    {
        // The test below reads Codes.cs as text: it must see what the program sees.
        var known = typeof(Codes).GetFields().Select(f => f.GetValue(null)).OfType<Code>().Select(c => c.Name)
            .Concat(Enum.GetValues<Layer>().SelectMany(l => new[] { Codes.NotChecked(l).Name, Codes.Unknown(l).Name }));

        Assert.Equal(known.Order(StringComparer.Ordinal), CodesInSource().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_code_has_a_row_that_names_the_file_that_decides_it()
    {
        var table = Table();

        Assert.All(CodesInSource(), code => Assert.True(table.ContainsKey(code), $"docs/architecture.md has no row for `{code}`"));
        Assert.All(table, row =>
        {
            var files = FilePath().Matches(row.Value).Select(m => m.Groups[1].Value).ToList();
            Assert.True(files.Count > 0, $"the row of `{row.Key}` names no file");
            Assert.All(files, f => Assert.True(File.Exists(Path.Combine(RepoFiles.Root, f)), $"`{row.Key}`: {f} does not exist"));
        });
    }

    [Fact]
    public void The_table_names_no_code_the_program_lacks()
    {
        var codes = CodesInSource().ToHashSet(StringComparer.Ordinal);

        Assert.All(Table().Keys, code => Assert.Contains(code, codes));
    }

    [Fact]
    public void No_file_cites_a_design_document_that_is_not_in_the_repository()
    {
        // DESIGN.md was a planning note outside the repository: a reference must point at a file a cloner has.
        var roots = Roots.Select(d => Path.Combine(RepoFiles.Root, d)).Where(Directory.Exists);
        var citing = roots.SelectMany(r => Directory.EnumerateFiles(r, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetExtension(f) is ".cs" or ".sh" or ".md" or ".csproj" or ".props" or ".json")
            .Where(f => File.ReadAllText(f).Contains("DESIGN.md", StringComparison.Ordinal) && !f.EndsWith("ArchitectureDocTests.cs", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepoFiles.Root, f))
            .ToList();

        Assert.Empty(citing);
    }

    [GeneratedRegex("new\\(\"([a-z]+(?:\\.[a-z-]+)?)\"")]
    private static partial Regex CodeLiteral();

    [GeneratedRegex("^\\| `([a-z]+(?:\\.[a-z-]+)?)` \\| (.+) \\|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex("`((?:src|tests)/[^`]+\\.cs)`")]
    private static partial Regex FilePath();
}
