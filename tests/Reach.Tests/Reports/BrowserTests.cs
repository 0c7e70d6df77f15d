using System.Text.RegularExpressions;
using Xunit;

namespace Reach.Tests.Reports;

/// <summary>The HTML report as a browser shows it: the DOM Chromium builds from the file, and a screenshot kept as an artefact.</summary>
public sealed class BrowserTests
{
    [ChromiumFact]
    public void Chromium_shows_the_verdict_and_marks_the_router_that_refused()
    {
        var file = Write("route-prohibited.html", HtmlReportTests.Render(Sample.Build(Sample.Prohibited)));

        var dom = Chromium.DumpDom(file);
        Chromium.Screenshot(file, Path.Combine(Chromium.Artefacts, "unit-route-prohibited.png"));
        Chromium.Screenshot(file, Path.Combine(Chromium.Artefacts, "unit-route-prohibited.dark.png"), dark: true);

        Assert.Matches("<section class=\"verdict fail\" id=\"verdict\" data-code=\"route.prohibited\">", dom);
        var hop = Regex.Match(dom, "<g class=\"hop fails\" data-role=\"gateway\".*?</g>", RegexOptions.Singleline);
        Assert.True(hop.Success, "the gateway is not marked as failing in the rendered page");
        Assert.Contains("10.1.1.1", hop.Value, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(Chromium.Artefacts, "unit-route-prohibited.png")).Length > 0);
    }

    [ChromiumFact]
    public void Chromium_shows_a_Korean_report_in_Korean()
    {
        var file = Write("port-rejected.ko.html", HtmlReportTests.Render(Sample.Build(Sample.Rejected), "ko"));

        var dom = Chromium.DumpDom(file);
        Chromium.Screenshot(file, Path.Combine(Chromium.Artefacts, "unit-port-rejected.ko.png"));

        Assert.Contains("<html lang=\"ko\">", dom, StringComparison.Ordinal);
        Assert.Contains("판정", dom, StringComparison.Ordinal);
        Assert.Matches("<g class=\"hop fails\" data-role=\"target\"", dom);
    }

    private static string Write(string name, string html)
    {
        var path = Path.Combine(Chromium.Artefacts, name);
        File.WriteAllText(path, html);
        return path;
    }
}
