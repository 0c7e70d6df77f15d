using Reach.Cli.Rendering;
using Reach.Core.Batch;

namespace Reach.Cli.Batch;

/// <summary>One line per flow, in the file's order, then "N as expected, M not": what a person (or a CI log) reads.</summary>
internal static class BatchTextWriter
{
    public static void Write(TextWriter writer, IReadOnlyList<FlowOutcome> outcomes, string? offline, ReportWords words)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (offline is not null)
        {
            writer.WriteLine(words.Get("batch.offline", ("ruleset", offline)));
        }

        var width = outcomes.Select(o => Mark(o.Status, words).Length).DefaultIfEmpty(0).Max();
        foreach (var o in outcomes)
        {
            writer.WriteLine($"{Mark(o.Status, words).PadRight(width)}  {Line(o, words)}");
        }

        writer.WriteLine(Tally(BatchTally.Of(outcomes), words));
    }

    public static string Line(FlowOutcome o, ReportWords words)
    {
        var f = o.Flow;
        (string, string)[] flow = [("name", f.Name), ("from", f.From.Text), ("to", f.To.Input)];
        return o.Status switch
        {
            FlowStatus.CouldNotRun => words.Get("batch.line.error", [.. flow, ("why", o.Why ?? string.Empty)]),
            FlowStatus.Skipped => words.Get("batch.line.skipped", [.. flow, ("why", o.Why ?? string.Empty)]),
            _ => words.Get("batch.line.verdict", [.. flow, ("expect", f.Expect.ToString()), ("code", o.Code ?? "?"), ("summary", words.Summary(o.Report!))]),
        };
    }

    public static string Tally(BatchTally t, ReportWords words)
    {
        var text = words.Get("batch.tally", ("expected", $"{t.AsExpected}"), ("not", $"{t.NotAsExpected}"));
        if (t.CouldNotRun > 0)
        {
            text += words.Get("batch.tally.errors", ("count", $"{t.CouldNotRun}"));
        }

        if (t.Skipped > 0)
        {
            text += words.Get("batch.tally.skipped", ("count", $"{t.Skipped}"));
        }

        return text;
    }

    private static string Mark(FlowStatus status, ReportWords words) => words[status switch
    {
        FlowStatus.AsExpected => "batch.mark.pass",
        FlowStatus.NotAsExpected => "batch.mark.fail",
        FlowStatus.CouldNotRun => "batch.mark.error",
        _ => "batch.mark.skip",
    }];
}
