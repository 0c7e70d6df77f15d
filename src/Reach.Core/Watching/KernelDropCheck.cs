using System.Globalization;
using Reach.Core.Assessment;
using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Text;

namespace Reach.Core.Watching;

/// <summary>
/// The kernel's own word on the client's flow, laid over the server's findings. Pure: findings, the
/// packet watch and the kernel drop watch in, findings and the decisive code out.
///
/// A drop reason is the kernel saying why it freed this very packet, so it outranks what reach infers
/// from rules and tables: the finding of the layer it proves becomes a failure with that code (or keeps
/// its own failing code of that layer, which says more: firewall.reject, listener.loopback-only), carries
/// the kernel's lines as evidence, and decides the verdict even when a lower layer fails too (a missing
/// listener behind a DROP rule is not why the SYNs die now). Drops of the client's SYNs decide first,
/// then drops of this host's answers, then SYNs the listener consumed without answering. A reason reach
/// has no verdict for, or SYN-ACKs sent again with nothing dropped, make the watch's finding
/// inconclusive: never ok while the kernel says the flow fails.
/// </summary>
public static class KernelDropCheck
{
    /// <summary>The evidence's source: what said it.</summary>
    public const string Source = "kernel (eBPF skb:kfree_skb)";

    /// <param name="findings">The server's findings, the packet watch's (route layer) last.</param>
    /// <param name="watch">The packet socket's view: whether SYN-ACKs went out.</param>
    /// <param name="conntrackFull">This namespace's conntrack table held nf_conntrack_max entries.</param>
    public static (IReadOnlyList<Finding> Findings, Code? Decisive) Apply(IReadOnlyList<Finding> findings, WatchObservation watch, KernelWatch kernel, bool conntrackFull)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(kernel);
        var list = findings.ToList();
        var route = list.FindLastIndex(f => f.Layer == Layer.Route);
        if (!kernel.Ran)
        {
            AddEvidence(list, route, Unavailable(kernel));
            return (list, null);
        }

        var client = watch.Client.ToString();
        // consume_skb fires wherever a packet is done with: only tcp_rcv_state_process is the listener's
        // (a packet socket's copy of the SYN, reach's own watch included, is consumed in packet_recvmsg).
        var groups = kernel.Events
            .Where(e => e.Kind != KernelEventKind.SynConsumed || e.Function == DropReasonMap.ListenerConsume)
            .GroupBy(e => (e.Kind, e.Incoming, Packet: e.PacketKind, Reason: e.ReasonName, Function: e.Function))
            .Select(g => new Group(g.Key.Kind, g.Key.Incoming, g.Key.Packet, g.Key.Reason, g.Key.Function, g.Count(), g.First()))
            .ToList();
        AddEvidence(list, route, Overview(kernel, groups, client));

        // Only the handshake decides: a connection's later packets meet routine drops (a FIN purged with
        // its socket's queue, a late ACK after the close, a retransmission already received).
        var drops = groups.Where(g => g.Kind == KernelEventKind.Dropped && Handshake(g)).ToList();
        var proof = drops
            .Select(g => (Group: g, Code: DropReasonMap.Proves(g.Reason, g.Function, g.Incoming, g.Packet == "SYN", conntrackFull)))
            .Where(p => p.Code is not null)
            .OrderByDescending(p => p.Group.Incoming && p.Group.Packet == "SYN")
            .ThenByDescending(p => !p.Group.Incoming)
            .ThenByDescending(p => p.Group.Count)
            .FirstOrDefault();

        if (proof.Code is { } code)
        {
            return (Prove(list, code, proof.Group, watch), Decisive(list, code));
        }

        // A listener consumes every SYN it is handed; with no SYN-ACK going out, it dropped them, unless
        // no SYN-ACK could go out at all: without a route back the request dies before any packet is
        // made (the route check says no-return), and the queue is not to blame.
        var consumed = groups.Where(g => g.Kind == KernelEventKind.SynConsumed).Sum(g => g.Count);
        if (consumed > 0 && watch.Error is null && !watch.Packets.Any(p => p.Kind == WatchedKind.SynAck) && watch.RouteBack is not { HasRoute: false })
        {
            var group = groups.First(g => g.Kind == KernelEventKind.SynConsumed) with { Count = consumed };
            return (Prove(list, Codes.ListenerOverflow, group, watch), Decisive(list, Codes.ListenerOverflow));
        }

        var again = groups.Where(g => g.Kind == KernelEventKind.SynAckRetransmitted).Sum(g => g.Count);
        if (again > 0)
        {
            // The client's SYNs sent again meanwhile meet the pending request (dropped as NOT_SPECIFIED): the missing ACK is the story.
            Undecided(list, route, Message.Of("kernel.synack-again.summary", ("client", client), ("count", $"{again}")));
            return (list, null);
        }

