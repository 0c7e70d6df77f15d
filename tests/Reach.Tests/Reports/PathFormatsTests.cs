using System.Net;
using System.Text.RegularExpressions;
using Reach.Cli.Rendering;
using Reach.Core.Contract;
using Reach.Core.Joining;
using Reach.Core.Model;
using Reach.Core.Paths;
using Reach.Core.Observations;
using Xunit;

namespace Reach.Tests.Reports;

/// <summary>
/// Text, Markdown and HTML draw the one path of the report: the same nodes in the same order, the same
/// node marked, in the same way (the node itself, or the link that leads to it). And the HTML's
/// evidence holds every line the text shows under --verbose.
/// </summary>
public sealed partial class PathFormatsTests
{
    public static TheoryData<string> Cases() => ["gw-prohibit", "r2-prohibit", "web1-down", "gw-forward-drop", "web1-reject"];

    private static ClientObservations Observed(string name) => name switch
    {
        "gw-prohibit" => Sample.Prohibited,
        "r2-prohibit" => Sample.ProhibitedBeyond,
        "web1-down" => Sample.HostDown,
        "gw-forward-drop" => Sample.ForwardDrop,
        _ => Sample.Rejected,
    };

    /// <summary>
    /// Reports the published binary wrote in the lab (tests/Reach.Tests/Fixtures/paths/FAULT.json): the node that
    /// failed, as its JSON path says and as every format draws it.
    /// </summary>
    public static TheoryData<string, string, string, string> Recorded() => new()
    {
        // fault, the marked node's role and address, and whether the node itself or the link to it failed
        { "gw-prohibit", "Gateway", "10.1.1.1", "node" },
        { "r2-prohibit", "Router", "10.1.9.2", "node" },
        { "web1-down", "Target", "10.1.2.5", "node" },
        { "gw-forward-drop", "Target", "10.1.2.5", "link" },
        { "web1-reject", "Target", "10.1.2.5", "node" },
    };

