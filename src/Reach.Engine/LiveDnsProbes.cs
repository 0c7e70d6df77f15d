using System.Net;
using System.Net.Sockets;
using DnsClient;
using Reach.Core.Observations;
using Reach.Probes;

namespace Reach.Engine;

/// <summary>The real name probes: getaddrinfo through .NET, and DnsClient's questions to one nameserver.</summary>
internal sealed class LiveDnsProbes : IDnsProbes
{
    public static readonly LiveDnsProbes Instance = new();

    public Task<SystemLookup> LookupAsync(string name, AddressFamily family, TimeSpan timeout, CancellationToken cancellationToken) =>
        SystemResolver.LookupAsync(name, family, timeout, cancellationToken);

    public Task<DnsAnswer> QueryAsync(IPAddress server, string name, QueryType type, TimeSpan timeout, CancellationToken cancellationToken) =>
        DnsProbe.QueryAsync(server, name, type, timeout, cancellationToken);

    public Task<DnsAnswer> ReverseAsync(IPAddress server, IPAddress address, TimeSpan timeout, CancellationToken cancellationToken) =>
        DnsProbe.ReverseAsync(server, address, timeout, cancellationToken);
}
