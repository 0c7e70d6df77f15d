using System.Net;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

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
            return Findings.NotNeeded(Codes.DnsNotNeeded, Message.Of("dns.not-needed", ("host", o.Target.Host)));
        }

        var d = o.Dns ?? throw new ArgumentException("a name target needs its DNS observation", nameof(o));
        var evidence = Evidence(d);
        var ms = Math.Max(d.System.Ms, d.Queries.Count == 0 ? 0 : d.Queries.Max(q => q.Ms));
        var finding = d.System.Resolved ? AssessResolved(o, d, evidence, ms) : AssessFailed(o, d, evidence, ms);
        return d.HostsUnreadable is { } unreadable ? HostsUnreadable(o, d, finding, unreadable) : finding;
    }

    /// <summary>
    /// /etc/hosts exists but this user cannot read it: glibc's files source is unavailable, so the lookup
    /// goes on to DNS and whatever the file says is skipped. Said, never taken as an empty file: a name
    /// DNS does not know may be one the file was meant to give.
    /// </summary>
    private static Finding HostsUnreadable(ClientObservations o, DnsObservation d, Finding finding, string unreadable)
    {
        var args = new[] { ("name", o.Target.Host), ("unreadable", unreadable) };
        var fix = Message.Of("dns.hosts-unreadable.fix");
        if (finding.Code == Codes.DnsOk)
        {
            return Findings.Warn(Codes.DnsConfigUnreadable,
                Message.Of("dns.hosts-unreadable.resolved.summary", [.. args, ("addresses", string.Join(", ", d.System.Addresses))]), fix, finding.Evidence, finding.Ms);
        }

        if (finding.Code == Codes.DnsNxdomain || finding.Code == Codes.DnsSearchPath)
        {
            return Findings.Fail(Codes.DnsConfigUnreadable,
                Message.Of("dns.hosts-unreadable.failed.summary", args).With("dns", finding.Summary), fix, finding.Evidence, finding.Ms);
        }

        return finding;
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
            (string, string)[] args = [("name", name), ("hosts", hostsAddress), ("dns", dnsAddress)];
            var fix = Message.Of("dns.hosts-override.fix", ("name", name), ("dns", dnsAddress));
            if (appFails && d.DnsConnect is { Result: TcpResult.Open })
            {
                return Findings.Fail(Codes.DnsHostsOverride, Message.Of("dns.hosts-override.fail.summary", args), fix, evidence, ms);
            }

            return Findings.Warn(Codes.DnsHostsOverride,
                Message.Of(appFails ? "dns.hosts-override.both-fail.summary" : "dns.hosts-override.hosts-works.summary", args),
                fix, evidence, ms);
        }

        var source = d.HostsMatches.Count > 0 ? Message.Of("dns.ok.source.hosts") : d.Queries.FirstOrDefault(q => q.Result == DnsResult.Answer) is { } q
            ? Message.Of("dns.ok.source.nameserver", ("server", q.Server.ToString()), ("query", q.Name))
            : d.Nsswitch is { } known ? Message.Of("dns.ok.source.system", ("nsswitch", known.ToString()))
            : Message.Of("dns.ok.source.system").With("nsswitch", Message.Of("dns.ok.source.nsswitch-unknown"));
        var said = Message.Of("dns.ok.summary", ("name", name), ("addresses", string.Join(", ", got))).With("source", source);
        Message? first = null;
        Message? deadSaid = null;
        if (o.OtherAddresses.Count > 0)
        {
            // The order is the applications' (getaddrinfo, RFC 6724): say which comes first and how the rest fared.
            evidence.AddRange(AddressChoice.All(o).Select(a => new Evidence($"connect {a.Address} (#{a.Order + 1}, {a.Family})", a.Describe())));
            var dead = o.OtherAddresses.Where(a => !a.Works).Select(a => a.Address.ToString()).ToList();
            first = Message.Of("dns.ok.first", ("address", o.Address?.ToString() ?? string.Empty));
            if (dead.Count > 0 && o.Connect is { Result: TcpResult.Open })
            {
                deadSaid = Message.Of(dead.Count == 1 ? "dns.ok.dead-one" : "dns.ok.dead-many", ("dead", string.Join(", ", dead)));
            }
        }

        if (d.HostsMatches.Count == 0 && SilentBeforeAnswering(d) is { } silent)
        {
            // Applications get the name, but only after the resolver waited for a nameserver that says nothing.
            return SilentNameserver(o, d, silent, evidence, ms, fail: false, name);
        }

        return Findings.Pass(Codes.DnsOk, said.With("first", first).With("dead", deadSaid), evidence, ms);
    }

    /// <summary>
    /// The first nameserver (in resolv.conf's order, which glibc follows without `rotate`) that stayed
    /// silent for every query while a later one answered: every lookup waits for it first.
    /// </summary>
    private static IPAddress? SilentBeforeAnswering(DnsObservation d)
    {
        foreach (var server in d.Resolver.Nameservers)
        {
            var asked = d.Queries.Where(q => q.Server.Equals(server)).ToList();
            if (asked.Count == 0)
            {
                return null;
            }

            if (asked.All(q => q.Result is DnsResult.Timeout && q.Detail is null))
            {
                return d.Queries.Any(q => !q.Server.Equals(server) && q.Result == DnsResult.Answer) ? server : null;
            }

            if (asked.Any(q => q.Result is not (DnsResult.Timeout or DnsResult.Error)))
            {
                // This one answers: the resolver stops here, whatever follows.
                return null;
            }
        }

        return null;
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
                Message.Of("dns.config-unreadable.summary", ("unreadable", unreadable), ("name", name)),
                Message.Of("dns.config-unreadable.fix", ("resolv", resolv)),
                evidence, ms);
        }

        if (d.Nsswitch is { } nss && (!nss.AsksDns || nss.StopsBeforeDns(name) is not null) && d.Queries.Any(q => q.Result == DnsResult.Answer))
        {
            var why = nss.AsksDns
                ? Message.Of("dns.nsswitch.stops", ("action", nss.StopsBeforeDns(name)?.ToString() ?? string.Empty))
                : Message.Of("dns.nsswitch.no-dns");
            return Findings.Fail(Codes.DnsNsswitch,
                Message.Of("dns.nsswitch.summary", ("name", name), ("source", nss.Source), ("nsswitch", nss.ToString())).With("why", why),
                Message.Of("dns.nsswitch.fix", ("source", nss.Source)),
                evidence, ms);
        }

        if (d.Resolver.Nameservers.Count == 0)
        {
            return Findings.Fail(Codes.DnsNoNameserver,
                Message.Of("dns.no-nameserver.summary", ("resolv", resolv), ("name", name)),
                Message.Of("dns.no-nameserver.fix", ("resolv", resolv)),
                evidence, ms);
        }

        var byServer = d.Queries.GroupBy(q => q.Server).ToList();
        var silent = byServer.Where(g => g.All(q => q.Result is DnsResult.Timeout or DnsResult.Error)).Select(g => g.Key).ToList();
        var answering = byServer.Where(g => !silent.Contains(g.Key)).SelectMany(g => g).ToList();

        if (answering.Count == 0)
        {
            return SilentNameserver(o, d, silent.Count > 0 ? silent[0] : d.Resolver.Nameservers[0], evidence, ms, fail: true, name);
        }

        if (answering.Any(q => q.Result == DnsResult.Answer))
        {
            if (silent.Count > 0)
            {
                // The first nameserver is silent and a later one knows the name: lookups work, after the
                // resolver's timeout (resolv.conf(5): 5 s per try by default).
                return SilentNameserver(o, d, silent[0], evidence, ms, fail: false, name);
            }

            // Every nameserver answers and one knows the name, yet getaddrinfo failed: what lies between
            // is nsswitch.conf's hosts line, the resolver's own order and timeouts, or an AAAA query that hangs.
            return Findings.Inconclusive(Layer.Dns,
                Message.Of("dns.unknown.getaddrinfo", ("name", name), ("error", d.System.Error ?? string.Empty)),
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
            && d.Forwarders.FirstOrDefault(f => f.Address.Equals(primary[0].Server)) is { } forwarder && LocalStub(d, forwarder, name, o.Host) is { } upstream)
        {
            // A local forwarder says SERVFAIL (or REFUSED) because its own upstream failed it.
            return Findings.Fail(upstream.Code, upstream.Summary, upstream.Fix, evidence, ms);
        }

        if (primary.All(q => q.Result == DnsResult.ServFail))
        {
            var server = primary[0].Server.ToString();
            return Findings.Fail(Codes.DnsServfail,
                Message.Of("dns.servfail.summary", ("server", server), ("name", name)),
                Message.Of("dns.servfail.fix", ("server", server), ("name", name)), evidence, ms);
        }

        if (primary.All(q => q.Result == DnsResult.Refused))
        {
            var server = primary[0].Server.ToString();
            return Findings.Fail(Codes.DnsRefused,
                Message.Of("dns.refused.summary", ("server", server), ("name", name)),
                Message.Of("dns.refused.fix", ("server", server)), evidence, ms);
        }

        var nx = answering.FirstOrDefault(q => q.Result == DnsResult.NxDomain) ?? answering[0];
        var tried = string.Join(", ", answering.Select(q => q.Name.TrimEnd('.')).Distinct());
        var what = Message.Of(nx.Result == DnsResult.NoData ? "dns.nxdomain.no-data" : "dns.nxdomain.nx");
        if (d.Rooted)
        {
            // resolv.conf(5): a trailing dot makes the name absolute; the search list is not applied.
            return Findings.Fail(Codes.DnsNxdomain,
                Message.Of("dns.nxdomain.rooted.summary", ("name", name), ("server", nx.Server.ToString()), ("tried", tried)).With("what", what),
                d.Resolver.EffectiveSearch.Count == 0
                    ? Message.Of("dns.nxdomain.rooted.fix").With("candidates", Message.Of("dns.nxdomain.no-search-line"))
                    : Message.Of("dns.nxdomain.rooted.fix", ("candidates", string.Join(", ", d.Resolver.EffectiveSearch.Select(x => $"{name.TrimEnd('.')}.{x}")))),
                evidence, ms);
        }

        return Findings.Fail(Codes.DnsNxdomain,
            Message.Of("dns.nxdomain.summary", ("server", nx.Server.ToString()), ("tried", tried)).With("what", what),
            Message.Of("dns.nxdomain.fix", ("name", name)), evidence, ms);
    }

    private static Finding SearchPath(DnsObservation d, string name, DnsAnswer found, List<Evidence> evidence, double ms)
    {
        var resolv = d.Resolver.Source;
        var full = found.Name.TrimEnd('.');
        var domain = full[(name.TrimEnd('.').Length + 1)..];
        var from = d.GuessedFrom.TryGetValue(domain, out var f) ? Message.Of("dns.search.found-in", ("file", f)) : null;
        var bare = d.Queries.Where(q => q.Name.TrimEnd('.') == name.TrimEnd('.')).Select(q => q.Result.ToString().ToUpperInvariant()).FirstOrDefault();
        var bareSaid = bare is null ? null : Message.Of("dns.search.bare", ("result", bare));
        var records = string.Join(", ", found.Records);
        if (d.Resolver.EffectiveSearch.Count == 0)
        {
            return Findings.Fail(Codes.DnsSearchPath,
                Message.Of("dns.search.none.summary", ("name", name), ("resolv", resolv), ("full", full), ("records", records)).With("bare", bareSaid).With("from", from),
                Message.Of("dns.search.none.fix", ("domain", domain), ("resolv", resolv), ("full", full)),
                evidence, ms);
        }

        var wrong = string.Join(' ', d.Resolver.EffectiveSearch);
        var searched = $"{name}.{d.Resolver.EffectiveSearch[0]}";
        var searchedGot = d.Queries.Where(q => q.Name.TrimEnd('.') == searched).Select(q => q.Result.ToString().ToUpperInvariant()).FirstOrDefault();
        var summary = Message.Of("dns.search.wrong.summary", ("name", name), ("resolv", resolv), ("wrong", wrong), ("searched", searched), ("full", full), ("records", records));
        return Findings.Fail(Codes.DnsSearchPath,
            (searchedGot is null ? summary.With("got", Message.Of("dns.search.no-answer")) : summary.With("got", searchedGot)).With("bare", bareSaid).With("from", from),
            Message.Of("dns.search.wrong.fix", ("domain", domain), ("resolv", resolv), ("wrong", wrong), ("full", full)),
            evidence, ms);
    }

    private static Finding SilentNameserver(ClientObservations o, DnsObservation d, IPAddress server, List<Evidence> evidence, double ms, bool fail, string name)
    {
        var reach = d.Nameservers.FirstOrDefault(n => n.Probe.Address.Equals(server));
        if (d.Forwarders.FirstOrDefault(f => f.Address.Equals(server)) is { } local)
        {
            var stub = LocalStub(d, local, name, o.Host);
            if (stub is not null)
            {
                return fail
                    ? Findings.Fail(stub.Value.Code, stub.Value.Summary, stub.Value.Fix, evidence, ms)
                    : Slow(d, server, stub.Value.Summary, stub.Value.Fix, evidence, ms, name);
            }
        }

        Code code;
        Message summary;
        Message fix;
        var at = ("server", server.ToString());
        if (reach?.PortClosed == true)
        {
            code = Codes.DnsNameserverDown;
            summary = Message.Of("dns.nameserver.port-closed.summary", at, ("icmp", reach.Port53!.Icmp!.Describe()));
            fix = Message.Of("dns.nameserver.port-closed.fix", at);
        }
        else if (reach?.HostUp == true)
        {
            code = Codes.DnsNameserverDown;
            summary = Message.Of("dns.nameserver.silent.summary", at).With("how", Message.Of(reach.Probe.Ping.Replied ? "dns.nameserver.answers-ping" : "dns.nameserver.answers-arp"));
            fix = Message.Of("dns.nameserver.silent.fix", at);
        }
        else if (reach?.Route?.Device is { } device && o.Interfaces.FirstOrDefault(i => i.Name == device) is { Carrier: false })
        {
            // The interface towards it has no carrier: nothing it sends leaves, so the nameserver's silence says
            // nothing about the nameserver (on this subnet or not); the link check names the cause.
            code = Codes.DnsNameserverUnreachable;
            summary = Message.Of("dns.nameserver.no-carrier.summary", at, ("device", device));
            fix = Message.Of("dns.nameserver.no-carrier.fix", at, ("device", device));
        }
        else if (reach?.OnLink == true)
        {
            code = Codes.DnsNameserverUnreachable;
            summary = Message.Of("dns.nameserver.on-link.summary", at, ("device", reach.Route!.Device ?? string.Empty));
            fix = Message.Of("dns.nameserver.on-link.fix", ("resolv", d.Resolver.Source));
        }
        else if (reach?.Route is { HasRoute: false })
        {
            // No route at all (an interface down, no address, no default route): the queries were never
            // sent, so where the nameserver stands (on this subnet or off it) cannot be told from here.
            code = Codes.DnsNameserverUnreachable;
            summary = Message.Of("dns.nameserver.no-route.summary", at);
            fix = Message.Of("dns.nameserver.no-route.fix", at, ("resolv", d.Resolver.Source));
        }
        else
        {
            code = Codes.DnsNameserverUnreachable;
            var via = reach?.Route?.Gateway is { } gw ? Message.Of("dns.nameserver.behind-gateway", ("gateway", gw.ToString())) : Message.Of("dns.nameserver.off-subnet");
            summary = Message.Of("dns.nameserver.unreachable.summary", at).With("via", via);
            fix = Message.Of("dns.nameserver.unreachable.fix", at, ("resolv", d.Resolver.Source));
        }

        if (!fail)
        {
            return Slow(d, server, summary, fix, evidence, ms, name);
        }

        return Findings.Fail(code, summary, fix, evidence, ms);
    }

    /// <summary>
    /// A nameserver on this host: a stub that is not running is named as the service it stands for;
    /// a forwarder that runs but is silent or fails is usually waiting on an upstream, so the upstream
    /// that fails is the verdict, with the forwarder that depends on it.
    /// </summary>
    private static (Code Code, Message Summary, Message Fix)? LocalStub(DnsObservation d, LocalForwarder local, string name, HostFacts? host)
    {
        var resolv = ("resolv", d.Resolver.Source);
        var forwarder = ForwarderName(local);
        var upstreamSource = ("source", local.UpstreamSource ?? string.Empty);
        if (!local.Listening)
        {
            var service = local.Service is { } known ? Message.Of("dns.part.any", ("text", known)) : Message.Of("dns.stub.any-service");
            return (Codes.DnsNameserverDown,
                Message.Of("dns.stub.not-running.summary", resolv, ("address", local.Address.ToString())).With("service", service),
                local.Service == "systemd-resolved" ? ResolvedFix(host, resolv) : Message.Of("dns.stub.not-running.fix", resolv).With("service", service));
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
                Message.Of("dns.forwarder.hangs.summary", ("name", name), ("upstream", knows.Key.ToString())).With("forwarder", forwarder),
                Message.Of("dns.forwarder.hangs.fix", upstreamSource).With("service", local.Service is { } s ? Message.Of("dns.part.any", ("text", s)) : Message.Of("dns.forwarder.any")));
        }

        var failing = upstreamsSay.Where(g => g.All(q => q.Result is DnsResult.Timeout or DnsResult.Error)).Select(g => g.Key).FirstOrDefault();
        if (failing is not null)
        {
            var reach = local.UpstreamReach.FirstOrDefault(r => r.Probe.Address.Equals(failing));
            var upstream = ("upstream", failing.ToString());
            var depends = Message.Of("dns.forwarder.depends", upstream, upstreamSource).With("forwarder", forwarder);
            var fix = Message.Of("dns.forwarder.upstream.fix", upstream, upstreamSource)
                .With("service", local.Service is { } s ? Message.Of("dns.part.any", ("text", s)) : Message.Of("dns.forwarder.the-forwarder"));
            if (reach?.PortClosed == true || reach?.HostUp == true)
            {
                return (Codes.DnsNameserverDown,
                    Message.Of("dns.forwarder.upstream-up.summary", ("name", name)).With("depends", depends)
                        .With("state", Message.Of(reach.PortClosed ? "dns.forwarder.upstream-not-running" : "dns.forwarder.upstream-silent")), fix);
            }

            var where = reach?.OnLink == true
                ? Message.Of("dns.forwarder.upstream-on-link", ("device", reach.Route!.Device ?? string.Empty))
                : Message.Of("dns.forwarder.upstream-off-link");
            return (Codes.DnsNameserverUnreachable, Message.Of("dns.forwarder.upstream-down.summary", ("name", name)).With("depends", depends).With("where", where), fix);
        }

        if (upstreamsSay.Count > 0 && upstreamsSay.All(g => g.All(q => q.Result == DnsResult.ServFail)))
        {
            return (Codes.DnsServfail,
                Message.Of("dns.forwarder.servfail.summary", ("name", name), ("upstreams", string.Join(", ", upstreamsSay.Select(g => g.Key)))).With("forwarder", forwarder),
                Message.Of("dns.forwarder.servfail.fix", upstreamSource));
        }

        return null;
    }

    /// <summary>resolv.conf(5): each try waits `options timeout` (5 s by default); with `rotate` only the lookups that start there do.</summary>
    private static Message Wait(ResolverConfig r) =>
        Message.Of("dns.part.wait", ("seconds", r.TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))).With("rotate", r.Rotate ? Message.Of("dns.wait.rotate") : null);

    /// <summary>
    /// A nameserver's fault that only delays lookups: another one answers after the wait. A warning that
    /// costs every lookup time (dns.slow, listed in problems): the dead nameserver, why it is dead, the
    /// delay this run measured (getaddrinfo's own time, or how long it went unanswered), and the fix.
    /// </summary>
    /// <summary>
    /// systemd-resolved's stub is not answering: start it where it is installed; where it is not (Debian 12
    /// ships it as a package of its own), resolv.conf is a leftover and starting it would fail.
    /// </summary>
    private static Message ResolvedFix(HostFacts? host, (string Name, string Value) resolv)
    {
        if (host is null || host.Has(HostTool.SystemdResolved) || (host.OsId.Length == 0 && host.Tools.Count == 0))
        {
            return Message.Of("dns.stub.not-running.resolved.fix");
        }

        var install = host.IsDebianFamily ? "apt install systemd-resolved" : host.IsRedHatFamily ? "dnf install systemd-resolved" : null;
        return Message.Of("dns.stub.not-running.resolved.absent.fix", resolv)
            .With("install", install is null ? Message.Of("dns.stub.resolved.install.any") : Message.Of("dns.stub.resolved.install", ("command", install)));
    }

    private static Finding Slow(DnsObservation d, IPAddress server, Message why, Message repair, List<Evidence> evidence, double ms, string name)
    {
        var silentMs = d.Queries.Where(q => q.Server.Equals(server)).Select(q => q.Ms).DefaultIfEmpty(0).Max();
        var answered = d.Queries.Where(q => !q.Server.Equals(server) && q.Result == DnsResult.Answer).OrderBy(q => q.Ms).FirstOrDefault();
        var lookup = d.System;
        var measured = lookup.Resolved
            ? Message.Of("dns.slow.measured.resolved", ("ms", Words.Ms(lookup.Ms)))
            : Message.Of("dns.slow.measured.cut", ("ms", lookup.Ms.ToString("0", System.Globalization.CultureInfo.InvariantCulture)));
        var other = answered is null
            ? Message.Of("dns.slow.other.unknown")
            : Message.Of("dns.slow.other", ("other", answered.Server.ToString()), ("other_ms", Words.Ms(answered.Ms)));
        evidence.Add(new Evidence("lookup delay", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{server} silent for {silentMs:0} ms; {(answered is null ? "no other nameserver answered" : $"{answered.Server} answered in {answered.Ms:0.0} ms")}; getaddrinfo {(lookup.Resolved ? $"took {lookup.Ms:0} ms" : $"had no answer after {lookup.Ms:0} ms")}; resolv.conf: timeout {d.Resolver.TimeoutSeconds} s, attempts {d.Resolver.Attempts}{(d.Resolver.Rotate ? ", rotate" : string.Empty)}")));
        return Findings.Warn(Codes.DnsSlow,
            Message.Of("dns.slow.summary", ("name", name), ("server", server.ToString()), ("silent_ms", silentMs.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))
                .With("why", why).With("other", other).With("measured", measured).With("wait", Wait(d.Resolver)),
            Message.Of("dns.slow.fix", ("server", server.ToString()), ("resolv", d.Resolver.Source), ("seconds", d.Resolver.TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .With("repair", repair),
            evidence, ms);
    }

    /// <summary>As <see cref="LocalForwarder.Name"/>: "dnsmasq (pid 42) on 127.0.0.1".</summary>
    private static Message ForwarderName(LocalForwarder f) =>
        Message.Of("dns.forwarder.name", ("pid", f.Pid is { } p ? $" (pid {p})" : string.Empty), ("address", f.Address.ToString()))
            .With("service", f.Service is { } s ? Message.Of("dns.part.any", ("text", s)) : Message.Of("dns.forwarder.a-service"));

    private static List<Evidence> Evidence(DnsObservation d)
    {
        var r = d.Resolver;
        var evidence = new List<Evidence>
        {
            new(r.Source, r.Unreadable ?? $"nameservers: {(r.Nameservers.Count == 0 ? "none" : string.Join(" ", r.Nameservers))}; search: {(r.EffectiveSearch.Count == 0 ? "none" : string.Join(" ", r.EffectiveSearch))}"),
            new("getaddrinfo", d.System.Resolved ? $"{d.System.Name} → {string.Join(", ", d.System.Addresses)}" : $"{d.System.Name}: {d.System.Error}"),
        };
        evidence.AddRange(d.HostsMatches.Select(h => new Evidence("/etc/hosts", $"{h.Address} {string.Join(' ', h.Names)}")));
        if (d.HostsUnreadable is { } hostsUnreadable)
        {
            evidence.Add(new Evidence("/etc/hosts", hostsUnreadable));
        }

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
