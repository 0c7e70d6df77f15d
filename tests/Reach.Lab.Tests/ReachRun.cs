using System.Text.Json;
using Reach.Tests.Contract;
using Xunit;

namespace Reach.Lab.Tests;

/// <summary>
/// One run of the CLI and its JSON report, with the accessors the scenarios assert on. Every report is
/// checked against docs/reach-1.schema.json as it is read: a scenario fails on a report scripts could not trust.
/// </summary>
public sealed record ReachRun(ProcessResult Process, JsonDocument? Report)
{
    /// <summary>Always true once constructed: a report that breaks the schema throws here, before any assertion reads it.</summary>
    public bool MatchesSchema { get; } = Report is null || Validate(Report.RootElement, Process);

    public JsonElement Root => Report?.RootElement ?? throw new Xunit.Sdk.XunitException($"no JSON on stdout (exit {Process.ExitCode}).\nstdout: {Process.Stdout}\nstderr: {Process.Stderr}");

    public string VerdictCode => Root.GetProperty("verdict").GetProperty("code").GetString()!;

    public string VerdictSummary => Root.GetProperty("verdict").GetProperty("summary").GetString()!;

    public string VerdictFix => Root.GetProperty("verdict").GetProperty("fix").GetString()!;

    public IReadOnlyList<string> Problems => Root.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();

    public JsonElement Check(string layer) => Root.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("layer").GetString() == layer);

    public string Status(string layer) => Check(layer).GetProperty("status").GetString()!;

    /// <summary>All evidence details of a layer, one string, for "names the sender" assertions.</summary>
    public string Evidence(string layer) => string.Join("\n", Check(layer).GetProperty("evidence").EnumerateArray()
        .Select(e => $"{e.GetProperty("source").GetString()}: {e.GetProperty("detail").GetString()}"));

    private static bool Validate(JsonElement report, ProcessResult process) =>
        ReportSchema.Problems(report) is { Count: > 0 } problems
            ? throw new Xunit.Sdk.XunitException($"the report breaks docs/reach-1.schema.json:\n{string.Join("\n", problems)}\nstdout: {process.Stdout}")
            : true;

    public void ShouldBe(string code, int exitCode)
    {
        Assert.True(code == VerdictCode, $"expected verdict {code}, got {VerdictCode}: {VerdictSummary}\n{Process.Stdout}");
        Assert.Equal(exitCode, Process.ExitCode);
    }
}
