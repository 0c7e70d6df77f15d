using System.Net;

namespace Reach.Core.Observations;

/// <summary>
/// A nameserver on this host (127.0.0.0/8, ::1): a stub or caching forwarder such as systemd-resolved
/// (127.0.0.53), dnsmasq, unbound or named, and the upstream nameservers it forwards to. A stub's
/// silence or SERVFAIL is usually its upstream's fault, so the upstreams are examined too.
/// </summary>
/// <param name="Service">The program holding port 53 there (from the socket table), or the one the address stands for (127.0.0.53 is systemd-resolved's stub).</param>
/// <param name="Pid">Its process id, when the socket table shows it.</param>
/// <param name="Listening">Whether anything is bound to port 53 on that address (or the wildcard).</param>
/// <param name="UpstreamSource">Where the upstreams were read: a file, or the process's command line.</param>
public sealed record LocalForwarder(IPAddress Address, string? Service, int? Pid, bool Listening, IReadOnlyList<IPAddress> Upstreams, string? UpstreamSource)
{
    /// <summary>The upstreams' answers to the same candidate names, asked directly.</summary>
    public IReadOnlyList<DnsAnswer> UpstreamQueries { get; init; } = [];

    /// <summary>Whether each upstream that did not answer is there at all (ping, neighbour, udp/53).</summary>
    public IReadOnlyList<NameserverReach> UpstreamReach { get; init; } = [];

    /// <summary>"dnsmasq (pid 812) on 127.0.0.1", for sentences.</summary>
    public string Name => $"{Service ?? "a local DNS service"}{(Pid is { } p ? $" (pid {p})" : string.Empty)} on {Address}";
}