        // The handshake dropped for a reason with no verdict: say so, never ok.
        if (drops.OrderByDescending(g => g.Count).FirstOrDefault() is { } unnamed)
        {
            Undecided(list, route, Message.Of("kernel.unmapped.summary", ("reason", unnamed.Reason ?? "?"), ("where", unnamed.Where)).With("what", What(unnamed, client)));
            return (list, null);
        }

        return (list, null);
    }

    /// <summary>The verdict when the kernel decided it: the finding that carries its proof; null otherwise.</summary>
    public static Verdict? Verdict(IReadOnlyList<Finding> findings, Code? decisive)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (Precedence.KernelProven(findings, decisive) is not { } root)
        {
            return null;
        }

        return new Verdict(root.Code, root.Layer, root.Summary, root.Fix ?? Message.Of("verdict.see-evidence"));
    }

    private static List<Finding> Prove(List<Finding> list, Code code, Group proof, WatchObservation watch)
    {
        var layer = code.Layer!.Value;
        var evidence = new Evidence(Source, Line(proof, watch.Client.ToString()));
        var index = list.FindIndex(f => f.Layer == layer && f.Status == CheckStatus.Fail && Keeps(f.Code, code));
        if (index >= 0)
        {
            // The finding already names the cause (the rule, the listener's address): the kernel confirms it.
            list[index] = list[index] with { Evidence = [evidence, .. list[index].Evidence.Where(e => e != evidence)] };
            return list;
        }

        var (summary, fix) = Sentences(code, proof, watch);
        index = list.FindLastIndex(f => f.Layer == layer);
        var kept = index >= 0 ? list[index].Evidence : [];
        var finding = Findings.Fail(code, summary, fix, [evidence, .. kept.Where(e => e != evidence)], index >= 0 ? list[index].Ms : 0);
        if (index >= 0)
        {
            list[index] = finding;
        }
        else
        {
            list.Add(finding);
        }

        return list;
    }

    /// <summary>A failing finding of the proven layer that the kernel's proof leaves standing, with its own (more precise) code.</summary>
    private static bool Keeps(Code existing, Code proven) =>
        existing == proven
        // NETFILTER_DROP is also how a REJECT ends (it answers, then drops), and a rate limit drops too.
        || (proven == Codes.FirewallDrop && existing.Name is "firewall.reject" or "firewall.rate-limited" or "firewall.conntrack-full")
        // NO_SOCKET: the listener finding says why none matches (bound to loopback, to the other family).
        || (proven == Codes.ListenerNone && existing.Name.StartsWith("listener.", StringComparison.Ordinal) && existing != Codes.ListenerOverflow);

    private static Code? Decisive(List<Finding> list, Code proven) =>
        list.FirstOrDefault(f => f.Status == CheckStatus.Fail && f.Layer == proven.Layer && Keeps(f.Code, proven))?.Code;

    private static (Message Summary, Message Fix) Sentences(Code code, Group proof, WatchObservation watch)
    {
        var client = watch.Client.ToString();
        var what = What(proof, client);
        var where = proof.Where;
        var port = watch.Port.ToString(CultureInfo.InvariantCulture);
        if (code == Codes.FirewallConntrackFull)
        {
            return (Message.Of("kernel.conntrack-full.summary", ("where", where)).With("what", what), Message.Of("kernel.conntrack-full.fix"));
        }

        if (code == Codes.FirewallDrop)
        {
            return (Message.Of("kernel.firewall.summary", ("where", where)).With("what", what), Message.Of("kernel.firewall.fix", ("client", client), ("port", port)));
        }

        if (code == Codes.ListenerNone)
        {
            return (Message.Of("kernel.no-socket.summary", ("where", where), ("port", port)).With("what", what), Message.Of("kernel.no-socket.fix", ("port", port)));
        }

        if (code == Codes.ListenerOverflow)
        {
            return (proof.Kind == KernelEventKind.SynConsumed
                    ? Message.Of("kernel.overflow.consumed.summary", ("where", where)).With("what", what)
                    : Message.Of("kernel.overflow.summary", ("where", where)).With("what", what),
                Message.Of("kernel.overflow.fix", ("port", port)));
        }

        if (code == Codes.RouteRpFilter)
        {
            var iface = proof.First.Interface ?? watch.ArrivalInterface ?? "?";
            var back = watch.RouteBack?.Device is { } dev && dev != iface
                ? Message.Of("kernel.rp-filter.via", ("device", dev), ("interface", iface))
                : null;
            return (Message.Of("kernel.rp-filter.summary", ("where", where)).With("what", what).With("via", back),
                Message.Of("watch.rp-filter.fix", ("client", client), ("interface", iface)));
        }

        // route.no-return: this host's answers could not leave.
        return (Message.Of("kernel.no-return.summary", ("where", where), ("reason", proof.Reason ?? "?")).With("what", what),
            Message.Of("kernel.no-return.fix", ("client", client)));
    }

    /// <summary>A packet of the handshake: the client's SYN, its last ACK refused for a full queue, this host's SYN-ACK or RST.</summary>
    private static bool Handshake(Group g) =>
        g.Incoming
            ? g.Packet == "SYN" || (g.Packet == "ACK" && g.Reason == "TCP_LISTEN_OVERFLOW")
            : g.Packet is "SYN-ACK" or "RST";

    private static void Undecided(List<Finding> list, int route, Message summary)
    {
        if (route < 0)
        {
            list.Add(Findings.Inconclusive(Layer.Route, summary, []));
        }
        else if (list[route].Status is CheckStatus.Pass or CheckStatus.Skip)
        {
            list[route] = Findings.Inconclusive(Layer.Route, summary, list[route].Evidence, list[route].Ms);
        }
    }

    private static void AddEvidence(List<Finding> list, int index, List<Evidence> evidence)
    {
        if (index >= 0 && evidence.Count > 0)
        {
            list[index] = list[index] with { Evidence = [.. list[index].Evidence, .. evidence] };
        }
    }

    /// <summary>What the watch saw, one line per kind of event (the first few), or that it saw no drop.</summary>
    private static List<Evidence> Overview(KernelWatch kernel, List<Group> groups, string client)
    {
        var lines = groups.OrderBy(g => g.First.AtMs).Take(6).Select(g => new Evidence(Source, Line(g, client))).ToList();
        if (groups.Count > 6)
        {
            lines.Add(new Evidence(Source, $"… {groups.Count - 6} more kinds of events"));
        }

        if (!groups.Any(g => g.Kind == KernelEventKind.Dropped))
        {
            lines.Add(new Evidence(Source, $"no packet between {client} and this port dropped"));
        }

        if (kernel.Lost > 0)
        {
            lines.Add(new Evidence(Source, $"{kernel.Lost} events lost (ring buffer full)"));
        }

        return lines;
    }

    private static List<Evidence> Unavailable(KernelWatch kernel)
    {
        var lines = new List<Evidence> { new(Source, $"not running: {kernel.Error}") };
        if (kernel.HostDropsError is { } error)
        {
            lines.Add(new Evidence("tracefs skb:kfree_skb (host-wide)", $"not counted: {error}"));
        }

        lines.AddRange(kernel.HostDrops.OrderByDescending(d => d.Count).Take(5)
            .Select(d => new Evidence("tracefs skb:kfree_skb (host-wide, every flow)", $"{d.Count} × {d.Reason} in {d.Function}")));
        if (kernel.HostDropsError is null && kernel.HostDrops.Count == 0)
        {
            lines.Add(new Evidence("tracefs skb:kfree_skb (host-wide, every flow)", "no packet dropped anywhere on this host"));
        }

        return lines;
    }

    /// <summary>"3 SYNs 10.1.1.7 → :80 dropped in nft_do_chain (NETFILTER_DROP) on eth0, first at +12 ms".</summary>
    private static string Line(Group g, string client)
    {
        var plural = g.Count == 1 ? g.Packet : g.Packet + "s";
        var direction = g.Incoming ? $"from {client}" : $"to {client}";
        var first = $"first at +{g.First.AtMs.ToString("0", CultureInfo.InvariantCulture)} ms";
        var on = g.First.Interface is { } i ? $" on {i}" : string.Empty;
        return g.Kind switch
        {
            KernelEventKind.Dropped => $"{g.Count} {plural} {direction} dropped in {g.Where} ({g.Reason ?? $"reason {g.First.Reason}"}){on}, {first}",
            KernelEventKind.SynConsumed => $"{g.Count} {plural} {direction} taken by the listener in {g.Where}{on}, {first}",
            _ => $"SYN-ACK to {client} sent again {g.Count} {(g.Count == 1 ? "time" : "times")} (tcp_retransmit_synack), {first}",
        };
    }

    private static Message What(Group g, string client) =>
        Message.Of((g.Incoming, g.Count == 1) switch
        {
            (true, true) => "kernel.what.from.one",
            (true, false) => "kernel.what.from.many",
            (false, true) => "kernel.what.to.one",
            _ => "kernel.what.to.many",
        }, ("count", $"{g.Count}"), ("packet", g.Packet), ("client", client));

    private sealed record Group(KernelEventKind Kind, bool Incoming, string Packet, string? Reason, string? Function, int Count, KernelEvent First)
    {
        public string Where => First.Where;
    }
}
