using System.Globalization;
using Reach.Core.Assessment;
using Reach.Core.Model;

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
            return Findings.Inconclusive(Layer.Route, $"could not watch for SYNs from {o.Client}: {error}", evidence);
        }

        var syns = o.Syns.ToList();
        if (syns.Count == 0)
        {
            return Findings.Fail(Codes.RouteUnreachable,
                $"no SYN from {o.Client} to port {o.Port} arrived here in {window} s (watched on every interface): the loss is before this host, on the path or on the client",
                $"Look at the path from {o.Client}: `reach check` there names the last router that answers; check the routers' FORWARD rules and routes towards this host.",
                evidence, o.WindowMs);
        }

        var iface = o.ArrivalInterface!;
        var arrived = $"{syns.Count} SYN{(syns.Count == 1 ? string.Empty : "s")} from {o.Client} arrived on {iface}";
        var replies = o.Replies.ToList();
        if (replies.Count > 0)
        {
            var kinds = string.Join(", ", replies.Select(r => r.Kind switch
            {
                WatchedKind.SynAck => "SYN-ACK",
                WatchedKind.Rst => "RST",
                _ => r.Detail[(r.Detail.IndexOf("ICMP", StringComparison.Ordinal) is var i and >= 0 ? i : 0)..],
            }).Distinct());
            var outIf = replies[0].Interface == iface ? string.Empty : $" by {replies[0].Interface}";
            return Findings.Pass(Codes.RouteOk, $"{arrived}; this host answered with {kinds}{outIf}", evidence, o.WindowMs);
        }

        if (o.RouteBack is { HasRoute: false } none)
        {
            return Findings.Fail(Codes.RouteNoReturn,
                $"{arrived}, but this host has no route back to {o.Client} from {o.LocalAddress} ({none.Error}): nothing could be sent back",
                $"Add a route back to {o.Client} (its subnet, or a default route) on this host, and persist it.",
                evidence, o.WindowMs);
        }

        if (o.ReversePath is { Error: { } rpError })
        {
            var via = o.RouteBack?.Device is { } dev && dev != iface ? $"the route back to {o.Client} leaves by {dev}, not by {iface} where the SYN came in, and " : string.Empty;
            return Findings.Fail(Codes.RouteNoReturn,
                $"{arrived}, but {via}the reverse-path filter (rp_filter={o.RpFilter?.ToString(CultureInfo.InvariantCulture) ?? "?"}) drops it ({rpError}): nothing is sent back",
                $"Make the path symmetric (route {o.Client} back by {iface}), or set rp_filter to 2 (loose) on {iface}: `sysctl -w net.ipv4.conf.{iface}.rp_filter=2` and persist it in /etc/sysctl.d.",
                evidence, o.WindowMs);
        }

        return Findings.Pass(Codes.RouteOk,
            $"{arrived}; this host sent nothing back in {window} s (a route back exists: the listener and firewall findings say what swallowed them)",
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
