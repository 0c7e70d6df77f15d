using System.Globalization;
using System.Text;
using System.Xml;
using Reach.Core.Batch;
using Reach.Core.Text;

namespace Reach.Cli.Batch;

/// <summary>
/// The batch as JUnit XML, the report format CI systems read (Jenkins' junit plugin, GitLab's
/// artifacts:reports:junit, GitHub actions that publish test results): one testsuite for the flows file,
/// one testcase per flow. A flow not as expected is a &lt;failure&gt;, one that could not run an
/// &lt;error&gt;, one not evaluated &lt;skipped&gt;; the verdict's summary and the way it was evaluated
/// go in the element's text, so the CI page says why.
/// </summary>
internal static class JunitWriter
{
    public static void Write(Stream stream, string file, IReadOnlyList<FlowOutcome> outcomes, string? offline)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var tally = BatchTally.Of(outcomes);
        var seconds = outcomes.Sum(o => o.Ms) / 1000;
        var suite = Path.GetFileName(file);
        using var w = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CloseOutput = false });
        w.WriteStartDocument();
        w.WriteStartElement("testsuites");
        w.WriteAttributeString("name", "reach batch");
        Counts(w, tally, seconds);
        w.WriteStartElement("testsuite");
        w.WriteAttributeString("name", suite);
        Counts(w, tally, seconds);
        if (offline is not null)
        {
            w.WriteStartElement("properties");
            w.WriteStartElement("property");
            w.WriteAttributeString("name", "ruleset");
            w.WriteAttributeString("value", offline);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        foreach (var o in outcomes)
        {
            w.WriteStartElement("testcase");
            w.WriteAttributeString("name", o.Flow.Name);
            w.WriteAttributeString("classname", $"reach.batch.{Path.GetFileNameWithoutExtension(file)}");
            w.WriteAttributeString("file", file);
            w.WriteAttributeString("line", o.Flow.Line.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("time", Seconds(o.Ms / 1000));
            var what = $"{o.Flow.From.Text} -> {o.Flow.To.Input}, expect {o.Flow.Expect}";
            switch (o.Status)
            {
                case FlowStatus.NotAsExpected:
                    w.WriteStartElement("failure");
                    w.WriteAttributeString("message", $"expected {o.Flow.Expect}, got {o.Code}: {Clean(Catalog.English.Format(o.Report!.Verdict.Summary))}");
                    w.WriteAttributeString("type", o.Code);
                    w.WriteString(Clean($"{what}\nverdict: {o.Code}\n{Catalog.English.Format(o.Report.Verdict.Summary)}\nfix: {Catalog.English.Format(o.Report.Verdict.Fix)}\nvia: {o.Via}"));
                    w.WriteEndElement();
                    break;
                case FlowStatus.CouldNotRun:
                    w.WriteStartElement("error");
                    w.WriteAttributeString("message", Clean($"could not be run: {o.Why}"));
                    w.WriteAttributeString("type", "could-not-run");
                    w.WriteString(Clean($"{what}\n{o.Why}"));
                    w.WriteEndElement();
                    break;
                case FlowStatus.Skipped:
                    w.WriteStartElement("skipped");
                    w.WriteAttributeString("message", Clean(o.Why ?? string.Empty));
                    w.WriteEndElement();
                    break;
                default:
                    w.WriteElementString("system-out", Clean($"{what}\nverdict: {o.Code}\n{Catalog.English.Format(o.Report!.Verdict.Summary)}\nvia: {o.Via}"));
                    break;
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void Counts(XmlWriter w, BatchTally t, double seconds)
    {
        w.WriteAttributeString("tests", t.Total.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("failures", t.NotAsExpected.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("errors", t.CouldNotRun.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("skipped", t.Skipped.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("time", Seconds(seconds));
    }

    private static string Seconds(double s) => s.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 has no place for most control characters (a remote's garbage answer may hold some): they become '?'.</summary>
    private static string Clean(string text) => new([.. text.Select(c => c is '\n' or '\t' || (!char.IsControl(c) && !char.IsSurrogate(c)) || XmlConvert.IsXmlChar(c) ? c : '?')]);
}
