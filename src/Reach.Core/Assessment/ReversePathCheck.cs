using System.Globalization;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// The reverse-path filter (rp_filter, RFC 3704; ip-sysctl.rst): in ip_route_input, before any INPUT
/// rule, the kernel drops a packet whose source it would not route back out of the interface it came
/// in on (1, strict) or would not route back at all (2, loose), without an ICMP, and counts
/// TcpExt.IPReversePathFilter. A multi-homed server whose route to the client leaves by another
/// interface than the client's packets arrive on drops every one of them in strict mode.
/// </summary>
public static class ReversePathCheck
{
    /// <summary>The finding, or null when there was nothing to check (no client given, IPv6, no counter rise).</summary>
    public static Finding? Assess(LocalObservations o)
    {
        var rose = o.CountersRise?.ReversePathFilter ?? 0;
        if (o.ReversePaths.Count == 0 && rose == 0)
        {
            return null;
        }

        var evidence = new List<Evidence>();
        foreach (var p in o.ReversePaths)
        {
            evidence.Add(new Evidence($"rp_filter ({p.Interface})", p.RpFilter is { } v ? $"{v} ({Mode(v)}): the higher of conf/all and conf/{p.Interface}" : "unreadable"));
            if (p.Input is { } input)
            {
                evidence.Add(new Evidence($"ip route get {p.Local} from {o.Client} iif {p.Interface}", input.Error ?? input.Raw));
            }
        }

        if (o.ReversePaths.FirstOrDefault()?.Back is { } back)
        {
            evidence.Add(new Evidence($"ip route get {o.Client}", back.Error ?? back.Raw));
        }

        if (o.CountersRise?.ReversePathFilter is { } r)
        {
            evidence.Add(new Evidence("/proc/net/netstat", $"TcpExt IPReversePathFilter +{r} while this check ran"));
        }

        var during = rose > 0 ? Message.Of("route.rp-filter.part.during", ("count", $"{rose}")) : null;
        if (o.ReversePaths.Where(p => p.Drops).OrderByDescending(p => p.Named).FirstOrDefault() is { } drop)
        {
            var value = drop.RpFilter!.Value;
            var strict = drop.OtherInterface;
            var reason = strict
                ? Message.Of("route.rp-filter.part.other-interface", ("client", $"{o.Client}"), ("device", $"{drop.Back!.Device}"))
                : Message.Of("route.rp-filter.part.no-route", ("client", $"{o.Client}"));
            return Findings.Fail(Codes.RouteRpFilter,
                Message.Of("route.rp-filter.summary", ("client", $"{o.Client}"), ("interface", drop.Interface), ("local", $"{drop.Local}"), ("value", value.ToString(CultureInfo.InvariantCulture)), ("mode", Mode(value)))
                    .With("reason", reason).With("during", during),
                strict
                    ? Message.Of("route.rp-filter.fix.other-interface", ("client", $"{o.Client}"), ("interface", drop.Interface), ("local", $"{drop.Local}"))
                    : Message.Of("route.rp-filter.fix.no-route", ("client", $"{o.Client}"), ("interface", drop.Interface)),
                evidence);
        }

        if (rose > 0)
        {
            // Some source was dropped while we looked, not one we can name: the counter is per namespace.
            return Findings.Warn(Codes.RouteRpFilter,
                Message.Of("route.rp-filter.during.summary", ("count", $"{rose}")),
                Message.Of("route.rp-filter.during.fix"),
                evidence);
        }

        var names = string.Join(", ", o.ReversePaths.Select(p => p.Interface));
        return o.ReversePaths.All(p => p.RpFilter == 0)
            ? Findings.Pass(Codes.RouteOk, Message.Of("route.rp-filter.off", ("interfaces", names)), evidence)
            : Findings.Pass(Codes.RouteOk, Message.Of("route.rp-filter.passes", ("client", $"{o.Client}"), ("interfaces", names)), evidence);
    }

    private static string Mode(int value) => value switch
    {
        0 => "off",
        1 => "strict",
        2 => "loose",
        _ => "unknown",
    };
}
