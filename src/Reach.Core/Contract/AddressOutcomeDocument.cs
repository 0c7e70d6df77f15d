using System.Text.Json.Serialization;

namespace Reach.Core.Contract;

/// <summary>reach/1 "target.addressOutcomes[]": how one of the target's addresses answered.</summary>
public sealed record AddressOutcomeDocument
{
    [JsonPropertyName("address")]
    public string? Address { get; init; }

    /// <summary>"ipv4" or "ipv6".</summary>
    [JsonPropertyName("family")]
    public string? Family { get; init; }

    /// <summary>One word: open, refused, icmp-error, silent, local-error, no-route, not-probed.</summary>
    [JsonPropertyName("outcome")]
    public string? Outcome { get; init; }

    [JsonPropertyName("detail")]
    public string? Detail { get; init; }

    /// <summary>Whether this is the address the verdict is about (the one applications try first).</summary>
    [JsonPropertyName("verdict")]
    public bool? Verdict { get; init; }
}
