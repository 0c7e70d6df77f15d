using System.Text.Json.Serialization;

namespace Reach.Core.Contract;

/// <summary>reach/1 "path[]" (added, issue 14): one node of the path the report draws.</summary>
public sealed record PathHopDocument
{
    /// <summary>this-host, gateway, router, target or remote.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Null (written) for a node without a known address (a silent hop).</summary>
    [JsonPropertyName("address")]
    public string? Address { get; init; }

    /// <summary>ok, fails, link-fails, silent or not-reached.</summary>
    [JsonPropertyName("mark")]
    public string? Mark { get; init; }

    /// <summary>The evidence that marks it, in English; null (written) for an unmarked node.</summary>
    [JsonPropertyName("label")]
    public string? Label { get; init; }
}
