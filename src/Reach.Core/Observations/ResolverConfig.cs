using System.Net;

namespace Reach.Core.Observations;

/// <summary>What /etc/resolv.conf tells the stub resolver (resolv.conf(5)).</summary>
public sealed record ResolverConfig(
    IReadOnlyList<IPAddress> Nameservers,
    IReadOnlyList<string> Search,
    string? Domain,
    int Ndots,
    string Source)
{
    /// <summary>resolv.conf(5): "domain" and "search" are mutually exclusive; the last one wins.</summary>
    public IReadOnlyList<string> EffectiveSearch => Search.Count > 0 ? Search : Domain is null ? [] : [Domain];
}
