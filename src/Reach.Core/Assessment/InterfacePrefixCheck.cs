using System.Net;
using Reach.Core.Decisions;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// This host's own prefix, before anyone else is blamed: an address with a prefix wider than the LAN (a /16
/// on a /24) makes an off-LAN target look on-link. The kernel then ARPs for it on this link, nobody answers,
/// and the target looks dead ("host unreachable") while the gateway would have delivered it. Proven when the
/// on-link target's ARP failed while the gateway and the neighbours that answer all lie in a narrower
/// prefix that leaves the target out.
/// </summary>
internal static class InterfacePrefixCheck
{
    public static Finding? Assess(ClientObservations o)
    {
        if (o.Route is not { HasRoute: true, Gateway: null, IsLocal: false, Device: { } device } route
            || o.Connect is not { Result: not TcpResult.Open } connect
            || !ArpFailed(o, connect)
            || o.Interfaces.FirstOrDefault(i => i.Name == device) is not { } egress
            || egress.Addresses.FirstOrDefault(a => a.Family == route.Destination.AddressFamily && a.Scope != "link" && a.Contains(route.Destination)) is not { } own
            || o.Routes.DefaultRoute(route.Destination.AddressFamily) is not { Gateway: { } gateway } defaultRoute
            || defaultRoute.Device != device
            || !own.Contains(gateway))
        {
            return null;
        }

        var target = route.Destination;
        var alive = o.LanNeighbours
            .Where(n => n.Device == device && n.HasLinkAddress && n.Address.AddressFamily == target.AddressFamily && !n.Address.Equals(target) && own.Contains(n.Address))
            .ToList();
        var gatewayAlive = alive.Any(n => n.Address.Equals(gateway)) || o.Gateway?.Gateway is { Answered: true } g && g.Address.Equals(gateway);
        var peers = alive.Where(n => !n.Address.Equals(gateway)).Select(n => n.Address).Distinct().ToList();
        if (!gatewayAlive || peers.Count == 0)
        {
            // The gateway alone is too little to say where the LAN ends.
            return null;
        }

        var common = LanPrefix.CommonLength([own.Address, gateway, .. peers]);
        if (LanPrefix.Suggest(own.Address, own.PrefixLength, common, target) is not { } suggested)
        {
            return null;
        }

        var lan = new InterfaceAddress(own.Address, suggested, own.Scope).Subnet;
        var evidence = new List<Evidence>
        {
            new($"ip addr show {device}", own.ToString()),
            new(route.Command, route.Raw),
            new(o.TargetNeighbour is null ? $"tcp connect {connect.Target}" : $"ip neigh show {target}", o.TargetNeighbour?.ToString() ?? connect.Describe()),
            new($"ip neigh show dev {device}", string.Join("; ", alive.Select(n => n.ToString()))),
            new("default route", $"{defaultRoute}"),
        };
        var nd = Words.Neighbour(target);
        return Findings.Fail(Codes.InterfaceWrongPrefix,
            Message.Of("interface.wrong-prefix.summary", ("interface", device), ("address", own.ToString()), ("target", target.ToString()), ("nd", nd),
                ("gateway", gateway.ToString()), ("peers", string.Join(", ", peers)), ("lan", lan), ("prefix", Words.Number(suggested))),
            Message.Of("interface.wrong-prefix.fix", ("interface", device), ("address", own.Address.ToString()), ("old", Words.Number(own.PrefixLength)),
                ("prefix", Words.Number(suggested)), ("gateway", gateway.ToString()), ("target", target.ToString()))
                .With("file", ConfigFileHint.For(device, o.ConfigFiles)),
            evidence);
    }

    /// <summary>The kernel's ARP (NDP) for the on-link target got no answer: its entry, or the host-unreachable this host sent itself.</summary>
    private static bool ArpFailed(ClientObservations o, TcpOutcome connect) =>
        o.TargetNeighbour is { Unanswered: true }
        || connect is { Result: TcpResult.IcmpError, Icmp: { } icmp } && o.IsOwnAddress(icmp.Sender);
}
