using System.Text.Json.Serialization;

namespace Reach.Core.Contract;

/// <summary>reach/1 "verdict": the root cause's code and layer (null for ok and inconclusive without one), its sentence and fix, in English.</summary>
public sealed record VerdictDocument
{
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    /// <summary>Written as null when the verdict names no layer.</summary>
    [JsonPropertyName("layer")]
    public string? Layer { get; init; }

    [JsonPropertyName("summary")]
    public string? Summary { get; init; }

    [JsonPropertyName("fix")]
    public string? Fix { get; init; }

    /// <summary>Added (issue 14): the fix as commands, always written (an empty array when there are none); absent in an older reach's report.</summary>
    [JsonPropertyName("actions")]
    public IReadOnlyList<ActionDocument>? Actions { get; init; }
}
