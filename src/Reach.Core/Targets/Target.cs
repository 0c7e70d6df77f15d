using System.Net;

namespace Reach.Core.Targets;

/// <summary>A parsed TARGET: a host name or a literal address, and the TCP port to reach.</summary>
/// <param name="Address">Set when the host is a literal address: no DNS is needed.</param>
public sealed record Target(string Input, string Host, int Port, IPAddress? Address)
{
    public bool IsAddress => Address is not null;

    /// <summary>A name without a dot is the case where the resolver's search list matters.</summary>
    public bool IsShortName => Address is null && !Host.TrimEnd('.').Contains('.', StringComparison.Ordinal);
}
