using Reach.Core.Diagnosis;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>Runs every client-side assessor over one set of observations, lowest layer first; which one stands aside for which is <see cref="Precedence"/>'s.</summary>
public static class ClientAssessment
{
    public static IReadOnlyList<Finding> Assess(ClientObservations o)
    {
        // Link and interface rest on the system reads alone: their time is the reads' time.
        var link = LinkCheck.Assess(o) with { Ms = o.ReadMs };
        // This host's own state first (its prefix, ...): it must not blame others for it.
        var iface = (NeighbourTableCheck.Assess(o) ?? InterfacePrefixCheck.Assess(o) ?? InterfaceMtuCheck.Assess(o) ?? DuplicateAddressCheck.OwnAddress(o) ?? InterfaceCheck.Assess(o)) with { Ms = o.ReadMs };
        // This host's own routing or OUTPUT rules stop the packet before any gateway sees it.
        var local = Precedence.OwnHost(LocalRouteCheck.Assess(o), LocalFirewallCheck.Assess(o));
        var ownRouting = Precedence.OwnRoutingRefuses(local);
        var gatewayHidden = Precedence.HiddenBelow(Layer.Gateway, [link, iface]);
        var gateway = ownRouting ? Findings.Skip(Layer.Gateway, Message.Of("gateway.skip.own-routing"))
            : (gatewayHidden ? null : DuplicateAddressCheck.Gateway(o)) ?? GatewayCheck.Assess(o, gatewayHidden);
        var dns = DnsCheck.Assess(o);
        var route = ownRouting ? Findings.Skip(Layer.Route, Message.Of("route.skip.own-routing")) : RouteCheck.Assess(o, Precedence.HiddenBelow(Layer.Route, [link, iface, gateway]));
        var port = PortCheck.Assess(o, Precedence.HiddenBelow(Layer.Port, [route]));
        return local is null ? [link, iface, gateway, dns, route, port] : [link, iface, local, gateway, dns, route, port];
    }
}
