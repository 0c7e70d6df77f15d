using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;
using Reach.Firewall;
using Reach.Readers;
using Reach.Readers.Sources;

namespace Reach.Engine;

/// <summary>
/// Gathers what `reach local` judges: the client's packet traced along its whole path through this
/// host's firewall (PREROUTING and its DNAT, the kernel's route decision, INPUT or FORWARD), and the
/// sockets where it is delivered: this host's, or those of the container or pod namespace that owns
/// the translated address.
/// </summary>
/// <param name="proposed">Rules to trace instead of those the reader finds (a ruleset proposed with --ruleset).</param>
/// <param name="recorded">The host is a `reach snapshot` recording: a route decision it did not record is unknown
/// (the trace says so: inconclusive), never taken for a refusal.</param>
internal sealed class LocalChecker(SystemReader reader, FirewallRules? proposed = null, bool recorded = false)
{
    // RFC 5737 / RFC 3849 documentation addresses: an off-host source that no rule names by accident.
    private static readonly IPAddress AnyClient4 = IPAddress.Parse("203.0.113.10");
    private static readonly IPAddress AnyClient6 = IPAddress.Parse("2001:db8::10");

    // Each round asks the kernel for the routes the trace needed; NAT chains rarely translate twice.
    private const int MaxRouteRounds = 4;

    // Without a client probing meanwhile (plain `reach local`), a limit's counters are given this long to move.
    private static readonly TimeSpan RateCounterWindow = TimeSpan.FromSeconds(1);

    private FirewallRules? _rules;
    private (IReadOnlyList<TraceResult> Unknown, IReadOnlyList<TraceResult> Over, Packet Packet)? _pendingRate;

    /// <summary>Whether the trace stopped at a rate match whose state could not be read.</summary>
    private static bool RateUnknown(TraceResult t) => t.Verdict == Verdict.Inconclusive && t.RateFacts.Any(f => f.Over is null && !f.FromState);

    /// <summary>
    /// Settles a rate limit whose state cannot be read (-m limit, nft limit) by its rule's counters: the
    /// rules are read again and, when the rule that stops a client over the limit counted packets since
    /// the first reading, clients are over it now, and the trace of one over it is the answer. Otherwise
    /// the firewall stays undecided, and says that the counters did not move.
    /// </summary>
    /// <param name="waitFirst">Give the counters time to move first (nobody is known to be probing meanwhile).</param>
    public async Task<LocalObservations> SettleRatesAsync(LocalObservations o, bool waitFirst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (_pendingRate is not { } pending || _rules is not { } rules)
        {
            return o;
        }

        if (waitFirst)
        {
            await Task.Delay(RateCounterWindow, cancellationToken).ConfigureAwait(false);
        }

        var again = await new FirewallReader(reader.Source).ReadAsync(cancellationToken).ConfigureAwait(false);
        var decider = pending.Over.FirstOrDefault(t => t.Verdict is Verdict.Drop or Verdict.Reject)?.DecidedBy;
        var rise = decider is null ? null : RateCounters.Rise(decider, again.Ruleset);
        if (rise is > 0)
        {
            var how = $"the limit's state is shown nowhere, but {decider} counted {rise} more packet{(rise == 1 ? string.Empty : "s")} while this check ran: clients are over it now";
            var settled = pending.Over.Select(t => t with { RateFacts = [.. t.RateFacts.Select(f => f.Over == true && !f.FromState ? f with { How = how } : f)] }).ToList();
            return o with { Firewall = FirewallTracer.Observe(rules, settled, pending.Packet) };
        }

        var still = $"; {(decider is null ? "no rule's counters" : $"the counters of {decider}")} {(rise is null ? "could not be read again" : "did not move")} while this check ran";
        var unsettled = pending.Unknown.Select(t => RateUnknown(t) ? t with { InconclusiveReason = t.InconclusiveReason + still } : t).ToList();
        return o with { Firewall = FirewallTracer.Observe(rules, unsettled, pending.Packet) };
    }

