using Reach.Core.Observations;

namespace Reach.Engine.Checking;

/// <summary>
/// What the route and target phases found: the route decision for the address finally probed, the
/// probes (null when there was no route), the DNS observation with the connect to DNS's own address
/// when /etc/hosts overrides it, and the service translation when this host's nat OUTPUT applies.
/// </summary>
internal sealed record TargetView(RouteView? Route, TargetProbes? Probed, DnsObservation? Dns, ServiceTranslation? Service)
{
    public static TargetView Unresolved(DnsObservation? dns) => new(null, null, dns, null);
}
