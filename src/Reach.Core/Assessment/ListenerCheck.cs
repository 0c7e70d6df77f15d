using System.Net;
using System.Net.Sockets;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// The seed's `netstat -lnp | grep :80` step, told apart: nothing listens, only loopback listens, only
/// the other address family listens (an IPv6-only socket while clients use IPv4), or it listens where
/// the client arrives.
/// </summary>
public static class ListenerCheck
{
    /// <summary>
    /// Judges the socket at each place the packet is delivered. What the client sees first decides: when
    /// the firewall stops every packet, a missing listener is only a warning (the client never gets as
    /// far as the socket layer, so no RST).
    /// </summary>
    public static Finding Assess(LocalObservations o)
    {
        var findings = o.Targets.Select(d => (Delivery: d, Finding: AssessDelivery(o, d))).ToList();
        var finding = Precedence.Worst(findings, x => x.Finding.Status).Finding;
        var evidence = findings.Count == 1 ? finding.Evidence : [.. findings.SelectMany(x => x.Finding.Evidence.Prepend(new Evidence("delivered", $"{x.Delivery.Where}: {Catalog.English.Format(x.Finding.Summary)}")))];
        var failedShare = findings.Where(x => x.Finding.Status == CheckStatus.Fail).Sum(x => x.Delivery.Probability);
        var summary = findings.Count > 1 && finding.Status == CheckStatus.Fail && failedShare < 0.9999
            ? Message.Of("listener.part.share", ("percent", failedShare.ToString("0.#%", System.Globalization.CultureInfo.InvariantCulture))).With("summary", finding.Summary)
            : finding.Summary;
        if (Precedence.ListenerBehindFirewall(finding.Status, FirewallCheck.StopsEveryPacket(o.Firewall) || o.CountersNow?.ConntrackFull == true) != finding.Status)
        {
            // The firewall's drop or reject is what the client sees (not the RST or port-unreachable the
            // socket layer would send): the socket is a second problem.
            var second = Message.Of("listener.part.behind-firewall").With("summary", WithoutWhatClientsGet(summary));
            return finding with { Status = CheckStatus.Warn, Summary = second, Evidence = evidence };
        }

        if (finding.Status == CheckStatus.Fail && finding.Code != Codes.ListenerOverflow && FirewallCheck.Assess(o).Status == CheckStatus.Inconclusive)
        {
            // What the client gets first is the firewall's to say (a REJECT, a DROP, or this socket's RST),
            // and it could not be decided: a missing socket is then no proven cause (the verdict stays
            // inconclusive), only a second problem to fix.
            var undecided = Message.Of("listener.part.firewall-undecided").With("summary", WithoutWhatClientsGet(summary));
            return finding with { Status = CheckStatus.Warn, Summary = undecided, Evidence = evidence };
        }

        return finding with { Summary = summary, Evidence = evidence };
    }

    /// <summary>The summary without what a client would get from the socket layer when nothing listens (the firewall answers first).</summary>
    private static Message WithoutWhatClientsGet(Message m) => m with
    {
        Args = [.. m.Args, .. m.Parts.Where(p => p.Value.Key is "listener.clients-get.rst-refused" or "listener.clients-get.icmp").Select(p => KeyValuePair.Create(p.Key, string.Empty))],
        Parts = [.. m.Parts.Where(p => p.Value.Key is not ("listener.clients-get.rst-refused" or "listener.clients-get.icmp")).Select(p => KeyValuePair.Create(p.Key, WithoutWhatClientsGet(p.Value)))],
    };

