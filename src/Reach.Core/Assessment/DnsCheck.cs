using System.Net;
using Reach.Core.Model;
using Reach.Core.Observations;

namespace Reach.Core.Assessment;

/// <summary>
/// The seed's `nslookup web1` step, made exact: what applications get (getaddrinfo, with /etc/hosts
/// and nsswitch) is compared with what each nameserver says, and every failure is told apart —
/// no nameserver, an absent one, one whose host is up but not serving, a search list that lacks the
/// domain, a name the zone lacks, a stale /etc/hosts line, SERVFAIL and REFUSED.
/// </summary>
public static class DnsCheck
{
    public static Finding Assess(ClientObservations o)
    {
        if (o.Target.IsAddress)
        {
            return Findings.NotNeeded(Codes.DnsNotNeeded, $"{o.Target.Host} is an address: no lookup needed");
        }

        var d = o.Dns ?? throw new ArgumentException("a name target needs its DNS observation", nameof(o));
        var evidence = Evidence(d);
        var ms = Math.Max(d.System.Ms, d.Queries.Count == 0 ? 0 : d.Queries.Max(q => q.Ms));
        return d.System.Resolved ? AssessResolved(o, d, evidence, ms) : AssessFailed(o, d, evidence, ms);
    }

    private static Finding AssessResolved(ClientObservations o, DnsObservation d, List<Evidence> evidence, double ms)
    {
        var name = o.Target.Host;
        var got = d.System.Addresses;
        var fromDns = d.DnsAddresses;
        if (d.HostsMatches.Count > 0 && fromDns.Count > 0 && !got.Intersect(fromDns).Any())
        {
            var hostsAddress = string.Join(", ", got);
            var dnsAddress = string.Join(", ", fromDns);
            var appFails = o.Connect is { Result: not TcpResult.Open };
            var summary = $"/etc/hosts maps {name} to {hostsAddress}, but DNS says {dnsAddress}";
            var fix = $"Remove or correct the {name} line in /etc/hosts (DNS has {dnsAddress}).";
            if (appFails && d.DnsConnect is { Result: TcpResult.Open })
            {
                return Findings.Fail(Codes.DnsHostsOverride,
                    $"{summary}; {hostsAddress} fails while {dnsAddress} accepts the connection", fix, evidence, ms);
            }

            return Findings.Warn(Codes.DnsHostsOverride,
                appFails ? $"{summary}; neither address accepts the connection" : $"{summary} (the /etc/hosts address works)",
                fix, evidence, ms);
        }

        var source = d.HostsMatches.Count > 0 ? "/etc/hosts" : d.Queries.FirstOrDefault(q => q.Result == DnsResult.Answer) is { } q
            ? $"nameserver {q.Server} as {q.Name}" : "the system resolver";
        return Findings.Pass(Codes.DnsOk, $"{name} resolves to {string.Join(", ", got)} (from {source})", evidence, ms);
    }

    private static Finding AssessFailed(ClientObservations o, DnsObservation d, List<Evidence> evidence, double ms)
    {
        var name = o.Target.Host;
        var resolv = d.Resolver.Source;
        if (d.Resolver.Nameservers.Count == 0)
        {
            return Findings.Fail(Codes.DnsNoNameserver,
                $"{resolv} lists no nameserver, so {name} cannot be looked up (the resolver falls back to 127.0.0.1, where none runs)",
                $"Add your nameserver to {resolv}: `nameserver ADDRESS` (or fix whatever writes that file: DHCP, resolvconf, NetworkManager).",
                evidence, ms);
        }

        var byServer = d.Queries.GroupBy(q => q.Server).ToList();
        var silent = byServer.Where(g => g.All(q => q.Result is DnsResult.Timeout or DnsResult.Error)).Select(g => g.Key).ToList();
        var answering = byServer.Where(g => !silent.Contains(g.Key)).SelectMany(g => g).ToList();

        if (answering.Count == 0)
        {
            return SilentNameserver(d, silent.Count > 0 ? silent[0] : d.Resolver.Nameservers[0], evidence, ms, fail: true, name);
        }

        if (answering.Any(q => q.Result == DnsResult.Answer))
        {
            if (silent.Count > 0)
            {
                // The first nameserver is silent and a later one knows the name: lookups work, after the
                // resolver's timeout (resolv.conf(5): 5 s per try by default).
                return SilentNameserver(d, silent[0], evidence, ms, fail: false, name);
            }

            // Every nameserver answers and one knows the name, yet getaddrinfo failed: what lies between
            // is nsswitch.conf's hosts line, the resolver's own order and timeouts, or an AAAA query that hangs.
            return Findings.Inconclusive(Layer.Dns,
                $"the nameservers answer for {name} directly, but getaddrinfo failed ({d.System.Error}): check the hosts line of /etc/nsswitch.conf, and whether AAAA lookups hang",
                evidence, ms);
        }

        // The name as typed speaks for a dotted name (www.other.org), the searched names for a short one:
        // a REFUSED for www.other.org is the story, not the NXDOMAIN for www.other.org.example.net.
        var asGiven = $"{name.TrimEnd('.')}.";
        var dotted = name.TrimEnd('.').Count(c => c == '.') >= d.Resolver.Ndots;
        var primary = answering.Where(q => (q.Name == asGiven) == dotted).ToList();
        if (primary.Count == 0)
        {
            primary = answering;
        }

        if (primary.All(q => q.Result == DnsResult.ServFail))
        {
            var server = primary[0].Server;
            return Findings.Fail(Codes.DnsServfail,
                $"nameserver {server} answers SERVFAIL for {name}: it cannot resolve it (a broken zone, DNSSEC failure or an unreachable upstream)",
                $"Check {server}'s logs and its upstream or zone for {name}.", evidence, ms);
        }

        if (primary.All(q => q.Result == DnsResult.Refused))
        {
            var server = primary[0].Server;
            return Findings.Fail(Codes.DnsRefused,
                $"nameserver {server} REFUSES to answer for {name}: it does not serve this zone or this client",
                $"Allow this host in {server}'s ACL (allow-query/allow-recursion) or use a nameserver that serves this zone.", evidence, ms);
        }

        if (d.GuessedQueries.FirstOrDefault(q => q.Result == DnsResult.Answer) is { } found)
        {
            var domain = found.Name[(name.TrimEnd('.').Length + 1)..].TrimEnd('.');
            var search = d.Resolver.EffectiveSearch.Count == 0 ? "no search line" : $"'search {string.Join(' ', d.Resolver.EffectiveSearch)}'";
            return Findings.Fail(Codes.DnsSearchPath,
                $"{name} is not found, but {found.Name.TrimEnd('.')} resolves to {string.Join(", ", found.Records)}: {resolv} has {search}, which lacks {domain}",
                $"Add `search {domain}` to {resolv} (or whatever writes it), or use the full name {found.Name.TrimEnd('.')}.",
                evidence, ms);
        }

        var nx = answering.FirstOrDefault(q => q.Result == DnsResult.NxDomain) ?? answering[0];
        var tried = string.Join(", ", answering.Select(q => q.Name.TrimEnd('.')).Distinct());
        var what = nx.Result == DnsResult.NoData ? "has no address record for it (NOERROR, no data)" : "answers NXDOMAIN";
        return Findings.Fail(Codes.DnsNxdomain,
            $"nameserver {nx.Server} {what}: the zone lacks {tried}",
            $"Add the record for {name} to its zone on the authoritative server (or check the spelling).", evidence, ms);
    }

