using System.Text.Json;
using Json.Schema;

namespace Reach.Tests.Contract;

/// <summary>
/// docs/reach-1.schema.json, as scripts would use it: validates a reach/1 object and says where it breaks
/// the schema. Shared by the unit tests and the lab tests (linked into Reach.Lab.Tests).
/// </summary>
internal static class ReportSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Path.Combine(Root(), "docs", "reach-1.schema.json")));

    /// <summary>Every place <paramref name="report"/> breaks the schema, one line each; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(JsonElement report)
    {
        var results = Schema.Value.Evaluate(report, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : [.. (results.Details ?? [results])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
                .DefaultIfEmpty("invalid, and the validator named no place")];
    }

    /// <summary>As <see cref="Problems(JsonElement)"/>, for JSON text.</summary>
    public static IReadOnlyList<string> Problems(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Problems(doc.RootElement);
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "reach.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (reach.slnx) above " + AppContext.BaseDirectory);
    }
}