    private static Finding AssessDelivery(LocalObservations o, Delivery d)
    {
        var port = d.Port;
        var what = $"{o.Protocol}/{port}";
        var thereText = d.IsThisHost ? string.Empty : $" in {d.Where}";
        var there = In(d);
        if (d.Remote)
        {
            return Findings.Skip(Layer.Listener,
                Message.Of("listener.skip.forwarded", ("address", $"{d.Address}"), ("port", $"{port}")));
        }

        if (d.Unknown is { } unread)
        {
            return Findings.Inconclusive(Layer.Listener, Message.Of("listener.unknown.unreadable", ("address", $"{d.Address}"), ("port", $"{port}"), ("error", unread)), []);
        }

        var listeners = d.Listeners;
        var evidence = listeners.Select(l => new Evidence(d.IsThisHost ? "ss -lntupe" : $"ss -lntupe{thereText}", l + (l.Protocol == "tcp" ? $" (accept queue {l.QueueLength}/{l.Backlog})" : string.Empty))).ToList();
        if (o.ListenOverflows is { } overflows && o.Protocol == "tcp" && d.IsThisHost)
        {
            var drops = o.CountersRise?.ListenDrops is { } listenDrops ? $", ListenDrops {listenDrops} while this check ran" : string.Empty;
            evidence.Add(new Evidence("/proc/net/netstat", $"TcpExt ListenOverflows {overflows} since boot{(o.ListenOverflowsDuring is { } during ? $", {during} while this check ran" : string.Empty)}{drops}"));
        }

        if (o.Somaxconn is { } somaxconn && o.Protocol == "tcp" && d.IsThisHost && listeners.Count > 0)
        {
            evidence.Add(new Evidence("/proc/sys/net/core/somaxconn", $"{somaxconn} (the cap on every listen() backlog)"));
        }

        if (listeners.Count == 0)
        {
            return Findings.Fail(Codes.ListenerNone,
                Message.Of("listener.none.summary", ("what", what)).With("there", there).With("clients-get", Message.Of(o.Protocol == "tcp" ? "listener.clients-get.rst-refused" : "listener.clients-get.icmp")),
                o.RouterWithoutTo == true && d.IsThisHost && o.ClientGiven
                    ? Message.Of("listener.none.fix.router", ("what", what), ("port", Words.Number(o.Port)), ("protocol", o.Protocol == "tcp" ? string.Empty : "/" + o.Protocol), ("client", o.Client.ToString())).With("there", there)
                    : Message.Of("listener.none.fix", ("what", what)).With("there", there),
                evidence);
        }

        var local = d.Address;
        var accepting = listeners.Where(l => Accepts(l, local, d.InInterface, o.Protocol)).ToList();
        if (accepting.Count > 0)
        {
            var l = accepting[0];
            var listens = Message.Of("listener.part.listens", ("endpoint", $"{l.Endpoint}{(l.Interface is null ? string.Empty : $"%{l.Interface}")}"))
                .With("owner", l.Process is null ? Message.Of("listener.part.a-process-unknown") : Message.Of("listener.part.process", ("process", l.Process)))
                .With("there", there);
            if (o.Protocol == "tcp" && Overflow(o, l, d, listens, evidence) is { } overflow)
            {
                return overflow;
            }

            return Findings.Pass(Codes.ListenerOk, listens, evidence);
        }

        var family = (local?.AddressFamily ?? o.LocalAddress.AddressFamily) == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
        if ((local?.AddressFamily ?? o.LocalAddress.AddressFamily) == AddressFamily.InterNetwork && listeners.FirstOrDefault(l => l.Address.Equals(IPAddress.IPv6Any) && l.V6Only is null) is { } unknown)
        {
            return Findings.Inconclusive(Layer.Listener,
                Message.Of("listener.unknown.v6only", ("port", $"{port}")).With("owner", unknown.Process is null ? Message.Of("listener.part.a-process") : Message.Of("listener.part.process", ("process", unknown.Process))),
                evidence);
        }

        if (listeners.All(l => l.IsLoopback))
        {
            return Findings.Fail(Codes.ListenerLoopbackOnly,
                Listen(listeners.Count, "listener.loopback-only.summary", ("endpoints", string.Join(", ", listeners.Select(l => l.Endpoint)))).With("owners", Owners(listeners)),
                Message.Of("listener.loopback-only.fix", ("address", $"{local}")), evidence);
        }

        if (listeners.All(l => !SameFamily(l, local ?? o.LocalAddress)))
        {
            var v6only = listeners.Any(l => l.Address.Equals(IPAddress.IPv6Any) && l.V6Only == true);
            return Findings.Fail(Codes.ListenerWrongFamily,
                Listen(listeners.Count, "listener.wrong-family.summary", ("endpoints", string.Join(", ", listeners.Select(l => l.Endpoint))), ("family", family), ("client", $"{o.Client}"))
                    .With("owners", Owners(listeners)).With("v6only", v6only ? Message.Of("listener.with-v6only") : null),
                v6only
                    ? Message.Of(o.BindV6Only switch
                    {
                        // The host's default decides only for programs that do not set IPV6_V6ONLY themselves.
                        true => "listener.wrong-family.v6only.fix.sysctl",
                        false => "listener.wrong-family.v6only.fix.program",
                        null => "listener.wrong-family.v6only.fix",
                    })
                    : Message.Of("listener.wrong-family.fix", ("family", family)),
                evidence);
        }

        var bound = listeners.Where(l => l.Interface is not null && d.InInterface is not null && l.Interface != d.InInterface).ToList();
        if (bound.Any(l => Accepts(l, local, null, o.Protocol)))
        {
            return Findings.Fail(Codes.ListenerNone,
                Listen(bound.Count, "listener.other-device.summary", ("endpoints", string.Join(", ", bound.Select(l => $"{l.Endpoint}%{l.Interface}"))), ("interface", $"{d.InInterface}"))
                    .With("owners", Owners(bound)).With("there", there).With("clients-get", Message.Of(o.Protocol == "tcp" ? "listener.clients-get.rst" : "listener.clients-get.icmp")),
                Message.Of("listener.other-device.fix", ("interface", $"{d.InInterface}")), evidence);
        }

        return Findings.Fail(Codes.ListenerNone,
            Listen(listeners.Count, "listener.other-address.summary", ("endpoints", string.Join(", ", listeners.Select(l => l.Endpoint))), ("address", $"{local}"))
                .With("owners", Owners(listeners)).With("there", there),
            Message.Of("listener.other-address.fix", ("address", $"{local}")), evidence);
    }