    private static Finding SilentNameserver(DnsObservation d, IPAddress server, List<Evidence> evidence, double ms, bool fail, string name)
    {
        var reach = d.Nameservers.FirstOrDefault(n => n.Probe.Address.Equals(server));
        Code code;
        string summary;
        string fix;
        if (reach?.PortClosed == true)
        {
            code = Codes.DnsNameserverDown;
            summary = $"nameserver {server} is up but nothing listens on its port 53: it answers a DNS query with {reach.Port53!.Icmp!.Describe()}";
            fix = $"Start or repair the DNS service on {server}.";
        }
        else if (reach?.HostUp == true)
        {
            code = Codes.DnsNameserverDown;
            summary = $"nameserver {server} is up ({(reach.Probe.Ping.Replied ? "answers ping" : "answers ARP")}) but DNS on its port 53 is silent: the server hangs or a firewall drops port 53";
            fix = $"Check the DNS service on {server} and its firewall for udp/tcp 53.";
        }
        else if (reach?.OnLink == true)
        {
            code = Codes.DnsNameserverUnreachable;
            summary = $"nameserver {server} is on this subnet ({reach.Route!.Device}) and answers neither DNS, ping nor ARP: it is down or the address is wrong";
            fix = $"Bring the nameserver back, or point {d.Resolver.Source} at one that is up.";
        }
        else
        {
            code = Codes.DnsNameserverUnreachable;
            var via = reach?.Route?.Gateway is { } gw ? $"behind gateway {gw}" : "off this subnet";
            summary = $"nameserver {server} is {via} and answers neither DNS nor ping: it is down or the path to it is broken";
            fix = $"Check the path to {server} (`reach check {server}:53`), or point {d.Resolver.Source} at a nameserver that answers.";
        }

        if (!fail)
        {
            return Findings.Warn(code, $"{summary}; another nameserver answers, so lookups of {name} wait for a timeout first", fix, evidence, ms);
        }

        return Findings.Fail(code, summary, fix, evidence, ms);
    }

    private static List<Evidence> Evidence(DnsObservation d)
    {
        var r = d.Resolver;
        var evidence = new List<Evidence>
        {
            new(r.Source, $"nameservers: {(r.Nameservers.Count == 0 ? "none" : string.Join(" ", r.Nameservers))}; search: {(r.EffectiveSearch.Count == 0 ? "none" : string.Join(" ", r.EffectiveSearch))}"),
            new("getaddrinfo", d.System.Resolved ? $"{d.System.Name} → {string.Join(", ", d.System.Addresses)}" : $"{d.System.Name}: {d.System.Error}"),
        };
        evidence.AddRange(d.HostsMatches.Select(h => new Evidence("/etc/hosts", $"{h.Address} {string.Join(' ', h.Names)}")));
        evidence.AddRange(d.Queries.Select(q => new Evidence("dns query", q.Describe())));
        evidence.AddRange(d.GuessedQueries.Select(q => new Evidence("dns query (domain not in the search list)", q.Describe())));
        evidence.AddRange(d.Nameservers.Select(n => new Evidence($"ping {n.Probe.Address}", n.Probe.Describe())));
        evidence.AddRange(d.Nameservers.Where(n => n.Port53 is not null).Select(n => new Evidence($"dns datagram to {n.Probe.Address}", n.Port53!.Describe())));
        if (d.DnsConnect is { } c)
        {
            evidence.Add(new Evidence("tcp connect (DNS address)", c.Describe()));
        }

        return evidence;
    }
}
