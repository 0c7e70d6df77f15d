using System.Net;
using Reach.Core.Model;
using Reach.Core.Observations;

using Reach.Core.Text;

namespace Reach.Core.Paths;

/// <summary>
/// The path a report draws, built from what the probes saw: this host, the gateway, each router the
/// trace met, the router whose ICMP error proves the verdict (even when the trace never met it), and
/// the target. The node or link that failed is marked and labelled with the evidence; the target is
/// marked only when the target itself failed. Pure: it reads the observations and the diagnosis, and
/// decides nothing new. Every format (text, Markdown, HTML, JSON) draws this one list.
/// </summary>
public static class PathBuilder
{
    public static IReadOnlyList<PathHop> Build(ClientObservations o, Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(verdict);
        var target = o.Probed;
        var gateway = o.NextHop;
        var egress = o.Egress;
        var family = (target ?? o.Target.Address)?.AddressFamily;
        var own = egress?.Addresses.FirstOrDefault(a => a.Family == family)?.Address ?? egress?.Addresses.FirstOrDefault()?.Address;
        var hops = new List<PathHop>
        {
            new(PathRole.ThisHost, egress is null ? "this host" : $"this host ({egress.Name})", own, PathMark.Ok),
        };

        if (gateway is not null)
        {
            hops.Add(new PathHop(PathRole.Gateway, gateway.ToString(), gateway, PathMark.Ok));
        }

        // Routers of the trace, beyond the gateway and short of the target. A silent TTL that a later
        // one answers after is a router too (traceroute's "* * *"), drawn but not blamed: ICMP rate
        // limits make routers quiet. The silent TTLs after the last answer are not drawn: the trace
        // cannot tell them from the target itself or from routers beyond, so the link after the last
        // answer stands for them.
        var traced = o.Trace?.Hops ?? [];
        var lastAnswer = traced.Count - 1;
        while (lastAnswer >= 0 && traced[lastAnswer].Silent)
        {
            lastAnswer--;
        }

        foreach (var hop in traced.Take(lastAnswer + 1))
        {
            // An answer from this host's own address is its kernel's (the next hop never answered ARP, an
            // OUTPUT REJECT): this host is already drawn, it is no router of the way.
            if (Equals(hop.From, gateway) || (target is not null && Equals(hop.From, target)) || (hop.From is { } self && o.IsOwnAddress(self)))
            {
                continue;
            }

            hops.Add(hop.From is { } from
                ? new PathHop(PathRole.Router, from.ToString(), from, PathMark.Ok)
                : new PathHop(PathRole.Router, $"hop {hop.Ttl}: *", null, PathMark.Silent, hop.Describe().Trim()));
        }

        // The router whose ICMP error answered (!X, !N, !H, a REJECT's port-unreachable) is on the way
        // even when the trace did not meet it (no trace ran, or it kept quiet at its TTL): after the
        // routers known, before the target.
        if (Sender(o) is { } sender && !Equals(sender, target) && !hops.Exists(h => Equals(h.Address, sender))
            && egress?.Addresses.Any(a => Equals(a.Address, sender)) != true)
        {
            hops.Add(new PathHop(PathRole.Router, sender.ToString(), sender, PathMark.Ok));
        }

        hops.Add(new PathHop(PathRole.Target, target is null ? o.Target.Host : o.Target.Host == target.ToString() ? target.ToString() : $"{o.Target.Host} ({target})", target, PathMark.Ok));
        // Nothing proven failed when the verdict is ok or inconclusive: no node is marked.
        return verdict.IsOk || verdict.Code == Codes.Inconclusive || verdict.Layer is null ? hops : Mark(hops, o, verdict);
    }

    private static List<PathHop> Mark(List<PathHop> hops, ClientObservations o, Verdict verdict)
    {
        var targetIndex = hops.Count - 1;
        var blame = verdict.Layer switch
        {
            // This host's own fault: no carrier is the wire out of it; the rest is the host itself.
            Layer.Link => new Blame(1, PathMark.LinkFails),
            Layer.Interface or Layer.Local => new Blame(0, PathMark.Fails),
            Layer.Gateway => new Blame(hops.FindIndex(h => h.Role == PathRole.Gateway) is var g and >= 0 ? g : 0, PathMark.Fails),
            // No node of the way failed: the name never became an address, so the target is not reached.
            Layer.Dns => null,
            Layer.Route => RouteBlame(hops, o, verdict),
            Layer.Port => PortBlame(hops, o, verdict),
            // The target's own listener or firewall (the server end proves it).
            _ => new Blame(targetIndex, PathMark.Fails),
        };

        if (blame is null)
        {
            hops[targetIndex] = hops[targetIndex] with { Mark = PathMark.NotReached };
            return hops;
        }

        // The evidence is what a tool said (said as it is); the verdict's own sentence is said in the reader's language.
        var evidence = Evidence(o, verdict);
        var labelText = Message.Of("path.label", ("code", verdict.Code.Name)).With("text", evidence is null ? verdict.Summary : Message.Of("path.said", ("text", evidence)));
        return PathMarks.Apply(hops, blame.Index, blame.Mark, labelText);
    }

