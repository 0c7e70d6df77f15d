using System.Text.Json.Serialization;

namespace Reach.Core.Contract;

/// <summary>reach/1 "verdict.actions[]": one command of the fix, on the host it names.</summary>
public sealed record ActionDocument
{
    /// <summary>"this host", or the address of the host to run it on.</summary>
    [JsonPropertyName("on")]
    public string? On { get; init; }

    [JsonPropertyName("run")]
    public string? Run { get; init; }

    /// <summary>The command that keeps the change across a reboot; null (written) when there is none to give.</summary>
    [JsonPropertyName("persist")]
    public string? Persist { get; init; }

    [JsonPropertyName("why")]
    public string? Why { get; init; }
}
