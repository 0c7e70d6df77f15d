using Reach.Cli.Commands;
using Reach.Cli.Explain;
using Xunit;

namespace Reach.Tests.Reports;

/// <summary>`reach explain CODE` and docs/verdicts.md are one text: the binary embeds the file, and every code has its row in every language.</summary>
public sealed class ExplainTests
{
    public static TheoryData<string> Documents() => ["verdicts.md", "verdicts.ko.md"];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_code_the_program_can_emit_is_explained(string document)
    {
        var docs = VerdictDocs.Parse(document, File.ReadAllText(Path.Combine(RepoFiles.Root, "docs", document)));

        var missing = ExplainCommand.AllCodes().Where(c => docs.Find(c) is null).ToList();

        Assert.True(missing.Count == 0, $"docs/{document} lacks: {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("en", "verdicts.md")]
    [InlineData("ko", "verdicts.ko.md")]
    public void The_embedded_explanations_are_the_documents_in_the_repository(string language, string document)
    {
        var onDisk = VerdictDocs.Parse(language, File.ReadAllText(Path.Combine(RepoFiles.Root, "docs", document)));

        Assert.Equal(onDisk.Entries, VerdictDocs.For(language).Entries);
    }

    [Fact]
    public void The_Korean_document_explains_nothing_the_English_one_does_not()
    {
        var en = VerdictDocs.For("en").Entries.Select(e => e.Code).ToHashSet();

        var extra = VerdictDocs.For("ko").Entries.Select(e => e.Code).Where(c => !en.Contains(c)).ToList();

        Assert.True(extra.Count == 0, string.Join(", ", extra));
    }

    [Fact]
    public async Task Explain_prints_the_row_of_the_document()
    {
        var row = File.ReadAllLines(Path.Combine(RepoFiles.Root, "docs", "verdicts.md")).Single(l => l.StartsWith("| `port.rejected` |", StringComparison.Ordinal));
        var cells = row.Trim('|').Split(" | ").Select(c => c.Trim().Replace("**", string.Empty, StringComparison.Ordinal)).ToArray();

        var (exit, stdout, stderr) = await CliRun.RunAsync("explain", "port.rejected");

        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        Assert.StartsWith("port.rejected\n", stdout, StringComparison.Ordinal);
        foreach (var cell in cells[1..])
        {
            Assert.Contains(cell, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Explain_in_Korean_prints_the_Korean_row()
    {
        var (exit, stdout, _) = await CliRun.RunAsync("explain", "port.rejected", "--lang", "ko");

        Assert.Equal(0, exit);
        Assert.Contains("의미:\n  SYN에 ICMP unreachable이 돌아옵니다", stdout, StringComparison.Ordinal);
        Assert.Contains("`web1-reject`", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("port.nonsense", "'port.nonsense' is not a verdict code")]
    [InlineData("", "'' is not a verdict code")]
    public async Task An_unknown_code_is_a_usage_error(string code, string message)
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync("explain", code);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("reach: " + message, stderr, StringComparison.Ordinal);
    }
}
