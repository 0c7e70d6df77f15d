using System.Net;
using Reach.Core.Model;
using Reach.Core.Observations;

using Reach.Core.Text;

namespace Reach.Core.Paths;

/// <summary>
/// The path a report draws (this host → gateway → each router the trace met → the target), with the
/// node or link the verdict blames marked and labelled with the evidence. Pure: it reads what the
/// probes saw and what the diagnosis concluded, and decides nothing new.
/// </summary>
public static class PathBuilder
{
    public static IReadOnlyList<PathHop> Build(ClientObservations o, Verdict verdict)
    {
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

        // Routers of the trace, beyond the gateway and short of the target; a silent TTL is a node too
        // (traceroute's "* * *"), drawn but not blamed: ICMP rate limits make routers quiet.
        foreach (var hop in o.Trace?.Hops ?? [])
        {
            if (Equals(hop.From, gateway) || (target is not null && Equals(hop.From, target)))
            {
                continue;
            }

            hops.Add(hop.From is { } from
                ? new PathHop(PathRole.Router, from.ToString(), from, PathMark.Ok)
                : new PathHop(PathRole.Router, $"hop {hop.Ttl}: *", null, PathMark.Silent, hop.Describe().Trim()));
        }

        hops.Add(new PathHop(PathRole.Target, target is null ? o.Target.Host : o.Target.Host == target.ToString() ? target.ToString() : $"{o.Target.Host} ({target})", target, PathMark.Ok));
        return verdict.IsOk || verdict.Layer is null ? hops : Mark(hops, o, verdict);
    }

    private static List<PathHop> Mark(List<PathHop> hops, ClientObservations o, Verdict verdict)
    {
        // The evidence is what a tool said (said as it is); the verdict's own sentence is said in the reader's language.
        var evidence = Evidence(o, verdict);
        var labelText = Message.Of("path.label", ("code", verdict.Code.Name)).With("text", evidence is null ? verdict.Summary : Message.Of("path.said", ("text", evidence)));
        var label = labelText.ToString();
        var at = verdict.Layer switch
        {
            // This host's own fault: no carrier is the wire out of it; the rest is the host itself.
            Layer.Link => (Index: 1, Mark: PathMark.LinkFails),
            Layer.Interface or Layer.Local => (Index: 0, Mark: PathMark.Fails),
            Layer.Gateway => (Index: hops.FindIndex(h => h.Role == PathRole.Gateway) is var g and >= 0 ? g : 0, Mark: PathMark.Fails),
            Layer.Route => RouteBlame(hops, o, verdict),
            _ => (Index: hops.Count - 1, Mark: PathMark.Fails),
        };

        for (var i = 0; i < hops.Count; i++)
        {
            if (i == at.Index)
            {
                hops[i] = hops[i] with { Mark = at.Mark, Label = label, LabelText = labelText };
            }
            else if (i > at.Index && hops[i].Mark == PathMark.Ok)
            {
                hops[i] = hops[i] with { Mark = PathMark.NotReached };
            }
        }

        return hops;
    }

    // A router that sent !N or !X is the cause; !H and silence blame what lies after the last answer.
    private static (int Index, PathMark Mark) RouteBlame(List<PathHop> hops, ClientObservations o, Verdict verdict)
    {
        if (Sender(o) is { } sender && !Equals(sender, o.Probed) && hops.FindIndex(h => Equals(h.Address, sender)) is var s and >= 0
            && (verdict.Code == Codes.RouteNetUnreachable || verdict.Code == Codes.RouteProhibited))
        {
            return (s, PathMark.Fails);
        }

        if (verdict.Code == Codes.RouteUnreachable && o.Trace?.LastAnswering?.From is { } last && hops.FindIndex(h => Equals(h.Address, last)) is var l and >= 0)
        {
            return (Math.Min(l + 1, hops.Count - 1), PathMark.LinkFails);
        }

        return verdict.Code == Codes.RouteUnreachable || verdict.Code == Codes.RouteMtuBlackhole
            ? (hops.Count - 1, PathMark.LinkFails)
            : (hops.Count - 1, PathMark.Fails);
    }

    private static IPAddress? Sender(ClientObservations o) =>
        o.Connect?.Icmp is { IsTimeExceeded: false } c ? c.Sender
        : o.Trace?.Hops.Select(h => h.Outcome?.Icmp).FirstOrDefault(i => i is { IsTimeExceeded: false })?.Sender
        ?? (o.TargetPing?.Icmp is { IsTimeExceeded: false } p ? p.Sender : null);

    // The one observation that proves the verdict, in the words of the probes: the ICMP and its
    // sender, the RST, the silence. Null when the summary says it better (DNS, interface, firewall).
    private static string? Evidence(ClientObservations o, Verdict verdict) => verdict.Layer switch
    {
        Layer.Port when o.Connect is { } c => c.Describe(),
        Layer.Route when o.Connect?.Icmp is { IsTimeExceeded: false } icmp => icmp.Describe(),
        Layer.Route when o.Trace?.Hops.Select(h => h.Outcome?.Icmp).FirstOrDefault(i => i is { IsTimeExceeded: false }) is { } icmp => icmp.Describe(),
        Layer.Route when o.Trace?.LastAnswering is { } last => $"silence after hop {last.Ttl} ({last.From})",
        Layer.Gateway when o.Gateway is { } g => g.Gateway.Describe(),
        _ => null,
    };
}