    public Task<LocalObservations> ObserveAsync(int port, string protocol, IPAddress? from, IPAddress? to, CancellationToken cancellationToken) =>
        ObserveAsync(port, protocol, from, to, null, cancellationToken);

    /// <param name="countersBefore">The drop counters as read when the client started (the watch's start); null: read them now.</param>
    public async Task<LocalObservations> ObserveAsync(int port, string protocol, IPAddress? from, IPAddress? to, DropCounters? countersBefore, CancellationToken cancellationToken)
    {
        // Counters since the namespace was made say little about now: sample them at both ends of the run.
        var counters = new DropCounterReader(reader.Source);
        var before = countersBefore ?? counters.Read();
        var overflowsBefore = before.ListenOverflows;
        var interfacesTask = reader.InterfacesAsync(cancellationToken);
        var listenersTask = reader.ListenersAsync(cancellationToken);
        var rulesTask = proposed is not null ? Task.FromResult(proposed) : new FirewallReader(reader.Source).ReadAsync(cancellationToken);
        var interfaces = await interfacesTask.ConfigureAwait(false);
        var family = from?.AddressFamily ?? to?.AddressFamily ?? AddressFamily.InterNetwork;

        // Where the client's packet arrives: the route back to the client names the interface and our
        // address on it; without a client, this host's first global address of the family. --to names
        // the address the client connects to (a secondary address, a service IP).
        IPAddress? local = to;
        string? inInterface = null;
        if (from is not null)
        {
            var route = await reader.RouteGetAsync(from, cancellationToken).ConfigureAwait(false);
            local ??= route.PreferredSource;
            inInterface = route.Device;
            if (recorded && !route.HasRoute && NotRecorded(route.Raw))
            {
                // A snapshot records `ip route get` only for the addresses it was asked (--route-to): the
                // interface the client's packets arrive on is then the one of the most specific route in
                // the recorded main table, as the kernel picks it when no policy rule says otherwise.
                inInterface = RouteLookup.Device(await reader.RoutesAsync(cancellationToken).ConfigureAwait(false), from);
                local ??= inInterface is null ? null : interfaces.FirstOrDefault(i => i.Name == inInterface)?.Addresses
                    .Select(a => a.Address).FirstOrDefault(a => a.AddressFamily == from.AddressFamily && !a.IsIPv6LinkLocal);
            }
        }

        if (local is null || inInterface is null)
        {
            var primary = interfaces.Where(i => i.AdminUp).GlobalAddresses(family).FirstOrDefault();
            local ??= primary.Address ?? (family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback);
            inInterface ??= interfaces.FirstOrDefault(i => i.Addresses.Any(a => a.Address.Equals(local)))?.Name ?? primary.Interface?.Name ?? "lo";
        }

        var client = from ?? (family == AddressFamily.InterNetworkV6 ? AnyClient6 : AnyClient4);
        var localAddresses = FirewallTracer.LocalAddresses(interfaces);
        var packet = (protocol == "udp" ? Packet.Udp(client, local, port, TrafficDirection.Input, 40000) : Packet.Tcp(client, local, port, TrafficDirection.Input, 40000)) with
        {
            InInterface = inInterface,
            // The interface the route back to the client leaves by is the one it came in on: that is how
            // the arrival interface was found (reverse-path checks then pass, as they do for this client).
            ReturnInterface = inInterface,
            LocalAddresses = localAddresses,
            RedirectAddress = interfaces.FirstOrDefault(i => i.Name == inInterface)?.Addresses.Select(a => a.Address).FirstOrDefault(a => a.AddressFamily == family && !a.IsIPv6LinkLocal),
        };

        var rules = await rulesTask.ConfigureAwait(false);
        if (rules.Traceable)
        {
            // The state the rules' rate and per-source matches keep (recent lists, hashlimit buckets, the
            // conntrack count): read now, so that it decides; where none can be read the trace says so.
            var rates = await new RateStateReader(reader.Source).ReadAsync(rules.Ruleset, proposed is not null, cancellationToken).ConfigureAwait(false);
            rules = rules with { Ruleset = rules.Ruleset with { Rates = rates } };
            packet = packet with { Rate = ClientRate.Unknown };
        }

        var routes = new Dictionary<IPAddress, RouteChoice>();
        IReadOnlyList<TraceResult> traces = [];
        if (rules.Traceable)
        {
            for (var round = 0; round < MaxRouteRounds; round++)
            {
                // This host's own addresses need no question to the kernel: they are delivered here.
                traces = PacketTracer.TraceAll(rules.Ruleset, packet, d => routes.GetValueOrDefault(d)
                    ?? (IPAddress.IsLoopback(d) || localAddresses.Contains(d) ? new RouteChoice(RouteKind.Local, null, $"local {d}: an address of this host") : null));
                var missing = traces.Select(t => t.RouteMissing).OfType<IPAddress>().Distinct().ToList();
                if (missing.Count == 0)
                {
                    break;
                }

                var decisions = await Task.WhenAll(missing.Select(d => RouteForAsync(d, client, inInterface, localAddresses, cancellationToken))).ConfigureAwait(false);
                if (decisions.All(d => d is null))
                {
                    break;  // not recorded: the traces stay inconclusive about the route, as they should
                }

                for (var i = 0; i < missing.Count; i++)
                {
                    if (decisions[i] is { } decision)
                    {
                        routes[missing[i]] = decision;
                    }
                }
            }
        }

        _rules = rules;
        _pendingRate = null;
        if (traces.Any(RateUnknown))
        {
            // Whether the client is over a limit whose state is shown nowhere: trace both ways. When both
            // end alike, the rate does not matter; otherwise the deciding rule's counters settle it
            // (SettleRatesAsync), read again at the end of the run.
            IReadOnlyList<TraceResult> Assuming(ClientRate rate) => PacketTracer.TraceAll(rules.Ruleset, packet with { Rate = rate }, d => routes.GetValueOrDefault(d)
                ?? (IPAddress.IsLoopback(d) || localAddresses.Contains(d) ? new RouteChoice(RouteKind.Local, null, $"local {d}: an address of this host") : null));
            var under = Assuming(ClientRate.Under);
            var over = Assuming(ClientRate.Over);
            if (under.Select(t => t.Verdict).SequenceEqual(over.Select(t => t.Verdict)))
            {
                traces = under;
            }
            else
            {
                _pendingRate = (traces, over, packet);
            }
        }

        var firewall = FirewallTracer.Observe(rules, traces, packet);
        var all = await listenersTask.ConfigureAwait(false);
        var listeners = all.Where(l => l.Port == port && l.Protocol == protocol).ToList();
        var deliveries = await DeliveriesAsync(traces, all, port, protocol, local, inInterface, cancellationToken).ConfigureAwait(false);
        var reversePaths = from is { AddressFamily: AddressFamily.InterNetwork }
            ? await ReversePathsAsync(from, to, interfaces, cancellationToken).ConfigureAwait(false)
            : [];
        var state = new ServerStateReader(reader.Source);
        var after = counters.Read();
        return new LocalObservations(port, protocol, client, from is not null, local, inInterface, listeners, overflowsBefore, firewall)
        {
            Deliveries = deliveries,
            ListenOverflowsAfter = after.ListenOverflows,
            Counters = before,
            CountersAfter = after,
            Somaxconn = protocol == "tcp" ? state.Somaxconn() : null,
            ProcessStates = ProcessStates(state, [.. listeners, .. (deliveries ?? []).SelectMany(d => d.IsThisHost ? d.Listeners : [])]),
            ReversePaths = reversePaths,
            Host = HostFactsReader.Read(reader.Source),
            BindV6Only = listeners.Any(l => l.V6Only == true) ? Sysctl("/proc/sys/net/ipv6/bindv6only") : null,
            RouterWithoutTo = to is null
                ? Sysctl(client.AddressFamily == AddressFamily.InterNetworkV6 ? "/proc/sys/net/ipv6/conf/all/forwarding" : "/proc/sys/net/ipv4/ip_forward")
                : null,
        };
    }

