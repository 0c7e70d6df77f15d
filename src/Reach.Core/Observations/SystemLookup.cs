using System.Net;

namespace Reach.Core.Observations;

/// <summary>What applications see: getaddrinfo(3), which applies nsswitch.conf, /etc/hosts and the search list.</summary>
public sealed record SystemLookup(string Name, IReadOnlyList<IPAddress> Addresses, string? Error, double Ms)
{
    public bool Resolved => Addresses.Count > 0;
}
