using Reach.Cli.Rendering;
using Reach.Tests.Assessment;
using Xunit;

namespace Reach.Tests.Reports;

/// <summary>The verdict's own sentences (ok, and the fix of a verdict whose root finding has none of its own) in the reader's language.</summary>
public sealed class VerdictLanguageTests
{
    [Fact]
    public void A_healthy_check_says_ok_in_korean_and_keeps_its_english()
    {
        var report = Sample.Build(Observe.Healthy);

        Assert.Equal("web1 port 80 is reachable: every layer answers", report.Verdict.Summary.ToString());
        Assert.Equal("Nothing to fix.", report.Verdict.Fix.ToString());
        var ko = ReportWords.For("ko");
        Assert.Equal("web1의 80 포트에 연결됩니다: 모든 계층이 응답합니다", ko.Summary(report));
        Assert.Equal("고칠 것이 없습니다.", ko.Fix(report));
    }

    [Fact]
    public void A_failing_verdict_is_said_from_its_root_finding_in_korean()
    {
        var report = Sample.Build(Sample.Rejected);
        var ko = ReportWords.For("ko");

        Assert.Equal(ko.Summary(report.Checks.Single(c => c.Code == report.Verdict.Code)), ko.Summary(report));
        Assert.Null(ko.Original(report));
        Assert.DoesNotContain("REJECT rule for port", ko.Fix(report), StringComparison.Ordinal);
    }
}