    /// <summary>
    /// The accept queue (RFC 793's "listen queue", Linux's sk_ack_backlog): the kernel refuses a
    /// handshake only when the queue is longer than the backlog (sk_acceptq_is_full: ack_backlog &gt;
    /// max_ack_backlog), drops the SYN without an answer and counts ListenOverflows; the client
    /// retransmits into the same full queue and times out. Recv-Q above Send-Q (ss -ltn) is that state
    /// now; ListenOverflows rising while this check ran is it happening (any port of this namespace).
    /// </summary>
    private static Finding? Overflow(LocalObservations o, Listener l, Delivery d, Message listens, List<Evidence> evidence)
    {
        var here = d.IsThisHost;
        var during = here ? o.ListenOverflowsDuring : null;
        var pid = Pid(l);
        var state = pid is { } p && o.ProcessStates.TryGetValue(p, out var s) ? s : null;
        if (state is not null)
        {
            evidence.Add(new Evidence($"/proc/{pid}/status", $"State: {state}"));
        }

        if (l.QueueLength > l.Backlog)
        {
            var process = l.Process ?? "the process";
            var stopped = state is not null && state.StartsWith('T');
            var fix = stopped
                ? Message.Of("listener.overflow.fix.stopped", ("process", process), ("state", state!), ("pid", $"{pid}"))
                : o.Somaxconn is { } cap && l.Backlog >= cap
                    ? Message.Of("listener.overflow.fix.somaxconn", ("process", process), ("backlog", $"{l.Backlog}"), ("somaxconn", $"{cap}"))
                    : Message.Of("listener.overflow.fix.backlog", ("process", process), ("backlog", $"{l.Backlog}"), ("somaxconn", o.Somaxconn is { } c ? $"{c}" : "?"));
            return Findings.Fail(Codes.ListenerOverflow,
                Message.Of("listener.overflow.full.summary", ("queue", $"{l.QueueLength}"), ("backlog", $"{l.Backlog}"))
                    .With("summary", listens)
                    .With("origin", BacklogOrigin(o, l))
                    .With("state", state is null ? null : Message.Of("listener.overflow.part.state", ("state", state)))
                    .With("during", during is > 0 ? Message.Of("listener.overflow.part.during", ("count", $"{during}")) : null),
                fix, evidence);
        }

        if (l.Backlog > 0 && l.QueueLength == l.Backlog)
        {
            // One more connection fits (the check is "longer than"); the one after it is dropped.
            return Findings.Warn(Codes.ListenerOverflow,
                Message.Of("listener.overflow.at-limit.summary", ("queue", $"{l.QueueLength}"), ("backlog", $"{l.Backlog}")).With("summary", listens).With("origin", BacklogOrigin(o, l)),
                Message.Of("listener.overflow.full.fix"), evidence);
        }

        // The counter is per namespace and since it was made: a host that once overflowed (or was probed by
        // a burst of SYNs) would warn for ever. Only drops counted while this check ran say something about
        // now, and they may be another port's: a warning, while this queue has room.
        return during is > 0
            ? Findings.Warn(Codes.ListenerOverflow,
                Message.Of("listener.overflow.during.summary", ("count", $"{during}")).With("summary", listens),
                Message.Of("listener.overflow.during.fix"), evidence)
            : null;
    }

