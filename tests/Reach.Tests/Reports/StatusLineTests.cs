using Reach.Cli.Rendering;
using Reach.Core.Model;
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
            line.Waiting("waiting up to 2.0 s for a late host-unreachable from 10.1.1.1");
            Assert.Equal("reach: ✔ interface dns · waiting up to 2.0 s for a late host-unreachable from 10.1.1.1", line.Text);
        }

        var written = stderr.ToString();
        Assert.StartsWith("\r\u001b[2K", written, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[2K", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_it_writes_nothing()
    {
        var stderr = new StringWriter();
        using (var line = new StatusLine(stderr, enabled: false))
        {
            line.Observed(Layer.Interface);
            line.Waiting("waiting");
        }

        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public void It_fits_one_row()
    {
        var line = new StatusLine(TextWriter.Null, enabled: false, width: 40);
        line.Waiting(new string('x', 100));

        Assert.True(line.Text.Length < 40);
    }
}
