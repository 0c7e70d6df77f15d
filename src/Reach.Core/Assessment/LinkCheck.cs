using Reach.Core.Model;
using Reach.Core.Observations;

namespace Reach.Core.Assessment;

/// <summary>The seed's `ethtool eth0` step: is there a carrier on the interface the traffic leaves by?</summary>
public static class LinkCheck
{
    public static Finding Assess(ClientObservations o)
    {
        var candidates = o.Candidates;
        if (candidates.Count == 0)
        {
            return Findings.Skip(Layer.Link, "no network interface besides loopback");
        }

        var evidence = candidates.SelectMany(LinkEvidence).ToList();
        var up = candidates.Where(i => i.AdminUp).ToList();
        if (up.Count == 0)
        {
            return Findings.Skip(Layer.Link,
                $"{Names(candidates)} administratively down: the carrier cannot be read (see interface)", evidence);
        }

        var withCarrier = up.Where(i => i.Carrier != false).ToList();
        if (withCarrier.Count == 0)
        {
            var names = Names(up);
            return Findings.Fail(Codes.LinkDown,
                $"{names} has no carrier (operstate {up[0].OperState}): the cable, the switch port or the peer is down",
                $"Check the cable and the switch port of {names} (`ethtool {up[0].Name}` shows 'Link detected: no'); " +
                "for a VM or a veth, bring the other end up.",
                evidence);
        }

        var i = withCarrier[0];
        var speed = i.SpeedMbps is { } s ? $", {s} Mb/s" : string.Empty;
        var duplex = i.Duplex is { } d ? $" {d} duplex" : string.Empty;
        return Findings.Pass(Codes.LinkUp, $"{i.Name} has a carrier (operstate {i.OperState}{speed}{duplex})", evidence);
    }

    private static string Names(IEnumerable<NetInterface> interfaces) => string.Join(", ", interfaces.Select(i => i.Name));

    private static IEnumerable<Evidence> LinkEvidence(NetInterface i)
    {
        yield return new Evidence($"/sys/class/net/{i.Name}/carrier", i.Carrier switch
        {
            true => "1",
            false => "0",
            null => "unreadable (EINVAL: the interface is administratively down)",
        });
        yield return new Evidence($"/sys/class/net/{i.Name}/operstate", i.OperState);
        if (i.SpeedMbps is not null || i.Duplex is not null)
        {
            yield return new Evidence($"/sys/class/net/{i.Name}/speed,duplex", $"{i.SpeedMbps?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} Mb/s, {i.Duplex ?? "?"}");
        }
    }
}
