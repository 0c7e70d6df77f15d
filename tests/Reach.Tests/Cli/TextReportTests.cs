using Reach.Cli.Rendering;
using Reach.Core.Assessment;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Text;
using Reach.Core.Observations;
using Reach.Tests.Assessment;
using Xunit;

namespace Reach.Tests.Cli;

/// <summary>The report a person reads: one line per layer, evidence only when asked, the verdict and fix last, no escape codes in a pipe.</summary>
public sealed class TextReportTests
{
    private static string Render(ClientObservations o, bool verbose)
    {
        var findings = ClientAssessment.Assess(o);
        var (verdict, problems) = Diagnoser.Diagnose(findings, "fine");
        var report = new Report(new TargetInfo("web1:80", "web1", 80, [Observe.Web1]), verdict, findings, problems);
        var text = new StringWriter();
        TextReportWriter.Write(ConsoleFactory.Create(text, interactive: false), report, "reach check web1:80", verbose);
        return text.ToString();
    }

    [Fact]
    public void One_line_per_layer_then_the_verdict_and_the_fix()
    {
        var lines = Render(Observe.Healthy with { Connect = Observe.Tcp(TcpResult.IcmpError, new IcmpReport(Observe.Web1, 3, 3)) }, verbose: false)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(1 + 6 + 2, lines.Length);
        Assert.StartsWith(" ✘ port", lines[6], StringComparison.Ordinal);
        Assert.StartsWith(" verdict  port.rejected", lines[7], StringComparison.Ordinal);
        Assert.StartsWith(" fix ", lines[8], StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', string.Concat(lines));
    }

    [Fact]
    public void Evidence_only_under_verbose()
    {
        var quiet = Render(Observe.Healthy, verbose: false);
        var verbose = Render(Observe.Healthy, verbose: true);

        Assert.DoesNotContain("/sys/class/net/eth0/carrier", quiet, StringComparison.Ordinal);
        Assert.Contains("/sys/class/net/eth0/carrier: 1", verbose, StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_characters_in_findings_are_printed_as_they_are()
    {
        // iptables counters look like Spectre markup: "[2:120]" must reach the screen verbatim.
        var finding = new Finding(Codes.FirewallReject, CheckStatus.Fail, Message.Verbatim("REJECT by rule 1 [2:120] [bold]x[/]"),
            [new Evidence("trace: matched", "-A INPUT -j REJECT [2:120]")], Message.Verbatim("fix [it]"));
        var report = new Report(new TargetInfo("80/tcp", "10.1.2.5", 80, []), new Verdict(Codes.FirewallReject, Layer.Firewall, finding.Summary, finding.Fix!), [finding], [Codes.FirewallReject]);
        var text = new StringWriter();

        TextReportWriter.Write(ConsoleFactory.Create(text, interactive: false), report, "reach local [80]", verbose: true);

        Assert.Contains("REJECT by rule 1 [2:120] [bold]x[/]", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("-A INPUT -j REJECT [2:120]", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("fix [it]", text.ToString(), StringComparison.Ordinal);
    }
}