    /// <summary>Where the backlog comes from: somaxconn's cap, or the application's own listen().</summary>
    private static Message? BacklogOrigin(LocalObservations o, Listener l) => o.Somaxconn switch
    {
        null => null,
        { } cap when l.Backlog >= cap => Message.Of("listener.overflow.part.somaxconn", ("somaxconn", $"{cap}")),
        { } cap => Message.Of("listener.overflow.part.listen", ("somaxconn", $"{cap}")),
    };

    /// <summary>The pid in ss's owner ("919/apache"), or null.</summary>
    private static int? Pid(Listener l)
    {
        var slash = l.Process?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0 && int.TryParse(l.Process![..slash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>"nginx listens" / "nginx, a process listen": the sentence for one socket or several.</summary>
    private static Message Listen(int count, string key, params (string Name, string Value)[] args) =>
        Message.Of(count == 1 ? key : key + ".many", args);

    /// <summary>The processes, each named once; one whose name could not be read is "a process".</summary>
    private static Message Owners(IEnumerable<Listener> listeners)
    {
        var names = listeners.Select(l => l.Process).Distinct().ToList();
        var known = string.Join(", ", names.Select(n => n ?? "{a-process}"));
        return Message.Of("listener.part.owners", ("names", known)).With("a-process", Message.Of("listener.part.a-process"));
    }

    /// <summary>" in container X" after an address: where the socket lives when it is not this host's own namespace.</summary>
    private static Message? In(Delivery d) => d.IsThisHost ? null : Message.Of("listener.part.in", ("where", d.Where));

    private static bool SameFamily(Listener l, IPAddress client) =>
        client.AddressFamily == AddressFamily.InterNetwork ? l.AcceptsIPv4 : l.AcceptsIPv6;

    /// <summary>
    /// Would a packet to <paramref name="local"/> arriving on <paramref name="inInterface"/> be delivered
    /// to this socket? A socket bound to a device (SO_BINDTODEVICE, ss prints 0.0.0.0%docker0:9100) takes
    /// only packets that arrive on it (the socket lookup compares sk_bound_dev_if with the input device).
    /// </summary>
    private static bool Accepts(Listener l, IPAddress? local, string? inInterface, string protocol)
    {
        if (l.Protocol != protocol)
        {
            return false;
        }

        if (l.Interface is { } bound && inInterface is not null && bound != inInterface)
        {
            return false;
        }

        if (local is null)
        {
            // After REDIRECT: the primary address of the input interface; any non-loopback socket of
            // the family, or a wildcard one, takes it.
            return !l.IsLoopback;
        }

        if (local.AddressFamily == AddressFamily.InterNetwork)
        {
            return l.Address.Equals(IPAddress.Any) || l.Address.Equals(local)
                || (l.Address.Equals(IPAddress.IPv6Any) && l.V6Only == false)
                || (l.Address.IsIPv4MappedToIPv6 && l.Address.MapToIPv4().Equals(local));
        }

        return l.Address.Equals(IPAddress.IPv6Any) || l.Address.Equals(local);
    }
}
