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
/// When a short name fails everywhere, it tries the domains the search list lacks: this host's own
/// domain and the domain of its PTR name — the "use the full name" step of the seed.
/// </summary>
internal sealed class DnsObserver(SystemReader reader, ProbeOptions options)
{
    private static readonly TimeSpan PortProbeHeadStart = TimeSpan.FromMilliseconds(50);

    public async Task<DnsObservation> ObserveAsync(Target target, IReadOnlyList<NetInterface> interfaces, CancellationToken cancellationToken)
    {
        var resolver = reader.Resolver();
        var name = target.Host.TrimEnd('.');
        var candidates = CandidateNames(name, resolver);
        var hosts = HostsParser.Matching(reader.HostsFile(), [name, .. candidates]);
        var servers = resolver.Nameservers.Distinct().ToList();
        using var stopReach = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // The datagram to udp/53 goes first, alone: a host rate-limits the ICMP errors it sends to us
        // (icmp_ratelimit, a burst of about 6), and the resolver's own queries below would use them up.
        // On a LAN its answer comes within a millisecond; a far nameserver costs at most the head start.
        var port53 = servers.Select(ns => UdpProbe.ExchangeAsync(new IPEndPoint(ns, 53), UdpProbe.DnsRootQuery, options.Timeout, stopReach.Token)).ToList();
        await Task.WhenAny(Task.WhenAll(port53), Task.Delay(PortProbeHeadStart, cancellationToken)).ConfigureAwait(false);

        // When every nameserver's host said nothing listens on udp/53 (and /etc/hosts has no line for the
        // name), asking again proves nothing and spends the ICMP budget a second run will need.
        var noneListens = hosts.Count == 0 && port53.Count > 0 && port53.All(p => p.IsCompletedSuccessfully && p.Result.PortClosed);
        var system = noneListens
            ? Task.FromResult(new SystemLookup(target.Host, [], "not asked: no nameserver listens on udp/53", 0))
            : SystemResolver.LookupAsync(target.Host, AddressFamily.Unspecified, options.Timeout, cancellationToken);

        // One stop per nameserver: once its own stack says nothing listens on udp/53, waiting for its
        // answers is pointless (DnsClient's unconnected socket never hears that ICMP and would time out).
        var stops = servers.Select(_ => CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)).ToList();
        DnsAnswer[] answers;
        NameserverReach[] probed;
        bool allAnswered;
        try
        {
            var queries = noneListens ? [] : servers.SelectMany((ns, i) => candidates.Select(c => DnsProbe.QueryAsync(ns, c, QueryType.A, options.Timeout, stops[i].Token))).ToList();
            var reach = servers.Select((ns, i) => NameserverAsync(ns, port53[i], stops[i], stopReach.Token)).ToList();
            answers = await Task.WhenAll(queries).ConfigureAwait(false);

            // Whether a nameserver's host is up matters only for one that did not answer: when all did,
            // do not wait for pings to resolvers that ignore echo.
            allAnswered = servers.All(ns => answers.Any(a => a.Server.Equals(ns) && a.Result is not (DnsResult.Timeout or DnsResult.Error)));
            if (allAnswered)
            {
                await stopReach.CancelAsync().ConfigureAwait(false);
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
        var everyoneSaysNo = answers.Length > 0 && answers.All(a => a.Result is DnsResult.NxDomain or DnsResult.NoData);
        if (!lookup.Resolved && target.IsShortName && everyoneSaysNo)
        {
            guessed = await GuessAsync(name, resolver, interfaces, cancellationToken).ConfigureAwait(false);
        }

        return new DnsObservation(resolver, hosts, lookup, answers, nameservers, guessed);
    }

    /// <summary>The names the stub resolver would try, in its order (resolv.conf(5), ndots).</summary>
    internal static IReadOnlyList<string> CandidateNames(string name, ResolverConfig resolver)
    {
        var dots = name.Count(c => c == '.');
        var searched = resolver.EffectiveSearch.Select(d => $"{name}.{d}").ToList();
        return dots >= resolver.Ndots ? [name, .. searched] : [.. searched, name];
    }

    private async Task<NameserverReach> NameserverAsync(IPAddress server, Task<UdpOutcome> probing, CancellationTokenSource queries, CancellationToken cancellationToken)
    {
        var route = reader.RouteGetAsync(server, CancellationToken.None);
        var pinging = IcmpEcho.PingAsync(server, options.Timeout, cancellationToken);
        var port53 = await probing.ConfigureAwait(false);
        if (port53.PortClosed)
        {
            await queries.CancelAsync().ConfigureAwait(false);
        }

        var probe = await new GatewayProber(reader, options).PeerAsync(server, await pinging.ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
        return new NameserverReach(probe, await route.ConfigureAwait(false), port53);
    }

    private async Task<IReadOnlyList<DnsAnswer>> GuessAsync(string name, ResolverConfig resolver, IReadOnlyList<NetInterface> interfaces, CancellationToken cancellationToken)
    {
        var own = interfaces.GlobalAddresses(AddressFamily.InterNetwork).Concat(interfaces.GlobalAddresses(AddressFamily.InterNetworkV6))
            .Select(g => g.Address).Take(4).ToList();
        var ptrs = await Task.WhenAll(resolver.Nameservers.Take(1)
            .SelectMany(ns => own.Select(a => DnsProbe.ReverseAsync(ns, a, options.Timeout, cancellationToken)))).ConfigureAwait(false);
        var hostname = reader.Source.ReadFile("/proc/sys/kernel/hostname")?.Trim() ?? string.Empty;

        var domains = ptrs.Where(p => p.Result == DnsResult.Answer).SelectMany(p => p.Records).Append(hostname)
            .Select(DomainOf)
            .Append(resolver.Domain)
            .OfType<string>()
            .Where(d => d.Length > 0 && !resolver.EffectiveSearch.Contains(d, StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(4)
            .ToList();
        if (domains.Count == 0 || resolver.Nameservers.Count == 0)
        {
            return [];
        }

        var server = resolver.Nameservers[0];
        return await Task.WhenAll(domains.Select(d => DnsProbe.QueryAsync(server, $"{name}.{d}", QueryType.A, options.Timeout, cancellationToken))).ConfigureAwait(false);
    }

    private static string? DomainOf(string fqdn)
    {
        var name = fqdn.TrimEnd('.');
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < name.Length - 1 ? name[(dot + 1)..] : null;
    }
}
