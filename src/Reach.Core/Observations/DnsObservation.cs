using System.Net;

namespace Reach.Core.Observations;

/// <summary>
/// Everything the DNS check saw: what applications get (getaddrinfo) against what each nameserver says,
/// the hosts file lines for the name, and, when a short name fails, the answers for guessed domains.
/// </summary>
/// <param name="Queries">Direct A/AAAA queries: each candidate name (search list applied) at each nameserver.</param>
/// <param name="GuessedQueries">Queries for the name in domains the search list lacks (this host's own domain, its PTR name).</param>
/// <param name="DnsConnect">When /etc/hosts overrides DNS: a connect to the address DNS gives, to show whether that one works.</param>
public sealed record DnsObservation(
    ResolverConfig Resolver,
    IReadOnlyList<HostsEntry> HostsMatches,
    SystemLookup System,
    IReadOnlyList<DnsAnswer> Queries,
    IReadOnlyList<NameserverReach> Nameservers,
    IReadOnlyList<DnsAnswer> GuessedQueries,
    TcpOutcome? DnsConnect = null)
{
    /// <summary>The hosts line of /etc/nsswitch.conf: which sources getaddrinfo asks, in order.</summary>
    public NsswitchHosts? Nsswitch { get; init; }

    /// <summary>
    /// Why /etc/hosts could not be read (it exists; this user lacks the right): glibc's files source is then
    /// unavailable and the lookup goes on to DNS, skipping whatever the file says. Null when it was read.
    /// </summary>
    public string? HostsUnreadable { get; init; }

    /// <summary>Nameservers on this host (stubs, forwarders) with the upstreams they depend on.</summary>
    public IReadOnlyList<LocalForwarder> Forwarders { get; init; } = [];

    /// <summary>The name was typed rooted ("web1."): the resolver applies no search list to it.</summary>
    public bool Rooted { get; init; }

    /// <summary>Where each guessed domain was found (domain → source), for the report.</summary>
    public IReadOnlyDictionary<string, string> GuessedFrom { get; init; } = new Dictionary<string, string>();

    /// <summary>The addresses the nameservers gave for any candidate name, in query order.</summary>
    public IReadOnlyList<IPAddress> DnsAddresses =>
        Queries.Where(q => q.Result == DnsResult.Answer)
            .SelectMany(q => q.Records)
            .Select(r => IPAddress.TryParse(r, out var a) ? a : null)
            .OfType<IPAddress>()
            .Distinct()
            .ToList();
}
