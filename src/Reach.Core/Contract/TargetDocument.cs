using System.Text.Json.Serialization;

namespace Reach.Core.Contract;

/// <summary>reach/1 "target": what was asked and what it turned into.</summary>
public sealed record TargetDocument
{
    [JsonPropertyName("input")]
    public string? Input { get; init; }

    [JsonPropertyName("host")]
    public string? Host { get; init; }

    /// <summary>Null for a target without a port (written as null, never left out).</summary>
    [JsonPropertyName("port")]
    public int? Port { get; init; }

    [JsonPropertyName("addresses")]
    public IReadOnlyList<string>? Addresses { get; init; }

    /// <summary>Added for names with several addresses (issue 7); absent when only one was probed.</summary>
    [JsonPropertyName("addressOutcomes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AddressOutcomeDocument>? AddressOutcomes { get; init; }
}
