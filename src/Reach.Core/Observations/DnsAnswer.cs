using System.Net;

namespace Reach.Core.Observations;

/// <summary>How a nameserver answered one query.</summary>
public enum DnsResult
{
    Answer,
    NxDomain,
    NoData,
    ServFail,
    Refused,
    Timeout,
    Error,
}

/// <summary>One direct query (name, type A/AAAA/PTR) to one nameserver.</summary>
public sealed record DnsAnswer(IPAddress Server, string Name, DnsResult Result, IReadOnlyList<string> Records, double Ms, string? Detail = null)
{
    public string Describe() => Result switch
    {
        DnsResult.Answer => $"{Server}: {Name} → {string.Join(", ", Records)} ({Ms:0.0} ms)",
        DnsResult.NxDomain => $"{Server}: {Name} NXDOMAIN ({Ms:0.0} ms)",
        DnsResult.NoData => $"{Server}: {Name} exists but has no address record (NOERROR, no data)",
        DnsResult.ServFail => $"{Server}: {Name} SERVFAIL",
        DnsResult.Refused => $"{Server}: {Name} REFUSED",
        DnsResult.Timeout when Detail is not null => $"{Server}: no answer for {Name} after {Ms:0} ms ({Detail})",
        DnsResult.Timeout => $"{Server}: no answer for {Name} within {Ms:0} ms",
        _ => $"{Server}: {Name} failed: {Detail}",
    };
}
