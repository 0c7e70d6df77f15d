using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>The seed's `ethtool eth0` step: is there a carrier on the interface the traffic leaves by?</summary>
public static class LinkCheck
{
    public static Finding Assess(ClientObservations o)
    {
        var candidates = o.Candidates;
        if (candidates.Count == 0)
        {
            return Findings.Skip(Layer.Link, Message.Of("link.skip.no-interface"));
        }

        var evidence = candidates.SelectMany(LinkEvidence).ToList();
        var up = candidates.Where(i => i.AdminUp).ToList();
        if (up.Count == 0)
        {
            return Findings.Skip(Layer.Link, Message.Of("link.skip.admin-down", ("names", Names(candidates))), evidence);
        }

        var withCarrier = up.Where(i => i.Carrier != false).ToList();
        if (withCarrier.Count == 0)
        {
            var names = Names(up);
            return Findings.Fail(Codes.LinkDown,
                Message.Of("link.down.summary", ("names", names), ("operstate", up[0].OperState)),
                Message.Of("link.down.fix", ("names", names), ("interface", up[0].Name)),
                evidence);
        }

        var i = withCarrier[0];
        var speed = i.SpeedMbps is { } s ? $", {s} Mb/s" : string.Empty;
        var duplex = i.Duplex is { } d ? $" {d} duplex" : string.Empty;
        return Findings.Pass(Codes.LinkUp, Message.Of("link.up.summary", ("interface", i.Name), ("operstate", i.OperState), ("speed", speed), ("duplex", duplex)), evidence);
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