    // A router that sent !N or !X is the cause; !H says the target itself is gone; silence blames the
    // link after the last answer. Without a sender to blame, the way to the target is what failed.
    private static Blame RouteBlame(List<PathHop> hops, ClientObservations o, Verdict verdict)
    {
        var target = hops.Count - 1;
        if (verdict.Code == Codes.RouteNetUnreachable || verdict.Code == Codes.RouteProhibited)
        {
            return Sender(o) is { } sender && hops.FindIndex(h => Equals(h.Address, sender)) is var s and >= 0
                ? new Blame(s, PathMark.Fails)
                : new Blame(target, PathMark.LinkFails);
        }

        if (verdict.Code == Codes.RouteUnreachable)
        {
            // The first hop asked again alone (its budget refilled) answers for a trace that found it silent.
            var from = o.Trace?.LastAnswering?.From ?? (o.FirstHopAgain?.Icmp is { IsTimeExceeded: true } again ? again.Sender : null);
            var last = from is not null ? hops.FindIndex(h => Equals(h.Address, from)) : -1;
            return new Blame(last >= 0 ? Math.Min(last + 1, target) : target, PathMark.LinkFails);
        }

        return verdict.Code == Codes.RouteMtuBlackhole
            ? new Blame(target, PathMark.LinkFails)
            : new Blame(target, PathMark.Fails);
    }

    // A REJECT answers from where it stands (the target's firewall, or a router's); a RST is the
    // target's; silence (a DROP somewhere) happened on the way to it, or at it: the link to it is marked.
    private static Blame PortBlame(List<PathHop> hops, ClientObservations o, Verdict verdict)
    {
        var target = hops.Count - 1;
        if (verdict.Code == Codes.PortRejected && o.Connect?.Icmp is { IsTimeExceeded: false } icmp && !Equals(icmp.Sender, o.Probed)
            && hops.FindIndex(h => Equals(h.Address, icmp.Sender)) is var s and >= 0)
        {
            return new Blame(s, PathMark.Fails);
        }

        return verdict.Code == Codes.PortFiltered
            ? new Blame(target, PathMark.LinkFails)
            : new Blame(target, PathMark.Fails);
    }

    private static IPAddress? Sender(ClientObservations o) =>
        o.Connect?.Icmp is { IsTimeExceeded: false } c ? c.Sender
        : o.Trace?.Hops.Select(h => h.Outcome?.Icmp).FirstOrDefault(i => i is { IsTimeExceeded: false })?.Sender
        ?? (o.TargetPing?.Icmp is { IsTimeExceeded: false } p ? p.Sender : null)
        ?? (o.FirstHopAgain?.Icmp is { IsTimeExceeded: false } again ? again.Sender : null);

    // The one observation that proves the verdict, in the words of the probes: the ICMP and its
    // sender, the RST, the silence. Null when the summary says it better (DNS, interface, firewall).
    private static string? Evidence(ClientObservations o, Verdict verdict) => verdict.Layer switch
    {
        Layer.Port when o.Connect is { } c => c.Describe(),
        Layer.Route when o.Connect?.Icmp is { IsTimeExceeded: false } icmp => icmp.Describe(),
        Layer.Route when o.Trace?.Hops.Select(h => h.Outcome?.Icmp).FirstOrDefault(i => i is { IsTimeExceeded: false }) is { } icmp => icmp.Describe(),
        Layer.Route when o.FirstHopAgain?.Icmp is { IsTimeExceeded: false } icmp => icmp.Describe(),
        Layer.Route when o.Trace?.LastAnswering is { } last => $"silence after hop {last.Ttl} ({last.From})",
        Layer.Gateway when o.Gateway is { } g => g.Gateway.Describe(),
        _ => null,
    };

    private sealed record Blame(int Index, PathMark Mark);
}
