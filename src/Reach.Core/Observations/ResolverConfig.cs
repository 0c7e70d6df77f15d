using System.Net;

namespace Reach.Core.Observations;

/// <summary>What /etc/resolv.conf tells the stub resolver (resolv.conf(5)).</summary>
/// <param name="Unreadable">Set when the file exists but this process cannot read it (which error): then nothing else here is known.</param>
/// <param name="TimeoutSeconds">options timeout:N, 5 by default: how long glibc waits for each nameserver, per try.</param>
/// <param name="Attempts">options attempts:N, 2 by default: how many rounds over the nameserver list.</param>
/// <param name="Rotate">options rotate: the nameservers are used in turn, not always the first.</param>
public sealed record ResolverConfig(
    IReadOnlyList<IPAddress> Nameservers,
    IReadOnlyList<string> Search,
    string? Domain,
    int Ndots,
    string Source,
    string? Unreadable = null,
    int TimeoutSeconds = 5,
    int Attempts = 2,
    bool Rotate = false)
{
    /// <summary>resolv.conf(5): "domain" and "search" are mutually exclusive; the last one wins.</summary>
    public IReadOnlyList<string> EffectiveSearch => Search.Count > 0 ? Search : Domain is null ? [] : [Domain];
}
