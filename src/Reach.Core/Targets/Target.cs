using System.Net;

namespace Reach.Core.Targets;

/// <summary>A parsed TARGET: a host name or a literal address, and the TCP port to reach.</summary>
/// <param name="Host">The name DNS is asked for: for a name typed in Unicode, its A-labels (xn--…).</param>
/// <param name="Address">Set when the host is a literal address: no DNS is needed.</param>
public sealed record Target(string Input, string Host, int Port, IPAddress? Address)
{
    /// <summary>The name as typed, when it was typed in Unicode and <see cref="Host"/> is its IDNA form.</summary>
    public string? UnicodeHost { get; init; }

    public bool IsAddress => Address is not null;

    /// <summary>A name without a dot is the case where the resolver's search list matters.</summary>
    public bool IsShortName => Address is null && !Host.TrimEnd('.').Contains('.', StringComparison.Ordinal);

    /// <summary>How a person reads the host: "bücher.example (xn--bcher-kva.example)" for an IDNA name.</summary>
    public string Display => UnicodeHost is null ? Host : $"{UnicodeHost} ({Host})";
}
