using System.Text.Json.Serialization;

namespace Reach.Core.Contract;

/// <summary>reach/1 "checks[].evidence[]": where a fact came from and what it said.</summary>
public sealed record EvidenceDocument
{
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    [JsonPropertyName("detail")]
    public string? Detail { get; init; }
}
