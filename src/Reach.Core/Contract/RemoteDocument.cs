using System.Text.Json.Serialization;

namespace Reach.Core.Contract;

/// <summary>reach/1 "remote[]": what one other end (--server, --compare) answered, with its own reach/1 object.</summary>
public sealed record RemoteDocument
{
    /// <summary>server or compare.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; init; }

    [JsonPropertyName("via")]
    public string? Via { get; init; }

    [JsonPropertyName("ok")]
    public bool? Ok { get; init; }

    /// <summary>One line saying why the end could not be asked; null (written) when it answered.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("ms")]
    public double? Ms { get; init; }

    /// <summary>The remote run's own reach/1 object; null (written) when it could not be asked.</summary>
    [JsonPropertyName("report")]
    public ReportDocument? Report { get; init; }
}
