using System.Net;
using System.Net.Sockets;
using DnsClient;
using Reach.Core.Observations;
using Reach.Core.Targets;
using Reach.Probes;
using Reach.Readers;
using Reach.Readers.Parsing;

namespace Reach.Engine;

/// <summary>
/// Asks the question three ways at once: getaddrinfo (what applications get), each nameserver
/// directly for each name the search list makes, and a ping of each nameserver (is its host there?).
/// When a short name fails everywhere, it tries the domains the search list lacks, from every source
/// the host has — the "use the full name" step of the seed. For a nameserver on this host (a stub or
/// forwarder), it also asks that program's upstreams.
/// </summary>
internal sealed class DnsObserver(SystemReader reader, ProbeOptions options, ProbeSet probes)
{
    private static readonly TimeSpan PortProbeHeadStart = TimeSpan.FromMilliseconds(50);

    public async Task<DnsObservation> ObserveAsync(Target target, IReadOnlyList<NetInterface> interfaces, CancellationToken cancellationToken)
    {
        var resolver = reader.Resolver();
        var nsswitch = new ResolverReader(reader.Source).Hosts();
        var rooted = target.Host.EndsWith('.');
        var name = target.Host.TrimEnd('.');
        var candidates = CandidateNames(target.Host, resolver);
        var hostsFile = reader.HostsFile();
        var hosts = HostsParser.Matching(hostsFile, [name, .. candidates]);
        var servers = resolver.Nameservers.Distinct().ToList();

        // A nameserver on this host is a stub or forwarder: find who holds its port 53 and ask its
        // upstreams the same questions meanwhile (their silence costs a timeout, so not after it).
        using var stopUpstreams = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var forwarders = ExamineForwardersAsync(servers.Where(IPAddress.IsLoopback).ToList(), candidates, stopUpstreams.Token);
        using var stopReach = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // The datagram to udp/53 goes first, alone: a host rate-limits the ICMP errors it sends to us
        // (icmp_ratelimit, a burst of about 6), and the resolver's own queries below would use them up.
        // On a LAN its answer comes within a millisecond; a far nameserver costs at most the head start.
        var port53 = servers.Select(ns => probes.Udp.ExchangeAsync(new IPEndPoint(ns, 53), UdpProbe.DnsRootQuery, options.Timeout, stopReach.Token)).ToList();
        await Task.WhenAny(Task.WhenAll(port53), Task.Delay(PortProbeHeadStart, probes.Time, cancellationToken)).ConfigureAwait(false);

        // When every nameserver's host said nothing listens on udp/53 (and /etc/hosts has no line for the
        // name), asking again proves nothing and spends the ICMP budget a second run will need.
        var noneListens = hosts.Count == 0 && port53.Count > 0 && port53.All(p => p.IsCompletedSuccessfully && p.Result.PortClosed);
        var system = noneListens
            ? Task.FromResult(new SystemLookup(target.Host, [], "not asked: no nameserver listens on udp/53", 0))
            : probes.Dns.LookupAsync(target.Host, AddressFamily.Unspecified, options.Timeout, cancellationToken);

        // One stop per nameserver: once its own stack says nothing listens on udp/53, waiting for its
        // answers is pointless (DnsClient's unconnected socket never hears that ICMP and would time out).
        var stops = servers.Select(_ => CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)).ToList();
        DnsAnswer[] answers;
        NameserverReach[] probed;
        bool allAnswered;
        try
        {
            var perServer = servers.Select((ns, i) => noneListens ? [] : candidates.SelectMany(c => (QueryType[])[QueryType.A, QueryType.AAAA], (c, type) => probes.Dns.QueryAsync(ns, c, type, options.Timeout, stops[i].Token)).ToList()).ToList();
            var queries = perServer.SelectMany(q => q).ToList();
            var reach = servers.Select((ns, i) => NameserverAsync(ns, port53[i], stops[i], Answered(perServer[i]), stopReach.Token)).ToList();
            answers = await Task.WhenAll(queries).ConfigureAwait(false);

            // Whether a nameserver's host is up matters only for one that did not answer: when all did,
            // do not wait for pings to resolvers that ignore echo.
            allAnswered = servers.All(ns => answers.Any(a => a.Server.Equals(ns) && a.Result is not (DnsResult.Timeout or DnsResult.Error)));
            if (allAnswered)
            {
                // Every nameserver answered: a local forwarder's upstreams are not the story, do not wait on them.
                await stopReach.CancelAsync().ConfigureAwait(false);
                await stopUpstreams.CancelAsync().ConfigureAwait(false);
            }

            probed = await Task.WhenAll(reach).ConfigureAwait(false);
        }
        finally
        {
            stops.ForEach(s => s.Dispose());
        }

