using Reach.Cli.Rendering;
using Reach.Core.Model;
using Reach.Core.Text;
using Xunit;

namespace Reach.Tests.Reports;

/// <summary>The live status line: drawn in place on a terminal's stderr for a text report, never anywhere else.</summary>
public sealed class StatusLineTests
{
    [Theory]
    [InlineData(ReportFormat.Text, true, true)]
    [InlineData(ReportFormat.Text, false, false)]
    [InlineData(ReportFormat.Json, true, false)]
    [InlineData(ReportFormat.Markdown, true, false)]
    [InlineData(ReportFormat.Html, true, false)]
    public void Only_a_text_report_on_a_terminal_gets_one(ReportFormat format, bool terminal, bool wanted) =>
        Assert.Equal(wanted, StatusLine.Wanted(format, terminal));

    [Fact]
    public void It_says_the_layers_observed_and_what_it_waits_for_and_erases_itself()
    {
        var stderr = new StringWriter();
        using (var line = new StatusLine(stderr, enabled: true, width: 200))
        {
            line.Observed(Layer.Interface);
            line.Observed(Layer.Dns);
            line.Waiting(Message.Of("progress.late-unreachable", ("seconds", "2.0"), ("router", "10.1.1.1")));
            Assert.Equal("reach: ✔ interface dns · waiting up to 2.0 s for a late host-unreachable from 10.1.1.1", line.Text);
        }

        var written = stderr.ToString();
        Assert.StartsWith("\r\u001b[2K", written, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[2K", written, StringComparison.Ordinal);
    }

    [Fact]
    public void It_says_what_the_engine_waits_for_in_the_readers_language()
    {
        var line = new StatusLine(TextWriter.Null, enabled: false, width: 200, Catalog.For("ko"));
        line.Observed(Layer.Interface);
        line.Waiting(Message.Of("progress.late-unreachable.gateway", ("seconds", "2.5")));

        Assert.Equal("reach: ✔ interface · 게이트웨이에서 늦게 올 수 있는 host-unreachable을 최대 2.5초 기다리는 중", line.Text);
    }

    [Fact]
    public void Disabled_it_writes_nothing()
    {
        var stderr = new StringWriter();
        using (var line = new StatusLine(stderr, enabled: false))
        {
            line.Observed(Layer.Interface);
            line.Waiting(Message.Of("progress.path-mtu"));
        }

        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public void It_fits_one_row()
    {
        var line = new StatusLine(TextWriter.Null, enabled: false, width: 40);
        line.Waiting(Message.Of("progress.late-unreachable", ("seconds", "2.0"), ("router", new string('x', 100))));

        Assert.True(line.Text.Length < 40);
    }
}
