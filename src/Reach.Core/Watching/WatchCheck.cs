using System.Globalization;
using Reach.Core.Assessment;
using Reach.Core.Model;
using Reach.Core.Text;

namespace Reach.Core.Watching;

/// <summary>
/// The far end's own view of the client's packets, as tcpdump on web1 gives it to an operator: did the
/// SYNs arrive, and what went back. What decided (the rule, the socket) is the listener and firewall
/// findings' business; this finding proves the route layer from the far side: no SYN at all (the loss
/// is before this host), or SYNs in and nothing out because the kernel cannot route the answer back
/// (no route, or rp_filter's reverse-path check, RFC 3704 / ip-sysctl.rst: 1 = strict).
/// </summary>
public static class WatchCheck
{
    /// <summary>The route layer could not be judged from here (no packet socket).</summary>

    public static Finding Assess(WatchObservation o)
    {
        var window = (o.WindowMs / 1000).ToString("0.0", CultureInfo.InvariantCulture);
        var evidence = new List<Evidence>();
        // The first packets of each kind tell the story; a trace's dozens of SYNs would bury it.
        foreach (var group in o.Packets.GroupBy(p => p.Kind))
        {
            evidence.AddRange(group.Take(4).Select(p => new Evidence($"packet socket ({p.Interface}, {(p.Outgoing ? "out" : "in")}) +{p.AtMs:0} ms", p.Detail)));
            if (group.Count() > 4)
            {
                evidence.Add(new Evidence("packet socket", $"… {group.Count() - 4} more {group.Key} packets"));
            }
        }

        if (o.RouteBack is { } back)
        {
            evidence.Add(new Evidence($"ip route get {o.Client} from {o.LocalAddress}", back.Error ?? back.Raw.Trim()));
        }

        if (o.ReversePath is { } rp)
        {
            evidence.Add(new Evidence($"ip route get {o.LocalAddress} from {o.Client} iif {o.ArrivalInterface}", rp.Error ?? rp.Raw.Trim()));
        }

        if (o.RpFilter is { } filter)
        {
            evidence.Add(new Evidence($"rp_filter ({o.ArrivalInterface})", $"{filter} ({RpName(filter)})"));
        }

        if (o.Error is { } error)
        {
            return Findings.Inconclusive(Layer.Route, Message.Of("watch.unknown", ("client", $"{o.Client}"), ("error", error)), evidence);
        }

        var syns = o.Syns.ToList();
        if (syns.Count == 0)
        {
            return Findings.Fail(Codes.RouteUnreachable,
                Message.Of("watch.no-syn.summary", ("client", $"{o.Client}"), ("port", $"{o.Port}"), ("window", window)),
                Message.Of("watch.no-syn.fix", ("client", $"{o.Client}")),
                evidence, o.WindowMs);
        }

        var iface = o.ArrivalInterface!;
        var arrived = Message.Of(syns.Count == 1 ? "watch.arrived.one" : "watch.arrived.many", ("count", $"{syns.Count}"), ("client", $"{o.Client}"), ("interface", iface));
        var replies = o.Replies.ToList();
        if (replies.Count > 0)
        {
            var kinds = string.Join(", ", replies.Select(r => r.Kind switch
            {
                WatchedKind.SynAck => "SYN-ACK",
                WatchedKind.Rst => "RST",
                _ => r.Detail[(r.Detail.IndexOf("ICMP", StringComparison.Ordinal) is var i and >= 0 ? i : 0)..],
            }).Distinct());
            var outIf = replies[0].Interface == iface ? null : Message.Of("watch.answered.by", ("interface", $"{replies[0].Interface}"));
            return Findings.Pass(Codes.RouteOk, Message.Of("watch.answered", ("kinds", kinds)).With("arrived", arrived).With("by", outIf), evidence, o.WindowMs);
        }

        if (o.RouteBack is { HasRoute: false } none)
        {
            return Findings.Fail(Codes.RouteNoReturn,
                Message.Of("watch.no-return.summary", ("client", $"{o.Client}"), ("local", $"{o.LocalAddress}"), ("error", $"{none.Error}")).With("arrived", arrived),
                Message.Of("watch.no-return.fix", ("client", $"{o.Client}")),
                evidence, o.WindowMs);
        }

        if (o.ReversePath is { Error: { } rpError })
        {
            var via = o.RouteBack?.Device is { } dev && dev != iface
                ? Message.Of("watch.rp-filter.asymmetric", ("client", $"{o.Client}"), ("device", dev), ("interface", iface))
                : null;
            return Findings.Fail(Codes.RouteRpFilter,
                Message.Of("watch.rp-filter.summary", ("value", o.RpFilter?.ToString(CultureInfo.InvariantCulture) ?? "?"), ("error", rpError)).With("arrived", arrived).With("via", via),
                Message.Of("watch.rp-filter.fix", ("client", $"{o.Client}"), ("interface", iface)),
                evidence, o.WindowMs);
        }

        return Findings.Pass(Codes.RouteOk,
            Message.Of("watch.silent", ("window", window)).With("arrived", arrived),
            evidence, o.WindowMs);
    }

    private static string RpName(int value) => value switch
    {
        0 => "off",
        1 => "strict",
        2 => "loose",
        _ => "unknown",
    };
}
