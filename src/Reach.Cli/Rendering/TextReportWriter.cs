using Reach.Core.Model;
using Spectre.Console;

namespace Reach.Cli.Rendering;

/// <summary>
/// The report a person reads at a glance: one line per layer, the evidence under --verbose, and the
/// path, verdict and fix last, where the eye ends up. Colour only where the console supports it.
/// </summary>
public static class TextReportWriter
{
    public static void Write(IAnsiConsole console, Report report, string title, bool verbose, ReportWords? words = null)
    {
        words ??= ReportWords.English;
        ReportText.Title(console, report, title);
        ReportText.Checks(console, report.Checks, verbose, words);
        console.WriteLine();
        ReportText.Verdict(console, report, words);
    }
}
