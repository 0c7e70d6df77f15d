using System.Text.Json;
using Reach.Cli.Rendering;
using Reach.Core.Batch;

namespace Reach.Cli.Batch;

/// <summary>
/// The batch as one JSON object for scripts (schema "reach-batch/1", English): each flow with its
/// expectation, status, and the full reach/1 report it got; then the tally.
/// </summary>
internal static class BatchJsonWriter
{
    public const string Schema = "reach-batch/1";

    public static void Write(Stream stream, string file, IReadOnlyList<FlowOutcome> outcomes, string? offline)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var tally = BatchTally.Of(outcomes);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteString("file", file);
        if (offline is null)
        {
            w.WriteNull("ruleset");
        }
        else
        {
            w.WriteString("ruleset", offline);
        }

        w.WriteStartArray("flows");
        foreach (var o in outcomes)
        {
            w.WriteStartObject();
            w.WriteString("name", o.Flow.Name);
            w.WriteNumber("line", o.Flow.Line);
            w.WriteString("from", o.Flow.From.Kind == FlowOriginKind.ThisHost ? null : o.Flow.From.Text);
            w.WriteString("to", o.Flow.To.Input);
            w.WriteString("expect", o.Flow.Expect.ToString());
            w.WriteString("status", Status(o.Status));
            w.WriteString("code", o.Code);
            w.WriteString("via", o.Via);
            w.WriteString("error", o.Why);
            w.WriteNumber("ms", o.Ms);
            w.WritePropertyName("report");
            if (o.Report is null)
            {
                w.WriteNullValue();
            }
            else
            {
                using var buffer = new MemoryStream();
                JsonReportWriter.Write(buffer, o.Report);
                w.WriteRawValue(buffer.ToArray());
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("summary");
        w.WriteNumber("total", tally.Total);
        w.WriteNumber("asExpected", tally.AsExpected);
        w.WriteNumber("notAsExpected", tally.NotAsExpected);
        w.WriteNumber("couldNotRun", tally.CouldNotRun);
        w.WriteNumber("skipped", tally.Skipped);
        w.WriteNumber("exit", tally.ExitCode);
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    public static string Status(FlowStatus status) => status switch
    {
        FlowStatus.AsExpected => "as-expected",
        FlowStatus.NotAsExpected => "not-as-expected",
        FlowStatus.CouldNotRun => "could-not-run",
        _ => "skipped",
    };
}
