using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>Runs every client-side assessor over one set of observations, lowest layer first.</summary>
public static class ClientAssessment
{
    public static IReadOnlyList<Finding> Assess(ClientObservations o)
    {
        // Link and interface rest on the system reads alone: their time is the reads' time.
        var link = LinkCheck.Assess(o) with { Ms = o.ReadMs };
        // This host's own state first (its prefix, ...): it must not blame others for it.
        var iface = (InterfacePrefixCheck.Assess(o) ?? InterfaceCheck.Assess(o)) with { Ms = o.ReadMs };
        var below = link.Status == CheckStatus.Fail || iface.Status == CheckStatus.Fail;
        // This host's own routing or OUTPUT rules stop the packet before any gateway sees it.
        var local = LocalRouteCheck.Assess(o) ?? LocalFirewallCheck.Assess(o);
        var ownRouting = local?.Code == Codes.LocalRoute;
        var gateway = ownRouting ? Findings.Skip(Layer.Gateway, Message.Of("gateway.skip.own-routing")) : GatewayCheck.Assess(o, below);
        var dns = DnsCheck.Assess(o);
        var route = ownRouting ? Findings.Skip(Layer.Route, Message.Of("route.skip.own-routing")) : RouteCheck.Assess(o, below || gateway.Status == CheckStatus.Fail);
        var port = PortCheck.Assess(o, route.Status is CheckStatus.Fail or CheckStatus.Skip && route.Code != Codes.RouteProhibited);
        return local is null ? [link, iface, gateway, dns, route, port] : [link, iface, local, gateway, dns, route, port];
    }
}