    /// <summary>The scheduler state of each listening process ("919/apache" carries its pid): a stopped one accepts nothing.</summary>
    private static Dictionary<int, string> ProcessStates(ServerStateReader state, IEnumerable<Listener> listeners)
    {
        var result = new Dictionary<int, string>();
        foreach (var l in listeners)
        {
            var slash = l.Process?.IndexOf('/', StringComparison.Ordinal) ?? -1;
            if (slash > 0 && int.TryParse(l.Process![..slash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                && !result.ContainsKey(pid) && state.ProcessState(pid) is { } s)
            {
                result[pid] = s;
            }
        }

        return result;
    }

    /// <summary>
    /// The reverse-path check (rp_filter, IPv4 only: IPv6 has no such sysctl) for the client's packets on
    /// each interface they may arrive on: the one that holds --to; without it, the interfaces that carry
    /// a route through a gateway (where off-link clients come in) and the one the route back leaves by.
    /// An interface with no gateway (docker0, a lab bridge) is not asked: no client from afar arrives
    /// there, and strict mode would refuse it for any of them.
    /// </summary>
    private async Task<IReadOnlyList<ReversePathProbe>> ReversePathsAsync(IPAddress client, IPAddress? to, IReadOnlyList<NetInterface> interfaces, CancellationToken cancellationToken)
    {
        var back = await reader.RouteGetAsync(client, cancellationToken).ConfigureAwait(false);
        var candidates = new List<(string Interface, IPAddress Local, bool Named)>();
        if (to is not null)
        {
            if (interfaces.FirstOrDefault(i => !i.IsLoopback && i.Addresses.Any(a => a.Address.Equals(to))) is { } holder)
            {
                candidates.Add((holder.Name, to, true));
            }
        }
        else
        {
            var routes = await reader.RoutesAsync(cancellationToken).ConfigureAwait(false);
            var upstream = routes.Where(r => r.Gateway is { AddressFamily: AddressFamily.InterNetwork } && r.Device is not null).Select(r => r.Device!).ToHashSet(StringComparer.Ordinal);
            if (back.Device is { } backDevice)
            {
                upstream.Add(backDevice);
            }

            foreach (var i in interfaces.Where(i => i.AdminUp && !i.IsLoopback && upstream.Contains(i.Name)))
            {
                if (i.Addresses.Select(a => a.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) is { } address)
                {
                    candidates.Add((i.Name, address, false));
                }
            }
        }

        var state = new ServerStateReader(reader.Source);
        var probes = new List<ReversePathProbe>();
        foreach (var (name, address, named) in candidates)
        {
            var rp = state.RpFilter(name);
            // With rp_filter 0 the kernel validates nothing (fib_validate_source's fast path): nothing to ask.
            var input = rp is 1 or 2 ? await reader.RouteInputAsync(address, client, name, cancellationToken).ConfigureAwait(false) : null;
            if (recorded && input is { Error: not null } && NotRecorded(input.Raw))
            {
                input = null;  // a snapshot that did not record the decision: not a refusal
            }
            probes.Add(new ReversePathProbe(name, address, rp, input, back, named));
        }

        return probes;
    }

    /// <summary>The kernel's own decision for the (translated) destination, as ip_route_input makes it; null when a snapshot did not record it.</summary>
    private async Task<RouteChoice?> RouteForAsync(IPAddress destination, IPAddress client, string inInterface, IReadOnlySet<IPAddress> local, CancellationToken cancellationToken)
    {
        if (IPAddress.IsLoopback(destination) || local.Contains(destination))
        {
            return new RouteChoice(RouteKind.Local, null, $"local {destination}: an address of this host");
        }

        var r = await reader.RouteInputAsync(destination, client, inInterface, cancellationToken).ConfigureAwait(false);
        if (recorded && r.Error is not null && NotRecorded(r.Raw))
        {
            return null;
        }

        var how = $"ip route get {destination} from {client} iif {inInterface}: ";
        var v6 = destination.AddressFamily == AddressFamily.InterNetworkV6;
        if (r.Error is { } error)
        {
            var forwarding = Sysctl($"/proc/sys/net/ipv4/conf/{inInterface}/forwarding");
            var answer = RouteErrorAnswer.For(error, destination.AddressFamily, forwarding);
            return new RouteChoice(RouteKind.Unreachable, null, how + error
                + (answer is not null || v6 ? string.Empty
                    : forwarding == false ? $" (forwarding is off on {inInterface}: the kernel drops it without an ICMP)"
                    : forwarding is null ? $" (net.ipv4.conf.{inInterface}.forwarding could not be read: taken as off, so no ICMP)"
                    : string.Empty))
            {
                Answer = answer,
            };
        }

        // ip -6 route get shows the route even with forwarding off; ip6_forward() then drops the packet
        // without an ICMP (net/ipv6/ip6_output.c: devconf_all->forwarding).
        if (!r.IsLocal && v6 && Sysctl("/proc/sys/net/ipv6/conf/all/forwarding") == false)
        {
            return new RouteChoice(RouteKind.Unreachable, null, how + r.Raw + " (net.ipv6.conf.all.forwarding is 0: the kernel drops it without an ICMP)");
        }

        return r.IsLocal
            ? new RouteChoice(RouteKind.Local, null, how + r.Raw)
            : new RouteChoice(RouteKind.Forward, r.Device, how + r.Raw);
    }

    private static bool NotRecorded(string said) => said.StartsWith(SnapshotSystem.NotRecorded, StringComparison.Ordinal);

    private bool? Sysctl(string path) => reader.Source.ReadFile(path)?.Trim() switch
    {
        "0" => false,
        null or "" => null,
        _ => true,
    };

    /// <summary>
    /// Where each branch of the trace delivers the packet, and who listens there. Null when nothing was
    /// translated and the packet stays here: the plain case, this host's sockets.
    /// </summary>
    private async Task<IReadOnlyList<Delivery>?> DeliveriesAsync(IReadOnlyList<TraceResult> traces, IReadOnlyList<Listener> all, int port, string protocol, IPAddress local, string inInterface, CancellationToken cancellationToken)
    {
        if (traces.All(t => t.Translations.Count == 0 && t.Path != TrafficDirection.Forward))
        {
            return null;
        }

        var namespaces = new NamespaceReader(reader.Source);
        var result = new List<Delivery>();
        foreach (var t in traces)
        {
            var dport = t.DestinationPort ?? port;
            if (t.Path != TrafficDirection.Forward)
            {
                var address = t.Destination ?? (t.RedirectedLocally ? null : local);
                result.Add(Delivery.ThisHost(address, dport, inInterface, all.Where(l => l.Port == dport && l.Protocol == protocol).ToList(), t.Probability));
                continue;
            }

            if (t.Destination is not { } destination)
            {
                result.Add(new Delivery(null, dport, "?", null, [], t.Probability, "the destination after NAT is not known"));
                continue;
            }

            var (ns, search, why) = await namespaces.OwnerOfAsync(destination, t.OutInterface, cancellationToken).ConfigureAwait(false);
            if (ns is null)
            {
                // Not in a namespace here: forwarded off this host, unless the route leads to a local
                // bridge where the address should have been (a stopped container).
                result.Add(new Delivery(destination, dport, $"{destination} (out {t.OutInterface})", null, [], t.Probability, why, Remote: search == NamespaceSearch.NoneHasIt && !OnLink(t)));
                continue;
            }

            var there = await namespaces.ListenersAsync(ns, cancellationToken).ConfigureAwait(false);
            result.Add(there is null
                ? new Delivery(destination, dport, ns.Description, null, [], t.Probability, $"ss could not be run in {ns.Description}")
                : new Delivery(destination, dport, ns.Description, null, there.Where(l => l.Port == dport && l.Protocol == protocol).ToList(), t.Probability));
        }

        return result;
    }

    /// <summary>Whether the route to the forwarded destination was a directly connected one (no gateway).</summary>
    private static bool OnLink(TraceResult t) => t.Route?.Contains(" via ", StringComparison.Ordinal) == false;
}
