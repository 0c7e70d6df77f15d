using System.Text.Json.Serialization;

namespace Reach.Core.Contract;

/// <summary>
/// The reach/1 object, as it is on the wire: the one definition of the JSON contract (README "JSON",
/// docs/reach-1.schema.json). Every writer and the remote parser go through it; <see cref="ReportJson"/>
/// maps it to and from the model. Properties are nullable because a document read from another host may
/// lack anything: <see cref="ReportJson"/> refuses it then, naming what is missing. Fields are only
/// ever added (the contract is additive), in the order they are written.
/// </summary>
public sealed record ReportDocument
{
    [JsonPropertyName("schema")]
    public string? Schema { get; init; }

    [JsonPropertyName("target")]
    public TargetDocument? Target { get; init; }

    [JsonPropertyName("verdict")]
    public VerdictDocument? Verdict { get; init; }

    [JsonPropertyName("checks")]
    public IReadOnlyList<CheckDocument>? Checks { get; init; }

    [JsonPropertyName("problems")]
    public IReadOnlyList<string>? Problems { get; init; }

    /// <summary>Added (issue 14): the path the report draws, this host first; absent when the run knows none (`reach local`).</summary>
    [JsonPropertyName("path")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PathHopDocument>? Path { get; init; }

    /// <summary>The other ends of --server/--compare; absent for a run that asked none.</summary>
    [JsonPropertyName("remote")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RemoteDocument>? Remote { get; init; }
}
