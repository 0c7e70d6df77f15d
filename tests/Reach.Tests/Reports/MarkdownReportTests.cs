using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Reach.Cli.Rendering;
using Reach.Core.Model;
using Reach.Core.Text;
using Reach.Tests.Assessment;
using Xunit;

namespace Reach.Tests.Reports;

/// <summary>The Markdown report, read back by a CommonMark parser (Markdig, with GitHub's pipe tables) as a ticket system would.</summary>
public sealed class MarkdownReportTests
{
    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UsePipeTables().Build();

    internal static string Render(Report report, string language = "en", IReadOnlyList<ReportPart>? others = null)
    {
        var text = new StringWriter();
        MarkdownReportWriter.Write(text, report, "reach check web1:80", ReportWords.For(language), others);
        return text.ToString();
    }

    [Fact]
    public void The_verdict_and_fix_come_first_then_a_table_with_one_row_per_layer()
    {
        var report = Sample.Build(Sample.Rejected);
        var md = Render(report);
        var doc = Markdown.Parse(md, Gfm);

        var tables = doc.Descendants<Table>().ToList();
        Assert.Equal(1 + report.Checks.Count(c => c.Evidence.Count > 0), tables.Count);
        var table = tables[0];
        Assert.Equal(1 + report.Checks.Count, table.Count);
        Assert.All(table.Cast<TableRow>(), row => Assert.Equal(4, row.Count));
        var html = Markdown.ToHtml(md, Gfm);
        Assert.Contains("<td><code>port.rejected</code></td>", html, StringComparison.Ordinal);
        Assert.True(md.IndexOf("**verdict:** `port.rejected`", StringComparison.Ordinal) < md.IndexOf("| layer |", StringComparison.Ordinal));
    }

    [Fact]
    public void Evidence_is_folded_in_details_and_a_pipe_in_it_stays_in_its_cell()
    {
        var finding = new Finding(Codes.FirewallReject, CheckStatus.Fail, Message.Verbatim("REJECT by rule 1"), [new Evidence("nft", "tcp dport 80 | counter reject")], Message.Verbatim("delete it"));
        var report = new Report(new TargetInfo("80/tcp", "10.1.2.5", 80, []), new Verdict(Codes.FirewallReject, Layer.Firewall, finding.Summary, finding.Fix!), [finding], [Codes.FirewallReject]);
        var md = Render(report);
        var html = Markdown.ToHtml(md, Gfm);

        Assert.Contains("<details><summary>firewall", html, StringComparison.Ordinal);
        // GFM unescapes "\|" inside a code span in a table (spec example 200); Markdig keeps the backslash. Either way one cell.
        Assert.Matches(@"<td><code>tcp dport 80 \\?\| counter reject</code></td>", html);
        var evidenceTable = Markdown.Parse(md, Gfm).Descendants<Table>().Last();
        Assert.All(evidenceTable.Cast<TableRow>(), row => Assert.Equal(2, row.Count));
    }

    [Fact]
    public void The_path_names_the_failing_hop()
    {
        var md = Render(Sample.Build(Sample.Prohibited));

        Assert.Contains("**✘ gateway 10.1.1.1**", md, StringComparison.Ordinal);
        Assert.Contains("> ✘ gateway 10.1.1.1: route.prohibited: ICMP admin-prohibited (3/13) from 10.1.1.1", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_end_renders_as_its_own_section_or_its_one_line_error()
    {
        var md = Render(Sample.Build(Observe.Healthy), others: [new ReportPart("server via ssh://web1", Sample.Build(Sample.Rejected)), new ReportPart("compare via ssh://dev2", null, "ssh: connect to host dev2 port 22: Connection refused")]);

        Assert.Contains("### ❌ Other end: server via ssh://web1", md, StringComparison.Ordinal);
        Assert.Contains("could not be asked: ssh: connect to host dev2 port 22: Connection refused", md, StringComparison.Ordinal);
        Assert.Equal(2, Markdown.Parse(md, Gfm).Descendants<Table>().Count(t => ((TableRow)t[0]).Count == 4));
    }
}
