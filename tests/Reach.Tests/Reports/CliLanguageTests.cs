using System.Text.RegularExpressions;
using Reach.Cli.Rendering;
using Reach.Core.Joining;
using Reach.Core.Model;
using Reach.Core.Paths;
using Reach.Core.Text;
using Reach.Tests.Cli;
using Xunit;

namespace Reach.Tests.Reports;

/// <summary>What the CLI itself says (its errors and the --server/--compare report) is in the reader's language, and English is what it was.</summary>
public sealed partial class CliLanguageTests
{
    private static Report Load(string pair, string end)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "joins", pair, end + ".json"));
        Assert.True(ReportJsonParser.TryParse(text, out var report, out var error), error);
        return report;
    }

    private static (Report Joined, IReadOnlyList<RemoteEnd> Remotes) Server(string pair)
    {
        IReadOnlyList<RemoteEnd> remotes = [new RemoteEnd(RemoteRole.Server, "ssh://web1", true, null, 120, Load(pair, "server"))];
        return (CrossHostJoin.Join(Load(pair, "local"), remotes), remotes);
    }

    [Fact]
    public async Task A_bad_target_is_refused_in_Korean_with_the_same_exit_status()
    {
        var (exit, stdout, stderr) = await InProcessCli.RunAsync("check", "0.0.0.0:80", "--lang", "ko");

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Equal("reach: '0.0.0.0:80': 0.0.0.0은(는) 미지정 주소입니다: 어떤 호스트도 가리키지 않습니다. 접속하려는 호스트의 주소를 지정하세요 (이 호스트라면 127.0.0.1)\n", stderr);
    }

    [Fact]
    public async Task The_same_error_in_English_is_the_sentence_it_always_was()
    {
        var (exit, _, stderr) = await InProcessCli.RunAsync("check", "0.0.0.0:80", "--lang", "en");

        Assert.Equal(2, exit);
        Assert.Equal("reach: '0.0.0.0:80': 0.0.0.0 is the unspecified address: it names no host; give the address of the host to reach (127.0.0.1 for this one)\n", stderr);
    }

    [Theory]
    [InlineData(new[] { "check", "web1:80", "--timeout", "soon" }, "--timeout 'soon'은(는) 2, 1.5s, 500ms 같은 시간 값이 아닙니다 (최대 60s)")]
    [InlineData(new[] { "check", "web1:80", "--server", "web1" }, "--server: 'web1'은(는) ssh:// 주소가 아닙니다 (ssh://[USER@]HOST[:PORT])")]
    [InlineData(new[] { "check", "web1..example:80" }, "'web1..example:80': 호스트 이름에 빈 레이블이 있습니다 (점이 두 개 연달아 있음)")]
    [InlineData(new[] { "check", "bu\u0308cher.example:80" }, "'bu\u0308cher.example:80': 이름에 결합 부호 U+0308이(가) 들어 있습니다")]
    [InlineData(new[] { "check", "b\u00fccher_x.example:80" }, "'b\u00fccher_x.example:80': '_'은(는) 호스트 이름에 쓸 수 없습니다")]
    [InlineData(new[] { "local", "80/sctp" }, "'80/sctp': 프로토콜은 tcp 또는 udp여야 합니다")]
    [InlineData(new[] { "local", "80", "--watch" }, "--watch에는 --from ADDR이 필요합니다")]
    [InlineData(new[] { "check", "web1" }, "'web1': 포트가 없습니다. web1:PORT, --port PORT, 또는 http://web1/ 같은 URL을 쓰세요")]
    public async Task Command_errors_speak_Korean(string[] args, string expected)
    {
        var (exit, _, stderr) = await InProcessCli.RunAsync([.. args, "--lang", "ko"]);

        Assert.Equal(2, exit);
        Assert.StartsWith("reach: " + expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void No_command_error_is_an_English_literal()
    {
        // A ReachException from a string would stay English in every language: commands throw messages (error.* keys).
        var offenders = Directory.EnumerateFiles(Path.Combine(RepoFiles.Root, "src", "Reach.Cli"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => LiteralException().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}")
            .ToList();

        Assert.True(offenders.Count == 0, "English literals thrown: " + string.Join(", ", offenders));
    }

    [Fact]
    public void The_cross_host_report_in_Korean_says_its_headings_and_the_servers_findings()
    {
        var (joined, remotes) = Server("web1-drop");
        var text = new StringWriter();

        CrossHostTextWriter.Write(ConsoleFactory.Create(text, false), joined, remotes, "reach check web1:80", verbose: false, ReportWords.For("ko"));

        var output = text.ToString();
        Assert.Contains(" 이 호스트", output, StringComparison.Ordinal);
        Assert.Contains(" 서버 ssh://web1", output, StringComparison.Ordinal);
        Assert.Contains("그쪽 판정: firewall.drop", output, StringComparison.Ordinal);
        Assert.Contains(" 판정  firewall.drop", output, StringComparison.Ordinal);
        Assert.DoesNotContain("its verdict", output, StringComparison.Ordinal);
        Assert.DoesNotContain("this host\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cross_host_report_in_English_keeps_its_words()
    {
        var (joined, remotes) = Server("web1-drop");
        var text = new StringWriter();

        CrossHostTextWriter.Write(ConsoleFactory.Create(text, false), joined, remotes, "reach check web1:80", verbose: false);

        var output = text.ToString();
        Assert.Contains(" this host\n", output, StringComparison.Ordinal);
        Assert.Contains(" server ssh://web1 (120 ms)", output, StringComparison.Ordinal);
        Assert.Contains("   its verdict: firewall.drop — ", output, StringComparison.Ordinal);
        Assert.Contains(" verdict  firewall.drop — " + joined.Verdict.Summary.ToString(), output, StringComparison.Ordinal);
        Assert.Contains(" fix      " + joined.Verdict.Fix.ToString(), output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cross_host_text_draws_the_path_the_markdown_draws_the_server_beside_the_target()
    {
        // The recorded reports carry no path (JSON had none then): this host's is the one its check draws for silence at the port.
        var local = Load("web1-drop", "local") with { Path = Sample.Build(Assessment.Observe.Healthy with { Connect = Assessment.Observe.Tcp(Reach.Core.Observations.TcpResult.Silent), Trace = null }).Path };
        IReadOnlyList<RemoteEnd> remotes = [new RemoteEnd(RemoteRole.Server, "ssh://web1", true, null, 120, Load("web1-drop", "server"))];
        var joined = CrossHostJoin.Join(local, remotes);
        var text = new StringWriter();
        var md = new StringWriter();

        CrossHostTextWriter.Write(ConsoleFactory.Create(text, false), joined, remotes, "reach check web1:80", verbose: false);
        MarkdownReportWriter.Write(md, joined, "reach check web1:80", ReportWords.English, lanes: CrossHostPath.Lanes(joined, remotes));

        // The server proves the DROP: the target itself is marked, and the server is drawn beside it, marked by its own verdict.
        Assert.Contains("\n path     this host (10.1.1.7) → gateway 10.1.1.1 → ✘ web1 (10.1.2.5) ═ ✘ server web1\n verdict  firewall.drop", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("**Path:** this host (10.1.1.7) → gateway 10.1.1.1 → **✘ web1 (10.1.2.5)** ═ **✘ server web1**", md.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_servers_lane_is_its_own_verdict_and_a_proven_cause_is_marked()
    {
        var (joined, remotes) = Server("web1-drop");

        var lane = Assert.Single(CrossHostPath.Lanes(joined, remotes));

        Assert.Equal(RemoteRole.Server, lane.Role);
        Assert.Equal("web1", lane.Host);
        var node = Assert.Single(lane.Hops);
        Assert.Equal(PathMark.Fails, node.Mark);
        Assert.StartsWith("firewall.drop: ", node.Label, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_saw_no_SYN_is_drawn_silent_not_blamed()
    {
        var (joined, remotes) = Server("gw-drop-syn80");

        var node = Assert.Single(Assert.Single(CrossHostPath.Lanes(joined, remotes)).Hops);

        Assert.Equal("route.unreachable", joined.Verdict.Code.Name);
        Assert.Equal(PathMark.Silent, node.Mark);
    }

    [Fact]
    public void A_neighbour_that_gets_through_is_an_unmarked_row_to_the_target()
    {
        var local = Load("compare-dev1-output-drop", "local");
        IReadOnlyList<RemoteEnd> remotes = [new RemoteEnd(RemoteRole.Compare, "ssh://dev2", true, null, 300, Load("compare-dev1-output-drop", "neighbour"))];
        var joined = CrossHostJoin.Join(local, remotes);

        var lane = Assert.Single(CrossHostPath.Lanes(joined, remotes));

        Assert.Equal([PathRole.Remote, PathRole.Target], lane.Hops.Select(h => h.Role));
        Assert.True(remotes[0].Report!.Verdict.IsOk);
        Assert.All(lane.Hops, h => Assert.Equal(PathMark.Ok, h.Mark));
    }

    [Fact]
    public void The_joined_verdict_moves_the_mark_on_this_hosts_path()
    {
        var path = Sample.Build(Sample.Rejected).Path!;
        var local = new Verdict(Codes.PortFiltered, Layer.Port, Message.Verbatim("silent"), Message.Verbatim("fix"));
        var joined = new Verdict(Codes.RouteUnreachable, Layer.Route, Message.Verbatim("no SYN reached web1"), Message.Verbatim("fix"));

        var marked = CrossHostPath.Remark(path.Select(h => h with { Mark = PathMark.Ok, Label = null }).ToList(), local, joined, Message.Of("path.said", ("text", "no SYN from this host reached the server")))!;

        Assert.Equal(PathRole.Gateway, marked[1].Role);
        Assert.Equal(PathMark.Ok, marked[1].Mark);
        Assert.Equal(PathMark.LinkFails, marked[^1].Mark);
        Assert.StartsWith("route.unreachable: no SYN", marked[^1].Label, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cause_the_server_proves_is_drawn_at_the_target_of_this_hosts_path()
    {
        var local = Load("web1-drop", "local") with { Path = Sample.Build(Sample.Rejected).Path!.Select(h => h with { Mark = PathMark.Ok, Label = null }).ToList() };

        var joined = CrossHostJoin.Join(local, [new RemoteEnd(RemoteRole.Server, "ssh://web1", true, null, 120, Load("web1-drop", "server"))]);

        Assert.Equal(PathMark.Fails, joined.Path![^1].Mark);
        Assert.Equal("firewall.drop: proven by web1's own end", joined.Path[^1].Label);
        Assert.Equal("firewall.drop: web1 쪽 검사가 증명합니다", ReportWords.For("ko").Label(joined.Path[^1]));
        Assert.All(joined.Path.SkipLast(1), h => Assert.Equal(PathMark.Ok, h.Mark));
    }

    [Fact]
    public void The_html_draws_the_server_beside_the_target_in_Korean()
    {
        var (joined, remotes) = Server("web1-drop");
        var withPath = joined with { Path = Sample.Build(Sample.Rejected).Path };
        var html = new StringWriter();

        HtmlReportWriter.Write(html, withPath, "reach check web1:80", ReportWords.For("ko"), null, CrossHostPath.Lanes(withPath, remotes));

        var page = html.ToString();
        Assert.Matches("<g class=\"hop fails\" data-role=\"remote\" data-lane=\"server\" data-mark=\"fails\" data-host=\"web1\">", page);
        Assert.Contains(">같은 호스트</text>", page, StringComparison.Ordinal);
        Assert.Contains(">✘ 서버</text>", page, StringComparison.Ordinal);
        Assert.Contains("<figcaption>✘ 서버 web1: firewall.drop: ", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_path_line_ends_at_the_server_and_each_neighbour_has_its_line()
    {
        IReadOnlyList<RemoteEnd> remotes =
        [
            new RemoteEnd(RemoteRole.Server, "ssh://web1", true, null, 120, Load("web1-drop", "server")),
            new RemoteEnd(RemoteRole.Compare, "ssh://dev2", true, null, 300, Load("compare-web1-drop", "neighbour")),
        ];
        var local = Load("web1-drop", "local") with { Path = Sample.Build(Sample.Rejected).Path!.Select(h => h with { Mark = PathMark.Ok, Label = null }).ToList() };
        var joined = CrossHostJoin.Join(local, remotes);
        var md = new StringWriter();

        MarkdownReportWriter.Write(md, joined, "reach check web1:80", ReportWords.English, null, CrossHostPath.Lanes(joined, remotes));

        var text = md.ToString();
        Assert.Contains(" → **✘ web1 (10.1.2.5)** ═ **✘ server web1**\n", text, StringComparison.Ordinal);
        Assert.Contains("**dev2: the same check from there (reach check):** neighbour dev2 → **✘ web1**\n", text, StringComparison.Ordinal);
        Assert.Contains("> ✘ web1 (from dev2): port.filtered: ", text, StringComparison.Ordinal);
        Assert.Contains("> ✘ server web1: firewall.drop: ", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"new ReachException\([^,]+,\s*\$?""")]
    private static partial Regex LiteralException();
}