    [Theory]
    [MemberData(nameof(Recorded))]
    public void A_recorded_report_marks_the_node_that_failed_and_every_format_draws_it(string fault, string role, string address, string kind)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "paths", fault + ".json"));
        Assert.True(ReportJson.TryParse(json, out var report, out _, out var error), error);

        var marked = Assert.Single(report.Path!, h => h.Mark is PathMark.Fails or PathMark.LinkFails);
        Assert.Equal((role, address, kind), (marked.Role.ToString(), marked.Address?.ToString(), marked.Mark == PathMark.LinkFails ? "link" : "node"));
        Assert.NotNull(marked.Label);
        Assert.Contains(report.Verdict.Code.Name, marked.Label, StringComparison.Ordinal);
        FormatsAgree(report);
    }

    [Fact]
    public void A_neighbour_that_sent_its_path_is_drawn_its_own_way_in_every_format()
    {
        // dev1's recorded report with gw-forward-drop, as a neighbour would send it over --compare.
        Assert.True(ReportJson.TryParse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "paths", "gw-forward-drop.json")), out var theirs, out _, out var error), error);
        var report = Sample.Build(Sample.Rejected);
        IReadOnlyList<RemoteEnd> remotes = [new RemoteEnd(RemoteRole.Compare, "ssh://dev2", true, null, 100, theirs)];

        var lane = Assert.Single(CrossHostPath.Lanes(report, remotes));

        Assert.Equal([PathRole.Remote, PathRole.Gateway, PathRole.Target], lane.Hops.Select(h => h.Role));
        Assert.Equal([PathMark.Ok, PathMark.Ok, PathMark.LinkFails], lane.Hops.Select(h => h.Mark));
        Assert.Equal("dev2", lane.Hops[0].Name);
        var md = new StringWriter();
        MarkdownReportWriter.Write(md, report, "reach check web1:80", ReportWords.English, lanes: [lane]);
        Assert.Contains("**dev2: the same check from there (reach check):** neighbour dev2 → gateway 10.1.1.1 → ✘ ⋯ **web1 (10.1.2.5)**", md.ToString(), StringComparison.Ordinal);
        Assert.Contains("> ✘ the link to web1 (10.1.2.5) (from dev2): route.unreachable: silence after hop 1 (10.1.1.1)", md.ToString(), StringComparison.Ordinal);
        var svg = SvgMarks(HtmlReportTests.Render(report, lanes: [lane]));
        Assert.Equal(["thishost", "gateway", "target", "remote", "gateway", "target"], svg.Select(s => s.Role));
        Assert.Equal("link-fails", svg[^1].Mark);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_format_marks_the_node_the_model_marks(string name) => FormatsAgree(Sample.Build(Observed(name)));

    private static void FormatsAgree(Report report)
    {
        var path = report.Path!;
        var marked = path.Select((h, i) => (h, i)).Single(x => x.h.Mark is PathMark.Fails or PathMark.LinkFails);
        var kind = marked.h.Mark == PathMark.LinkFails ? "link" : "node";

        var text = TextPath(Text(report, verbose: false));
        var md = MarkdownPath(MarkdownReportTests.Render(report));
        var svg = SvgMarks(HtmlReportTests.Render(report));

        Assert.Equal(path.Count, text.Count);
        Assert.Equal(path.Count, md.Count);
        Assert.Equal(path.Count, svg.Count);
        Assert.Equal((marked.i, kind), Marked(text));
        Assert.Equal((marked.i, kind), Marked(md));
        Assert.Equal(path.Select(h => h.Role.ToString().ToLowerInvariant()), svg.Select(s => s.Role));
        Assert.Equal(marked.i, svg.FindIndex(s => s.Mark is "fails" or "link-fails"));
        Assert.Equal(kind, svg[marked.i].Mark == "link-fails" ? "link" : "node");
        Assert.Single(svg, s => s.Mark is "fails" or "link-fails");
        for (var i = 0; i < path.Count; i++)
        {
            // The node's address is written in every format.
            if (path[i].Address is IPAddress a)
            {
                Assert.Contains(a.ToString(), text[i], StringComparison.Ordinal);
                Assert.Contains(a.ToString(), md[i], StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_html_evidence_holds_every_line_the_verbose_text_shows(string name)
    {
        var report = Sample.Build(Observed(name));
        var html = HtmlReportTests.Render(report);
        var text = Text(report, verbose: true);

        Assert.NotEmpty(report.Checks.SelectMany(f => f.Evidence));
        foreach (var e in report.Checks.SelectMany(f => f.Evidence))
        {
            Assert.Contains($"             {e.Source}: {e.Detail}\n", text, StringComparison.Ordinal);
            Assert.Contains($"<td><code>{Html.Encode(e.Source)}</code></td><td><code>{Html.Encode(e.Detail)}</code></td>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_report_without_a_path_prints_no_path_line()
    {
        var report = Sample.Build(Sample.Rejected) with { Path = null };

        Assert.DoesNotContain("\n path ", Text(report, verbose: false), StringComparison.Ordinal);
    }

    private static string Text(Report report, bool verbose)
    {
        var text = new StringWriter();
        TextReportWriter.Write(ConsoleFactory.Create(text, interactive: false), report, "reach check web1:80", verbose);
        return text.ToString();
    }

    private static List<string> TextPath(string text) =>
        [.. text.Split('\n').Single(l => l.StartsWith(" path ", StringComparison.Ordinal))[" path ".Length..].Trim().Split(" → ")];

    private static List<string> MarkdownPath(string md) =>
        [.. md.Split('\n').Single(l => l.StartsWith("**Path:** ", StringComparison.Ordinal))["**Path:** ".Length..].Split(" → ")];

    // A node is marked with a ✘ before its name; a broken link with "✘ ⋯" before the node it leads to.
    private static (int, string) Marked(List<string> nodes)
    {
        var i = nodes.FindIndex(n => n.Contains('✘', StringComparison.Ordinal));
        Assert.Single(nodes, n => n.Contains('✘', StringComparison.Ordinal));
        return (i, nodes[i].Contains("✘ ⋯", StringComparison.Ordinal) ? "link" : "node");
    }

    private static List<(string Role, string Mark)> SvgMarks(string html) =>
        [.. HopGroup().Matches(html).Select(m => (m.Groups[2].Value, m.Groups[1].Value))];

    [GeneratedRegex("<g class=\"hop ([a-z-]+)\" data-role=\"(\\w+)\"")]
    private static partial Regex HopGroup();
}