        var lookup = await system.ConfigureAwait(false);
        IReadOnlyList<NameserverReach> nameservers = allAnswered ? [] : probed;
        IReadOnlyList<DnsAnswer> guessed = [];
        IReadOnlyDictionary<string, string> guessedFrom = new Dictionary<string, string>();

        // Whatever a nameserver answers for the bare name (NXDOMAIN, REFUSED from an authoritative-only
        // one, SERVFAIL), a short name nobody knows may belong in a domain the search list lacks.
        var answeringServer = answers.FirstOrDefault(a => a.Result is not (DnsResult.Timeout or DnsResult.Error or DnsResult.Answer))?.Server;
        var nobodyKnows = answers.Length > 0 && answers.All(a => a.Result is not DnsResult.Answer);
        if (!lookup.Resolved && target.IsShortName && nobodyKnows && answeringServer is not null)
        {
            (guessed, guessedFrom) = await GuessAsync(name, answeringServer, resolver, hostsFile, interfaces, cancellationToken).ConfigureAwait(false);
        }

        return new DnsObservation(resolver, hosts, lookup, answers, nameservers, guessed)
        {
            Nsswitch = nsswitch,
            HostsUnreadable = new ResolverReader(reader.Source).UnreadableOrNull(SystemReader.Hosts),
            Forwarders = await forwarders.ConfigureAwait(false),
            Rooted = rooted,
            GuessedFrom = guessedFrom,
        };
    }

    /// <summary>
    /// The names the stub resolver would try, in its order (resolv.conf(5), ndots). A rooted name
    /// ("web1.") is tried as it is and only so: the trailing dot says "no search list".
    /// </summary>
    internal static IReadOnlyList<string> CandidateNames(string typed, ResolverConfig resolver)
    {
        if (typed.EndsWith('.'))
        {
            return [typed];
        }

        var dots = typed.Count(c => c == '.');
        var searched = resolver.EffectiveSearch.Select(d => $"{typed}.{d}").ToList();
        return dots >= resolver.Ndots ? [typed, .. searched] : [.. searched, typed];
    }

    private async Task<IReadOnlyList<LocalForwarder>> ExamineForwardersAsync(List<IPAddress> local, IReadOnlyList<string> candidates, CancellationToken cancellationToken)
    {
        if (local.Count == 0)
        {
            return [];
        }

        IReadOnlyList<Listener> listeners;
        try
        {
            listeners = await reader.ListenersAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped because every nameserver answered: who serves them is not needed.
            return [];
        }

        var resolverReader = new ResolverReader(reader.Source);
        return await Task.WhenAll(local.Select(async ns =>
        {
            var forwarder = resolverReader.Forwarder(ns, listeners);
            var upstreams = forwarder.Upstreams.Take(3).ToList();
            if (upstreams.Count == 0)
            {
                return forwarder;
            }

            var queries = upstreams.SelectMany(u => candidates.Select(c => probes.Dns.QueryAsync(u, c, QueryType.A, options.Timeout, cancellationToken))).ToList();
            var reach = upstreams.Select(async u =>
            {
                var port53 = probes.Udp.ExchangeAsync(new IPEndPoint(u, 53), UdpProbe.DnsRootQuery, options.Timeout, cancellationToken);
                using var noop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                return await NameserverAsync(u, port53, noop, Task.FromResult(false), cancellationToken).ConfigureAwait(false);
            }).ToList();
            return forwarder with
            {
                UpstreamQueries = await Task.WhenAll(queries).ConfigureAwait(false),
                UpstreamReach = await Task.WhenAll(reach).ConfigureAwait(false),
            };
        })).ConfigureAwait(false);
    }

    /// <param name="answered">Whether the nameserver answered the questions: then its route and neighbour entry are not read.</param>
    private async Task<NameserverReach> NameserverAsync(IPAddress server, Task<UdpOutcome> probing, CancellationTokenSource queries, Task<bool> answered, CancellationToken cancellationToken)
    {
        var pinging = probes.Packets.PingAsync(server, options.Timeout, cancellationToken);
        var port53 = await probing.ConfigureAwait(false);
        if (port53.PortClosed)
        {
            await queries.CancelAsync().ConfigureAwait(false);
        }

        // The route and the neighbour entry are read by starting `ip` twice, which costs a healthy check
        // more than all its packets: only for a nameserver that did not answer, whose report needs them.
        var ping = await pinging.ConfigureAwait(false);
        if (await answered.ConfigureAwait(false))
        {
            return new NameserverReach(new PeerProbe(server, ping, null), null, port53);
        }

        var route = reader.RouteGetAsync(server, CancellationToken.None);
        var probe = await new GatewayProber(reader, options, probes).PeerAsync(server, ping, CancellationToken.None).ConfigureAwait(false);
        return new NameserverReach(probe, await route.ConfigureAwait(false), port53);
    }

    /// <summary>Whether any of one nameserver's answers is an answer of DNS (not a timeout or a local error).</summary>
    private static async Task<bool> Answered(List<Task<DnsAnswer>> queries) =>
        queries.Count > 0 && (await Task.WhenAll(queries).ConfigureAwait(false)).Any(a => a.Result is not (DnsResult.Timeout or DnsResult.Error));

    /// <summary>
    /// Domains the search list lacks, from every source this host has (the nameserver's own PTR name,
    /// this host's addresses' PTR names, its hostname, resolv.conf's domain, leases, NetworkManager,
    /// /etc/hosts), each verified by asking for the name in it: only a domain that answers is named.
    /// </summary>
    private async Task<(IReadOnlyList<DnsAnswer>, IReadOnlyDictionary<string, string>)> GuessAsync(
        string name, IPAddress server, ResolverConfig resolver, IReadOnlyList<HostsEntry> hostsFile, IReadOnlyList<NetInterface> interfaces, CancellationToken cancellationToken)
    {
        var own = interfaces.GlobalAddresses(AddressFamily.InterNetwork).Concat(interfaces.GlobalAddresses(AddressFamily.InterNetworkV6))
            .Select(g => g.Address).Take(4).ToList();
        var ptrQueries = new List<(Task<DnsAnswer> Query, string From)>
        {
            (probes.Dns.ReverseAsync(server, server, options.Timeout, cancellationToken), $"the nameserver's own name (PTR of {server})"),
        };
        ptrQueries.AddRange(own.Select(a => (probes.Dns.ReverseAsync(server, a, options.Timeout, cancellationToken), $"this host's name (PTR of {a})")));
        await Task.WhenAll(ptrQueries.Select(p => p.Query)).ConfigureAwait(false);

        var sources = ptrQueries.Where(p => p.Query.Result.Result == DnsResult.Answer)
            .SelectMany(p => p.Query.Result.Records.Select(r => (Domain: SearchDomainSources.DomainOf(r), p.From)))
            .Where(d => d.Domain is not null)
            .Select(d => (Domain: d.Domain!.ToLowerInvariant(), d.From))
            .Concat(new SearchDomainSources(reader.Source).Read(resolver, hostsFile))
            .Where(d => !resolver.EffectiveSearch.Contains(d.Domain, StringComparer.OrdinalIgnoreCase))
            .DistinctBy(d => d.Domain)
            .Take(6)
            .ToList();
        if (sources.Count == 0)
        {
            return ([], new Dictionary<string, string>());
        }

        var answers = await Task.WhenAll(sources.Select(d => probes.Dns.QueryAsync(server, $"{name}.{d.Domain}", QueryType.A, options.Timeout, cancellationToken))).ConfigureAwait(false);
        return (answers, sources.ToDictionary(d => d.Domain, d => d.From, StringComparer.OrdinalIgnoreCase));
    }
}
