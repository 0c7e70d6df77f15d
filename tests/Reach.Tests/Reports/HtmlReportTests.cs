using System.Text.RegularExpressions;
using Reach.Cli.Rendering;
using Reach.Core.Model;
using Reach.Core.Text;
using Xunit;

namespace Reach.Tests.Reports;

/// <summary>The HTML report as a file: self-contained (nothing fetched), the verdict on top, the blamed hop marked in the picture.</summary>
public sealed partial class HtmlReportTests
{
    internal static string Render(Report report, string language = "en", IReadOnlyList<Reach.Core.Paths.PathLane>? lanes = null)
    {
        var text = new StringWriter();
        HtmlReportWriter.Write(text, report, "reach check web1:80: web1 port 80", ReportWords.For(language), lanes: lanes);
        return text.ToString();
    }

    [Fact]
    public void Nothing_is_fetched_no_script_no_link_no_url()
    {
        var html = Render(Sample.Build(Sample.Prohibited)) + Render(Sample.Build(Sample.Rejected), "ko");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Reference().Matches(html));
    }

    [Fact]
    public void The_verdict_is_on_top_and_the_router_that_refused_is_marked_with_its_evidence()
    {
        var html = Render(Sample.Build(Sample.Prohibited));

        Assert.Contains("data-code=\"route.prohibited\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"verdict\"", StringComparison.Ordinal) < html.IndexOf("<svg", StringComparison.Ordinal));
        var failing = Regex.Match(html, "<g class=\"hop fails\" data-role=\"(\\w+)\".*?</g>");
        Assert.True(failing.Success, "no failing hop in the picture");
        Assert.Equal("gateway", failing.Groups[1].Value);
        Assert.Contains("10.1.1.1", failing.Value, StringComparison.Ordinal);
        Assert.Contains("admin-prohibited", failing.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_the_findings_is_escaped()
    {
        var finding = new Finding(Codes.FirewallReject, CheckStatus.Fail, Message.Verbatim("<b>REJECT</b> & co"), [new Evidence("rule", "-A INPUT -m comment --comment \"<script>\" -j REJECT")], Message.Verbatim("fix"));
        var report = new Report(new TargetInfo("80/tcp", "10.1.2.5", 80, []), new Verdict(Codes.FirewallReject, Layer.Firewall, finding.Summary, Message.Verbatim("fix")), [finding], [Codes.FirewallReject]);

        var html = Render(report);

        Assert.Contains("&lt;b&gt;REJECT&lt;/b&gt; &amp; co", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Korean_pages_say_so_and_carry_Korean_words()
    {
        var html = Render(Sample.Build(Sample.Rejected), "ko");

        Assert.Contains("<html lang=\"ko\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
        Assert.Contains("판정", html, StringComparison.Ordinal);
        Assert.Contains("방화벽", html, StringComparison.Ordinal);
    }

    // Any attribute or CSS that makes a browser fetch: src, href, srcset, poster, action, or a scheme-qualified URL.
    [GeneratedRegex(@"\b(src|href|srcset|poster|action|xlink:href)\s*=|https?://|//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();
}
