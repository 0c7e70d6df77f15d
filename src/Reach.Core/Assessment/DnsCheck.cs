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

        var source = d.HostsMatches.Count > 0 ? "/etc/hosts (nsswitch: files)" : d.Queries.FirstOrDefault(q => q.Result == DnsResult.Answer) is { } q
            ? $"nameserver {q.Server} as {q.Name}" : $"the system resolver ({d.Nsswitch?.ToString() ?? "nsswitch unknown"})";
        var said = $"{name} resolves to {string.Join(", ", got)} (from {source})";
        if (o.OtherAddresses.Count > 0)
        {
            // The order is the applications' (getaddrinfo, RFC 6724): say which comes first and how the rest fared.
            evidence.AddRange(AddressChoice.All(o).Select(a => new Evidence($"connect {a.Address} (#{a.Order + 1}, {a.Family})", a.Describe())));
            var dead = o.OtherAddresses.Where(a => !a.Works).Select(a => a.Address.ToString()).ToList();
            said += $"; applications try {o.Address} first";
            if (dead.Count > 0 && o.Connect is { Result: TcpResult.Open })
            {
                said += $"; {string.Join(", ", dead)} do{(dead.Count == 1 ? "es" : string.Empty)} not accept the connection: clients that pick {(dead.Count == 1 ? "it" : "them")} (round robin, another order) fail or wait";
            }
        }

        return Findings.Pass(Codes.DnsOk, said, evidence, ms);
    }

    private static Finding AssessFailed(ClientObservations o, DnsObservation d, List<Evidence> evidence, double ms)
    {
        var name = o.Target.Host;
        var resolv = d.Resolver.Source;
        if (d.Resolver.Unreadable is { } unreadable)
        {
            // glibc treats an unreadable resolv.conf as an absent one (nameserver 127.0.0.1, no search):
            // every program run by this user fails to resolve, whatever the file says.
            return Findings.Fail(Codes.DnsConfigUnreadable,
                $"{unreadable}: the resolver of this user's programs cannot see its nameservers or search list, so {name} cannot be looked up",
                $"Make {resolv} readable by everyone (`chmod 644 {resolv}`: it holds no secret), or fix what writes it with a restrictive umask.",
                evidence, ms);
        }

        if (d.Nsswitch is { } nss && (!nss.AsksDns || nss.StopsBeforeDns(name) is not null) && d.Queries.Any(q => q.Result == DnsResult.Answer))
        {
            var why = nss.AsksDns
                ? $"'{nss.StopsBeforeDns(name)}' ends the lookup of a .local name before DNS is asked"
                : "it never asks DNS";
            return Findings.Fail(Codes.DnsNsswitch,
                $"the nameservers know {name}, but {nss.Source} has '{nss}': {why}, so applications do not find it",
                $"Add `dns` to the hosts line of {nss.Source} (e.g. `hosts: files dns`), or drop the action that stops before it.",
                evidence, ms);
        }

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

        // A short name that no configured domain completes is a search-path fault whatever the server says
        // for the bare name (NXDOMAIN, REFUSED from an authoritative-only server, SERVFAIL): once a domain
        // is found where the name exists.
        if (!d.Rooted && d.GuessedQueries.FirstOrDefault(q => q.Result == DnsResult.Answer) is { } completed)
        {
            return SearchPath(d, name, completed, evidence, ms);
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

        if (primary.All(q => q.Result is DnsResult.ServFail or DnsResult.Refused)
            && d.Forwarders.FirstOrDefault(f => f.Address.Equals(primary[0].Server)) is { } forwarder && LocalStub(d, forwarder, name) is { } upstream)
        {
            // A local forwarder says SERVFAIL (or REFUSED) because its own upstream failed it.
            return Findings.Fail(upstream.Code, upstream.Summary, upstream.Fix, evidence, ms);
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

        var nx = answering.FirstOrDefault(q => q.Result == DnsResult.NxDomain) ?? answering[0];
        var tried = string.Join(", ", answering.Select(q => q.Name.TrimEnd('.')).Distinct());
        var what = nx.Result == DnsResult.NoData ? "has no address record for it (NOERROR, no data)" : "answers NXDOMAIN";
        if (d.Rooted)
        {
            // resolv.conf(5): a trailing dot makes the name absolute; the search list is not applied.
            return Findings.Fail(Codes.DnsNxdomain,
                $"{name} is a rooted name (trailing dot), so the search list is not applied, and nameserver {nx.Server} {what} for {tried}",
                $"Drop the trailing dot to let the search list complete it ({string.Join(", ", d.Resolver.EffectiveSearch.Select(x => $"{name.TrimEnd('.')}.{x}").DefaultIfEmpty("no search line"))}), or use the full name.",
                evidence, ms);
        }

        return Findings.Fail(Codes.DnsNxdomain,
            $"nameserver {nx.Server} {what}: the zone lacks {tried}",
            $"Add the record for {name} to its zone on the authoritative server (or check the spelling).", evidence, ms);
    }

    private static Finding SearchPath(DnsObservation d, string name, DnsAnswer found, List<Evidence> evidence, double ms)
    {
        var resolv = d.Resolver.Source;
        var full = found.Name.TrimEnd('.');
        var domain = full[(name.TrimEnd('.').Length + 1)..];
        var from = d.GuessedFrom.TryGetValue(domain, out var f) ? $", a domain found in {f}" : string.Empty;
        var bare = d.Queries.Where(q => q.Name.TrimEnd('.') == name.TrimEnd('.')).Select(q => q.Result.ToString().ToUpperInvariant()).FirstOrDefault();
        var bareSaid = bare is null ? string.Empty : $"; the bare name gets {bare}";
        if (d.Resolver.EffectiveSearch.Count == 0)
        {
            return Findings.Fail(Codes.DnsSearchPath,
                $"{name} is not found: {resolv} has no search line{bareSaid}, but {full} resolves to {string.Join(", ", found.Records)}{from}",
                $"Add `search {domain}` to {resolv} (or to whatever writes it: DHCP, NetworkManager, systemd-resolved), or use the full name {full}.",
                evidence, ms);
        }

        var wrong = string.Join(' ', d.Resolver.EffectiveSearch);
        var searched = $"{name}.{d.Resolver.EffectiveSearch[0]}";
        var searchedGot = d.Queries.Where(q => q.Name.TrimEnd('.') == searched).Select(q => q.Result.ToString().ToUpperInvariant()).FirstOrDefault() ?? "no answer";
        return Findings.Fail(Codes.DnsSearchPath,
            $"{name} is not found: {resolv} searches '{wrong}', the wrong domain ({searched} gets {searchedGot}){bareSaid}, while {full} resolves to {string.Join(", ", found.Records)}{from}",
            $"Put {domain} in the search line of {resolv} (`search {domain}`, replacing or before '{wrong}'), or use the full name {full}.",
            evidence, ms);
    }

    private static Finding SilentNameserver(DnsObservation d, IPAddress server, List<Evidence> evidence, double ms, bool fail, string name)
    {
        var reach = d.Nameservers.FirstOrDefault(n => n.Probe.Address.Equals(server));
        if (d.Forwarders.FirstOrDefault(f => f.Address.Equals(server)) is { } local)
        {
            var stub = LocalStub(d, local, name);
            if (stub is not null)
            {
                return fail
                    ? Findings.Fail(stub.Value.Code, stub.Value.Summary, stub.Value.Fix, evidence, ms)
                    : Findings.Warn(stub.Value.Code, $"{stub.Value.Summary}; another nameserver answers, so lookups of {name} wait {Wait(d.Resolver)} first", stub.Value.Fix, evidence, ms);
            }
        }

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
            return Findings.Warn(code, $"{summary}; another nameserver answers, so lookups of {name} wait {Wait(d.Resolver)} first", fix, evidence, ms);
        }

        return Findings.Fail(code, summary, fix, evidence, ms);
    }

    /// <summary>
    /// A nameserver on this host: a stub that is not running is named as the service it stands for;
    /// a forwarder that runs but is silent or fails is usually waiting on an upstream, so the upstream
    /// that fails is the verdict, with the forwarder that depends on it.
    /// </summary>
    private static (Code Code, string Summary, string Fix)? LocalStub(DnsObservation d, LocalForwarder local, string name)
    {
        if (!local.Listening)
        {
            var service = local.Service ?? "the local DNS service (dnsmasq, unbound, named or systemd-resolved)";
            return (Codes.DnsNameserverDown,
                $"{d.Resolver.Source} points at {local.Address}, the stub of {service}, and nothing listens on its port 53: {service} is not running",
                local.Service == "systemd-resolved"
                    ? "Start systemd-resolved (`systemctl enable --now systemd-resolved`), or point /etc/resolv.conf at a nameserver that runs (e.g. the link to /run/systemd/resolve/resolv.conf)."
                    : $"Start {service}, or point {d.Resolver.Source} at a nameserver that runs.");
        }

        if (local.Upstreams.Count == 0)
        {
            return null;
        }

        var upstreamsSay = local.UpstreamQueries.GroupBy(q => q.Server).ToList();
        var knows = upstreamsSay.FirstOrDefault(g => g.Any(q => q.Result == DnsResult.Answer));
        if (knows is not null)
        {
            return (Codes.DnsNameserverDown,
                $"{local.Name} does not answer for {name}, though its upstream {knows.Key} does: the forwarder itself hangs or is misconfigured",
                $"Restart {local.Service ?? "the local forwarder"} and check its log; its upstreams come from {local.UpstreamSource}.");
        }

        var failing = upstreamsSay.Where(g => g.All(q => q.Result is DnsResult.Timeout or DnsResult.Error)).Select(g => g.Key).FirstOrDefault();
        if (failing is not null)
        {
            var reach = local.UpstreamReach.FirstOrDefault(r => r.Probe.Address.Equals(failing));
            var depends = $"{local.Name} forwards to {failing} (from {local.UpstreamSource})";
            var fix = $"Bring {failing} back, or give {local.Service ?? "the forwarder"} an upstream that answers (in {local.UpstreamSource}).";
            if (reach?.PortClosed == true || reach?.HostUp == true)
            {
                return (Codes.DnsNameserverDown,
                    $"{depends}, whose host is up but whose DNS is {(reach.PortClosed ? "not running (port 53 closed)" : "silent")}: the forwarder cannot answer {name}", fix);
            }

            var where = reach?.OnLink == true ? $"on this subnet ({reach.Route!.Device}) and answers neither DNS, ping nor the neighbour probe" : "and answers neither DNS nor ping";
            return (Codes.DnsNameserverUnreachable, $"{depends}, which is {where}: the forwarder cannot answer {name}", fix);
        }

        if (upstreamsSay.Count > 0 && upstreamsSay.All(g => g.All(q => q.Result == DnsResult.ServFail)))
        {
            return (Codes.DnsServfail, $"{local.Name} depends on upstreams that answer SERVFAIL for {name} ({string.Join(", ", upstreamsSay.Select(g => g.Key))})",
                $"Check the upstream nameservers in {local.UpstreamSource}.");
        }

        return null;
    }

    /// <summary>resolv.conf(5): each try waits `options timeout` (5 s by default); with `rotate` only the lookups that start there do.</summary>
    private static string Wait(ResolverConfig r) =>
        $"{r.TimeoutSeconds} s (options timeout){(r.Rotate ? " on the lookups that start with it (options rotate)" : string.Empty)}";

    private static List<Evidence> Evidence(DnsObservation d)
    {
        var r = d.Resolver;
        var evidence = new List<Evidence>
        {
            new(r.Source, r.Unreadable ?? $"nameservers: {(r.Nameservers.Count == 0 ? "none" : string.Join(" ", r.Nameservers))}; search: {(r.EffectiveSearch.Count == 0 ? "none" : string.Join(" ", r.EffectiveSearch))}"),
            new("getaddrinfo", d.System.Resolved ? $"{d.System.Name} → {string.Join(", ", d.System.Addresses)}" : $"{d.System.Name}: {d.System.Error}"),
        };
        evidence.AddRange(d.HostsMatches.Select(h => new Evidence("/etc/hosts", $"{h.Address} {string.Join(' ', h.Names)}")));
        evidence.AddRange(d.Queries.Select(q => new Evidence("dns query", q.Describe())));
        evidence.AddRange(d.GuessedQueries.Select(q => new Evidence("dns query (domain not in the search list)", q.Describe())));
        if (d.Nsswitch is { } nss)
        {
            evidence.Add(new Evidence(nss.Source, nss.Unreadable ?? (nss.Present ? nss.ToString() : "absent: glibc asks files, then dns")));
        }

        foreach (var f in d.Forwarders)
        {
            evidence.Add(new Evidence($"port 53 on {f.Address}", f.Listening ? $"{f.Name}; upstreams: {(f.Upstreams.Count == 0 ? "none found" : string.Join(" ", f.Upstreams))}{(f.UpstreamSource is null ? string.Empty : $" ({f.UpstreamSource})")}" : $"nothing listens ({f.Service ?? "no service known for this address"})"));
            evidence.AddRange(f.UpstreamQueries.Select(q => new Evidence("dns query (upstream)", q.Describe())));
            evidence.AddRange(f.UpstreamReach.Select(n => new Evidence($"ping {n.Probe.Address} (upstream)", n.Probe.Describe())));
        }
        evidence.AddRange(d.Nameservers.Select(n => new Evidence($"ping {n.Probe.Address}", n.Probe.Describe())));
        evidence.AddRange(d.Nameservers.Where(n => n.Port53 is not null).Select(n => new Evidence($"dns datagram to {n.Probe.Address}", n.Port53!.Describe())));
        if (d.DnsConnect is { } c)
        {
            evidence.Add(new Evidence("tcp connect (DNS address)", c.Describe()));
        }

        return evidence;
    }
}
