using System.Text.Json.Serialization;

namespace Reach.Core.Contract;

/// <summary>reach/1 "checks[]": what one check concluded about one layer, with its evidence.</summary>
public sealed record CheckDocument
{
    [JsonPropertyName("layer")]
    public string? Layer { get; init; }

    /// <summary>pass, fail, warn, skip or inconclusive.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("summary")]
    public string? Summary { get; init; }

    /// <summary>Only for a check that has something to fix; left out otherwise.</summary>
    [JsonPropertyName("fix")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Fix { get; init; }

    [JsonPropertyName("evidence")]
    public IReadOnlyList<EvidenceDocument>? Evidence { get; init; }

    /// <summary>Milliseconds, one decimal.</summary>
    [JsonPropertyName("ms")]
    public double? Ms { get; init; }
}
