using System.Net;
using System.Net.Sockets;
using DnsClient;
using Reach.Core.Observations;

namespace Reach.Engine;

/// <summary>
/// The name's probes behind one seam: getaddrinfo (what applications get) and direct questions to a
/// nameserver. The live ones resolve for real; tests script the answers to run the DNS phase without a
/// nameserver. Like every probe they never throw for a network outcome: a timeout is an answer.
/// </summary>
internal interface IDnsProbes
{
    /// <summary>The lookup applications do (getaddrinfo(3): nsswitch.conf, /etc/hosts, the search list), cut at the timeout.</summary>
    Task<SystemLookup> LookupAsync(string name, AddressFamily family, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>One question to one nameserver, no search list, no cache.</summary>
    Task<DnsAnswer> QueryAsync(IPAddress server, string name, QueryType type, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The PTR question for <paramref name="address"/> (RFC 1035 3.5, RFC 3596 2.5).</summary>
    Task<DnsAnswer> ReverseAsync(IPAddress server, IPAddress address, TimeSpan timeout, CancellationToken cancellationToken);
}
